"""Helpers for walking the practice paths like a person would, mistakes included."""
import datetime
import html
import re

from helpers import parse, text_of

from bonsclics.practice import logic


def texts_by_id(response):
    """{id: text} of every element with an id in a response (parsed once)."""
    document, _ = parse(response.get_data(as_text=True))
    return {element.get("id"): text_of(element) for element in document.iter() if element.get("id")}


def page_text(response, element_id):
    """The text of the element with `element_id` in a response, or None."""
    return texts_by_id(response).get(element_id)


def unescaped(response):
    """The response's HTML with entities decoded, for plain-text searches."""
    return html.unescape(response.get_data(as_text=True))


def screen_url(path, screen):
    """The URL of one screen."""
    return f"/practice/{path['id']}/screen/{screen['id']}"


def next_url(path, index):
    """Where a passed screen leads."""
    if index + 1 < len(path["screens"]):
        return screen_url(path, path["screens"][index + 1])
    return f"/practice/{path['id']}/summary"


# --- Values a person might type ------------------------------------------------------

SAMPLES = {"text": "8 rue de l'Exemple", "number": "12", "password": "Essai-Mot-2024", "date": "01/02/1990",
           "postcode": "45000", "nir": "2 85 03 75 999 999 37", "amount": "10", "email": "a@example.com",
           "phone": "0612345678"}


def right_value(field):
    """The right answer, typed with the small differences real people make (spaces, case, € sign)."""
    kind, expected = field["type"], field.get("expected")
    if kind == "checkbox":
        return [expected or field["options"][0]["value"]]
    if expected is None:
        return field["options"][0]["value"] if kind in ("select", "radio") else SAMPLES[kind]
    if kind == "amount":
        whole = int(expected)
        return "0,00" if whole == 0 else f"{whole:,}".replace(",", " ") + " €"
    if kind == "phone":
        return " ".join(expected[i:i + 2] for i in range(0, 10, 2))
    if kind == "nir":
        return f"{expected[0]} {expected[1:3]} {expected[3:5]} {expected[5:7]} {expected[7:10]} {expected[10:13]} {expected[13:]}"
    if kind == "email":
        return f"  {expected.upper()} "
    if kind == "text" and not field.get("pattern"):
        return f" {expected.lower()} "
    return expected


def wrong_format_value(field):
    """A value the field's own rules refuse (None when the field accepts any text)."""
    kind = field["type"]
    if kind in ("select", "radio", "checkbox"):
        return ["zzz"] if kind == "checkbox" else "zzz"
    if kind == "text":
        return "12 34" if field.get("pattern") else None
    if kind == "password":
        return "abc" if field.get("pattern") else None
    return {"nir": "2 85 03 75 999 999 38", "postcode": "4500", "date": "14/03/85", "amount": "huit cents",
            "phone": "06 39 98", "email": "camille.martin.example.com", "number": "1,65"}[kind]


def _change_last_character(text):
    """The same text with its last character changed (a digit stays a digit, a letter a letter)."""
    last = text[-1]
    if last.isdigit():
        replacement = str((int(last) + 1) % 10)
    elif last.isalpha():
        replacement = "X" if last.upper() != "X" else "Y"
    else:
        replacement = "z"
    return text[:-1] + replacement


def wrong_expected_value(field):
    """A well-formed value that is not the card's one (None when the field has no expected value)."""
    kind, expected = field["type"], field.get("expected")
    if expected is None or kind == "checkbox":
        return None
    if kind in ("select", "radio"):
        return next(o["value"] for o in field["options"] if o["value"] != expected)
    if kind == "nir":
        first = _change_last_character(expected[:13])
        return f"{first}{logic.nir_key(first):02d}"
    if kind == "date":
        day = logic.parse_date(expected)[0] + datetime.timedelta(days=1)
        return day.strftime("%d/%m/%Y")
    if kind == "amount":
        return str(int(expected) + 1)
    if kind == "number":
        return str(int(expected) + 1)
    if kind == "email":
        return "autre.personne@example.com"
    if kind == "phone":
        return "0612345678" if expected != "0612345678" else "0712345678"
    if kind == "postcode":
        return "75001" if expected != "75001" else "45000"
    return _change_last_character(expected)


def typed_values(path):
    """Every value the walk types on a path (right ones, wrong formats, wrong values)."""
    typed = set()
    for screen in path["screens"]:
        for field in screen.get("fields", []):
            for maker in (right_value, wrong_format_value, wrong_expected_value):
                value = maker(field)
                for item in value if isinstance(value, list) else [value]:
                    if item and len(str(item).strip()) >= 4:
                        typed.add(str(item).strip())
    return typed


# Hashes and random tokens: 4 typed digits turn up in one of them now and then, by chance.
_RANDOM_HEX = re.compile(r"[0-9a-f]{32,}")


def everything_stored(app):
    """Every text and number stored in every table, as one big string."""
    from bonsclics.db import all_models

    cells = []
    with app.app_context():
        for model in all_models():
            for row in model.select().dicts():
                cells.extend(f"{model._meta.table_name}.{column}={value}" for column, value in row.items()
                             if value is not None and not _RANDOM_HEX.fullmatch(str(value)))
    return "\n".join(cells)


def assert_nothing_typed_is_kept(app, client, path):
    """No value typed while walking `path` is in any table or in the session cookie."""
    stored = everything_stored(app)
    typed = typed_values(path)
    found = sorted(value for value in typed if value.casefold() in stored.casefold())
    where = [line for line in stored.splitlines() for value in found if value.casefold() in line.casefold()]
    assert found == [], f"typed values found in the database: {found} in {where[:5]}"
    assert path["id"] in stored  # the progress itself is there
    cookie = client.get_cookie("session")
    session = app.session_interface.get_signing_serializer(app).loads(cookie.value) if cookie else {}
    assert not [value for value in typed if value in repr(session)]
