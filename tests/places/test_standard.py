"""The national standard read from its schema file: fields, vocabularies, checks, display labels."""
import csv
import json
import re

import pytest

from bonsclics.models.places import STANDARD_FIELDS
from bonsclics.places import hours, standard, vocabulary


def test_the_schema_file_is_the_published_one():
    schema = standard.schema()
    assert schema["version"] == "v1.0.2" and len(schema["fields"]) == 32
    assert standard.required_fields() == ("id", "pivot", "nom", "commune", "code_postal", "adresse", "date_maj")
    assert standard.field_names() == STANDARD_FIELDS
    assert standard.licence()["name"] == "etalab-2.0"


def test_vocabularies_are_read_from_the_patterns():
    assert standard.vocabulary("frais_a_charge") == ("Gratuit", "Gratuit sous condition", "Payant")
    assert "Langues étrangères (anglais)" in standard.vocabulary("prise_en_charge_specifique")
    assert "Relais numérique (Emmaüs Connect)" in standard.vocabulary("dispositif_programmes_nationaux")
    assert standard.vocabulary("nom") == () and standard.vocabulary("telephone") == ()
    # Every listed value passes the field's own pattern, alone and joined with the others.
    for name in standard.vocabulary_fields():
        pattern = re.compile("^{0}$".format(standard.fields()[name]["constraints"]["pattern"]))
        values = standard.vocabulary(name)
        assert all(pattern.match(value) for value in values), name
        assert pattern.match("|".join(values)), name


def test_every_value_of_the_standard_has_a_display_label():
    for name in standard.vocabulary_fields():
        assert set(vocabulary.STANDARD_LABELS[name]) == set(standard.vocabulary(name)), name
    assert set(vocabulary.STANDARD_LABELS) == set(standard.vocabulary_fields())
    assert list(vocabulary.KINDS_OF_HELP) == ["assistance", "mediation", "nudge", "equipment", "solidarity"]
    assert set(vocabulary.KINDS_FROM_SERVICES) == set(standard.vocabulary("services"))


def test_labels_follow_the_language(app):
    with app.test_request_context("/?lang=en"):
        app.preprocess_request()
        assert vocabulary.language_name("ar") == "Arabic"
        assert vocabulary.language_name("fa_AF") == "Dari" and vocabulary.language_name("uk_UA") == "Ukrainian"
        assert vocabulary.language_name("zz") == "zz"
        assert str(vocabulary.label("services", "Aide aux démarches administratives"))
    with app.test_request_context("/"):
        assert vocabulary.language_name("ar") == "arabe"
        assert vocabulary.label("kinds_of_help", "assistance") == "Faire une démarche avec vous"


def test_the_example_row_passes(app):
    with app.test_request_context("/"):
        with open(standard.EXAMPLE_PATH, encoding="utf-8") as handle:
            row = standard.normalise(next(csv.DictReader(handle)))
        assert standard.check_row(row) == []


@pytest.mark.parametrize("field, value, message", [
    ("pivot", "123 456", "de 9 à 14 lettres ou chiffres"),
    ("code_postal", "59 000", "5 chiffres"),
    ("latitude", "nan", "Un nombre est attendu"),
    ("longitude", "181", "entre -180 et 180"),
    ("date_maj", "2024-13-01", "Cette date n'existe pas"),
    ("frais_a_charge", "Gratuit||Payant", "sans valeur vide"),
    ("itinerance", "Mobile", "Valeur inconnue : « Mobile ». Valeurs possibles : Itinérant ; Fixe."),
    ("presentation_resume", "x" * 281, "Texte trop long : 281 caractères, 280 au plus."),
])
def test_each_problem_has_a_plain_message(app, field, value, message):
    with app.test_request_context("/"):
        with open(standard.EXAMPLE_PATH, encoding="utf-8") as handle:
            row = standard.normalise(next(csv.DictReader(handle)))
        row[field] = value
        problems = standard.check_row(row)
        assert [(f, v) for f, v, _m in problems] == [(field, value)]
        assert message in problems[0][2]


def test_normalising_json_values():
    row = standard.normalise({"latitude": 50.5, "services": ["Gratuit ", " Payant"], "nom": "  Lieu  ",
                              "frais_a_charge": "Gratuit | Payant", "inconnu": "x"})
    assert row["latitude"] == "50.5" and row["services"] == "Gratuit|Payant" and row["nom"] == "Lieu"
    assert row["frais_a_charge"] == "Gratuit|Payant" and "inconnu" not in row and row["id"] == ""


@pytest.mark.parametrize("written, standard_form", [
    ("03 20 00 00 00", "+33320000000"),
    ("03.20.00.00.00", "+33320000000"),
    ("0033 3 20 00 00 00", "+33320000000"),
    ("0262 12 34 56", "+262262123456"),
    ("0692 12 34 56", "+262692123456"),
    ("+33 6 12 34 56 78", "+33612345678"),
    ("12", "12"),
])
def test_phone_numbers(written, standard_form):
    assert standard.normalise_phone(written) == standard_form


def test_opening_hours_messages_are_translatable(app):
    """The messages are lazy: they follow the language of the request showing them."""
    assert not isinstance(hours.MESSAGES["bad-day"], str)
    with app.test_request_context("/"):
        with pytest.raises(hours.OpeningHoursError) as info:
            hours.parse("Lu 09:00-12:00")
        assert str(info.value).startswith("Jour non reconnu : « Lu »")


def test_schema_copy_is_valid_json_with_all_the_vocabularies():
    with open(standard.SCHEMA_PATH, encoding="utf-8") as handle:
        schema = json.load(handle)
    closed = [f["name"] for f in schema["fields"] if standard.vocabulary(f["name"])]
    assert closed == ["itinerance", "services", "publics_specifiquement_adresses", "prise_en_charge_specifique",
                      "frais_a_charge", "dispositif_programmes_nationaux", "formations_labels", "modalites_acces",
                      "modalites_accompagnement"]
