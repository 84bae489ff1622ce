"""Resources for helpers (checked content, search, printable pages) and the training path."""
import pytest
from helpers import page_text

from bonsclics.learning import catalogue as lessons
from bonsclics.models.pro import TrainingCompletion
from bonsclics.practice import catalogue as paths
from bonsclics.pro import library


def test_every_lesson_plan_follows_the_format():
    known = set(lessons.all_lessons()) | set(paths.all_paths())
    problems = {pid: library.plan_problems(plan, known) for pid, plan in library.lesson_plans().items()}
    assert {pid: p for pid, p in problems.items() if p} == {}


def test_every_lesson_and_practice_path_has_a_plan():
    plans = {plan["for"] for plan in library.lesson_plans().values()}
    wanted = {lesson["id"] for lesson in lessons.learner_lessons()} | set(paths.all_paths())
    assert wanted - plans == set()


def test_the_five_guides_follow_the_format():
    assert list(library.guides())[:5] == list(library.GUIDES)
    assert {gid: library.guide_problems(g) for gid, g in library.guides().items() if library.guide_problems(g)} == {}


def test_the_format_checks_catch_mistakes():
    assert "fewer than 2 steps" in library.plan_problems({"steps": []}, set())
    assert any("for:" in p for p in library.plan_problems({"for": "nope"}, {"start-mouse"}))
    assert "fewer than 2 sections" in library.guide_problems({"title": "x", "summary": "y", "sections": []})


def test_training_path_is_the_five_helper_lessons():
    from bonsclics.pro.logic import training_lessons

    found = training_lessons()
    assert len(found) == 5 and all(lesson["theme"] == "helpers" for lesson in found)


def test_search_finds_titles_and_texts():
    results = library.search("mot de passe")
    assert results and all(kind in ("guide", "plan") for kind, _ in results)
    assert ("guide", "assistance-guide") in library.search("aidants connect")
    assert library.search("") == [] and library.search("zzzqqqxxx") == []


@pytest.mark.parametrize("role", ["admin", "coordinator", "manager", "pro", "volunteer", "pro_c"])
def test_resources_for_every_helper(login, role):
    client = login(role)
    index = page_text(client.get("/pro/resources"))
    assert "Faire avec, pas à la place" in index
    assert client.get("/pro/resources/guides/assistance-guide").status_code == 200
    plan = page_text(client.get("/pro/resources/lesson-plans/start-mouse"))
    assert "Matériel" in plan and "Questions à poser" in plan
    assert client.get("/pro/resources/guides/nope").status_code == 404
    assert client.get("/pro/resources/lesson-plans/../guides").status_code == 404


def test_resources_are_for_helpers(client):
    assert client.get("/pro/resources").status_code == 302


def test_search_page_and_fragment(login, world, htmx_client):
    page = page_text(login("pro").get("/pro/resources?q=souris"))
    assert "résultat" in page and "/pro/resources/lesson-plans/start-mouse" in page
    from helpers import sign_in

    sign_in(htmx_client, world["pro"])
    fragment = page_text(htmx_client.get("/pro/resources?q=souris"))
    assert "<h1" not in fragment and "start-mouse" in fragment


def _pass_lesson(client, lesson):
    """Go through a lesson in the shared lesson player, answering each exercise right."""
    from bonsclics.exercises import logic as exercises

    for number, step in enumerate(lesson["steps"], start=1):
        url = f"/learning/{lesson['id']}/step/{number}"
        assert client.get(url).status_code == 200
        data = _right_answer(step) if step["kind"] in exercises.KINDS else {}
        assert client.post(url, data=data).status_code in (200, 303), url


def _right_answer(step):
    kind = step["kind"]
    if kind in ("single", "screen"):
        return {"answer": next(str(c["id"]) for c in step["choices"] if c.get("correct"))}
    if kind == "multiple":
        return {"answer": [str(c["id"]) for c in step["choices"] if c.get("correct")]}
    if kind == "truefalse":
        return {"answer": "true" if step["answer"] else "false"}
    if kind == "text":
        return {"answer": str(step["accepted"][0])}
    return {f"answer-{i}": str(i + 1) for i in range(len(step["items"]))}


def test_training_completion_is_recorded_and_visible_to_the_manager(app, login, world):
    from bonsclics.pro.logic import training_lessons

    app.config["RATELIMIT_ENABLED"] = False
    lesson = training_lessons()[0]
    volunteer = login("volunteer")
    page = page_text(volunteer.get("/pro/training"))
    assert f"/learning/{lesson['id']}" in page and "Enregistrer ma formation" not in page
    early = volunteer.post("/pro/training/record")
    assert early.status_code == 303 and TrainingCompletion.select().count() == 0
    _pass_lesson(volunteer, lesson)
    assert "Enregistrer ma formation" in page_text(volunteer.get("/pro/training"))
    assert volunteer.post("/pro/training/record").status_code == 303
    assert [row.lesson_id for row in TrainingCompletion.select()] == [lesson["id"]]
    assert volunteer.post("/pro/training/record").status_code == 303
    assert TrainingCompletion.select().count() == 1
    assert "terminé le" in page_text(volunteer.get("/pro/training"))
    team = page_text(login("manager").get(f"/pro/structures/{world['structure_a'].id}"))
    assert "Formation : 1/5" in team
    assert "Formation :" not in page_text(login("pro").get(f"/pro/structures/{world['structure_a'].id}"))
    # Another helper on another device has finished nothing.
    assert login("pro").post("/pro/training/record").status_code == 303
    assert TrainingCompletion.select().count() == 1
