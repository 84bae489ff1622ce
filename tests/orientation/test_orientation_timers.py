"""Timers with a controllable clock: one reminder, expiry, anonymisation; the cron command."""
import datetime

from orientation_helpers import outbox, token_in

from bonsclics.models.orientation import Orientation, OrientationEvent
from bonsclics.orientation import logic
from bonsclics.orientation.actions import run_timers

CONFIG = {"ORIENTATION_REMINDER_DAYS": 10, "ORIENTATION_EXPIRY_DAYS": 30, "RETENTION_CLOSED_ORIENTATION_DAYS": 730}


def _run(app, clock):
    with app.test_request_context("/"):
        return run_timers(clock.now, app.config)


def test_the_place_is_reminded_once_after_ten_days(app, client, send, places, clock):
    orientation = send(places["free"])
    first_token = token_in(outbox(app)[-1])
    clock.advance(days=9, hours=23)
    assert _run(app, clock)["orientations-reminded"] == 0 and len(outbox(app)) == 1
    clock.advance(hours=1)
    assert _run(app, clock)["orientations-reminded"] == 1
    [_, reminder] = outbox(app)
    assert reminder["To"] == "libre@test.test" and reminder["Subject"].startswith("Relance")
    assert Orientation.get_by_id(orientation.id).reminder_sent_at == clock.now
    # The reminder carries a fresh link (the first one has expired by then).
    assert client.get(f"/orientations/respond/{first_token}").status_code == 410
    assert client.get(f"/orientations/respond/{token_in(reminder)}").status_code == 200
    for _ in range(3):
        clock.advance(days=1)
        assert _run(app, clock)["orientations-reminded"] == 0
    assert len(outbox(app)) == 2
    assert OrientationEvent.select().where(OrientationEvent.kind == "reminder").count() == 1


def test_an_answered_orientation_is_neither_reminded_nor_expired(app, login, send, places, clock, answer_data):
    orientation = send(places["b"])
    login("pro_b").post(f"/orientations/{orientation.id}/answer", data=answer_data("accepted"))
    clock.advance(days=45)
    assert _run(app, clock) == {"orientations-expired": 0, "orientations-reminded": 0, "closed-orientations-anonymised": 0}
    assert Orientation.get_by_id(orientation.id).status == "accepted"


def test_an_unanswered_orientation_expires_after_thirty_days(app, client, login, send, places, clock):
    orientation = send(places["free"])
    clock.advance(days=29, hours=23)
    _run(app, clock)
    assert Orientation.get_by_id(orientation.id).status == "sent"
    token = token_in(outbox(app)[-1])  # the reminder's link
    clock.advance(hours=1)
    assert _run(app, clock)["orientations-expired"] == 1
    expired = Orientation.get_by_id(orientation.id)
    assert (expired.status, expired.closed_at, expired.first_answer_at) == ("expired", clock.now, None)
    assert client.get(f"/orientations/respond/{token}").status_code == 410
    assert _run(app, clock)["orientations-expired"] == 0
    assert "Expirée sans réponse" in login("pro").get("/orientations/").get_data(as_text=True)


def test_an_orientation_found_late_expires_without_a_useless_reminder(app, send, places, clock):
    send(places["free"])
    clock.advance(days=31)
    assert _run(app, clock) == {"orientations-expired": 1, "orientations-reminded": 0, "closed-orientations-anonymised": 0}
    assert len(outbox(app)) == 1


def test_closed_orientations_are_anonymised_after_the_retention_period(app, login, send, places, clock, answer_data):
    orientation = send(places["b"])
    login("pro_b").post(f"/orientations/{orientation.id}/answer", data=answer_data("done", note="Venue avec sa fille"))
    clock.advance(days=729)
    assert _run(app, clock)["closed-orientations-anonymised"] == 0
    clock.advance(days=1)
    assert _run(app, clock)["closed-orientations-anonymised"] == 1
    kept = Orientation.get_by_id(orientation.id)
    assert (kept.person_name, kept.contact_phone, kept.answer_note, kept.need_details) == ("", "", "", "")
    assert kept.status == "done" and kept.anonymised_at == clock.now and kept.first_answer_at is not None
    assert _run(app, clock)["closed-orientations-anonymised"] == 0


def test_the_purge_command_also_anonymises_through_retention(app, send, places, clock):
    from bonsclics.maintenance import purge

    orientation = send(places["free"])
    clock.advance(days=31)
    _run(app, clock)  # expires
    clock.advance(days=731)
    with app.app_context():
        counts = purge(clock.now)
    assert counts["closed-orientations-anonymised"] == 1
    assert Orientation.get_by_id(orientation.id).person_name == ""


def test_the_cron_command_runs_and_is_idempotent(app, runner, send, places, clock):
    send(places["free"])
    clock.advance(days=11)
    first = runner.invoke(args=["orientations-timers"])
    assert first.exit_code == 0 and "orientations-reminded: 1" in first.output
    second = runner.invoke(args=["orientations-timers"])
    assert "orientations-reminded: 0" in second.output
    assert len(outbox(app)) == 2
    # The link in the reminder sent by cron points to this site.
    assert "http://localhost/orientations/respond/" in outbox(app)[-1].get_content()


def test_the_cron_command_waits_for_another_run(app, runner, places):
    from bonsclics.models.system import CommandLock

    with app.app_context():
        CommandLock.create(name="orientations-timers", holder="other", expires_at=datetime.datetime(2100, 1, 1))
    result = runner.invoke(args=["orientations-timers"])
    assert "Un autre passage est en cours" in result.output


def test_the_timer_rules_are_pure_functions():
    now = datetime.datetime(2026, 5, 1)

    class O:
        status, reminder_sent_at, anonymised_at, closed_at = "sent", None, None, None
        created_at = status_at = now - datetime.timedelta(days=10)

    assert logic.due_for_reminder(O, now, CONFIG) and not logic.due_for_expiry(O, now, CONFIG)
    O.reminder_sent_at = now
    assert not logic.due_for_reminder(O, now, CONFIG)
    O.created_at = now - datetime.timedelta(days=30)
    assert logic.due_for_expiry(O, now, CONFIG)
    O.status, O.closed_at = "done", now - datetime.timedelta(days=730)
    assert logic.due_for_anonymisation(O, now, CONFIG) and not logic.due_for_expiry(O, now, CONFIG)
    O.anonymised_at = now
    assert not logic.due_for_anonymisation(O, now, CONFIG)
