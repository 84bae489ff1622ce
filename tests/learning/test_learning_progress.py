"""Progress without an account: it follows the resume code to another browser, and helpers can read it."""
import datetime

from learning_support import finish, step_url

from bonsclics.learning import catalogue, logic
from bonsclics.models.learners import Learner, ResumeCode
from bonsclics.models.learning import ExerciseStat, LessonProgress


def test_a_finished_lesson_is_done_on_my_path_on_another_browser(app, client, code_of):
    lesson = catalogue.lesson("start-mouse")
    last = finish(client, lesson)
    html = client.get(last.headers.get("Location") or "/learning/start-mouse/done").get_data(as_text=True)
    code = code_of(client)
    assert "Bravo, leçon terminée !" in html and code.pretty in html
    with app.app_context():
        progress = LessonProgress.get(LessonProgress.resume_code == code)
        assert progress.completed_at is not None and progress.lesson_version == lesson["version"]

    other = app.test_client()
    assert "Terminé" not in other.get("/learning/path").get_data(as_text=True)
    response = other.post("/code", data={"code": code.pretty.lower()})
    assert response.status_code == 303 and response.headers["Location"].endswith("/learning/path")
    html = other.get("/learning/path").get_data(as_text=True)
    start = html.index('href="/learning/start-mouse"')
    assert "Terminé" in html[start:start + 800]
    assert code.pretty in html


def test_my_path_without_a_code_invites_to_start_or_type_one(client):
    html = client.get("/learning/path").get_data(as_text=True)
    assert "Vous n&#39;avez pas encore commencé" in html or "pas encore commencé" in html
    assert 'href="/code"' in html and 'href="/learning/"' in html
    assert client.get_cookie("bc_resume") is None  # reading a page never creates a code


def test_my_path_shows_done_in_progress_and_to_do(app, client, code_of, lesson_done):
    client.post("/learning/start-mouse/step/1")  # in progress
    code = code_of(client)
    lesson_done(code, "email-read")
    html = client.get("/learning/path").get_data(as_text=True)

    def status_near(lesson_id):
        start = html.index(f'/learning/{lesson_id}')
        return html[start:start + 900]

    assert "En cours" in status_near("start-mouse")
    assert 'href="/learning/start-mouse/step/2"' in html  # resumes where the person stopped
    assert "Terminé" in status_near("email-read")
    assert "À faire" in status_near("security-scams")
    assert "Leçons terminées : 1 sur 7" in html


def test_recommended_lessons_come_first_on_my_path(app, client, code_of, monkeypatch):
    client.post("/learning/start-mouse/step/1")
    assert logic.recommended_lessons(code_of(client)) == []  # no diagnostic yet
    monkeypatch.setattr(logic, "recommended_lessons", lambda code: ["email-spam", "pas-une-lecon", "helpers-role"])
    html = client.get("/learning/path").get_data(as_text=True)
    assert "Conseillé pour vous" in html
    assert html.index("/learning/email-spam") < html.index('id="theme-start"')
    assert "pas-une-lecon" not in html and "helpers-role" not in html


def test_the_latest_diagnostic_of_the_code_chooses_the_recommended_lessons(app, client, code_of):
    from bonsclics.db import utcnow
    from bonsclics.diagnostic.logic import COMPETENCES
    from bonsclics.models.diagnostic import DiagnosticResult

    client.post("/learning/start-mouse/step/1")
    code = code_of(client)
    with app.app_context():
        strong = DiagnosticResult(resume_code=code, bank_version=1, profile="nudge", finished_at=utcnow())
        strong.set_levels(dict.fromkeys(COMPETENCES, 3) | {"security": 1})
        strong.save()
        first = logic.recommended_lessons(code)
    assert first and all(catalogue.lesson(i)["competence"] == "security" for i in first[:2])
    html = client.get("/learning/path").get_data(as_text=True)
    assert "Conseillé pour vous" in html and f"/learning/{first[0]}" in html


