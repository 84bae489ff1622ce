"""The field rules: French social-security numbers, postcodes, dates, amounts, phones, emails, numbers."""
import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from bonsclics.practice import catalogue, logic


# --- Social-security number (NIR) ----------------------------------------------------------

@pytest.mark.parametrize("typed", ["285037599999937", "2 85 03 75 999 999 37", "2.85.03.75.999.999.37",
                                   "2-85-03-75-999-999-37", " 2 85 03 75 999 999 37 "])
def test_nir_accepts_spaces_dots_and_dashes(typed):
    assert logic.parse_nir(typed) == ("285037599999937", "")


def test_nir_key_is_97_minus_the_number_mod_97():
    assert logic.nir_key("2850375999999") == 37
    assert logic.nir_key("1791199999999") == 55
    assert 97 - 1850375999999 % 97 == logic.nir_key("1850375999999")


@pytest.mark.parametrize("typed, detail", [
    ("285037599999938", "key"),       # last digit mistyped
    ("285037599999973", "key"),       # key digits swapped
    ("258037599999937", "key"),       # two digits swapped in the number
    ("2850375999999", "length"),      # the 13-digit login, without the key
    ("28503759999993700", "length"),
    ("", "length"),
    ("585037599999937", "format"),    # cannot start with 5
    ("2850375O9999937", "format"),    # the letter O instead of a zero
])
def test_nir_refusals(typed, detail):
    assert logic.parse_nir(typed) == (None, detail)


def test_nir_of_people_born_in_corsica_uses_19_and_18_for_the_key():
    first_2a = "185032A001002"
    key_2a = 97 - int("1850319001002") % 97
    assert logic.parse_nir(f"{first_2a}{key_2a:02d}") == (f"{first_2a}{key_2a:02d}", "")
    assert logic.parse_nir(f"{first_2a.lower()}{key_2a:02d}")[1] == ""
    first_2b = "290052B123456"
    key_2b = 97 - int("2900518123456") % 97
    assert logic.parse_nir(f"{first_2b} {key_2b:02d}")[1] == ""
    assert logic.parse_nir(f"{first_2b}{(key_2b % 97) + 1:02d}") == (None, "key")


# --- Postcode, date, amount, phone, email, number -------------------------------------------

@pytest.mark.parametrize("typed, expected", [("45000", "45000"), ("45 000", "45000"), ("2A004", None),
                                             ("4500", None), ("450000", None), ("00100", None), ("abcde", None)])
def test_postcode(typed, expected):
    assert logic.parse_postcode(typed)[0] == expected


@pytest.mark.parametrize("typed, expected, detail", [
    ("14/03/1985", datetime.date(1985, 3, 14), ""),
    ("14-03-1985", datetime.date(1985, 3, 14), ""),
    ("14.03.1985", datetime.date(1985, 3, 14), ""),
    ("14 03 1985", datetime.date(1985, 3, 14), ""),
    ("14031985", datetime.date(1985, 3, 14), ""),
    ("1/3/1985", datetime.date(1985, 3, 1), ""),
    ("29/02/2024", datetime.date(2024, 2, 29), ""),
    ("29/02/2023", None, "invalid"),
    ("31/04/1990", None, "invalid"),
    ("14/13/1985", None, "invalid"),
    ("03/14/1985", None, "invalid"),  # month and day inverted (US order)
    ("14/03/85", None, "year"),
    ("14/03/0085", None, "invalid"),
    ("1985-03-14", None, "format"),
    ("14 mars 1985", None, "format"),
])
def test_date_is_a_real_date_written_jj_mm_aaaa(typed, expected, detail):
    assert logic.parse_date(typed) == (expected, detail)


@pytest.mark.parametrize("typed, expected", [
    ("18450", "18450.00"), ("18 450", "18450.00"), ("18450,00", "18450.00"), ("18 450 €", "18450.00"),
    ("18450€", "18450.00"), ("18 450 euros", "18450.00"), ("18\u202f450,5", "18450.50"), ("18.450,00", "18450.00"),
    ("820.5", "820.50"), ("0", "0.00"), ("0,00", "0.00"), ("1 150 EUR", "1150.00"),
])
def test_amount_in_euros_tolerates_spaces_commas_and_the_euro_sign(typed, expected):
    assert logic.parse_amount(typed) == (Decimal(expected), "")


@pytest.mark.parametrize("typed, detail", [("huit cents", "format"), ("-20", "negative"), ("12,345", "decimals"),
                                           ("12,3,4", "format"), ("€", "format"), ("1e5", "format")])
def test_amount_refusals(typed, detail):
    assert logic.parse_amount(typed) == (None, detail)


@pytest.mark.parametrize("typed", ["0639984567", "06 39 98 45 67", "06.39.98.45.67", "06-39-98-45-67",
                                   "+33 6 39 98 45 67", "+33639984567", "0033 6 39 98 45 67", "+33 (0)6 39 98 45 67"])
def test_phone_accepts_french_numbers_written_every_usual_way(typed):
    assert logic.parse_phone(typed) == ("0639984567", "")


@pytest.mark.parametrize("typed, detail", [("06 39 98", "length"), ("063998456789", "length"), ("0039984567", "length"),
                                           ("1639984567", "length"), ("06 39 98 45 6x", "format"), ("+44 20 7946 0958", "format")])
def test_phone_refusals(typed, detail):
    assert logic.parse_phone(typed) == (None, detail)


