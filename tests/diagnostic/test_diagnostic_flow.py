"""Taking the diagnostic without JavaScript, in French and Arabic; htmx; previous, pause and resume."""
import re

import pytest
from diagnostic_support import fields_for, screen_id, start, walk

from bonsclics.diagnostic.bank import load_bank
from bonsclics.models.diagnostic import DiagnosticMonthlyCount, DiagnosticResult
from bonsclics.models.learners import ResumeCode


def test_start_page_explains_and_offers_alone_or_with_a_helper(client):
    html = client.get("/diagnostic/").get_data(as_text=True)
    assert "<h1>Faire le point</h1>" in html
    assert 'name="mode" value="alone"' in html and 'name="mode" value="with-helper"' in html
    assert 'action="/diagnostic/"' in html and 'class="listen' in html


def test_the_menu_leads_to_the_diagnostic(client):
    assert 'href="/diagnostic/"' in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_whole_diagnostic_without_javascript_in_under_25_screens(app, client, places, lang):
    client.get(f"/?lang={lang}")
    start(client, "with-helper")
    count, seen, response = walk(client, lang=lang)
    assert count < 25 and count <= 22
    assert seen[:6] == ["equipment", "internet-access", "email-address", "needs", "language", "autonomy"]
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in html
    with app.app_context():
        result = DiagnosticResult.get()
        assert result.is_finished and result.assisted and result.profile == "nudge"
        assert result.levels == dict.fromkeys(result.levels, 3)
        assert result.needs == "health|caf" and result.bank_version == load_bank().version
        code = result.resume_code.pretty
    if lang == "ar":
        assert "مستقل تقريبًا" in html  # the profile in Arabic
    else:
        assert "Presque autonome, a besoin d&#39;un coup de pouce" in html
        assert "Ce que vous savez déjà faire" in html
        assert html.index("Ce que vous savez déjà faire") < html.index("Vos compétences")
        assert html.count("3 sur 3 — Autonome") == 5
    assert html.count('class="level-bar"') == 5 and html.count('role="img"') >= 5
    assert code in html
    lessons = re.search(r'id="lessons-title".*?<ol>(.*?)</ol>', html, re.S).group(1)
    assert 3 <= lessons.count("<li>") <= 6
    assert "paths-title" in html  # practice matching "CAF" and "health"
    assert "Premiers pas avec le smartphone" not in html  # workshops of the right level only
    assert "Démarches avancées" in html


def test_the_result_lists_places_near_the_postcode_given(app, client, places):
    start(client)
    walk(client, self_answer="no", correct=False)
    with app.app_context():
        result = DiagnosticResult.get()
        assert result.profile == "assistance"
    url = f"/diagnostic/result/{result.id}"

    def places_listed():
        html = client.get(url).get_data(as_text=True)
        return re.search(r'id="places".*?</section>', html, re.S).group(0), html

    listed, _html = places_listed()
    assert "Centre social Lille" not in listed  # no postcode yet
    response = client.post(f"{url}/place", data={"place-postcode": "59 000"})
    assert response.status_code == 303
    listed, html = places_listed()
    assert "Centre social Lille" in listed and "France Services Lille" in listed
    assert "Médiathèque Roubaix" not in listed  # offers no assistance
    assert "Premiers pas avec le smartphone" in html and "Démarches avancées" not in html  # beginners' workshops
    with app.app_context():
        result = DiagnosticResult.get()
        assert (result.postcode, result.departement) == ("59000", "59")
        counts = {(c.departement, c.completed) for c in DiagnosticMonthlyCount.select()}
        assert counts == {("", 0), ("59", 1)}  # the figures moved with the département


@pytest.mark.parametrize("typed", ["", "abc", "123456", "5900", "x" * 500])
def test_a_wrong_postcode_is_explained(client, finished, typed):
    client, url = finished
    response = client.post(f"{url}/place", data={"place-postcode": typed})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "<title>Erreur :" in html and ("5 chiffres" in html or "Écrivez votre code postal" in html)


