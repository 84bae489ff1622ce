"""Booking with JavaScript off: a first name and a phone number, a code, cancelling with it; waiting lists."""
import re

import pytest
from agenda_support import body, book_with_phone

from bonsclics.models.agenda import CANCELLED, CONFIRMED, WAITING, Booking
from bonsclics.models.system import AuditLog


def _code_on(html):
    return re.search(r'booking-card__code">([A-Z0-9]{3}-[A-Z0-9]{3})<', html).group(1)


def test_book_with_only_a_phone_then_cancel_with_the_code(client, make_event, sms, mails):
    event = make_event(seats=5)
    page = client.get(f"/agenda/{event.id}")
    assert page.status_code == 200
    html = body(page)
    assert "Créer son adresse mail" in html and "5 places libres" in html and "Votre téléphone chargé" in html

    response = book_with_phone(client, event.id)
    assert response.status_code == 303
    card = client.get(response.headers["Location"])
    html = body(card)
    assert card.status_code == 200 and "Place réservée" in html and "1 rue des Arts" in html
    code = _code_on(html)
    booking = Booking.get()
    assert booking.first_name == "Fatima" and booking.phone == "+33612345678" and booking.email == ""
    assert booking.channel == "sms" and booking.status == CONFIRMED and booking.locale == "fr"
    assert code.replace("-", "") == booking.code
    assert len(sms) == 1 and code in sms[0]["text"] and sms[0]["to"] == "+33612345678"
    assert mails == []  # never both unless asked

    # Cancelling by code: type it (lower case, without dash), check, confirm.
    typed = code.replace("-", " ").lower()
    check = client.post("/agenda/cancel", data={"code": typed})
    assert check.status_code == 200 and "Annuler cette réservation ?" in body(check)
    assert Booking.get_by_id(booking.id).status == CONFIRMED  # nothing changed yet
    done = client.post("/agenda/cancel", data={"code": typed, "confirm": "yes"})
    assert done.status_code == 303
    assert Booking.get_by_id(booking.id).status == CANCELLED
    assert "Réservation annulée" in body(client.get(done.headers["Location"]))
    assert AuditLog.select().where(AuditLog.action == "booking-cancelled", AuditLog.object_id == str(booking.id)).exists()


def test_book_with_nothing_gives_a_card_only(client, make_event, sms, mails):
    event = make_event()
    response = client.post(f"/agenda/{event.id}", data={"first_name": "Awa"})
    assert response.status_code == 303
    html = body(client.get(response.headers["Location"]))
    assert "Pas de rappel" in html and "Imprimez cette page" in html
    assert Booking.get().channel == "none" and sms == [] and mails == []


def test_email_and_phone_remind_by_sms_unless_both_asked(client, make_event, sms, mails):
    event = make_event(seats=5)
    book_with_phone(client, event.id, name="Jean", email="jean@example.org")
    assert Booking.get(Booking.first_name == "Jean").channel == "sms" and len(sms) == 1 and mails == []
    book_with_phone(client, event.id, name="Lucie", email="lucie@example.org", both="y")
    assert Booking.get(Booking.first_name == "Lucie").channel == "both" and len(sms) == 2 and len(mails) == 1
    client.post(f"/agenda/{event.id}", data={"first_name": "Olena", "phone": "01 23 45 67 89", "email": "o@example.org"})
    assert Booking.get(Booking.first_name == "Olena").channel == "email"  # a landline takes no SMS


def test_full_workshop_waiting_list_promoted_on_cancellation(client, app, make_event, sms):
    event = make_event(seats=1)
    first = book_with_phone(client, event.id, name="Fatima", phone="0611111111")
    second = book_with_phone(client, event.id, name="Marcel", phone="0622222222")
    third = book_with_phone(client, event.id, name="Karim", phone="0633333333")
    statuses = {b.first_name: b.status for b in Booking.select()}
    assert statuses == {"Fatima": CONFIRMED, "Marcel": WAITING, "Karim": WAITING}
    assert "vous êtes n° 1" in body(client.get(second.headers["Location"]))
    assert "vous êtes n° 2" in body(client.get(third.headers["Location"]))
    assert "Complet" in body(client.get(f"/agenda/{event.id}"))

    sms.clear()
    client.post(first.headers["Location"] + "/cancel")
    statuses = {b.first_name: b.status for b in Booking.select()}
    assert statuses == {"Fatima": CANCELLED, "Marcel": CONFIRMED, "Karim": WAITING}
    assert Booking.get(Booking.first_name == "Marcel").promoted_at is not None
    assert [m["to"] for m in sms] == ["+33622222222"] and "Une place s'est libérée pour vous" in sms[0]["text"]
    assert "Place réservée" in body(client.get(second.headers["Location"]))
    # Cancelling someone waiting frees no seat: nobody is promoted.
    client.post(third.headers["Location"] + "/cancel")
    assert Booking.get(Booking.first_name == "Karim").status == CANCELLED and len(sms) == 1


def test_cancelling_twice_changes_nothing(client, make_event):
    event = make_event(seats=1)
    link = book_with_phone(client, event.id).headers["Location"]
    client.post(link + "/cancel")
    again = client.post(link + "/cancel", follow_redirects=True)
    assert "déjà annulée" in body(again)
    assert Booking.select().where(Booking.status == CANCELLED).count() == 1


