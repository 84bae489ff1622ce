"""Progress in the learning modules."""
from .base import BaseModel  # noqa: F401

MODELS = []
