"""Orientation of a person to a place, with consent and follow-up."""
