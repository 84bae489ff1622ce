"""Each step without JavaScript: every exercise kind, right, wrong, empty, invalid and tampered answers."""
import pytest
from learning_support import first_step_of_kind, right_answer, step_url, wrong_answer

from bonsclics.learning import catalogue
from bonsclics.models.learners import ResumeCode
from bonsclics.models.learning import ExerciseStat, LessonProgress

KINDS = ("single", "multiple", "truefalse", "text", "order", "screen")


def _counts(app):
    with app.app_context():
        return ResumeCode.select().count(), LessonProgress.select().count(), ExerciseStat.select().count()


@pytest.mark.parametrize("kind", KINDS)
def test_a_right_answer_explains_why_and_moves_on(app, client, code_of, kind):
    lesson, number, step = first_step_of_kind(kind)
    response = client.post(step_url(lesson, number), data=right_answer(step))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Bonne réponse !" in html and 'class="feedback feedback--right"' in html
    explanation = step["explanation"]["fr"] if isinstance(step["explanation"], dict) else step["explanation"]
    assert explanation.split("**")[0][:30].replace("'", "&#39;") in html
    next_url = step_url(lesson, number + 1) if number < len(lesson["steps"]) else f"/learning/{lesson['id']}/done"
    assert f'href="{next_url}"' in html
    code = code_of(client)
    assert code is not None
    with app.app_context():
        progress = LessonProgress.get(LessonProgress.resume_code == code, LessonProgress.lesson_id == lesson["id"])
        assert (progress.attempts, progress.failures) == (1, 0)
        assert progress.current_step == min(number + 1, len(lesson["steps"]))
        stat = ExerciseStat.get(ExerciseStat.lesson_id == lesson["id"], ExerciseStat.step == number)
        assert (stat.attempts, stat.failures) == (1, 0)


@pytest.mark.parametrize("kind", KINDS)
def test_a_wrong_answer_gives_a_hint_keeps_the_answer_and_allows_retries(app, client, code_of, kind):
    lesson, number, step = first_step_of_kind(kind)
    wrong = wrong_answer(step)
    for attempt in range(3):
        response = client.post(step_url(lesson, number), data=wrong)
        assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Ce n&#39;est pas tout à fait ça." in html or "Ce n'est pas tout à fait ça." in html
    assert "Un indice :" in html and "Réessayer" in html
    assert "Passer à la suite sans répondre" in html
    _assert_answer_kept(html, step, wrong)
    response = client.post(step_url(lesson, number), data=right_answer(step))
    assert "Bonne réponse !" in response.get_data(as_text=True)
    with app.app_context():
        progress = LessonProgress.get(LessonProgress.resume_code == code_of(client), LessonProgress.lesson_id == lesson["id"])
        assert (progress.attempts, progress.failures) == (4, 3)
        stat = ExerciseStat.get(ExerciseStat.lesson_id == lesson["id"], ExerciseStat.step == number)
        assert (stat.attempts, stat.failures) == (4, 3)


def _assert_answer_kept(html, step, data):
    """What the person chose or typed is shown again."""
    kind = step["kind"]
    if kind in ("single", "screen", "truefalse"):
        assert f'value="{data["answer"]}" checked' in html
    elif kind == "multiple":
        for chosen in data["answer"]:
            assert f'value="{chosen}" checked' in html
    elif kind == "text":
        assert f'value="{data["answer"]}"' in html.replace("&#39;", "'")
    elif kind == "order":
        for name, rank in data.items():
            start = html.index(f'name="{name}"')
            assert f'<option value="{rank}" selected>' in html[start:html.index("</select>", start)]


@pytest.mark.parametrize("kind", KINDS)
def test_an_empty_answer_is_explained_and_saves_nothing(app, client, kind):
    lesson, number, step = first_step_of_kind(kind)
    response = client.post(step_url(lesson, number), data={})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<title>Erreur :" in html and 'class="error-summary"' in html
    expected = {"text": "Écrivez votre réponse dans la case", "order": "Donnez un numéro à chaque étape"}.get(
        kind, "Choisissez une réponse avant de valider")
    assert html.count(expected) == 2  # next to the field and in the summary
    assert "feedback--" not in html
    assert _counts(app) == (0, 0, 0)
    assert client.get_cookie("bc_resume") is None


