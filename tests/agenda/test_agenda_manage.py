"""Organisers: participants (only for their structure), attendance with one tap, creating, moving, cancelling."""
import datetime

import pytest
from agenda_support import NOW, body, book_with_phone
from helpers import sign_in

from bonsclics.models.agenda import (
    ABSENT, PRESENT, Booking, Event, EventSeries, SeriesException,
)
from bonsclics.models.system import AuditLog


@pytest.fixture
def booked(client, make_event):
    """An event of structure A with Fatima (phone) confirmed and Marcel waiting."""
    event = make_event(seats=1)
    book_with_phone(client, event.id, name="Fatima", phone="0611111111")
    book_with_phone(client, event.id, name="Marcel", phone="0622222222")
    return event


@pytest.mark.parametrize("role", ["manager", "pro", "volunteer"])
def test_members_of_the_structure_see_participants(login, booked, world, role):
    response = login(role).get(f"/agenda/manage/{booked.id}")
    html = body(response)
    assert response.status_code == 200
    assert "Fatima" in html and "06 11 11 11 11" in html and "Marcel" in html
    entry = AuditLog.select().where(AuditLog.action == "participants-viewed").order_by(AuditLog.id.desc()).first()
    assert entry.object_id == str(booked.id) and entry.actor_id == world[role].id


