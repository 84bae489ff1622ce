"""Checking answers of every exercise kind, including empty and invalid input."""
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from bonsclics.exercises.logic import (
    DUPLICATE_RANK, EMPTY, INVALID, check, normalise_text, order_display, read_answer, validate,
)

SINGLE = {"kind": "single", "question": "Q", "explanation": "E", "hint": "H",
          "choices": [{"id": "a", "label": "A", "correct": True}, {"id": "b", "label": "B", "feedback": "Non"}]}
MULTIPLE = {"kind": "multiple", "question": "Q", "explanation": "E", "hint": "H",
            "choices": [{"id": "a", "label": "A", "correct": True}, {"id": "b", "label": "B", "correct": True},
                        {"id": "c", "label": "C"}]}
TRUEFALSE = {"kind": "truefalse", "statement": "S", "answer": False, "explanation": "E", "hint": "H"}
TEXT = {"kind": "text", "question": "Q", "input_label": "L", "accepted": ["Bonjour", "33 700"], "explanation": "E", "hint": "H"}
ORDER = {"kind": "order", "question": "Q", "items": ["un", "deux", "trois"], "explanation": "E", "hint": "H"}
SCREEN = {"kind": "screen", "question": "Q", "illustration": "x", "alt": "a", "explanation": "E", "hint": "H",
          "choices": [{"id": "A", "label": "haut"}, {"id": "B", "label": "bas", "correct": True}]}


@pytest.mark.parametrize("exercise, right, wrong", [
    (SINGLE, "a", "b"), (SCREEN, "B", "A"), (TRUEFALSE, "false", "true"),
    (TEXT, "  BONJOUR ", "bonsoir"), (MULTIPLE, ["a", "b"], ["a"]),
])
def test_right_and_wrong(exercise, right, wrong):
    assert check(exercise, right).correct
    result = check(exercise, wrong)
    assert result.checked and not result.correct


def test_multiple_reports_wrong_and_missed():
    result = check(MULTIPLE, ["a", "c"])
    assert result.wrong_choices == ["c"] and result.missed_choices == ["b"]


@pytest.mark.parametrize("exercise, empty", [(SINGLE, ""), (MULTIPLE, []), (TRUEFALSE, ""), (TEXT, "   "), (SCREEN, None)])
def test_empty_answers_are_not_marked_wrong(exercise, empty):
    assert check(exercise, empty).error == EMPTY


@pytest.mark.parametrize("exercise, invalid", [(SINGLE, "z"), (MULTIPLE, ["a", "zz"]), (TRUEFALSE, "peut-être"), (SCREEN, "<script>")])
def test_invalid_answers(exercise, invalid):
    assert check(exercise, invalid).error == INVALID


def test_text_comparison_ignores_case_accents_spaces_and_arabic_variants():
    assert normalise_text("  Éléphant  ROSE. ") == "elephant rose"
    assert normalise_text("أحمد") == normalise_text("احمد")
    assert check(TEXT, "33700").correct and check(TEXT, "33 700").correct


def test_order():
    assert check(ORDER, {0: "1", 1: "2", 2: "3"}).correct
    wrong = check(ORDER, {0: "2", 1: "1", 2: "3"})
    assert not wrong.correct and wrong.wrong_choices == [0, 1]
    assert check(ORDER, {0: "1", 1: "1", 2: "3"}).error == DUPLICATE_RANK
    assert check(ORDER, {0: "1", 1: "", 2: "3"}).error == EMPTY
    assert check(ORDER, {0: "1", 1: "9", 2: "x"}).error == INVALID


def test_order_is_shown_shuffled_but_stable():
    shown = order_display(ORDER, "seed")
    assert sorted(shown) == [0, 1, 2] and shown != [0, 1, 2]
    assert order_display(ORDER, "seed") == shown


def test_read_answer_from_a_form():
    assert read_answer(MULTIPLE, MultiDict([("answer", "a"), ("answer", "b")])) == ["a", "b"]
    assert read_answer(ORDER, MultiDict({"answer-0": "2", "answer-1": "1"})) == {0: "2", 1: "1", 2: ""}
    assert read_answer(TEXT, MultiDict({"answer": "x" * 900})) == "x" * 500


@given(st.one_of(st.text(), st.lists(st.text()), st.none(), st.dictionaries(st.integers(0, 5), st.text())))
@example({0: "²", 1: "1", 2: "3"})  # a digit for str.isdigit() that int() refuses
@example({0: "٢", 1: "١", 2: "٣"})  # Arabic-Indic digits are numbers too
def test_check_never_raises(answer):
    for exercise in (SINGLE, MULTIPLE, TRUEFALSE, TEXT, SCREEN):
        if exercise["kind"] == "multiple" and not isinstance(answer, list):
            continue
        if exercise["kind"] != "multiple" and not (answer is None or isinstance(answer, str)):
            continue
        check(exercise, answer)
    if isinstance(answer, dict):
        check(ORDER, answer)


def test_validate_finds_content_mistakes():
    assert validate(SINGLE) == []
    broken = dict(SINGLE, choices=[{"id": "a", "label": "A"}, {"id": "a", "label": "B"}])
    problems = validate(broken)
    assert "duplicate choice ids" in problems and any("right choices" in p for p in problems)
    assert validate({"kind": "nope"}) == ["unknown kind 'nope'"]
    assert validate(dict(TEXT, hint="")) == ["text exercise without hint"]


def test_order_ranks_accept_arabic_digits_and_refuse_superscripts():
    assert check(ORDER, {0: "١", 1: "٢", 2: "٣"}).correct
    assert check(ORDER, {0: "²", 1: "1", 2: "3"}).error == check(ORDER, {0: "x", 1: "1", 2: "3"}).error != ""
