"""Orientations of a person to a place, with consent and follow-up.

An orientation keeps the need, the consent and the receiving place's answers.
Personal data (name, contact, free texts) can be erased while the row stays as
an anonymous record for reporting: status, dates, structures, département.
"""
from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from ..db import utcnow
from .accounts import Structure, User
from .diagnostic import DiagnosticResult
from .base import BaseModel, split_values
from .learners import Learner
from .places import Place

# Where an orientation stands. The first three are still open: the place can answer.
STATUS_SENT = "sent"
STATUS_ACCEPTED = "accepted"
STATUS_APPOINTMENT = "appointment"
STATUS_DONE = "done"
STATUS_NO_SHOW = "no_show"
STATUS_REFUSED = "refused"
STATUS_REDIRECTED = "redirected"
STATUS_EXPIRED = "expired"
OPEN_STATUSES = (STATUS_SENT, STATUS_ACCEPTED, STATUS_APPOINTMENT)
CLOSED_STATUSES = (STATUS_DONE, STATUS_NO_SHOW, STATUS_REFUSED, STATUS_REDIRECTED, STATUS_EXPIRED)
STATUSES = OPEN_STATUSES + CLOSED_STATUSES
# What the receiving place can answer (expiry only comes from the timer).
ANSWERS = (STATUS_ACCEPTED, STATUS_APPOINTMENT, STATUS_DONE, STATUS_NO_SHOW, STATUS_REFUSED, STATUS_REDIRECTED)

CONSENT_HOWS = ("in-person", "phone")
URGENCIES = ("normal", "soon", "urgent")
MOBILITIES = ("none", "near", "step-free")
REFUSAL_REASONS = ("full", "service", "area", "public", "unreachable", "other")


class Orientation(BaseModel):
    """A person sent by a structure to a place, and what became of it."""

    created_at = DateTimeField(default=utcnow, index=True)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    sender_structure = ForeignKeyField(Structure, null=True, on_delete="SET NULL", backref="orientations_sent")
    place = ForeignKeyField(Place, null=True, on_delete="SET NULL", backref="orientations")
    receiving_structure = ForeignKeyField(Structure, null=True, on_delete="SET NULL", backref="orientations_received")
    departement = CharField(default="", index=True)  # the receiving place's, for reporting
    site_url = CharField(default="")  # this installation's address, for links sent later by cron

    # Where it came from.
    learner = ForeignKeyField(Learner, null=True, on_delete="SET NULL", backref="orientations")
    diagnostic_result = ForeignKeyField(DiagnosticResult, null=True, on_delete="SET NULL", backref="orientations")

    # The person: only with consent, erased when consent is withdrawn.
    person_name = CharField(default="")  # first name or initials
    wants_contact = BooleanField(default=False)
    contact_phone = CharField(default="")
    contact_email = CharField(default="")

    # Consent: who recorded it, when, how, and what was shared.
    consent_given = BooleanField(default=False)
    consent_at = DateTimeField(null=True)
    consent_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    consent_how = CharField(default="")  # CONSENT_HOWS
    consent_shared = CharField(default="")  # pipe-separated: name|contact
    consent_withdrawn_at = DateTimeField(null=True)

    # The need, in the shared vocabulary, and the constraints.
    kinds_of_help = CharField(default="")  # pipe-separated vocabulary.KINDS_OF_HELP
    services = TextField(default="")  # pipe-separated values of the places standard
    need_details = TextField(default="")
    diagnostic_summary = TextField(default="")
    language = CharField(default="")  # language code the person needs ("" : French is fine)
    days = CharField(default="")  # pipe-separated weekday numbers, 0 = Monday
    hours_note = CharField(default="")
    mobility = CharField(default="none")  # MOBILITIES
    specific_support = CharField(default="")  # pipe-separated values of the places standard
    urgency = CharField(default="normal")  # URGENCIES
    what_to_bring = TextField(default="")

    # Follow-up.
    status = CharField(default=STATUS_SENT, index=True)
    status_at = DateTimeField(default=utcnow, index=True)
    first_answer_at = DateTimeField(null=True)
    closed_at = DateTimeField(null=True, index=True)
    reminder_sent_at = DateTimeField(null=True)
    appointment_at = DateTimeField(null=True)  # naive UTC
    refusal_reason = CharField(default="")  # REFUSAL_REASONS
    answer_note = TextField(default="")
    redirected_to = ForeignKeyField(Place, null=True, on_delete="SET NULL", backref="+")
    anonymised_at = DateTimeField(null=True, index=True)

    def values(self, field):
        """A multi-valued field as a list."""
        return split_values(getattr(self, field))

    @property
    def is_open(self):
        """True while the receiving place can still answer."""
        return self.status in OPEN_STATUSES

    @property
    def shares_name(self):
        """True when the person agreed that their first name be given to the place."""
        return self.consent_given and not self.consent_withdrawn_at and "name" in self.values("consent_shared")

    @property
    def shares_contact(self):
        """True when the person agreed to be contacted by the place."""
        return self.consent_given and not self.consent_withdrawn_at and "contact" in self.values("consent_shared")


class OrientationEvent(BaseModel):
    """One step in an orientation's history: created, answered, reminded, expired..."""

    orientation = ForeignKeyField(Orientation, backref="events", on_delete="CASCADE")
    at = DateTimeField(default=utcnow, index=True)
    kind = CharField()  # created, status, reminder, link-sent, consent-withdrawn, anonymised
    status = CharField(default="")  # the status reached, for kind "status"
    actor = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    via = CharField(default="app")  # app, link, timer


class OrientationLink(BaseModel):
    """A single-use link for a place without an account to answer one orientation."""

    orientation = ForeignKeyField(Orientation, backref="links", on_delete="CASCADE")
    token_hash = CharField(unique=True)
    created_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField()
    used_at = DateTimeField(null=True)
    revoked_at = DateTimeField(null=True)  # a newer link replaced it
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")


MODELS = [Orientation, OrientationEvent, OrientationLink]
