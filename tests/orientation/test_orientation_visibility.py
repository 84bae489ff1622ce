"""Only the sending and receiving structures see an orientation; coordinators see figures only."""
import pytest

from bonsclics.models.orientation import Orientation
from bonsclics.models.system import AuditLog


@pytest.fixture
def sent(send, places):
    """An orientation from structure A to place B, and an anonymous one from A to the free place."""
    return send(places["b"]), send(places["free"], consent="no")


@pytest.mark.parametrize("role, status", [
    ("pro", 200), ("manager", 200), ("volunteer", 200),  # sending structure
    ("pro_b", 200),  # receiving structure
    ("pro_c", 404),  # another network
    ("coordinator", 403), ("coordinator_c", 403),  # figures only
    ("admin", 404),  # administrators do not read orientations either
])
def test_who_may_read_an_orientation(login, sent, role, status):
    orientation = sent[0]
    client = login(role)
    for url in (f"/orientations/{orientation.id}", f"/orientations/{orientation.id}/slip"):
        response = client.get(url)
        assert response.status_code == status, (role, url)
        assert ("Awa" in response.get_data(as_text=True)) == (status == 200)


def test_guessing_ids_reveals_nothing(login, sent):
    outsider = login("pro_c")
    last = Orientation.select().order_by(Orientation.id.desc()).get().id
    for orientation_id in range(1, last + 5):
        for url in (f"/orientations/{orientation_id}", f"/orientations/{orientation_id}/slip"):
            assert outsider.get(url).status_code == 404
        for action in ("answer", "withdraw", "link"):
            assert outsider.post(f"/orientations/{orientation_id}/{action}", data={"status": "done", "confirm": "y"}).status_code == 404
    assert [o.status for o in Orientation.select()] == ["sent", "sent"]
    assert Orientation.get_by_id(sent[0].id).person_name == "Awa"


def test_the_receiving_structure_does_not_see_what_it_did_not_receive(login, sent):
    client = login("pro_b")
    assert client.get(f"/orientations/{sent[1].id}").status_code == 404
    inbox = client.get("/orientations/inbox").get_data(as_text=True)
    assert f"Orientation n° {sent[0].id}" in inbox and f"Orientation n° {sent[1].id}" not in inbox
    assert f"Orientation n° {sent[0].id}" not in client.get("/orientations/").get_data(as_text=True)


def test_lists_show_only_the_users_structures(login, sent):
    assert "Awa" in login("volunteer").get("/orientations/").get_data(as_text=True)
    other = login("pro_c")
    assert "Awa" not in other.get("/orientations/").get_data(as_text=True)
    assert "Orientation n°" not in other.get("/orientations/inbox").get_data(as_text=True)


def test_an_anonymous_visitor_is_sent_to_sign_in(client, sent):
    for url in ("/orientations/", "/orientations/inbox", f"/orientations/{sent[0].id}", "/orientations/figures"):
        response = client.get(url)
        assert response.status_code in (302, 303) and "/account/login" in response.headers["Location"]


def test_coordinators_see_counts_of_their_network_only(login, sent):
    figures = login("coordinator").get("/orientations/figures")
    html = figures.get_data(as_text=True)
    assert figures.status_code == 200
    assert "Envoyée, en attente de réponse</th><td>2</td>" in html and "Awa" not in html
    assert "Orientation n°" not in html
    other = login("coordinator_c").get("/orientations/figures").get_data(as_text=True)
    assert "Envoyée, en attente de réponse</th><td>0</td>" in other
    assert login("pro").get("/orientations/figures").status_code == 403
    assert "Envoyée, en attente de réponse</th><td>2</td>" in login("admin").get("/orientations/figures").get_data(as_text=True)


def test_every_view_and_list_is_audited_with_ids_only(login, sent):
    client = login("pro")
    client.get(f"/orientations/{sent[0].id}")
    client.get("/orientations/")
    viewed = AuditLog.get(AuditLog.action == "orientation-viewed")
    assert viewed.object_id == str(sent[0].id) and viewed.actor_id is not None
    listed = AuditLog.get(AuditLog.action == "orientations-listed")
    assert set(listed.detail.split(",")) == {str(sent[0].id), str(sent[1].id)}
    assert not AuditLog.select().where(AuditLog.detail.contains("Awa")).exists()
    assert AuditLog.select().where(AuditLog.action == "orientation-created").count() == 2


def test_the_inbox_puts_orientations_waiting_for_an_answer_first(login, send, places, answer_data, clock):
    answered = send(places["b"])
    login("pro_b").post(f"/orientations/{answered.id}/answer", data=answer_data("accepted"))
    clock.advance(days=1)
    newer = send(places["b"])
    clock.advance(days=1)
    newest_answered = send(places["b"])
    login("pro_b").post(f"/orientations/{newest_answered.id}/answer", data=answer_data("accepted"))
    inbox = login("pro_b").get("/orientations/inbox").get_data(as_text=True)
    positions = [inbox.index(f"Orientation n° {o.id}<") for o in (newer, newest_answered, answered)]
    assert positions == sorted(positions)
