"""The right of access and erasure for bookings made from a device holding a resume code.

Bookings made without a code (on paper, by a helper) are found by the
organisers, and lose their contact details after the event (retention.py).
"""
from ..db import utcnow
from ..models.agenda import CONFIRMED, Booking, Event, ReminderSent
from ..models.learners import ResumeCode
from ..personal_data import row


def _bookings_of_codes(codes):
    """The bookings tied to some resume codes."""
    return Booking.select().where(Booking.resume_code.in_(codes)).order_by(Booking.id)


def export_code(resume_code):
    """The bookings made with a resume code, and their reminders."""
    bookings = list(_bookings_of_codes([resume_code.id]))
    reminders = ReminderSent.select().where(ReminderSent.booking.in_([b.id for b in bookings])) if bookings else []
    return {"booking": [row(b) for b in bookings], "remindersent": [row(r) for r in reminders]}


def export_learner(learner):
    """The bookings of every resume code of a learner record."""
    data = {"booking": [], "remindersent": []}
    for code in ResumeCode.select().where(ResumeCode.learner == learner):
        for table, rows in export_code(code).items():
            data[table] += rows
    return data


def _free_seats(codes):
    """Give the seats of upcoming bookings to the people waiting, before the bookings go."""
    from . import bookings, notify

    upcoming = (
        Booking.select(Booking.id).join(Event)
        .where(Booking.resume_code.in_(codes), Booking.status == CONFIRMED, Event.starts_at > utcnow())
    )
    for booking in list(upcoming):
        _, promoted = bookings.cancel(booking.id)
        if promoted is not None:
            notify.send("promoted", promoted, promoted.event)


def erase_code(resume_code):
    """Delete the bookings of a resume code (reminders go with them)."""
    _free_seats([resume_code.id])
    Booking.delete().where(Booking.resume_code == resume_code.id).execute()


def erase_learner(learner):
    """Delete the bookings of every resume code of a learner record."""
    codes = [c.id for c in ResumeCode.select(ResumeCode.id).where(ResumeCode.learner == learner)]
    _free_seats(codes)
    Booking.delete().where(Booking.resume_code.in_(codes)).execute()
