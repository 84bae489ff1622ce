"""The professional space: groups, activity log, volunteers, good practices."""
from .base import BaseModel  # noqa: F401

MODELS = []
