"""The theme attestation: offered only once the theme is complete, with the chosen name and no certification claim."""
import datetime

import pytest

from bonsclics.learning import catalogue
from bonsclics.models.learners import ResumeCode
from bonsclics.models.system import AuditLog


@pytest.fixture
def learner_client(app, client, code_of):
    """A browser whose code has started a lesson (so it has a resume code)."""
    client.post("/learning/helpers-role/step/1")
    return client, code_of(client)


def _finish_theme(lesson_done, code, theme, but=0):
    lessons = catalogue.lessons_of_theme(theme)
    for lesson in lessons[:len(lessons) - but]:
        lesson_done(code, lesson["id"])
    return lessons


def test_not_offered_before_the_theme_is_complete(learner_client, lesson_done):
    client, code = learner_client
    lessons = _finish_theme(lesson_done, code, "security", but=1)
    for url in ("/learning/attestation/security", "/learning/attestation/security/print"):
        response = client.get(url)
        html = response.get_data(as_text=True)
        assert response.status_code == 403
        assert "Il vous reste à faire" in html and f'href="/learning/{lessons[-1]["id"]}"' in html
        assert f'href="/learning/{lessons[0]["id"]}"' not in html
    assert client.post("/learning/attestation/security", data={"name": "Awa"}).status_code == 403
    assert "/learning/attestation/security" not in client.get("/learning/path").get_data(as_text=True)


def test_not_offered_without_any_code(client):
    response = client.get("/learning/attestation/start")
    assert response.status_code == 403 and 'href="/code"' in response.get_data(as_text=True)


@pytest.mark.parametrize("theme", ["helpers", "cuisine", "..", "start%00"])
def test_unknown_themes_are_not_found(client, theme):
    assert client.get(f"/learning/attestation/{theme}").status_code == 404


def test_the_attestation_of_a_complete_theme(app, learner_client, lesson_done):
    client, code = learner_client
    app.config["NOW"] = datetime.datetime(2026, 3, 14, 10, 0)
    lessons = _finish_theme(lesson_done, code, "security")
    path = client.get("/learning/path").get_data(as_text=True)
    assert 'href="/learning/attestation/security"' in path
    assert 'href="/learning/attestation/start"' not in path

    form = client.get("/learning/attestation/security")
    assert form.status_code == 200 and 'name="name"' in form.get_data(as_text=True)
    response = client.post("/learning/attestation/security", data={"name": "  Awa   Diallo "})
    assert response.status_code == 303 and response.headers["Location"].endswith("/learning/attestation/security/print")
    with app.app_context():
        assert ResumeCode.get_by_id(code.id).display_name == "Awa Diallo"
        assert AuditLog.select().where(AuditLog.action == "attestation-name-saved", AuditLog.object_id == str(code.id)).count() == 1

    html = client.get("/learning/attestation/security/print").get_data(as_text=True)
    assert "<h1>Attestation de suivi</h1>" in html
    assert "Awa Diallo a suivi et terminé les leçons suivantes" in html
    for lesson in lessons:
        assert lesson["title"]["fr"].replace("'", "&#39;") in html
    assert html.count("14 mars 2026") == len(lessons) + 1
    assert "ni un diplôme, ni une certification" in html
    assert "Awa Diallo" in client.get("/learning/attestation/security").get_data(as_text=True)  # kept for next time


def test_the_print_page_asks_for_the_name_first(learner_client, lesson_done):
    client, code = learner_client
    _finish_theme(lesson_done, code, "email")
    response = client.get("/learning/attestation/email/print")
    assert response.status_code == 303 and response.headers["Location"].endswith("/learning/attestation/email")


@pytest.mark.parametrize("name, message", [
    ("", "Écrivez le nom à mettre sur l"),
    ("     ", "Écrivez le nom à mettre sur l"),
    ("A" * 61, "Ce nom est trop long : 60 caractères au plus."),
])
def test_a_bad_name_is_explained_kept_and_not_saved(app, learner_client, lesson_done, name, message):
    client, code = learner_client
    _finish_theme(lesson_done, code, "email")
    response = client.post("/learning/attestation/email", data={"name": name})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<title>Erreur :" in html and 'class="error-summary"' in html
    assert html.count(message) == 2
    if name.strip():
        assert f'value="{name}"' in html
    with app.app_context():
        assert ResumeCode.get_by_id(code.id).display_name == ""


def test_the_name_is_escaped(learner_client, lesson_done):
    client, code = learner_client
    _finish_theme(lesson_done, code, "email")
    client.post("/learning/attestation/email", data={"name": "<b>Awa</b>"})
    html = client.get("/learning/attestation/email/print").get_data(as_text=True)
    assert "<b>Awa</b>" not in html and "&lt;b&gt;Awa&lt;/b&gt;" in html


def test_the_end_of_the_last_lesson_offers_the_attestation(learner_client, lesson_done):
    client, code = learner_client
    lessons = _finish_theme(lesson_done, code, "email")
    html = client.get(f"/learning/{lessons[-1]['id']}/done").get_data(as_text=True)
    assert 'href="/learning/attestation/email"' in html
