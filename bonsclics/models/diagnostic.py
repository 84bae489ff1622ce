"""Diagnostic results and their answers."""
from .base import BaseModel  # noqa: F401

MODELS = []
