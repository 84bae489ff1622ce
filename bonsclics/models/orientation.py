"""Orientations of a person to a place, with consent and follow-up."""
from .base import BaseModel  # noqa: F401

MODELS = []
