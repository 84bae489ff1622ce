"""The base model every table inherits from."""
from peewee import Model

from ..extensions import db


class BaseModel(Model):
    """Binds models to the deferred database; table names are the lowercase class names."""

    class Meta:
        database = db
        legacy_table_names = True


def split_values(value):
    """Read a pipe-separated multi-value field ("a|b") as a list."""
    return [v for v in (value or "").split("|") if v]


def join_values(values):
    """Write a list as a pipe-separated multi-value field."""
    return "|".join(v for v in values if v)