@pytest.mark.parametrize("typed, detail", [
    ("camille.martin@example.com", ""), (" Camille.Martin@Example.COM ", ""),
    ("camille.martin.example.com", "at"), ("a@@example.com", "at"), ("camille martin@example.com", "space"),
    ("camille@example", "format"), ("camille@.com", "format"), ("camille..martin@example.com", "format"),
    (".camille@example.com", "format"), ("camille@example.c", "format"),
])
def test_email(typed, detail):
    assert logic.parse_email(typed)[1] == detail


@pytest.mark.parametrize("typed, expected", [("165", 165), ("1 650", 1650), ("1,65", None), ("-3", None), ("165 cm", None)])
def test_whole_number(typed, expected):
    assert logic.parse_number(typed)[0] == expected


# --- A field: required, format, expected ---------------------------------------------------------

AMOUNT = {"name": "salaire", "type": "amount", "label": "Salaire", "required": True, "expected": "18450"}
TEXT = {"name": "nom", "type": "text", "label": "Nom", "required": True, "expected": "Hélène MARTIN-Dupont"}
CODE = {"name": "code", "type": "text", "label": "Code", "required": True, "pattern": r"^\d{6}$", "expected": "418207"}
PASSWORD = {"name": "mdp", "type": "password", "label": "Mot de passe", "required": True, "expected": "Lilas-Bleu-85"}
RADIO = {"name": "r", "type": "radio", "label": "R", "required": True, "expected": "non",
         "options": [{"value": "oui", "label": "Oui"}, {"value": "non", "label": "Non"}]}
CHECKBOX = {"name": "c", "type": "checkbox", "label": "C", "required": True, "expected": "certifie",
            "options": [{"value": "certifie", "label": "Je certifie"}]}
OPTIONAL = {"name": "o", "type": "postcode", "label": "O"}


@pytest.mark.parametrize("field, typed, code, detail", [
    (AMOUNT, "", "required", ""), (AMOUNT, "   ", "required", ""), (AMOUNT, "abc", "format", "format"),
    (AMOUNT, "18 540", "expected", ""), (AMOUNT, "18 450 €", "", ""), (AMOUNT, "18450,00", "", ""),
    (TEXT, "helene martin dupont", "", ""), (TEXT, "  HELENE   Martin-DUPONT ", "", ""), (TEXT, "Hélène Martin", "expected", ""),
    (CODE, "418 207", "format", "pattern"), (CODE, "418208", "expected", ""), (CODE, "418207", "", ""),
    (CODE, "٤١٨٢٠٧", "format", "digits"),
    (PASSWORD, "lilas-bleu-85", "expected", ""), (PASSWORD, "Lilas-Bleu-85", "", ""),
    (RADIO, "oui", "expected", ""), (RADIO, "peut-être", "format", "choice"), (RADIO, "", "required", ""),
    (CHECKBOX, [], "required", ""), (CHECKBOX, ["certifie"], "", ""), (CHECKBOX, ["autre"], "format", "choice"),
    (OPTIONAL, "", "", ""), (OPTIONAL, "123", "format", "format"),
])
def test_check_field(field, typed, code, detail):
    result = logic.check_field(field, typed)
    assert (result.code, result.detail) == (code, detail)


def test_check_form_reads_a_posted_form_and_reports_only_refused_fields():
    screen = {"fields": [AMOUNT, PASSWORD, CHECKBOX]}
    form = MultiDict([("salaire", "18 450"), ("mdp", "faux"), ("c", "certifie")])
    refused = logic.check_form(screen, form)
    assert list(refused) == ["mdp"] and refused["mdp"].code == "expected"
    assert logic.typed_values(screen, form) == {"salaire": "18 450", "c": ["certifie"]}  # never the password


def test_overlong_input_is_cut_before_checking():
    assert len(logic.read_field(TEXT, MultiDict({"nom": "x" * 5000}))) == logic.MAX_LENGTH


def test_expected_answer_for_helper_mode():
    assert logic.expected_answer(AMOUNT) == "18450"
    assert logic.expected_answer(RADIO) == "Non"
    assert logic.expected_answer(OPTIONAL) is None


# --- Never raises, whatever is typed ------------------------------------------------------

@given(st.text(max_size=60))
@settings(max_examples=300)
def test_parsers_never_raise(text):
    for parse in logic.PARSERS.values():
        value, detail = parse(text)
        assert (value is None) == bool(detail)


@given(st.one_of(st.text(max_size=40), st.lists(st.text(max_size=10), max_size=3), st.none(), st.integers()))
@settings(max_examples=100)
def test_check_field_never_raises_on_any_field_of_any_path(raw):
    for path in catalogue.all_paths().values():
        for screen in path["screens"]:
            for field in screen.get("fields", []):
                logic.check_field(field, raw)


@given(st.from_regex(r"[12][0-9]{12}", fullmatch=True))
def test_every_number_with_its_computed_key_is_accepted(first_13):
    key = logic.nir_key(first_13)
    assert 1 <= key <= 97
    assert logic.parse_nir(f"{first_13}{key:02d}")[1] == ""
    assert logic.parse_nir(f"{first_13}{(key % 97) + 1:02d}")[1] == "key"


# --- The summary -----------------------------------------------------------------------------

def test_summarise_splits_right_hesitated_and_not_done():
    path = {"screens": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}]}
    outcome = logic.summarise(path, 3, {"b": (2, 0), "c": (0, 1), "d": (1, 0)})
    assert [o.screen["id"] for o in outcome["right"]] == ["a"]
    assert [o.screen["id"] for o in outcome["hesitated"]] == ["b", "c", "d"]
    assert [o.screen["id"] for o in outcome["todo"]] == ["d"]
    assert not outcome["complete"]
    assert logic.summarise(path, 4, {})["complete"]
