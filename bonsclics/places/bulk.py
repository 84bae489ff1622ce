"""Writing many rows at once with the driver's executemany (an import writes tens of thousands).

Building one peewee query per row costs more than the database's own work;
these helpers send one prepared statement with all the rows instead.
"""
from peewee import DateField, DateTimeField

from ..extensions import db


def _adapters(model, names):
    """For each column, the function turning a Python value into the stored one (or None)."""
    fields = [model._meta.fields[name] for name in names]
    return [field.db_value if isinstance(field, (DateField, DateTimeField)) else None for field in fields]


def _rows(model, names, rows):
    adapters = _adapters(model, names)
    if not any(adapters):
        return rows
    return [tuple(adapt(value) if adapt else value for adapt, value in zip(adapters, row)) for row in rows]


def insert(model, names, rows):
    """INSERT every row (tuples in the order of `names`)."""
    if not rows:
        return
    columns = ", ".join(f'"{model._meta.fields[name].column_name}"' for name in names)
    marks = ", ".join([db.param] * len(names))
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES '
    cursor = db.cursor()
    if _is_psycopg2(cursor):  # one multi-row INSERT per 1,000 rows instead of one round trip per row
        from psycopg2.extras import execute_values

        execute_values(cursor, sql + "%s", _rows(model, names, rows), page_size=1000)
    else:
        cursor.executemany(sql + f"({marks})", _rows(model, names, rows))


def update(model, names, rows):
    """UPDATE the columns `names` of each row; each tuple ends with the row's id."""
    if not rows:
        return
    assignments = ", ".join(f'"{model._meta.fields[name].column_name}" = {db.param}' for name in names)
    adapted = _rows(model, [*names, "id"], rows)
    _execute_many(f'UPDATE "{model._meta.table_name}" SET {assignments} WHERE "id" = {db.param}', adapted)


def _execute_many(sql, rows):
    """Run `sql` for every row: SQLite's executemany is fast in-process; psycopg2's sends one
    statement per round trip, so PostgreSQL gets the rows in pages of 500 statements instead."""
    cursor = db.cursor()
    if _is_psycopg2(cursor):
        from psycopg2.extras import execute_batch

        execute_batch(cursor, sql, rows, page_size=500)
    else:
        cursor.executemany(sql, rows)


def _is_psycopg2(cursor):
    """True on PostgreSQL through psycopg2."""
    return cursor.__class__.__module__.startswith("psycopg2")