def test_reminders_opt_out_from_the_card(client, make_event):
    event = make_event()
    link = book_with_phone(client, event.id).headers["Location"]
    client.post(link + "/reminders", data={"stop": "1"})
    assert Booking.get().reminders_opt_out is True
    assert "Recevoir les rappels" in body(client.get(link))
    client.post(link + "/reminders", data={"stop": "0"})
    assert Booking.get().reminders_opt_out is False


def test_a_helper_books_on_behalf_with_consent(login, world, make_event):
    client = login("pro_c")  # a helper of another network may send someone to any workshop
    event = make_event()
    refused = client.post(f"/agenda/{event.id}", data={"first_name": "Awa", "phone": "0612345678"})
    assert refused.status_code == 400 and "la personne doit être d'accord" in body(refused)
    assert Booking.select().count() == 0
    ok = client.post(f"/agenda/{event.id}", data={"first_name": "Awa", "phone": "0612345678", "consent": "y"})
    assert ok.status_code == 303
    booking = Booking.get()
    assert booking.booked_by_id == world["pro_c"].id and booking.consent_at is not None
    entry = AuditLog.get(AuditLog.action == "booking-on-behalf")
    assert entry.actor_id == world["pro_c"].id and entry.object_id == str(booking.id)


@pytest.mark.parametrize("data, message", [
    ({"first_name": ""}, "Écrivez un prénom"),
    ({"first_name": "   \u200b "}, "Écrivez un prénom"),
    ({"first_name": "x" * 61}, "trop long"),
    ({"first_name": "Awa", "phone": "06 12"}, "pas complet"),
    ({"first_name": "Awa", "phone": "abcdefghij"}, "pas complet"),
    ({"first_name": "Awa", "phone": "+33 0 12 34 56 78"}, "pas complet"),
    ({"first_name": "Awa", "email": "awa@"}, "adresse mail complète"),
    ({"first_name": "Awa", "email": "a" * 250 + "@example.org"}, "trop longue"),
])
def test_invalid_booking_forms(client, make_event, data, message):
    event = make_event()
    response = client.post(f"/agenda/{event.id}", data=data)
    html = body(response)
    assert response.status_code == 400 and message in html
    assert "<title>Erreur :" in html and 'class="error-summary"' in html
    if data.get("phone"):
        assert f'value="{data["phone"]}"' in html  # what was typed is kept
    assert Booking.select().count() == 0


def test_cancelled_past_and_unknown_events_take_no_booking(client, make_event, clock):
    import datetime

    cancelled = make_event(status="cancelled")
    past = make_event(starts_in=datetime.timedelta(hours=-1))
    for event, message in ((cancelled, "annulé"), (past, "déjà commencé")):
        page = body(client.get(f"/agenda/{event.id}"))
        assert message in page and 'name="first_name"' not in page
        response = client.post(f"/agenda/{event.id}", data={"first_name": "Awa"})
        assert response.status_code == 400 and message in body(response)
    assert client.post("/agenda/99999", data={"first_name": "Awa"}).status_code == 404
    assert client.get("/agenda/99999").status_code == 404
    assert Booking.select().count() == 0


@pytest.mark.parametrize("typed, status, message", [
    ("", 400, "Écrivez le code"),
    ("ZZZ-ZZZ", 404, "Ce code est inconnu"),
    ("SSS-000", 404, "Ce code est inconnu"),
    ("x" * 21, 400, "trop long"),
])
def test_invalid_codes(client, make_event, typed, status, message):
    response = client.post("/agenda/cancel", data={"code": typed, "confirm": "yes"})
    assert response.status_code == status and message in body(response)


def test_code_of_a_past_event_cannot_cancel(client, make_event, clock):
    event = make_event()
    link = book_with_phone(client, event.id).headers["Location"]
    code = Booking.get().code
    clock.advance(days=4)
    response = client.post("/agenda/cancel", data={"code": code, "confirm": "yes"})
    assert response.status_code == 400 and "déjà commencé" in body(response)
    assert Booking.get().status == CONFIRMED
    assert "Annuler ma réservation" not in body(client.get(link))


def test_code_of_a_cancelled_event_cannot_cancel(client, login, make_event):
    event = make_event()
    book_with_phone(client, event.id)
    login("pro").post(f"/agenda/manage/{event.id}/cancel", data={"confirm": "y"})
    response = client.post("/agenda/cancel", data={"code": Booking.get().code})
    assert response.status_code == 400 and "Cet atelier est annulé" in body(response)
    assert Booking.get().status == CONFIRMED


def test_code_lookups_are_rate_limited(client):
    statuses = [client.post("/agenda/cancel", data={"code": "ZZZZZZ"}).status_code for _ in range(21)]
    assert statuses[:20] == [404] * 20 and statuses[20] == 429


def test_forged_booking_links_are_404(client, make_event):
    event = make_event()
    link = book_with_phone(client, event.id).headers["Location"]
    token = link.rsplit("/", 1)[1]
    card = client.get(link)
    assert card.status_code == 200 and card.headers["Cache-Control"] == "no-store"  # a name and phone: no copy kept
    assert client.get(link[:-2] + "xx").status_code == 404
    assert client.get("/agenda/booking/" + "a" * 150).status_code == 404
    assert client.post("/agenda/booking/nope/cancel").status_code == 404
    assert token not in Booking.get().code
