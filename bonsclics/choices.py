"""Choices of form fields, as WTForms wants them (it stops accepting plain pairs in version 3.4)."""
from wtforms.fields.choices import SelectChoice


def options(pairs):
    """Choices for a field, from (value, label) pairs; values are strings, as the browser sends them."""
    return [SelectChoice(str(value), label) for value, label in pairs]


def values(choices):
    """The values of a field's choices (plain pairs are still read, for fields set elsewhere)."""
    return [choice.value if isinstance(choice, SelectChoice) else str(choice[0]) for choice in choices]
