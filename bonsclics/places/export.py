"""Exporting places in the national standard, as CSV and JSON, under the open licence.

Only places whose record passes the standard's checks are exported, so the
files always validate against the schema.
"""
import csv
import io

from . import standard

NUMBER_FIELDS = ("latitude", "longitude")


def cells(place):
    """A place as the standard's text cells (the CSV columns)."""
    row = {}
    for name in standard.field_names():
        value = getattr(place, "source_id" if name == "id" else name)
        if value is None:
            row[name] = ""
        elif name in NUMBER_FIELDS:
            row[name] = repr(float(value))
        elif name == "date_maj":
            row[name] = value.isoformat()
        else:
            row[name] = str(value)
    return row


def valid_rows(places):
    """The cells of each place that passes the standard's checks, and how many were left out."""
    rows, skipped = [], 0
    for place in places:
        row = cells(place)
        if standard.check_row(row):
            skipped += 1
        else:
            rows.append(row)
    return rows, skipped


def to_csv(rows):
    """The rows as a CSV file (UTF-8 text, comma-separated, header first)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=standard.field_names(), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def to_json(rows):
    """The rows as JSON-ready objects: numbers as numbers, empty cells as null."""
    items = []
    for row in rows:
        item = {}
        for name, value in row.items():
            if value == "":
                item[name] = None
            elif name in NUMBER_FIELDS:
                item[name] = float(value)
            else:
                item[name] = value
        items.append(item)
    return items