def test_htmx_swaps_the_next_question_in_place(app, client, htmx_client):
    start(htmx_client)
    response = htmx_client.get("/diagnostic/question")
    assert "<html" not in response.get_data(as_text=True)
    response = htmx_client.post("/diagnostic/question", data=fields_for("equipment"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in html
    assert 'id="screen"' in html and screen_id(html) == "internet-access" and "autofocus" in html
    assert "<title>Question 2" in html
    # An error is swapped too (htmx swaps only successful responses).
    response = htmx_client.post("/diagnostic/question", data={"screen": "internet-access"})
    assert response.status_code == 200 and "Il y a un problème" in response.get_data(as_text=True)
    back = htmx_client.post("/diagnostic/previous")
    assert screen_id(back.get_data(as_text=True)) == "equipment"


def test_the_last_answer_with_htmx_loads_the_result_page(app, htmx_client):
    start(htmx_client)
    for _ in range(40):
        current = screen_id(htmx_client.get("/diagnostic/question").get_data(as_text=True))
        response = htmx_client.post("/diagnostic/question", data=fields_for(current))
        if response.status_code == 204:
            assert response.headers["HX-Redirect"].startswith("/diagnostic/result/")
            return
    raise AssertionError("never finished")


def test_previous_goes_back_one_question_and_then_to_the_start(client):
    start(client)
    client.post("/diagnostic/question", data=fields_for("equipment"))
    client.post("/diagnostic/question", data=fields_for("internet-access"))
    assert client.post("/diagnostic/previous").headers["Location"] == "/diagnostic/question"
    assert screen_id(client.get("/diagnostic/question").get_data(as_text=True)) == "internet-access"
    client.post("/diagnostic/previous")
    assert screen_id(client.get("/diagnostic/question").get_data(as_text=True)) == "equipment"
    assert client.post("/diagnostic/previous").headers["Location"] == "/diagnostic/"
    assert "Reprendre où j'en étais" in client.get("/diagnostic/").get_data(as_text=True)


def test_pause_then_resume_on_another_browser(app, client):
    start(client)
    for screen in ("equipment", "internet-access", "email-address"):
        client.post("/diagnostic/question", data=fields_for(screen))
    html = client.get("/diagnostic/pause").get_data(as_text=True)
    with app.app_context():
        code = ResumeCode.get()
    assert code.pretty in html
    other = app.test_client()
    assert other.get("/diagnostic/question").headers["Location"] == "/diagnostic/"  # nothing on this browser
    other.post("/code", data={"code": code.pretty.lower()})
    response = other.get("/diagnostic/result")
    assert response.headers["Location"] == "/diagnostic/question"
    assert screen_id(other.get("/diagnostic/question").get_data(as_text=True)) == "needs"
    count, _seen, result_page = walk(other)
    assert result_page.status_code == 200 and count == 21 - 3


def test_the_resume_code_brings_the_result_back_on_another_browser(app, finished):
    client, url = finished
    with app.app_context():
        code = ResumeCode.get().code
    other = app.test_client()
    assert other.get(url).status_code == 404  # without the code, nobody else sees it
    response = other.post("/code", data={"code": code})
    assert response.status_code == 303
    latest = other.get("/diagnostic/result")
    assert latest.headers["Location"] == url
    assert "Votre résultat" in other.get(url).get_data(as_text=True)


def test_without_a_diagnostic_the_screens_lead_to_the_start(client):
    assert client.get("/diagnostic/question").headers["Location"] == "/diagnostic/"
    assert client.post("/diagnostic/question", data={"screen": "equipment"}).headers["Location"] == "/diagnostic/"
    assert client.post("/diagnostic/previous").headers["Location"] == "/diagnostic/"
    assert client.get("/diagnostic/pause").headers["Location"] == "/diagnostic/"
    assert client.get("/diagnostic/result").headers["Location"] == "/diagnostic/"
    assert client.get("/diagnostic/result/1").status_code == 404
    assert client.get("/diagnostic/result/999999999999").status_code == 404


def test_starting_again_drops_the_unfinished_one(app, client):
    start(client)
    client.post("/diagnostic/question", data=fields_for("equipment"))
    start(client)
    with app.app_context():
        assert DiagnosticResult.select().count() == 1
        assert DiagnosticResult.get().situation_data() == {}
        assert ResumeCode.select().count() == 1


@pytest.mark.parametrize("mode", ["", "robot", "x" * 5000])
def test_the_start_form_refuses_an_unknown_mode(app, client, mode):
    response = client.post("/diagnostic/", data={"mode": mode} if mode else {})
    assert response.status_code == 400
    assert "Choisissez : seul·e, ou avec une personne qui vous aide." in response.get_data(as_text=True)
    with app.app_context():
        assert DiagnosticResult.select().count() == 0


def _at(client, screen):
    """Answer every screen up to `screen` (alone, everything right)."""
    for _ in range(30):
        current = screen_id(client.get("/diagnostic/question").get_data(as_text=True))
        if current == screen or (screen == "task" and load_bank().items.get(current, {}).get("part") == "task"):
            return current
        client.post("/diagnostic/question", data=fields_for(current))
    raise AssertionError(screen)


def _task_of_kind(kind):
    """A task of this kind (made the first task asked by patching the engine's choice)."""
    bank = load_bank()
    return next(i for i in bank.items.values() if i["part"] == "task" and i["kind"] == kind)


BAD_SITUATION = [({}, "Choisissez une réponse"), ({"answer": ""}, "Choisissez une réponse"),
                 ({"answer": "teleporter"}, "pas dans la liste"), ({"answer": ["yes", "no"]}, "pas dans la liste")]
BAD_MANY = [({}, "au moins une réponse"), ({"answer": "phone-box"}, "pas dans la liste"),
            ({"answer": ["none", "computer"]}, "ne va pas avec un autre choix")]
BAD_SELF = [({}, "Choisissez une réponse"), ({"answer": "sometimes"}, "pas dans la liste"),
            ({"answer": "x" * 10000}, "pas dans la liste")]


@pytest.mark.parametrize("screen, data, message", [("email-address", *bad) for bad in BAD_SITUATION]
                         + [("equipment", *bad) for bad in BAD_MANY]
                         + [("device-self", *bad) for bad in BAD_SELF])
def test_invalid_answers_are_explained_and_nothing_is_recorded(app, client, screen, data, message):
    start(client)
    current = _at(client, screen) if screen != "device-self" else _at(client, "device-self-2")
    response = client.post("/diagnostic/question", data={"screen": current, **data})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert html.startswith("<!doctype html>") and "<title>Erreur : Question" in html
    assert message in html and 'id="error-summary"' in html and 'href="#answer"' in html
    if data.get("answer") == ["none", "computer"]:
        assert 'value="none" checked' in html and 'value="computer" checked' in html
    with app.app_context():
        assert screen_id(client.get("/diagnostic/question").get_data(as_text=True)) == current


@pytest.mark.parametrize("kind, bad, message", [
    ("single", {}, "Choisissez une réponse avant de valider"),
    ("single", {"answer": "not-a-choice"}, "pas dans la liste"),
    ("screen", {"answer": "Z"}, "pas dans la liste"),
    ("truefalse", {"answer": "maybe"}, "pas dans la liste"),
    ("text", {"answer": "   "}, "Écrivez votre réponse"),
])
def test_invalid_task_answers_are_explained(app, client, kind, bad, message, monkeypatch):
    from bonsclics.diagnostic import logic

    item = _task_of_kind(kind)
    monkeypatch.setattr(logic, "pick", lambda bank, competence, part, difficulty, *rest, **kw:
                        item if part == "task" else bank.candidates(competence, part, 2)[0])
    start(client)
    current = _at(client, "task")
    assert current == item["id"]
    response = client.post("/diagnostic/question", data={"screen": current, **bad})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    skipped = client.post("/diagnostic/question", data={"screen": current, "skip": "1"})
    assert skipped.status_code == 303  # "I don't know" always works
    with app.app_context():
        answer = DiagnosticResult.get().answer_list()[-1]
        assert answer == {"id": item["id"], "value": "", "correct": False, "helped": False}


@pytest.mark.parametrize("posted", ["", "device-task-99", "email-address", "services-task-10", "end", "<script>"])
def test_a_tampered_or_stale_screen_id_gets_the_current_question_back(app, client, posted):
    start(client)
    client.post("/diagnostic/question", data=fields_for("equipment"))
    response = client.post("/diagnostic/question", data={"screen": posted, "answer": ["home"]})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Cette page n&#39;était plus à jour" in html and screen_id(html) == "internet-access"
    with app.app_context():
        assert DiagnosticResult.get().situation_data() == {"equipment": ["smartphone"]}


def test_typed_text_is_never_kept(app, client, monkeypatch):
    from bonsclics.diagnostic import logic

    item = _task_of_kind("text")
    monkeypatch.setattr(logic, "pick", lambda bank, competence, part, difficulty, *rest, **kw:
                        item if part == "task" else bank.candidates(competence, part, 2)[0])
    start(client)
    current = _at(client, "task")
    client.post("/diagnostic/question", data={"screen": current, "answer": item["accepted"][0]})
    with app.app_context():
        stored = DiagnosticResult.get().answers
    assert item["accepted"][0] not in stored and '"correct": true' in stored
