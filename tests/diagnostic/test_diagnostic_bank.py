"""The diagnostic's content files are valid, and the validation catches each kind of mistake."""
import copy

import pytest

from bonsclics import content
from bonsclics.diagnostic import bank
from bonsclics.diagnostic.logic import COMPETENCES, DIFFICULTIES


def raw_questions():
    """A private copy of the questions file."""
    return copy.deepcopy(content.load_yaml("diagnostic/questions.yaml"))


def test_the_content_is_valid():
    bank.check()


def test_the_bank_has_enough_items_for_every_competence_and_difficulty():
    loaded = bank.load_bank()
    assert isinstance(loaded.version, int)
    assert len(loaded.items) >= 60
    for competence in COMPETENCES:
        assert loaded.candidates(competence, "self", 2)
        for difficulty in DIFFICULTIES:
            assert loaded.candidates(competence, "task", difficulty), (competence, difficulty)


def _item(raw, item_id):
    return next(i for i in raw["items"] if i["id"] == item_id)


@pytest.mark.parametrize("break_it, expected", [
    (lambda r: _item(r, "device-self-1").update(competence="cooking"), "unknown competence"),
    (lambda r: _item(r, "device-self-1").update(difficulty=4), "difficulty must be 1, 2 or 3"),
    (lambda r: _item(r, "device-self-1").pop("pictogram"), "no pictogram"),
    (lambda r: _item(r, "device-self-1").update(pictogram="unicorn"), "unknown pictogram"),
    (lambda r: _item(r, "device-self-1")["question"].pop("ar"), "no 'ar' text"),
    (lambda r: _item(r, "device-self-1").update(question="Texte seulement en français"), "plain text"),
    (lambda r: _item(r, "device-task-1")["choices"][0].update(correct=True), "right choices"),
    (lambda r: _item(r, "device-task-1")["choices"][1]["label"].pop("uk"), "no 'uk' text"),
    (lambda r: _item(r, "device-task-1").update(illustration="nowhere"), "not found"),
    (lambda r: _item(r, "device-task-1").pop("hint"), "without hint"),
    (lambda r: _item(r, "device-task-3").pop("statement"), "statement"),
    (lambda r: _item(r, "device-task-2").update(kind="dance"), "unknown kind"),
    (lambda r: _item(r, "device-task-2").update(part="quiz"), "part must be"),
    (lambda r: _item(r, "device-task-2").update(id="device-self-1"), "duplicate id"),
    (lambda r: r["situation"].pop(), "situation: questions"),
    (lambda r: r["situation"][0]["options"][0].pop("pictogram"), "no pictogram"),
    (lambda r: r["situation"][0].update(kind="free-text"), "kind must be"),
    (lambda r: r.update(version="one"), "version"),
    (lambda r: r.update(items=[i for i in r["items"] if not (i["competence"] == "email" and i.get("difficulty") == 3 and i["part"] == "task")]),
     "no task of difficulty 3"),
])
def test_each_mistake_is_reported(break_it, expected):
    raw = raw_questions()
    assert bank.bank_problems(raw) == []
    break_it(raw)
    problems = bank.bank_problems(raw)
    assert any(expected in p for p in problems), problems


def test_profiles_and_screening_mistakes_are_reported():
    profiles = copy.deepcopy(content.load_yaml("diagnostic/profiles.yaml"))
    assert bank.profiles_problems(profiles) == []
    profiles["profiles"].pop()
    assert any("expected" in p for p in bank.profiles_problems(profiles))

    screening = copy.deepcopy(content.load_yaml("diagnostic/screening.yaml"))
    assert bank.screening_problems(screening) == []
    screening["outcomes"][1]["min_points"] = 3  # overlaps the first outcome at 3
    assert any("2 outcomes for a total of 3" in p for p in bank.screening_problems(screening))
    screening["outcomes"][1]["min_points"] = 5  # now 4 is not covered
    assert any("0 outcomes for a total of 4" in p for p in bank.screening_problems(screening))


def test_a_broken_file_stops_the_app_with_every_problem_listed(monkeypatch):
    raw = raw_questions()
    _item(raw, "email-task-1")["difficulty"] = 9
    _item(raw, "security-self-1")["question"].pop("en")
    real = content.load_yaml
    monkeypatch.setattr(content, "load_yaml", lambda path: raw if path == "diagnostic/questions.yaml" else real(path))
    with pytest.raises(bank.ContentError) as error:
        bank.check()
    assert "email-task-1" in str(error.value) and "security-self-1" in str(error.value)
