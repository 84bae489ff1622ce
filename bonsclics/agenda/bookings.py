"""Seats: booking, waiting lists, cancelling, moving and cancelling events, attendance.

Every change that depends on how many seats are taken happens inside
`write_transaction()` with the event row locked (`lock_rows`: FOR UPDATE on
PostgreSQL; SQLite's BEGIN IMMEDIATE already lets one writer in at a time), so
two people can never both take the last seat. Messages are sent by the caller
once the transaction is committed (see notify.py).
"""
from itsdangerous import BadSignature
from peewee import IntegrityError, fn

from ..db import lock_rows, utcnow, write_transaction
from ..models.agenda import (
    ABSENT, CANCELLED, CONFIRMED, LEVELS, PRESENT, WAITING, Booking, Event, ReminderSent, SeriesException,
)
from ..models.learners import new_code, normalise_code
from ..security import audit, signer
from .logic import BOOKING_CODE_LENGTH, looks_like_booking_code


class BookingRefused(Exception):
    """The event cannot take bookings (cancelled, started, unknown)."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason  # "cancelled" or "past"


def bookable_problem(event, now=None):
    """Why `event` takes no booking ("cancelled", "past"), or None."""
    now = now or utcnow()
    if event.status != "scheduled":
        return "cancelled"
    if event.starts_at <= now:
        return "past"
    return None


def confirmed_count(event_id):
    """How many seats of an event are taken."""
    return Booking.select().where(Booking.event == event_id, Booking.status == CONFIRMED).count()


def counts_by_event(event_ids):
    """{event id: {"confirmed": n, "waiting": n}} for many events in one query."""
    counts = {}
    if not event_ids:
        return counts
    rows = (
        Booking.select(Booking.event, Booking.status, fn.COUNT(Booking.id))
        .where(Booking.event.in_(list(event_ids)), Booking.status.in_([CONFIRMED, WAITING]))
        .group_by(Booking.event, Booking.status)
        .tuples()
    )
    for event_id, status, count in rows:
        counts.setdefault(event_id, {"confirmed": 0, "waiting": 0})[status] = count
    return counts


def _unused_code():
    """A fresh booking code from the unambiguous alphabet."""
    while True:
        code = new_code(BOOKING_CODE_LENGTH)
        if not Booking.select().where(Booking.code == code).exists():
            return code


def book(event_id, first_name, phone="", email="", channel="none", locale="fr",
         booked_by=None, resume_code=None):
    """Book a seat, or a place on the waiting list when the event is full.

    Raises BookingRefused (and LookupError for an unknown event).
    """
    for _attempt in range(3):
        try:
            with write_transaction():
                event = lock_rows(Event.select().where(Event.id == event_id)).first()
                if event is None:
                    raise LookupError(event_id)
                problem = bookable_problem(event)
                if problem:
                    raise BookingRefused(problem)
                full = event.seats is not None and confirmed_count(event.id) >= event.seats
                now = utcnow()
                booking = Booking.create(
                    event=event, code=_unused_code(), first_name=first_name,
                    phone=phone, email=email, channel=channel, locale=locale,
                    status=WAITING if full else CONFIRMED, created_at=now,
                    booked_by=booked_by, consent_at=now if booked_by is not None else None,
                    resume_code=resume_code,
                )
                audit("booking-on-behalf" if booked_by is not None else "booking-created", "booking", booking.id,
                      detail=f"event:{event.id}:{booking.status}", actor=booked_by)
            booking.event = event
            return booking
        except IntegrityError:
            continue  # two requests drew the same code at once: draw again
    raise RuntimeError("could not draw a unique booking code")


def find_by_code(typed):
    """The booking for a typed code (case, spaces and dashes ignored), or None."""
    code = normalise_code(typed)
    if not looks_like_booking_code(code):
        return None
    return Booking.select(Booking, Event).join(Event).where(Booking.code == code).first()


def _signer():
    """Signs booking ids into the secret part of booking links (nothing to store)."""
    return signer("agenda-booking")


def booking_token(booking):
    """The secret of a booking's link: its id and code, signed, so nobody can reach another booking.

    The code is part of it so that a link never leads to a later booking that
    happens to reuse the id of an erased one.
    """
    return _signer().dumps([booking.id, booking.code])


def find_by_token(token):
    """The booking of a booking link, or None."""
    if not token or len(token) > 100:
        return None
    try:
        booking_id, code = _signer().loads(token)
    except (BadSignature, TypeError, ValueError):
        return None
    if not isinstance(booking_id, int) or not isinstance(code, str):
        return None
    return Booking.select(Booking, Event).join(Event).where(Booking.id == booking_id, Booking.code == code).first()


def waiting_position(booking):
    """1 for the first person waiting, 2 for the next..."""
    ahead = Booking.select().where(
        Booking.event == booking.event_id, Booking.status == WAITING,
        (Booking.created_at < booking.created_at)
        | ((Booking.created_at == booking.created_at) & (Booking.id < booking.id)),
    ).count()
    return ahead + 1


def _promote_first_waiting(event, now):
    """Give a freed seat to the first person waiting (inside the caller's transaction)."""
    if event.status != "scheduled" or event.starts_at <= now:
        return None
    if event.seats is not None and confirmed_count(event.id) >= event.seats:
        return None
    first = (
        Booking.select()
        .where(Booking.event == event.id, Booking.status == WAITING)
        .order_by(Booking.created_at, Booking.id)
        .first()
    )
    if first is None:
        return None
    first.status = CONFIRMED
    first.promoted_at = now
    first.save()
    audit("booking-promoted", "booking", first.id, detail=f"event:{event.id}", actor=None)
    first.event = event
    return first


def cancel(booking_id, by=None):
    """Cancel a booking; returns (booking, promoted booking or None).

    Cancelling twice changes nothing. When a seat frees up, the first person
    waiting gets it (the caller tells them).
    """
    with write_transaction():
        booking = Booking.get_or_none(Booking.id == booking_id)
        if booking is None:
            raise LookupError(booking_id)
        event = lock_rows(Event.select().where(Event.id == booking.event_id)).first()
        booking = Booking.get_by_id(booking_id)  # read again now the event is locked
        booking.event = event
        if booking.status == CANCELLED:
            return booking, None
        held_seat = booking.status == CONFIRMED
        now = utcnow()
        booking.status = CANCELLED
        booking.cancelled_at = now
        booking.save()
        audit("booking-cancelled", "booking", booking.id, detail=f"event:{event.id}", actor=by)
        promoted = _promote_first_waiting(event, now) if held_seat else None
    return booking, promoted


def active_bookings(event_id):
    """The confirmed and waiting bookings of an event (the people to tell of a change)."""
    return list(Booking.select().where(Booking.event == event_id, Booking.status.in_([CONFIRMED, WAITING])))


def cancel_event(event_id, by):
    """Cancel an event (and skip its date in its series); returns the bookings to tell."""
    with write_transaction():
        event = lock_rows(Event.select().where(Event.id == event_id)).first()
        if event.status == "cancelled":
            return event, []
        event.status = "cancelled"
        event.updated_at = utcnow()
        event.save()
        if event.series_id and event.series_date:
            SeriesException.insert(series=event.series_id, on_date=event.series_date, created_by=by).on_conflict_ignore().execute()
        audit("event-cancelled", "event", event.id, actor=by)
        return event, active_bookings(event.id)


def move_event(event_id, starts_at, ends_at, by):
    """Move an event to a new time; its reminders will go out again for the new time."""
    with write_transaction():
        event = lock_rows(Event.select().where(Event.id == event_id)).first()
        old_start = event.starts_at
        event.starts_at, event.ends_at = starts_at, ends_at
        event.updated_at = utcnow()
        event.save()
        bookings = active_bookings(event.id)
        if bookings:
            ReminderSent.delete().where(ReminderSent.booking.in_([b.id for b in bookings])).execute()
        audit("event-moved", "event", event.id, detail=f"{old_start:%Y-%m-%dT%H:%M}", actor=by)
        return event, bookings


def mark_attendance(booking, attendance, level_reached, by):
    """Record whether a person came and, optionally, the level they reached."""
    if attendance not in (PRESENT, ABSENT):
        raise ValueError(attendance)
    with write_transaction():
        booking.attendance = attendance
        booking.level_reached = level_reached if level_reached in LEVELS else ""
        booking.attendance_marked_at = utcnow()
        booking.attendance_marked_by = by
        booking.save()
        audit("attendance-marked", "booking", booking.id, detail=attendance, actor=by)
    return booking


def attendance_counts(event_ids):
    """What reporting needs for a set of events: seats booked, people present, no-shows, not yet marked."""
    counts = {"booked": 0, "present": 0, "absent": 0, "unmarked": 0}
    if not event_ids:
        return counts
    rows = (
        Booking.select(Booking.attendance, fn.COUNT(Booking.id))
        .where(Booking.event.in_(list(event_ids)), Booking.status == CONFIRMED)
        .group_by(Booking.attendance)
        .tuples()
    )
    for attendance, count in rows:
        counts["booked"] += count
        counts[{PRESENT: "present", ABSENT: "absent"}.get(attendance, "unmarked")] += count
    return counts
