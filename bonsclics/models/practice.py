"""Progress in the practice paths (never what was typed)."""
from .base import BaseModel  # noqa: F401

MODELS = []
