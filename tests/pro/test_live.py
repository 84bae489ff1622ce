"""Live workshop mode: 4-digit codes, learners' phones without accounts, the facilitator's polled board."""
import gzip
import re
import threading

import pytest
from helpers import page_text

from bonsclics.models.pro import LiveParticipant, LiveSession


def _open(client, world, title="Atelier smartphone"):
    response = client.post("/pro/live", data={"live-structure": str(world["structure_a"].id), "live-title": title})
    assert response.status_code == 303
    session_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    return LiveSession.get_by_id(session_id)


def _join(app, code, name):
    phone = app.test_client()
    response = phone.post("/atelier", data={"code": code, "first_name": name})
    return phone, response


def test_open_join_say_where_and_stuck(app, login, world):
    facilitator = login("pro")
    session = _open(facilitator, world)
    assert re.fullmatch(r"\d{4}", session.join_code)
    board = page_text(facilitator.get(f"/pro/live/{session.id}"))
    assert session.join_code in board and "/atelier" in board
    phone, joined = _join(app, session.join_code, "Awa")
    assert joined.status_code == 303 and joined.headers["Location"].endswith("/atelier/moi")
    assert "Awa" in page_text(phone.get("/atelier/moi"))
    assert phone.post("/atelier/moi", data={"item": "lesson:start-mouse", "step": "3", "action": "where"}).status_code == 303
    assert phone.post("/atelier/moi", data={"item": "lesson:start-mouse", "step": "3", "action": "stuck"}).status_code == 303
    participant = LiveParticipant.get()
    assert (participant.item, participant.step, participant.stuck) == ("lesson:start-mouse", 3, True)
    board = page_text(facilitator.get(f"/pro/live/{session.id}"))
    assert "Awa" in board and "bloqué·e" in board and "étape 3" in board and "souris" in board
    phone.post("/atelier/moi", data={"item": "lesson:start-mouse", "step": "4", "action": "fine"})
    assert LiveParticipant.get().stuck is False


def test_the_board_polls_a_small_fragment(app, login, world, htmx_client):
    facilitator = login("pro")
    session = _open(facilitator, world)
    page = page_text(facilitator.get(f"/pro/live/{session.id}"))
    assert f'hx-get="/pro/live/{session.id}"' in page and 'hx-trigger="every 5s"' in page
    from helpers import sign_in

    sign_in(htmx_client, world["pro"])
    _join(app, session.join_code, "Awa")
    fragment = htmx_client.get(f"/pro/live/{session.id}")
    assert fragment.status_code == 200
    body = page_text(fragment)
    assert "<html" not in body and "Awa" in body and f'href="/pro/live/{session.id}"' in body


def test_learner_status_errors(app, login, world):
    session = _open(login("pro"), world)
    phone, _ = _join(app, session.join_code, "Awa")
    for data, message in [
        ({"item": "lesson:nope", "action": "where"}, "Choisissez une réponse de la liste"),
        ({"item": "lesson:start-mouse", "step": "0", "action": "where"}, "entre 1 et 99"),
        ({"item": "lesson:start-mouse", "step": "trois", "action": "where"}, ""),
    ]:
        response = phone.post("/atelier/moi", data=data)
        assert response.status_code == 400 and message in page_text(response)
    assert LiveParticipant.get().item == ""


@pytest.mark.parametrize("data, message", [
    ({"code": "", "first_name": "Awa"}, "Écrivez le code à 4 chiffres"),
    ({"code": "12a4", "first_name": "Awa"}, "Le code a 4 chiffres"),
    ({"code": "1234", "first_name": ""}, "Écrivez votre prénom"),
    ({"code": "1234", "first_name": "x" * 31}, "30 caractères au plus"),
])
def test_join_form_errors(client, data, message):
    response = client.post("/atelier", data=data)
    assert response.status_code == 400 and message in page_text(response)
    assert LiveParticipant.select().count() == 0


def test_wrong_or_closed_codes(app, login, world):
    facilitator = login("pro")
    session = _open(facilitator, world)
    wrong = "1000" if session.join_code != "1000" else "1001"
    _, response = _join(app, wrong, "Awa")
    assert response.status_code == 404 and "Aucun atelier ouvert" in page_text(response)
    phone, _ = _join(app, session.join_code, "Awa")
    assert facilitator.post(f"/pro/live/{session.id}/close").status_code == 303
    _, late = _join(app, session.join_code, "Bob")
    assert late.status_code == 404
    assert phone.get("/atelier/moi").status_code == 404
    from helpers import sign_in

    poller = sign_in(app.test_client(), world["pro"])
    assert poller.get(f"/pro/live/{session.id}", headers={"HX-Request": "true"}).status_code == 286