@pytest.mark.parametrize("kind, data", [
    ("single", {"answer": "zz"}),
    ("screen", {"answer": "<script>alert(1)</script>"}),
    ("multiple", {"answer": ["a", "pas-une-reponse"]}),
    ("truefalse", {"answer": "peut-être"}),
    ("order", {"answer-0": "1", "answer-1": "99"}),
    ("order", {"answer-0": "un", "answer-1": "2"}),
])
def test_a_tampered_answer_is_refused_calmly(app, client, kind, data):
    lesson, number, step = first_step_of_kind(kind)
    if kind == "order":
        data = {**{f"answer-{i}": str(i + 1) for i in range(len(step["items"]))}, **data}
    response = client.post(step_url(lesson, number), data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Cette réponse n&#39;est pas dans la liste" in html or "pas dans la liste" in html
    assert "<script>alert(1)</script>" not in html
    assert _counts(app) == (0, 0, 0)


def test_the_same_rank_twice_is_explained_and_the_ranks_are_kept(app, client):
    lesson, number, step = first_step_of_kind("order")
    data = {f"answer-{i}": "1" for i in range(len(step["items"]))}
    response = client.post(step_url(lesson, number), data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Chaque numéro ne doit servir qu" in html
    _assert_answer_kept(html, step, data)
    assert _counts(app) == (0, 0, 0)


def test_a_very_long_text_is_cut_and_checked_without_error(app, client):
    lesson, number, step = first_step_of_kind("text")
    response = client.post(step_url(lesson, number), data={"answer": "é" * 5000})
    assert response.status_code == 200
    assert "Ce n" in response.get_data(as_text=True)


def test_a_text_answer_is_compared_tolerantly(client):
    lesson, number, step = first_step_of_kind("text")
    typed = "  " + str(step["accepted"][0]).upper().replace("E", "É") + " !"
    response = client.post(step_url(lesson, number), data={"answer": typed})
    assert "Bonne réponse !" in response.get_data(as_text=True)


def test_continue_after_an_explanation_saves_the_place_and_goes_to_the_next_step(app, client, code_of):
    lesson = catalogue.lesson("start-mouse")
    assert lesson["steps"][0]["kind"] == "explain"
    response = client.post(step_url(lesson, 1))
    assert response.status_code == 303 and response.headers["Location"].endswith(step_url(lesson, 2))
    with app.app_context():
        progress = LessonProgress.get(LessonProgress.resume_code == code_of(client))
        assert progress.current_step == 2 and progress.completed_at is None
    intro = client.get("/learning/start-mouse").get_data(as_text=True)
    assert "En cours" in intro and f'href="{step_url(lesson, 2)}"' in intro


def test_skipping_after_a_wrong_answer_moves_on_without_counting_an_answer(app, client, code_of):
    lesson, number, step = first_step_of_kind("single")
    client.post(step_url(lesson, number), data=wrong_answer(step))
    response = client.post(step_url(lesson, number), data={"skip": "1"})
    assert response.status_code == 303
    with app.app_context():
        progress = LessonProgress.get(LessonProgress.resume_code == code_of(client))
        assert progress.current_step == number + 1 and (progress.attempts, progress.failures) == (1, 1)


def test_every_step_shows_its_progress_and_a_way_back(client):
    lesson = catalogue.lesson("start-mouse")
    html = client.get(step_url(lesson, 3)).get_data(as_text=True)
    assert "Étape 3 sur 12" in html and f'href="{step_url(lesson, 2)}"' in html
    assert 'action="/learning/start-mouse/step/3"' in html and 'method="post"' in html


def test_explanations_have_their_illustration_and_can_be_listened_to(client):
    lesson = catalogue.lesson("start-mouse")
    html = client.get(step_url(lesson, 1)).get_data(as_text=True)
    assert 'aria-label="Une souris vue de dessus' in html
    assert 'class="listen no-print" data-for="step-text"' in html
    assert "**" not in html


@pytest.mark.parametrize("url", [
    "/learning/pas-une-lecon", "/learning/pas-une-lecon/step/1", "/learning/start-mouse/step/0",
    "/learning/start-mouse/step/13", "/learning/start-mouse/step/999999", "/learning/start-mouse/step/-1",
    "/learning/pas-une-lecon/memo", "/learning/pas-une-lecon/done", "/learning/..%2Fstart%2Fstart-mouse",
])
def test_unknown_lessons_and_steps_are_not_found(client, url):
    assert client.get(url).status_code == 404
    assert client.post(url).status_code in (404, 405)


def test_helper_training_runs_on_the_same_engine(client, code_of, app):
    from learning_support import finish

    lesson = catalogue.lesson("helpers-role")
    response = finish(client, lesson)
    assert response.status_code == 303 and response.headers["Location"].endswith("/learning/helpers-role/done")
    with app.app_context():
        assert LessonProgress.get(LessonProgress.resume_code == code_of(client)).completed_at is not None
    assert "helpers-role" not in client.get("/learning/").get_data(as_text=True)


def test_new_codes_are_rate_limited_but_existing_ones_keep_working(app, monkeypatch):
    from bonsclics.learning import steps

    monkeypatch.setattr(steps, "NEW_CODE_LIMIT", (2, 3600))
    browsers = [app.test_client() for _ in range(3)]
    statuses = [b.post("/learning/start-mouse/step/1").status_code for b in browsers]
    assert statuses == [303, 303, 429]
    assert browsers[0].post("/learning/start-mouse/step/2", data={"answer": "C"}).status_code == 200
    with app.app_context():
        assert ResumeCode.select().count() == 2
