"""`send-reminders`: 48 h and 2 h before, through the person's channel, in their language, exactly once."""
import datetime
import threading

from agenda_support import book_with_phone

from bonsclics.models.agenda import Booking, ReminderSent


def _run(runner):
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output
    return result.output


def test_each_reminder_is_sent_exactly_once(client, runner, make_event, clock, sms, mails):
    event = make_event(seats=5, starts_in=datetime.timedelta(days=3))
    book_with_phone(client, event.id, name="Fatima")
    client.post(f"/agenda/{event.id}", data={"first_name": "Jean", "email": "jean@example.org"})
    client.post(f"/agenda/{event.id}", data={"first_name": "Awa"})  # no channel: nothing to send
    sms.clear()
    mails.clear()

    assert "Rappels envoyés : 0" in _run(runner)  # three days before: nothing yet
    clock.set(event.starts_at - datetime.timedelta(hours=47))
    assert "Rappels envoyés : 2" in _run(runner)
    assert "Rappels envoyés : 0" in _run(runner)  # run twice: nothing more
    assert len(sms) == 1 and len(mails) == 1
    assert "Rappel : votre atelier" in sms[0]["text"] and "Créer son adresse mail" in sms[0]["text"]
    assert "jeudi 26 mars, 11:00" in sms[0]["text"]  # the place's local time: 10:00 UTC + 1 h in winter
    assert "Petit rappel : votre atelier commence dans 48 heures." in mails[0].get_content()
    assert mails[0]["To"] == "jean@example.org" and "/agenda/booking/" in mails[0].get_content()

    clock.set(event.starts_at - datetime.timedelta(hours=1, minutes=50))
    assert "Rappels envoyés : 2" in _run(runner)
    assert "Rappels envoyés : 0" in _run(runner)
    assert len(sms) == 2 and len(mails) == 2
    kinds = sorted((r.booking.first_name, r.kind, r.channel) for r in ReminderSent.select())
    assert kinds == [("Fatima", "2h", "sms"), ("Fatima", "48h", "sms"), ("Jean", "2h", "email"), ("Jean", "48h", "email")]

    clock.set(event.starts_at + datetime.timedelta(minutes=5))
    assert "Rappels envoyés : 0" in _run(runner)


def test_opt_out_cancelled_and_waiting_get_no_reminder(client, runner, make_event, clock, sms):
    event = make_event(seats=1, starts_in=datetime.timedelta(days=3))
    holder = book_with_phone(client, event.id, name="Fatima", phone="0611111111").headers["Location"]
    book_with_phone(client, event.id, name="Marcel", phone="0622222222")  # waiting list
    client.post(holder + "/reminders", data={"stop": "1"})
    sms.clear()
    clock.set(event.starts_at - datetime.timedelta(hours=47))
    assert "Rappels envoyés : 0" in _run(runner) and sms == []
    other = make_event(seats=3, starts_in=datetime.timedelta(days=3), status="cancelled")
    Booking.create(event=other, code="AAA222", first_name="Karim", phone="+33633333333", channel="sms")
    assert "Rappels envoyés : 0" in _run(runner) and sms == []


def test_reminders_speak_the_language_of_the_booking(client, runner, make_event, clock, sms, mails):
    from babel.dates import format_datetime
    from flask_babel import force_locale, gettext

    event = make_event(starts_in=datetime.timedelta(days=3))
    client.get("/agenda/?lang=ar")
    book_with_phone(client, event.id, name="Amina", email="amina@example.org", both="y")
    assert Booking.get().locale == "ar"
    sms.clear()
    mails.clear()
    clock.set(event.starts_at - datetime.timedelta(hours=47))
    _run(runner)
    with client.application.test_request_context(), force_locale("ar"):
        sentence = gettext("Petit rappel : votre atelier commence dans %(hours)s heures.", hours=48)
    local = event.starts_at.replace(tzinfo=datetime.timezone.utc)
    arabic_date = format_datetime(local, "EEEE d MMMM, HH:mm", tzinfo="Europe/Paris", locale="ar")
    assert arabic_date in sms[0]["text"] and arabic_date in mails[0].get_content()
    assert sentence in mails[0].get_content()


def test_a_promoted_person_gets_the_latest_reminder_only(client, runner, make_event, clock, sms):
    event = make_event(seats=1, starts_in=datetime.timedelta(days=3))
    first = book_with_phone(client, event.id, name="Fatima", phone="0611111111").headers["Location"]
    book_with_phone(client, event.id, name="Marcel", phone="0622222222")
    clock.set(event.starts_at - datetime.timedelta(hours=10))
    client.post(first + "/cancel")  # Marcel gets the seat 10 hours before
    sms.clear()
    assert "Rappels envoyés : 0" in _run(runner)
    clock.set(event.starts_at - datetime.timedelta(hours=2))
    assert "Rappels envoyés : 1" in _run(runner)
    assert sms[0]["to"] == "+33622222222"


def test_overlapping_runs_never_send_twice(app, client, make_event, clock, sms):
    """Two runs at once (the lock bypassed): the unique (booking, kind) key lets one send."""
    from bonsclics.agenda.reminders import send_due

    event = make_event(seats=20, starts_in=datetime.timedelta(days=3))
    for n in range(8):
        book_with_phone(client, event.id, name=f"P{n}", phone=f"06000000{n:02d}")
    sms.clear()
    clock.set(event.starts_at - datetime.timedelta(hours=47))
    barrier = threading.Barrier(3)
    totals = []

    def run():
        with app.app_context():
            barrier.wait()
            totals.append(send_due())

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sum(totals) == 8 and len(sms) == 8 and len({m["to"] for m in sms}) == 8
    assert ReminderSent.select().count() == 8


def test_the_command_lock_stops_a_second_run(app, runner, clock):
    from bonsclics.db import command_lock

    with app.app_context():
        with command_lock("send-reminders") as taken:
            assert taken
            assert "Un autre envoi de rappels est en cours" in _run(runner)


def test_a_refused_message_is_tried_again_next_run(app, client, runner, make_event, clock, sms, monkeypatch):
    event = make_event(starts_in=datetime.timedelta(days=3))
    book_with_phone(client, event.id)
    sms.clear()
    clock.set(event.starts_at - datetime.timedelta(hours=47))
    monkeypatch.setattr("bonsclics.agenda.notify.send_sms", lambda to, text: False)
    assert "Rappels envoyés : 0" in _run(runner) and ReminderSent.select().count() == 0
    monkeypatch.undo()
    assert "Rappels envoyés : 1" in _run(runner) and ReminderSent.select().count() == 1


def test_without_a_known_address_messages_say_where_to_type_the_code(app, client, runner, make_event, clock, mails):
    event = make_event(starts_in=datetime.timedelta(days=3))
    client.post(f"/agenda/{event.id}", data={"first_name": "Jean", "email": "jean@example.org"})
    mails.clear()
    app.config["SERVER_NAME"] = None  # cron on a server where SERVER_NAME is not set
    clock.set(event.starts_at - datetime.timedelta(hours=47))
    assert "Rappels envoyés : 1" in _run(runner)
    text = mails[0].get_content()
    assert "tapez votre code sur bonsclics" in text and "http" not in text
