"""Workshops, drop-in sessions and appointment slots of the network's places."""
from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from ..db import utcnow
from .accounts import Structure, User
from .base import BaseModel, split_values
from .places import Place

EVENT_KINDS = ("workshop", "dropin", "appointment")
LEVELS = ("beginner", "intermediate", "advanced")


class Event(BaseModel):
    """One dated occurrence: a collective workshop, a drop-in session or an appointment slot."""

    place = ForeignKeyField(Place, backref="events", on_delete="CASCADE")
    structure = ForeignKeyField(Structure, null=True, backref="events", on_delete="SET NULL")
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
    starts_at = DateTimeField(index=True)  # naive UTC
    ends_at = DateTimeField()
    timezone = CharField(default="Europe/Paris")
    what_to_bring = TextField(default="")
    organiser = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="organised_events")
    facilitators = CharField(default="")
    status = CharField(default="scheduled")  # scheduled, cancelled
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    def values(self, field):
        """A multi-valued field as a list."""
        return split_values(getattr(self, field))


MODELS = [Event]
