"""Every lesson file follows docs/content.md; the checker catches each kind of mistake."""
import copy

import pytest

from bonsclics.learning import catalogue


def test_every_lesson_is_valid():
    assert catalogue.all_problems() == {}


def test_the_catalogue_has_the_lessons_of_the_issue():
    learner = catalogue.learner_lessons()
    assert len(learner) == 31
    assert {lesson["theme"] for lesson in learner} == set(catalogue.THEMES)
    assert len(catalogue.lessons_of_theme("helpers")) == 5
    assert all(lesson["theme"] != "helpers" for lesson in learner)


def test_every_exercise_kind_is_used():
    kinds = {step["kind"] for lesson in catalogue.all_lessons().values() for step in lesson["steps"]}
    assert kinds == {"explain", "single", "multiple", "truefalse", "text", "order", "screen"}


def _lesson(theme="start"):
    """A copy of a real lesson of `theme`, with the path it would have."""
    original = catalogue.lessons_of_theme(theme)[0]
    return copy.deepcopy(original), f"learning/{theme}/{original['id']}.yaml"


def _problems(change, theme="start"):
    lesson, path = _lesson(theme)
    change(lesson)
    return catalogue.lesson_problems(lesson, path)


def test_a_real_lesson_copy_has_no_problem():
    lesson, path = _lesson()
    assert catalogue.lesson_problems(lesson, path) == []


def _first_exercise(lesson, kind=None):
    return next(s for s in lesson["steps"] if catalogue.is_exercise(s) and (kind is None or s["kind"] == kind))


def _first_illustrated(lesson):
    return next(s for s in lesson["steps"] if s.get("illustration"))


@pytest.mark.parametrize("change, expected", [
    (lambda l: l.update(id="autre-nom"), "differs from the file name"),
    (lambda l: l.update(theme="internet"), "is in the folder"),
    (lambda l: l.update(theme="cuisine"), "unknown theme"),
    (lambda l: l.update(version=0), "version"),
    (lambda l: l.update(order="deux"), "order"),
    (lambda l: l.update(level="expert"), "level"),
    (lambda l: l.update(duration=40), "duration"),
    (lambda l: l.update(competence="cuisine"), "unknown competence"),
    (lambda l: l.pop("title"), "no title"),
    (lambda l: l.update(objectives=l["objectives"][:1]), "objectives"),
    (lambda l: l.update(memo=[]), "memo"),
    (lambda l: l.update(vocabulary=[{"term": "mot"}]), "vocabulary"),
    (lambda l: l.update(steps=l["steps"][:5]), "steps, expected 6 to 14"),
    (lambda l: l.update(steps=l["steps"] * 2), "steps, expected 6 to 14"),
    (lambda l: l.update(steps=[s for s in l["steps"] if s["kind"] == "explain"] * 3), "exercises, expected at least 3"),
    (lambda l: l["steps"].append({"kind": "danse"}), "unknown kind"),
    (lambda l: l["steps"][0].pop("body"), "needs a title and a body"),
    (lambda l: _first_exercise(l).pop("hint"), "without hint"),
    (lambda l: _first_exercise(l, "single").update(choices=[{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]),
     "expected exactly one"),
    (lambda l: _first_exercise(l, "single")["choices"][0].update(pictogram="licorne"), "unknown pictogram"),
    (lambda l: _first_illustrated(l).update(illustration="pas-de-dessin"), "not found"),
    (lambda l: _first_illustrated(l).pop("alt"), "needs an alt"),
    (lambda l: l["title"].pop("ar"), "title: missing ar"),
    (lambda l: l["title"].pop("fr"), "title: missing fr"),
    (lambda l: l["title"].update(xx="?"), "unknown languages"),
    (lambda l: l["memo"].__setitem__(0, "Seulement en français"), "memo[0]: missing en, ar, uk"),
    (lambda l: _first_exercise(l)["explanation"].pop("uk"), "explanation: missing uk"),
    (lambda l: l.update(description=42), "a string or a mapping"),
])
def test_each_mistake_is_reported(change, expected):
    problems = _problems(change)
    assert any(expected in problem for problem in problems), problems


def test_french_only_texts_are_fine_outside_start_and_security():
    def french_only(lesson):
        lesson["title"] = "Seulement en français"

    assert _problems(french_only, theme="internet") == []
    assert any("missing en, ar, uk" in p for p in _problems(french_only, theme="security"))


def test_ids_and_orders_must_be_unique_across_files():
    first, second = catalogue.lessons_of_theme("email")[:2]
    twin = dict(second, order=first["order"])
    problems = catalogue.problems_of([
        (f"learning/email/{first['id']}.yaml", first),
        (f"learning/email/{second['id']}.yaml", twin),
        (f"learning/email/{first['id']}.yaml", first),
    ])
    found = [p for found in problems.values() for p in found]
    assert any("order" in p and "already used" in p for p in found)
    assert any("id" in p and "already used" in p for p in found)


def test_the_app_refuses_to_start_with_a_broken_lesson(monkeypatch, tmp_path):
    from bonsclics import create_app

    monkeypatch.setattr(catalogue, "all_problems", lambda: {"learning/start/x.yaml": ["no steps"]})
    with pytest.raises(catalogue.ContentError, match="no steps"):
        create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})
