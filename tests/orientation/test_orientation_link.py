"""The single-use answer link: one answer, valid 8 days, replaced by a new one on request."""
from html import unescape

from orientation_helpers import outbox, token_in

from bonsclics.models.orientation import Orientation, OrientationLink
from bonsclics.models.system import AuditLog


def test_a_link_answers_once_then_is_refused_clearly(app, client, send, places):
    orientation = send(places["free"])
    token = token_in(outbox(app)[-1])
    assert client.post(f"/orientations/respond/{token}", data={"status": "accepted"}).status_code == 200
    again = client.get(f"/orientations/respond/{token}")
    assert again.status_code == 410
    assert "Ce lien a déjà servi" in unescape(again.get_data(as_text=True))
    reused = client.post(f"/orientations/respond/{token}", data={"status": "done"})
    assert reused.status_code == 410
    assert Orientation.get_by_id(orientation.id).status == "accepted"


def test_a_link_expires_after_eight_days(app, client, send, places, clock):
    orientation = send(places["free"])
    token = token_in(outbox(app)[-1])
    clock.advance(days=7, hours=23)
    assert client.get(f"/orientations/respond/{token}").status_code == 200
    clock.advance(hours=2)
    expired = client.get(f"/orientations/respond/{token}")
    assert expired.status_code == 410
    html = unescape(expired.get_data(as_text=True))
    assert "Ce lien a expiré" in html and "Structure A" in html  # whom to ask for a new one
    assert client.post(f"/orientations/respond/{token}", data={"status": "accepted"}).status_code == 410
    assert Orientation.get_by_id(orientation.id).status == "sent"


def test_the_sender_sends_a_new_link_and_the_old_one_stops(app, client, login, send, places):
    orientation = send(places["free"])
    old = token_in(outbox(app)[-1])
    pro = login("pro")
    assert "Envoyer un nouveau lien au lieu" in pro.get(f"/orientations/{orientation.id}").get_data(as_text=True)
    assert pro.post(f"/orientations/{orientation.id}/link").status_code == 303
    assert len(outbox(app)) == 2 and outbox(app)[-1]["To"] == "libre@test.test"
    new = token_in(outbox(app)[-1])
    assert new != old
    replaced = client.get(f"/orientations/respond/{old}")
    assert replaced.status_code == 410 and "Un lien plus récent" in unescape(replaced.get_data(as_text=True))
    assert client.post(f"/orientations/respond/{new}", data={"status": "accepted"}).status_code == 200
    history = unescape(pro.get(f"/orientations/{orientation.id}").get_data(as_text=True))
    assert "Nouveau lien de réponse envoyé au lieu" in history and "(par le lien envoyé au lieu)" in history


def test_only_the_sender_asks_for_a_new_link(login, send, places):
    orientation = send(places["b"])
    assert login("pro_b").post(f"/orientations/{orientation.id}/link").status_code == 403
    assert login("pro_c").post(f"/orientations/{orientation.id}/link").status_code == 404
    assert OrientationLink.select().count() == 1


def test_unknown_links_are_not_found(client, places):
    for token in ("nope", "x" * 300, "%00"):
        response = client.get(f"/orientations/respond/{token}")
        assert response.status_code == 404
        assert "Ce lien est inconnu" in response.get_data(as_text=True)


def test_an_invalid_answer_through_the_link_keeps_the_link(app, client, send, places):
    orientation = send(places["free"])
    token = token_in(outbox(app)[-1])
    response = client.post(f"/orientations/respond/{token}", data={"status": "refused", "note": "Complet"})
    assert response.status_code == 400
    html = unescape(response.get_data(as_text=True))
    assert "Choisissez la raison du refus." in html and "Complet" in html
    assert OrientationLink.get().used_at is None
    ok = client.post(f"/orientations/respond/{token}", data={"status": "refused", "refusal_reason": "area"})
    assert ok.status_code == 200
    assert Orientation.get_by_id(orientation.id).refusal_reason == "area"


def test_a_closed_orientation_refuses_its_links(app, client, login, send, places, answer_data):
    orientation = send(places["b"])
    token = token_in(outbox(app)[-1])
    login("pro_b").post(f"/orientations/{orientation.id}/answer", data=answer_data("done"))
    closed = client.get(f"/orientations/respond/{token}")
    assert closed.status_code == 410 and "Cette orientation est close" in unescape(closed.get_data(as_text=True))


def test_a_link_view_is_audited_and_shows_the_page_in_arabic(app, client, send, places):
    orientation = send(places["free"])
    token = token_in(outbox(app)[-1])
    response = client.get(f"/orientations/respond/{token}?lang=ar")
    assert response.headers["Content-Language"] == "ar"
    entry = AuditLog.get(AuditLog.action == "orientation-viewed")
    assert (entry.object_id, entry.detail, entry.actor_id) == (str(orientation.id), "link", None)
    assert token not in entry.detail
