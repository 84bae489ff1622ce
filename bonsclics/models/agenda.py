"""Workshops, drop-in sessions and appointment slots of the network's places, and their bookings."""
from peewee import (
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from ..db import utcnow
from .accounts import Structure, User
from .base import BaseModel, split_values
from .learners import ResumeCode
from .places import Place

EVENT_KINDS = ("workshop", "dropin", "appointment")
LEVELS = ("beginner", "intermediate", "advanced")

# A booking holds a seat (confirmed), waits for one (waiting), or was given up (cancelled).
CONFIRMED, WAITING, CANCELLED = "confirmed", "waiting", "cancelled"
BOOKING_STATUSES = (CONFIRMED, WAITING, CANCELLED)
# How a person wants to be reminded: never both unless they asked for both.
CHANNELS = ("sms", "email", "both", "none")
PRESENT, ABSENT = "present", "absent"


class _EventDetails(BaseModel):
    """What an event says about itself; shared by single events and weekly series (no table of its own)."""

    kind = CharField(default="workshop")
    title = CharField()
    description = TextField(default="")
    modules = CharField(default="")  # learning module ids, pipe-separated
    competences = CharField(default="")
    level = CharField(default="beginner")
    languages = CharField(default="fr")
    public = CharField(default="")
    accessibility = TextField(default="")
    is_free = BooleanField(default=True)
    price_note = CharField(default="")
    seats = IntegerField(null=True)  # None: no limit (open drop-in)
    timezone = CharField(default="Europe/Paris")
    what_to_bring = TextField(default="")
    facilitators = CharField(default="")
    created_at = DateTimeField(default=utcnow)

    def values(self, field):
        """A multi-valued field as a list."""
        return split_values(getattr(self, field))


class EventSeries(_EventDetails):
    """A weekly recurrence (every Tuesday 14:00-17:00 until a date), in the place's time zone."""

    place = ForeignKeyField(Place, backref="event_series", on_delete="CASCADE")
    structure = ForeignKeyField(Structure, null=True, backref="event_series", on_delete="SET NULL")
    organiser = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="organised_series")
    weekday = IntegerField()  # 0 = Monday
    start_time = CharField()  # local "HH:MM"
    end_time = CharField()
    starts_on = DateField()
    until = DateField()


class SeriesException(BaseModel):
    """A date of a series that does not take place (holiday, facilitator away...)."""

    series = ForeignKeyField(EventSeries, backref="exceptions", on_delete="CASCADE")
    on_date = DateField()
    created_at = DateTimeField(default=utcnow)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")

    class Meta:
        indexes = ((("series", "on_date"), True),)


class Event(_EventDetails):
    """One dated occurrence: a collective workshop, a drop-in session or an appointment slot."""

    place = ForeignKeyField(Place, backref="events", on_delete="CASCADE")
    structure = ForeignKeyField(Structure, null=True, backref="events", on_delete="SET NULL")
    organiser = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="organised_events")
    starts_at = DateTimeField(index=True)  # naive UTC
    ends_at = DateTimeField()
    status = CharField(default="scheduled")  # scheduled, cancelled
    series = ForeignKeyField(EventSeries, null=True, backref="events", on_delete="SET NULL")
    series_date = DateField(null=True)  # the local date of this occurrence in its series
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("series", "series_date"), True),)

    @property
    def duration_minutes(self):
        """How long the event lasts, in minutes."""
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class Booking(BaseModel):
    """A seat booked (or awaited) by a person known only by a first name, and maybe a phone or an email."""

    event = ForeignKeyField(Event, backref="bookings", on_delete="CASCADE")
    code = CharField(unique=True)  # short code on the booking card, typed to cancel
    first_name = CharField()
    phone = CharField(default="")  # +33612345678
    email = CharField(default="")
    channel = CharField(default="none")  # CHANNELS: where reminders go
    locale = CharField(default="fr")
    reminders_opt_out = BooleanField(default=False)
    status = CharField(default=CONFIRMED, index=True)
    created_at = DateTimeField(default=utcnow)
    promoted_at = DateTimeField(null=True)  # when a waiting person got a freed seat
    cancelled_at = DateTimeField(null=True)
    booked_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    consent_at = DateTimeField(null=True)  # booked on someone's behalf, with their consent
    resume_code = ForeignKeyField(ResumeCode, null=True, on_delete="SET NULL", backref="bookings")
    attendance = CharField(default="")  # "", present, absent
    level_reached = CharField(default="")  # "", or one of LEVELS
    attendance_marked_at = DateTimeField(null=True)
    attendance_marked_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")

    class Meta:
        indexes = ((("event", "status", "created_at"), False),)

    @property
    def holds_seat(self):
        """True for a confirmed booking."""
        return self.status == CONFIRMED


class ReminderSent(BaseModel):
    """A reminder claimed for a booking: the unique (booking, kind) key makes it go out once."""

    booking = ForeignKeyField(Booking, backref="reminders", on_delete="CASCADE")
    kind = CharField()  # "48h", "2h"...
    channel = CharField(default="")  # sms, email, both, or "skipped"
    sent_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("booking", "kind"), True),)


MODELS = [EventSeries, SeriesException, Event, Booking, ReminderSent]
