"""Each answer of the receiving place, what it needs, and what may follow it."""
import datetime
from html import unescape

import pytest

from bonsclics.models.orientation import Orientation, OrientationEvent
from bonsclics.orientation import logic


@pytest.mark.parametrize("status, fields, check", [
    ("accepted", {}, lambda o: o.closed_at is None),
    ("appointment", {"appointment_date": "12/03/2026", "appointment_time": "9h15"},
     lambda o: o.appointment_at == datetime.datetime(2026, 3, 12, 8, 15) and o.closed_at is None),
    ("done", {}, lambda o: o.closed_at is not None),
    ("no_show", {}, lambda o: o.closed_at is not None),
    ("refused", {"refusal_reason": "full", "note": "Pas de place avant mai"},
     lambda o: o.refusal_reason == "full" and o.answer_note == "Pas de place avant mai" and o.closed_at),
    ("redirected", {"redirected_to": "PLACE_FREE"}, lambda o: o.redirected_to_id is not None and o.closed_at),
])
def test_each_answer_changes_the_status_and_is_recorded(login, send, places, answer_data, clock, status, fields, check):
    orientation = send(places["b"])
    if fields.get("redirected_to") == "PLACE_FREE":
        fields = {"redirected_to": str(places["free"].id)}
    clock.advance(days=2)
    response = login("pro_b").post(f"/orientations/{orientation.id}/answer", data=answer_data(status, **fields))
    assert response.status_code == 303
    orientation = Orientation.get_by_id(orientation.id)
    assert orientation.status == status and orientation.status_at == clock.now
    assert orientation.first_answer_at == clock.now
    assert check(orientation)
    last = OrientationEvent.select().order_by(OrientationEvent.id.desc()).get()
    assert (last.kind, last.status, last.via) == ("status", status, "app")
    sender_view = login("pro").get(f"/orientations/{orientation.id}").get_data(as_text=True)
    from bonsclics.orientation.vocabulary import STATUS_LABELS

    assert unescape(sender_view).count(str(STATUS_LABELS[status])) >= 2  # the status line and the history


def test_the_first_answer_time_is_kept_when_answers_follow(login, send, places, answer_data, clock):
    orientation = send(places["b"])
    receiver = login("pro_b")
    clock.advance(days=1)
    first = clock.now
    receiver.post(f"/orientations/{orientation.id}/answer", data=answer_data("accepted"))
    clock.advance(days=3)
    receiver.post(f"/orientations/{orientation.id}/answer", data=answer_data("done"))
    orientation = Orientation.get_by_id(orientation.id)
    assert orientation.status == "done" and orientation.first_answer_at == first and orientation.closed_at == clock.now
    assert [e.status for e in orientation.events.order_by(OrientationEvent.id)] == ["sent", "accepted", "done"]


@pytest.mark.parametrize("fields, message", [
    ({"status": ""}, "Choisissez une réponse."),
    ({"status": "expired"}, "Choisissez une réponse de la liste."),
    ({"status": "appointment"}, "Saisissez la date du rendez-vous"),
    ({"status": "appointment", "appointment_date": "31/02/2026", "appointment_time": "10:00"}, "Saisissez la date du rendez-vous"),
    ({"status": "appointment", "appointment_date": "2026-03-01", "appointment_time": "10:00"}, "Cette date est passée"),
    ({"status": "appointment", "appointment_date": "2026-03-05", "appointment_time": "25:00"}, "Saisissez l'heure du rendez-vous"),
    ({"status": "appointment", "appointment_date": "x" * 30, "appointment_time": "10:00"}, "20 caractères au plus."),
    ({"status": "refused"}, "Choisissez la raison du refus."),
    ({"status": "refused", "refusal_reason": "flemme"}, "Choisissez une réponse de la liste."),
    ({"status": "redirected"}, "Choisissez le lieu vers lequel vous envoyez la personne."),
    ({"status": "redirected", "redirected_to": "99999"}, "Choisissez un lieu dans la liste."),
    ({"status": "done", "note": "n" * 501}, "500 caractères au plus."),
])
def test_invalid_answers_are_refused_and_change_nothing(login, send, places, answer_data, fields, message):
    orientation = send(places["b"])
    data = answer_data(fields.pop("status"), **fields)
    response = login("pro_b").post(f"/orientations/{orientation.id}/answer", data=data)
    assert response.status_code == 400
    assert message in unescape(response.get_data(as_text=True))
    assert Orientation.get_by_id(orientation.id).status == "sent"
    assert OrientationEvent.select().count() == 1


def test_accepted_cannot_be_given_twice_and_a_closed_orientation_stays_closed(login, send, places, answer_data):
    orientation = send(places["b"])
    receiver = login("pro_b")
    receiver.post(f"/orientations/{orientation.id}/answer", data=answer_data("accepted"))
    again = receiver.post(f"/orientations/{orientation.id}/answer", data=answer_data("accepted"))
    assert again.status_code == 400
    receiver.post(f"/orientations/{orientation.id}/answer", data=answer_data("no_show"))
    closed = receiver.post(f"/orientations/{orientation.id}/answer", data=answer_data("done"), follow_redirects=True)
    assert "Cette orientation est close" in unescape(closed.get_data(as_text=True))
    assert Orientation.get_by_id(orientation.id).status == "no_show"
    assert "Envoyer la réponse" not in receiver.get(f"/orientations/{orientation.id}").get_data(as_text=True)


def test_the_sender_cannot_answer_in_the_places_name(login, send, places, answer_data):
    orientation = send(places["b"])
    assert login("pro").post(f"/orientations/{orientation.id}/answer", data=answer_data("accepted")).status_code == 403
    assert Orientation.get_by_id(orientation.id).status == "sent"


def test_allowed_answers_follow_the_status():
    assert logic.allowed_answers("sent") == ["accepted", "appointment", "done", "no_show", "refused", "redirected"]
    assert "accepted" not in logic.allowed_answers("appointment")
    assert logic.allowed_answers("done") == logic.allowed_answers("expired") == logic.allowed_answers("nonsense") == []