@pytest.mark.parametrize("role", ["pro_b", "pro_c", "coordinator", "coordinator_c", "admin"])
def test_others_never_see_participants(login, booked, role):
    client = login(role)
    for path in (f"/agenda/manage/{booked.id}", f"/agenda/manage/{booked.id}/move", f"/agenda/manage/{booked.id}/cancel"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "Fatima" not in body(response)
    booking = Booking.get(Booking.first_name == "Fatima")
    assert client.post(f"/agenda/manage/{booked.id}/attendance/{booking.id}", data={"attendance": "present"}).status_code == 403
    assert client.post(f"/agenda/manage/{booked.id}/cancel", data={"confirm": "y"}).status_code == 403
    assert Event.get_by_id(booked.id).status == "scheduled" and Booking.get_by_id(booking.id).attendance == ""
    # The public page never shows names or phones.
    public_page = body(login(role).get(f"/agenda/{booked.id}"))
    assert "Fatima" not in public_page and "06 11" not in public_page


def test_anonymous_visitors_go_to_login(client, booked):
    assert client.get(f"/agenda/manage/{booked.id}").status_code == 302
    assert client.get("/agenda/manage/").status_code == 302


def test_unknown_ids_are_404(login, booked):
    client = login("pro")
    booking = Booking.get(Booking.first_name == "Fatima")
    assert client.get("/agenda/manage/99999").status_code == 404
    assert client.post(f"/agenda/manage/{booked.id}/attendance/99999", data={"attendance": "present"}).status_code == 404
    assert client.get("/agenda/manage/series/99999").status_code == 404
    waiting = Booking.get(Booking.first_name == "Marcel")
    assert client.post(f"/agenda/manage/{booked.id}/attendance/{waiting.id}", data={"attendance": "present"}).status_code == 404
    other = Event.create(place=booked.place, title="Autre", starts_at=booked.starts_at, ends_at=booked.ends_at)
    assert client.post(f"/agenda/manage/{other.id}/attendance/{booking.id}", data={"attendance": "present"}).status_code in (403, 404)


def test_attendance_one_tap_without_and_with_htmx(login, htmx_client, booked, clock, world):
    client = login("volunteer")
    booking = Booking.get(Booking.first_name == "Fatima")
    url = f"/agenda/manage/{booked.id}/attendance/{booking.id}"
    too_early = client.post(url, data={"attendance": "present"})
    assert too_early.status_code == 400 and "une heure avant" in body(too_early)
    assert Booking.get_by_id(booking.id).attendance == ""

    clock.set(booked.starts_at + datetime.timedelta(minutes=10))
    page = body(client.get(f"/agenda/manage/{booked.id}"))
    assert f'action="{url}"' in page and f'hx-post="{url}"' in page
    done = client.post(url, data={"attendance": "present", "level": "intermediate"})
    assert done.status_code == 303 and done.headers["Location"].endswith(f"#p-{booking.id}")
    saved = Booking.get_by_id(booking.id)
    assert saved.attendance == PRESENT and saved.level_reached == "intermediate"
    assert saved.attendance_marked_by_id == world["volunteer"].id

    fragment = sign_in(htmx_client, world["volunteer"]).post(url, data={"attendance": "absent", "level": ""})
    html = body(fragment)
    assert fragment.status_code == 200 and html.lstrip().startswith(f'<li class="participant" id="p-{booking.id}"')
    assert "Noté : absent·e" in html and "<html" not in html
    assert Booking.get_by_id(booking.id).attendance == ABSENT


@pytest.mark.parametrize("data, message", [
    ({"attendance": "maybe"}, "présent"),
    ({"attendance": ""}, "présent"),
    ({"attendance": "present", "level": "expert"}, "niveau de la liste"),
])
def test_invalid_attendance(login, booked, clock, data, message):
    clock.set(booked.starts_at)
    booking = Booking.get(Booking.first_name == "Fatima")
    response = login("pro").post(f"/agenda/manage/{booked.id}/attendance/{booking.id}", data=data)
    assert response.status_code == 400 and message in body(response)
    assert Booking.get_by_id(booking.id).attendance == ""


def test_attendance_feeds_reporting(app, login, make_event, client, clock):
    from bonsclics.agenda.bookings import attendance_counts

    event = make_event(seats=5)
    for name in ("A", "B", "C"):
        book_with_phone(client, event.id, name=name)
    clock.set(event.starts_at)
    pro = login("pro")
    people = list(Booking.select().order_by(Booking.id))
    pro.post(f"/agenda/manage/{event.id}/attendance/{people[0].id}", data={"attendance": "present"})
    pro.post(f"/agenda/manage/{event.id}/attendance/{people[1].id}", data={"attendance": "absent"})
    assert attendance_counts([event.id]) == {"booked": 3, "present": 1, "absent": 1, "unmarked": 1}
    html = body(pro.get(f"/agenda/manage/{event.id}"))
    assert "Présent·es : 1" in html and "Absent·es : 1" in html


def test_cancelling_an_event_tells_everyone(login, booked, sms):
    sms.clear()
    client = login("pro")
    refused = client.post(f"/agenda/manage/{booked.id}/cancel", data={"reason": "Animatrice malade"})
    assert refused.status_code == 400 and "Cochez la case" in body(refused)
    assert Event.get_by_id(booked.id).status == "scheduled"
    long_reason = client.post(f"/agenda/manage/{booked.id}/cancel", data={"reason": "x" * 301, "confirm": "y"})
    assert long_reason.status_code == 400 and "trop long" in body(long_reason)
    done = client.post(f"/agenda/manage/{booked.id}/cancel", data={"reason": "Animatrice malade", "confirm": "y"})
    assert done.status_code == 303 and Event.get_by_id(booked.id).status == "cancelled"
    assert sorted(m["to"] for m in sms) == ["+33611111111", "+33622222222"]
    assert all("Atelier annulé" in m["text"] for m in sms)
    again = client.post(f"/agenda/manage/{booked.id}/cancel", data={"confirm": "y"})
    assert again.status_code == 400 and len(sms) == 2
    assert "Cet atelier est annulé" in body(client.get(f"/agenda/{booked.id}"))


def test_moving_an_event_tells_everyone_and_resets_reminders(login, booked, sms, runner, clock):
    clock.set(booked.starts_at - datetime.timedelta(hours=47))
    runner.invoke(args=["send-reminders"])
    sms.clear()
    clock.set(NOW)
    client = login("manager")
    bad = client.post(f"/agenda/manage/{booked.id}/move", data={"date": "31/02/2026", "start_time": "25:00", "end_time": "10:00"})
    assert bad.status_code == 400 and "12/03/2026" in body(bad) and "14:00" in body(bad)
    backwards = client.post(f"/agenda/manage/{booked.id}/move", data={"date": "2026-04-02", "start_time": "14:00", "end_time": "13:00"})
    assert backwards.status_code == 400 and "après l'heure de début" in body(backwards)
    past = client.post(f"/agenda/manage/{booked.id}/move", data={"date": "2026-03-01", "start_time": "14:00", "end_time": "16:00"})
    assert past.status_code == 400 and "passée" in body(past)
    ok = client.post(f"/agenda/manage/{booked.id}/move", data={"date": "02/04/2026", "start_time": "14:00", "end_time": "16:00"})
    assert ok.status_code == 303
    moved = Event.get_by_id(booked.id)
    assert moved.starts_at == datetime.datetime(2026, 4, 2, 12, 0)  # 14:00 summer time in Paris
    assert len(sms) == 2 and all("Atelier déplacé" in m["text"] and "jeudi 2 avril, 14:00" in m["text"] for m in sms)
    assert booked.starts_at != moved.starts_at
    from bonsclics.models.agenda import ReminderSent

    assert ReminderSent.select().count() == 0


def test_create_a_single_event_and_a_weekly_series(login, places, world, clock):
    client = login("pro")
    form = client.get("/agenda/manage/new")
    assert form.status_code == 200 and "Médiathèque 1" in body(form) and "Médiathèque 2" not in body(form)
    data = {
        "place": str(places["a"].id), "kind": "workshop", "title": "Faire sa déclaration en ligne",
        "description": "On remplit la déclaration ensemble.", "level": "intermediate", "competences": ["internet"],
        "modules": ["internet-forms"], "languages": ["fr", "ar"], "is_free": "yes", "seats": "8",
        "date": "2026-03-31", "start_time": "14:00", "end_time": "16:00",
    }
    created = client.post("/agenda/manage/new", data=data)
    assert created.status_code == 303
    event = Event.get(Event.title == "Faire sa déclaration en ligne")
    assert event.starts_at == datetime.datetime(2026, 3, 31, 12) and event.seats == 8
    assert event.organiser_id == world["pro"].id and event.structure_id == world["structure_a"].id
    assert event.languages == "fr|ar" and event.modules == "internet-forms" and event.level == "intermediate"

    series = dict(data, title="Permanence du mardi", kind="dropin", seats="", date="2026-03-24", until="2026-04-21")
    made = client.post("/agenda/manage/new", data=series)
    assert made.status_code == 303
    rows = list(Event.select().where(Event.title == "Permanence du mardi").order_by(Event.starts_at))
    assert [e.starts_at for e in rows] == [
        datetime.datetime(2026, 3, 24, 13), datetime.datetime(2026, 3, 31, 12), datetime.datetime(2026, 4, 7, 12),
        datetime.datetime(2026, 4, 14, 12), datetime.datetime(2026, 4, 21, 12)]
    assert all(e.seats is None and e.series_id == rows[0].series_id for e in rows)
    page = body(client.get(made.headers["Location"]))
    assert "Chaque mardi, de 14:00 à 16:00" in page

    # Cancelling one date records the exception; materialising again does not bring it back.
    client.post(f"/agenda/manage/{rows[2].id}/cancel", data={"confirm": "y"})
    found = EventSeries.get()
    assert [e.on_date for e in SeriesException.select()] == [datetime.date(2026, 4, 7)]
    from bonsclics.agenda.series import materialise

    with client.application.app_context():
        assert materialise(found) == 0
    assert Event.select().where(Event.series == found).count() == 5
    assert "Dates sans séance" in body(client.get(made.headers["Location"]))


@pytest.mark.parametrize("change, message", [
    ({"title": ""}, "Donnez un titre"),
    ({"description": ""}, "Dites ce que l'on apprend"),
    ({"seats": ""}, "nombre de places"),
    ({"seats": "0"}, "entre 1 et 500"),
    ({"seats": "-3"}, "entre 1 et 500"),
    ({"seats": "abc"}, "entre 1 et 500"),
    ({"date": "2026-03-01"}, "passée"),
    ({"date": "demain"}, "12/03/2026"),
    ({"start_time": "14:00", "end_time": "13:59"}, "après l'heure de début"),
    ({"until": "2026-03-01"}, "après la première date"),
    ({"until": "2028-01-01"}, "au plus un an"),
    ({"level": "expert"}, "niveau de la liste"),
    ({"kind": "party"}, "type de la liste"),
    ({"languages": ["xx"]}, "langues de la liste"),
    ({"modules": ["nope"]}, "leçons de la liste"),
    ({"place": "99999"}, "lieu de la liste"),
    ({"title": "x" * 121}, "trop long"),
])
def test_invalid_event_forms(login, places, change, message):
    data = {"place": str(places["a"].id), "kind": "workshop", "title": "Atelier", "description": "Texte",
            "level": "beginner", "languages": ["fr"], "is_free": "yes", "seats": "8",
            "date": "2026-03-31", "start_time": "14:00", "end_time": "16:00"}
    data.update(change)
    response = login("pro").post("/agenda/manage/new", data=data)
    assert response.status_code == 400 and message in body(response)
    assert Event.select().count() == 0 and EventSeries.select().count() == 0


def test_a_place_of_another_structure_cannot_be_used(login, places):
    data = {"place": str(places["c"].id), "kind": "dropin", "title": "Atelier", "description": "Texte",
            "level": "beginner", "is_free": "yes", "date": "2026-03-31", "start_time": "14:00", "end_time": "16:00"}
    assert login("pro").post("/agenda/manage/new", data=data).status_code == 400
    assert Event.select().count() == 0


def test_my_events_list(login, booked, make_event):
    make_event(place="c", title="Atelier d'ailleurs")
    html = body(login("pro").get("/agenda/manage/"))
    assert "Créer son adresse mail" in html and "Atelier d'ailleurs" not in html
    assert "1 inscrit·e" in html and "1 en attente" in html


def test_series_pages_belong_to_their_structure(app, login, places, world, clock):
    from bonsclics.agenda import series as series_logic

    with app.app_context():
        created = series_logic.create(
            {"place": places["a"], "structure": world["structure_a"].id, "organiser": world["pro"].id,
             "title": "Permanence", "kind": "dropin", "timezone": "Europe/Paris"},
            1, datetime.time(14), datetime.time(17), datetime.date(2026, 3, 24), datetime.date(2026, 4, 14))
    assert Event.select().where(Event.series == created).count() == 4
    assert login("volunteer").get(f"/agenda/manage/series/{created.id}").status_code == 200
    for role in ("pro_b", "pro_c"):
        assert login(role).get(f"/agenda/manage/series/{created.id}").status_code == 403
