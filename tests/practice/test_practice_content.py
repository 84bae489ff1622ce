"""The practice path files: valid, complete, and the checks themselves catch mistakes."""
import copy
import os

import pytest

from bonsclics import content
from bonsclics.practice import catalogue, logic, messages

SERVICES = {"caf-declaration", "france-travail", "ameli-attestation", "impots-declaration", "ants-carte-identite",
            "franceconnect", "rendez-vous-medical", "arnaques-poste-banque"}


def test_the_eight_services_are_there():
    assert SERVICES <= set(catalogue.all_paths())


def test_every_path_file_is_valid():
    assert catalogue.problems() == {}


def test_file_names_match_ids():
    for relative in content.list_files("practice"):
        assert content.load_yaml(relative)["id"] == os.path.splitext(os.path.basename(relative))[0]


def test_every_screen_has_a_hint():
    for path in catalogue.all_paths().values():
        assert all(screen.get("hint") for screen in path["screens"]), path["id"]


def test_every_refusal_has_a_default_message():
    for path in catalogue.all_paths().values():
        for screen in path["screens"]:
            for field in screen.get("fields", []):
                for code in logic.ERROR_CODES:
                    for detail in ("", "digits", "choice", "length", "key", "year", "invalid", "decimals", "at", "space"):
                        site, plain = messages._default(code, field["type"], detail)
                        assert str(site) and str(plain)


@pytest.fixture
def caf():
    return copy.deepcopy(catalogue.path("caf-declaration"))


def _field(path, screen_id, name):
    _index, screen = catalogue.find_screen(path, screen_id)
    return next(f for f in screen["fields"] if f["name"] == name)


@pytest.mark.parametrize("change, problem", [
    (lambda p: p["screens"].append(copy.deepcopy(p["screens"][0])), "duplicate screen ids"),
    (lambda p: _field(p, "login", "identifiant").update(type="siret"), "unknown field type 'siret'"),
    (lambda p: _field(p, "month-1", "salaire_janvier").update(expected="huit cents"), "refused by its own rules"),
    (lambda p: _field(p, "month-1", "salaire_janvier").update(expected=820), "expected must be quoted text"),
    (lambda p: _field(p, "login", "identifiant").update(expected="285037599999"), "refused by its own rules"),
    (lambda p: _field(p, "other-resources", "autres").update(expected="peut-etre"), "refused by its own rules"),
    (lambda p: _field(p, "certify", "certification")["options"].append({"value": "x", "label": "X"}),
     "a checkbox has exactly one option"),
    (lambda p: _field(p, "login", "identifiant").update(pattern="(["), "pattern does not compile"),
    (lambda p: _field(p, "login", "identifiant")["errors"].update(typo={"site": "a", "plain": "b"}), "unknown error code"),
    (lambda p: _field(p, "login", "identifiant")["errors"]["format"].pop("plain"), "needs a French site and plain"),
    (lambda p: p["screens"][2].update(kind="quiz"), "unknown kind 'quiz'"),
    (lambda p: p["screens"][2]["exercise"]["choices"][0].pop("correct"), "0 right choices"),
    (lambda p: p["screens"][-1].pop("text"), "an info screen needs a French text"),
    (lambda p: p.update(pictogram="licorne"), "unknown pictogram"),
    (lambda p: p.pop("identity"), "missing identity"),
])
def test_validation_catches_content_mistakes(caf, change, problem):
    change(caf)
    problems = logic.validate_path(caf, content.pictograms())
    assert any(problem in p for p in problems), problems


def test_a_nir_expected_value_with_a_wrong_key_is_refused():
    field = {"name": "nir", "type": "nir", "label": "NIR", "expected": "285037599999938"}
    assert any("refused by its own rules (format key)" in p for p in logic.validate_field(field, "x"))


def test_diagnostic_needs_lead_to_matching_paths():
    found = [p["id"] for p in catalogue.paths_for_needs(["health"])]
    assert {"ameli-attestation", "rendez-vous-medical", "franceconnect"} <= set(found)
    assert catalogue.paths_for_needs([]) == []