def test_the_catalogue_shows_each_theme_with_level_duration_and_status(client, code_of, lesson_done):
    html = client.get("/learning/").get_data(as_text=True)
    for theme in ("Pour commencer", "Internet", "Le mail", "La sécurité"):
        assert theme in html
    assert html.count('class="lesson-item ') == 31
    assert "Débutant · 10 min" in html and "À faire" in html
    client.post("/learning/email-read/step/1")
    lesson_done(code_of(client), "email-spam")
    html = client.get("/learning/").get_data(as_text=True)
    assert 'lesson-item--in-progress' in html and 'lesson-item--done' in html


def test_a_new_lesson_version_resumes_from_the_start(app, client, code_of, monkeypatch):
    lesson = catalogue.lesson("start-mouse")
    client.post(step_url(lesson, 1))
    client.post(step_url(lesson, 2), data={"answer": "C"})
    with app.app_context():
        assert LessonProgress.get().current_step == 3
    monkeypatch.setitem(lesson, "version", lesson["version"] + 1)
    client.post(step_url(lesson, 1))
    with app.app_context():
        progress = LessonProgress.get()
        assert progress.current_step == 2 and progress.lesson_version == lesson["version"]


def test_helpers_see_a_learners_progress_over_all_their_codes(app, world, lesson_done):
    with app.app_context():
        learner = Learner.create(structure=world["structure_a"], pseudonym="Awa", consent_at=datetime.datetime(2025, 1, 1))
        phone = ResumeCode.issue()
        computer = ResumeCode.issue()
        stranger = ResumeCode.issue()
        for code in (phone, computer):
            code.learner = learner
            code.save()
        LessonProgress.create(resume_code=phone, lesson_id="start-mouse", current_step=4, attempts=5, failures=2)
    lesson_done(computer, "start-mouse")
    lesson_done(computer, "email-read")
    lesson_done(stranger, "security-scams")
    with app.app_context():
        rows = logic.progress_for_learner(learner)
    assert [row["lesson"]["id"] for row in rows] == ["start-mouse", "email-read"]
    mouse = rows[0]
    assert mouse["status"] == "done" and mouse["completed_at"] is not None
    assert (mouse["attempts"], mouse["failures"]) == (5, 2)


def test_the_learner_section_for_the_pro_space(app, world, lesson_done):
    from flask import render_template

    from bonsclics.learning.learner import learner_section

    with app.app_context():
        learner = Learner.create(structure=world["structure_a"], pseudonym="Awa", consent_at=datetime.datetime(2025, 1, 1))
        code = ResumeCode.create(code="AAAA2222", learner=learner)
    lesson_done(code, "email-read")
    with app.test_request_context("/"):
        section = learner_section(learner, world["pro"])
        html = render_template(section["template"], **section)
    assert "Lire un mail" in html
    assert "Terminée le" in html


def test_most_failed_exercises_need_enough_answers(app):
    with app.app_context():
        ExerciseStat.create(lesson_id="start-mouse", lesson_version=1, step=2, attempts=10, failures=7)
        ExerciseStat.create(lesson_id="start-mouse", lesson_version=1, step=4, attempts=10, failures=1)
        ExerciseStat.create(lesson_id="email-read", lesson_version=1, step=3, attempts=2, failures=2)
        ExerciseStat.create(lesson_id="gone", lesson_version=1, step=3, attempts=20, failures=20)
        found = logic.most_failed_exercises()
    assert [(row["lesson"]["id"], row["step"]) for row in found] == [("start-mouse", 2), ("start-mouse", 4)]
    assert found[0]["rate"] == 0.7 and found[0]["exercise"]["kind"] == "screen"


def test_personal_data_export_and_erasure(app, client, code_of):
    from bonsclics.learning import personal_data

    client.post("/learning/start-mouse/step/1")
    code = code_of(client)
    with app.app_context():
        exported = personal_data.export_code(code)
        assert [row["lesson_id"] for row in exported["lessonprogress"]] == ["start-mouse"]
        personal_data.erase_code(code)
        assert personal_data.export_code(code) == {"lessonprogress": []}
