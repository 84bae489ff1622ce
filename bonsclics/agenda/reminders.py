"""Reminders before an event (48 h and 2 h by default), sent by the `send-reminders` command.

A reminder is claimed before it is sent: a ReminderSent row with the unique key
(booking, kind) is inserted and committed first. Two runs that overlap (a
lock that expired, two servers) both try the insert, only one succeeds, and
only that one sends. A message that the sender refused gives its claim back,
so the next run tries again while the reminder is still due.
"""
import datetime

from peewee import IntegrityError

from ..db import utcnow, write_transaction
from ..models.agenda import CONFIRMED, Booking, Event, ReminderSent
from ..models.places import Place
from . import notify
from .logic import due_reminder, reminder_kind


def candidates(now, hours_before):
    """Confirmed bookings with a channel, of scheduled events starting within the largest delay."""
    horizon = now + datetime.timedelta(hours=max(hours_before))
    return (
        Booking.select(Booking, Event, Place)
        .join(Event)
        .join(Place)
        .where(
            Booking.status == CONFIRMED, Booking.channel != "none", Booking.reminders_opt_out == False,  # noqa: E712
            Event.status == "scheduled", Event.starts_at > now, Event.starts_at <= horizon,
        )
        .order_by(Event.starts_at, Booking.id)
    )


def _claim(booking, kind):
    """Insert the (booking, kind) row; True when this run got it."""
    try:
        with write_transaction():
            ReminderSent.create(booking=booking, kind=kind, sent_at=utcnow())
        return True
    except IntegrityError:
        return False


def send_due(now=None, hours_before=None):
    """Send every reminder due now, each at most once; returns how many went out."""
    from flask import current_app

    now = now or utcnow()
    hours_before = hours_before or current_app.config["REMINDER_HOURS_BEFORE"]
    sent = 0
    # Read the whole list first: an open read cursor would keep an old snapshot of
    # a SQLite database and make the writes below fail when another run commits.
    for booking in list(candidates(now, hours_before)):
        known_since = max(booking.created_at, booking.promoted_at or booking.created_at)
        hours = due_reminder(booking.event.starts_at, known_since, now, hours_before)
        if hours is None:
            continue
        kind = reminder_kind(hours)
        if ReminderSent.select().where(ReminderSent.booking == booking, ReminderSent.kind == kind).exists():
            continue
        if not _claim(booking, kind):
            continue
        channels = notify.send("reminder", booking, booking.event, hours=hours)
        if channels:
            ReminderSent.update(channel="+".join(channels)).where(
                ReminderSent.booking == booking, ReminderSent.kind == kind
            ).execute()
            sent += 1
        else:
            ReminderSent.delete().where(ReminderSent.booking == booking, ReminderSent.kind == kind).execute()
    return sent
