"""The national standard "Lieux de médiation numérique" (v1.0.2), read from its own schema file.

`standard/schema.json` is the single source of the fields, the required ones,
the patterns and the vocabularies (services, publics...): the allowed values
are read from the schema's patterns, never retyped. Rows are checked the way
Frictionless checks them (patterns anchored at both ends, empty cells missing).
"""
import datetime
import functools
import json
import math
import os
import re

from flask_babel import gettext as _

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA_PATH = os.path.join(HERE, "standard", "schema.json")
EXAMPLE_PATH = os.path.join(HERE, "standard", "exemple-valide.csv")

# A vocabulary pattern: "(?:(?:^|\|)(A|B|C))+$", one or more allowed values joined by "|".
_VOCABULARY_PATTERN = re.compile(r"^\(\?:\(\?:\^\|\\\|\)\((?P<values>.*)\)\)\+\$$")
# Free fields that still hold several values joined by "|", per the schema's descriptions.
_FREE_MULTI_VALUED = ("typologie", "courriels", "site_web")


@functools.cache
def schema():
    """The schema, as published by the standard's authors."""
    with open(SCHEMA_PATH, encoding="utf-8") as handle:
        return json.load(handle)


@functools.cache
def fields():
    """The standard's fields in schema order: {name: field description}."""
    return {field["name"]: field for field in schema()["fields"]}


def field_names():
    """The names of the standard's fields, in schema order (the columns of a file)."""
    return tuple(fields())


def required_fields():
    """The fields every row must fill."""
    return tuple(name for name, field in fields().items() if field.get("constraints", {}).get("required"))


def licence():
    """The open licence the standard's data is published under (title, name, path)."""
    return schema()["licenses"][0]


def version():
    """The standard's version, as the schema names it ("v1.0.2")."""
    return schema()["version"]


@functools.cache
def vocabulary(name):
    """The allowed values of a field with a closed list, read from its pattern; () if free."""
    pattern = fields()[name].get("constraints", {}).get("pattern", "")
    match = _VOCABULARY_PATTERN.match(pattern)
    if not match:
        return ()
    values, current, escaped = [], "", False
    for char in match.group("values"):
        if escaped:
            current, escaped = current + char, False
        elif char == "\\":
            escaped = True
        elif char == "|":
            values.append(current)
            current = ""
        else:
            current += char
    values.append(current)
    return tuple(values)


def vocabulary_fields():
    """The fields whose values come from a closed list."""
    return tuple(name for name in fields() if vocabulary(name))


def multi_valued(name):
    """True for fields holding several values joined by "|"."""
    return bool(vocabulary(name)) or name in _FREE_MULTI_VALUED


@functools.cache
def _checks():
    """Per field, as Frictionless builds them: (name, type, required, "^pattern$" compiled, maxLength)."""
    compiled = []
    for name, field in fields().items():
        constraints = field.get("constraints", {})
        pattern = re.compile("^{0}$".format(constraints["pattern"])) if "pattern" in constraints else None
        compiled.append((name, field.get("type", "string"), bool(constraints.get("required")), pattern,
                         constraints.get("maxLength")))
    return tuple(compiled)


@functools.cache
def _multi_valued_names():
    return frozenset(name for name in fields() if multi_valued(name))


def normalise(raw):
    """A row as text cells, trimmed: numbers written plainly, lists joined by "|".

    Accepts the cells of a CSV line or the values of a JSON object (numbers,
    lists); unknown keys are ignored, missing ones become "".
    """
    multi = _multi_valued_names()
    row = {}
    for name in fields():
        value = raw.get(name)
        if type(value) is str:
            text = value.strip()
        elif value is None:
            text = ""
        elif isinstance(value, bool):
            text = str(value).lower()
        elif isinstance(value, float):
            text = repr(value)
        elif isinstance(value, (list, tuple)):
            text = "|".join(str(v).strip() for v in value if v is not None and str(v).strip())
        else:
            text = str(value).strip()
        if "|" in text and name in multi:
            text = "|".join(part.strip() for part in text.split("|"))
        row[name] = text
    return row


def check_row(row):
    """The problems of a normalised row: a list of (field, value, message), empty when valid."""
    problems = []
    for name, kind, required, pattern, max_length in _checks():
        value = row.get(name, "")
        if value == "":
            if required:
                problems.append((name, value, _("Ce champ est obligatoire et il est vide.")))
            continue
        message = _type_problem(kind, name, value) if kind != "string" else None
        if message is None and pattern is not None and not pattern.match(value):
            message = pattern_message(name, value)
        if message is None and max_length and len(value) > max_length:
            message = _("Texte trop long : %(length)d caractères, %(max)d au plus.", length=len(value), max=max_length)
        if message is not None:
            problems.append((name, value, message))
    return problems


def _type_problem(kind, name, value):
    """Why `value` is not of the field's type, or None."""
    if kind == "number":
        try:
            number = float(value)
        except ValueError:
            return _("Un nombre est attendu, écrit avec un point : par exemple 50.6292.")
        if not math.isfinite(number):
            return _("Un nombre est attendu, écrit avec un point : par exemple 50.6292.")
        limit = 90 if name == "latitude" else 180
        if abs(number) > limit:
            return _("Coordonnée impossible : elle doit être entre -%(limit)d et %(limit)d.", limit=limit)
    elif kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return _("Une date est attendue au format AAAA-MM-JJ, par exemple 2024-04-02.")
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return _("Cette date n'existe pas : écrivez-la au format AAAA-MM-JJ, par exemple 2024-04-02.")
    return None


def pattern_message(name, value):
    """A plain message for a value that does not follow the field's pattern."""
    allowed = vocabulary(name)
    if allowed:
        unknown = [part for part in value.split("|") if part not in allowed]
        if not unknown or "" in unknown:
            return _("Séparez les valeurs par une seule barre verticale « | », sans valeur vide.")
        return _("Valeur inconnue : « %(values)s ». Valeurs possibles : %(allowed)s.",
                 values=" | ".join(unknown), allowed=" ; ".join(allowed))
    messages = {
        "pivot": _("Écrivez le SIRET (14 chiffres) ou le numéro RNA (W suivi de 9 chiffres), "
                   "sans espace : de 9 à 14 lettres ou chiffres."),
        "code_postal": _("Le code postal s'écrit avec 5 chiffres, par exemple 59000."),
        "code_insee": _("Le code INSEE s'écrit avec 5 caractères, par exemple 59350 ou 2A004."),
        "telephone": _("Écrivez le numéro au format international, sans espace : par exemple "
                       "+33320000000 (le 0 du début est remplacé par +33)."),
    }
    return messages.get(name) or _("Cette valeur ne suit pas le format du standard.")


# National numbers written with a leading 0, by their first digits: the country code to use.
_OVERSEAS_PREFIXES = {
    "0590": "+590", "0690": "+590", "0594": "+594", "0694": "+594", "0596": "+596", "0696": "+596",
    "0262": "+262", "0263": "+262", "0692": "+262", "0693": "+262", "0269": "+262", "0639": "+262",
}


def normalise_phone(text):
    """A phone number written the French way ("03 20 00 00 00") in the standard's form (+33320000000).

    Anything that is not a 10-digit national number is only stripped of spaces,
    dots and dashes, and left for the pattern to judge.
    """
    compact = re.sub(r"[\s.\-()]", "", text or "")
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if re.fullmatch(r"0[1-9]\d{8}", compact):
        return _OVERSEAS_PREFIXES.get(compact[:4], "+33") + compact[1:]
    return compact
