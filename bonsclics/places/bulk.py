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
    db.cursor().executemany(f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})',
                            _rows(model, names, rows))


def update(model, names, rows):
    """UPDATE the columns `names` of each row; each tuple ends with the row's id."""
    if not rows:
        return
    assignments = ", ".join(f'"{model._meta.fields[name].column_name}" = {db.param}' for name in names)
    adapted = _rows(model, [*names, "id"], rows)
    db.cursor().executemany(f'UPDATE "{model._meta.table_name}" SET {assignments} WHERE "id" = {db.param}', adapted)
