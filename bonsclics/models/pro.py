"""The professional space: invitations, groups and assignments, live workshops, activity log,
helper training, volunteers and good practices."""
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
from .accounts import Network, Structure, User
from .base import BaseModel, split_values
from .learners import Learner

ASSIGNMENT_KINDS = ("lesson", "practice")
ACTIVITY_MODES = ("individual", "group")
ACTIVITY_PLACES = ("onsite", "home", "remote")
ACTIVITY_AUTONOMY = ("for", "with", "alone")
ACTIVITY_SENT_TO = ("none", "workshop", "place", "partner", "public-service", "training")


class Invitation(BaseModel):
    """A single-use link inviting someone to join a structure with a role."""

    structure = ForeignKeyField(Structure, backref="invitations", on_delete="CASCADE")
    email = CharField()
    role = CharField()
    token_hash = CharField(unique=True)
    invited_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    created_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField()
    used_at = DateTimeField(null=True)


class LearnerGroup(BaseModel):
    """A group of learners of one structure ("Tuesday workshop")."""

    structure = ForeignKeyField(Structure, backref="learner_groups", on_delete="CASCADE")
    name = CharField()
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    created_at = DateTimeField(default=utcnow)


class GroupMember(BaseModel):
    """A learner in a group."""

    group = ForeignKeyField(LearnerGroup, backref="members", on_delete="CASCADE")
    learner = ForeignKeyField(Learner, backref="group_memberships", on_delete="CASCADE")
    added_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("group", "learner"), True),)


class Assignment(BaseModel):
    """A lesson or practice path given to a learner or to a whole group."""

    learner = ForeignKeyField(Learner, null=True, backref="assignments", on_delete="CASCADE")
    group = ForeignKeyField(LearnerGroup, null=True, backref="assignments", on_delete="CASCADE")
    kind = CharField()  # lesson | practice
    item_id = CharField()
    assigned_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    at = DateTimeField(default=utcnow)


class LiveSession(BaseModel):
    """A live workshop: learners join with a 4-digit code and say where they are."""

    structure = ForeignKeyField(Structure, backref="live_sessions", on_delete="CASCADE")
    facilitator = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    title = CharField(default="")
    join_code = CharField(index=True)
    opened_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField()
    closed_at = DateTimeField(null=True)


class LiveParticipant(BaseModel):
    """A learner's phone in a live workshop (no account: a signed cookie holds its token)."""

    session = ForeignKeyField(LiveSession, backref="participants", on_delete="CASCADE")
    token_hash = CharField(unique=True)
    first_name = CharField()
    item = CharField(default="")  # "lesson:<id>" or "practice:<id>"
    step = IntegerField(null=True)
    stuck = BooleanField(default=False)
    joined_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)


class Activity(BaseModel):
    """One help given, for reporting: no personal data."""

    structure = ForeignKeyField(Structure, backref="activities", on_delete="CASCADE")
    recorded_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    date = DateField(index=True)
    duration_minutes = IntegerField()
    mode = CharField()  # ACTIVITY_MODES
    place_type = CharField()  # ACTIVITY_PLACES
    themes = CharField(default="")  # pipe-separated theme ids
    autonomy = CharField()  # ACTIVITY_AUTONOMY
    sent_to = CharField(default="none")  # ACTIVITY_SENT_TO
    created_at = DateTimeField(default=utcnow)

    class Meta:
        # The second index covers the reports' GROUP BY date, autonomy (no table read).
        indexes = ((("structure", "date"), False), (("date", "structure", "autonomy", "duration_minutes"), False))

    @property
    def theme_list(self):
        """The themes as a list."""
        return split_values(self.themes)


class ActivityTheme(BaseModel):
    """One theme of an activity, one row each so reports count by theme with an index."""

    activity = ForeignKeyField(Activity, backref="theme_rows", on_delete="CASCADE")
    theme = CharField()
    structure = ForeignKeyField(Structure, backref="+", on_delete="CASCADE")
    date = DateField()

    class Meta:
        indexes = ((("structure", "date"), False), (("date", "structure", "theme"), False))


class TrainingCompletion(BaseModel):
    """A helper finished one lesson of the training path."""

    user = ForeignKeyField(User, backref="training_completions", on_delete="CASCADE")
    lesson_id = CharField()
    completed_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("user", "lesson_id"), True),)


class VolunteerCandidate(BaseModel):
    """A person offering to help as a volunteer, with their consent to be contacted."""

    name = CharField()
    email = CharField(default="")
    phone = CharField(default="")
    postcode = CharField()
    departement = CharField(index=True)
    availability = CharField(default="")  # pipe-separated
    skills = CharField(default="")  # pipe-separated
    languages = CharField(default="")  # pipe-separated language codes
    message = TextField(default="")
    consent_at = DateTimeField()
    created_at = DateTimeField(default=utcnow, index=True)
    contacted_at = DateTimeField(null=True)
    contacted_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")

    def values(self, field):
        """A multi-valued field as a list."""
        return split_values(getattr(self, field))


class VolunteerNeed(BaseModel):
    """A structure's call for volunteers, shown on the public page."""

    structure = ForeignKeyField(Structure, backref="volunteer_needs", on_delete="CASCADE")
    title = CharField()
    description = TextField(default="")
    departement = CharField(default="", index=True)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    created_at = DateTimeField(default=utcnow)
    closed_at = DateTimeField(null=True)


class GoodPractice(BaseModel):
    """A short post in a network's shared library of good practices."""

    network = ForeignKeyField(Network, backref="good_practices", on_delete="CASCADE")
    author = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    title = CharField()
    body = TextField()
    tags = CharField(default="")  # pipe-separated
    created_at = DateTimeField(default=utcnow, index=True)

    @property
    def tag_list(self):
        """The tags as a list."""
        return split_values(self.tags)


class PracticeAttachment(BaseModel):
    """A file joined to a good practice (PDF, PNG or JPEG), stored outside the static folder."""

    practice = ForeignKeyField(GoodPractice, backref="attachments", on_delete="CASCADE")
    filename = CharField()  # cleaned original name, for the download
    stored_name = CharField(unique=True)  # random name in UPLOAD_FOLDER
    mimetype = CharField()
    size = IntegerField()
    uploaded_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    created_at = DateTimeField(default=utcnow)


class PracticeComment(BaseModel):
    """A comment on a good practice."""

    practice = ForeignKeyField(GoodPractice, backref="comments", on_delete="CASCADE")
    author = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    body = TextField()
    created_at = DateTimeField(default=utcnow)


MODELS = [
    Invitation, LearnerGroup, GroupMember, Assignment, LiveSession, LiveParticipant, Activity, ActivityTheme,
    TrainingCompletion, VolunteerCandidate, VolunteerNeed, GoodPractice, PracticeAttachment, PracticeComment,
]