def test_codes_are_unique_among_open_sessions(login, world, monkeypatch):
    from bonsclics.pro import logic

    draws = iter([4821 - 1000, 4821 - 1000, 1234 - 1000])
    monkeypatch.setattr(logic.secrets, "randbelow", lambda n: next(draws))
    facilitator = login("pro")
    first = _open(facilitator, world)
    second = _open(facilitator, world)
    assert first.join_code == "4821" and second.join_code == "1234"


def test_sessions_expire(app, login, world):
    import datetime

    session = _open(login("pro"), world)
    app.config["NOW"] = datetime.datetime.utcnow() + datetime.timedelta(hours=5)
    _, response = _join(app, session.join_code, "Awa")
    assert response.status_code == 404


@pytest.mark.parametrize("role, status", [("pro_b", 404), ("pro_c", 404), ("coordinator", 404), ("manager", 200), ("volunteer", 200)])
def test_only_the_structure_sees_its_board(login, world, role, status):
    session = _open(login("pro"), world)
    assert login(role).get(f"/pro/live/{session.id}").status_code == status
    if status == 404:
        assert login(role).post(f"/pro/live/{session.id}/close").status_code == 404


def test_thirty_learners_at_once(app, login, world):
    """30 phones join and post their state at the same time; the board lists all 30, rightly."""
    session = _open(login("pro"), world)
    app.config["RATELIMIT_ENABLED"] = False
    errors = []
    start = threading.Barrier(30)

    def learner(number):
        try:
            phone = app.test_client()
            phone.check_pages = False
            start.wait(timeout=30)
            joined = phone.post("/atelier", data={"code": session.join_code, "first_name": f"Eleve{number:02d}"})
            assert joined.status_code == 303, joined.status_code
            action = "stuck" if number % 3 == 0 else "where"
            posted = phone.post("/atelier/moi", data={"item": "lesson:start-mouse", "step": str(number % 9 + 1), "action": action})
            assert posted.status_code == 303, posted.status_code
        except Exception as error:  # collected and reported by the main thread
            errors.append(repr(error))

    threads = [threading.Thread(target=learner, args=(n,)) for n in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    from helpers import sign_in

    board = sign_in(app.test_client(), world["pro"])
    fragment = board.get(f"/pro/live/{session.id}", headers={"HX-Request": "true"})
    body = page_text(fragment)
    assert "30 personnes" in body and "10 bloquées" in body
    for number in range(30):
        line = re.search(rf"<li[^>]*><b>Eleve{number:02d}</b>(.*?)</li>", body).group(0)
        assert f"étape {number % 9 + 1}" in line
        assert ("bloqué·e" in line) == (number % 3 == 0)
    raw = fragment.get_data()
    per_learner = len(raw) / 30
    compressed = len(gzip.compress(raw))
    print(f"\nlive board fragment for 30 learners: {len(raw)} bytes ({per_learner:.0f} per learner), {compressed} gzipped")
    assert per_learner < 300 and compressed < 3000


@pytest.mark.parametrize("data, message", [
    ({"live-structure": "999", "live-title": "x"}, "Choisissez une réponse de la liste"),
    ({"live-title": "x" * 81}, "80 caractères au plus"),
])
def test_open_form_errors(login, world, data, message):
    payload = {"live-structure": str(world["structure_a"].id), **data}
    response = login("pro").post("/pro/live", data=payload)
    assert response.status_code == 400 and message in page_text(response)
    assert LiveSession.select().count() == 0


def test_only_members_open_sessions(login, world):
    assert login("coordinator").post("/pro/live", data={"live-structure": str(world["structure_a"].id)}).status_code == 403
    assert login("pro_b").post("/pro/live", data={"live-structure": str(world["structure_a"].id)}).status_code == 400
    assert LiveSession.select().count() == 0


def test_a_code_typed_with_arabic_digits_joins_and_a_superscript_does_not(app, login, world):
    session = _open(login("pro"), world)
    arabic = "".join("٠١٢٣٤٥٦٧٨٩"[int(d)] for d in session.join_code)
    _phone, joined = _join(app, arabic, "Awa")
    assert joined.status_code == 303
    _phone, refused = _join(app, "²" * 4, "Bruno")
    assert refused.status_code in (400, 404)
