"""People learning: anonymous resume codes and, with consent, learner records."""
import secrets

from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, TextField

from ..db import utcnow
from .accounts import Structure, User
from .base import BaseModel

# No 0/O, 1/I/L, 5/S, 8/B: characters people confuse when reading a code aloud or on paper.
CODE_ALPHABET = "234679ACDEFGHJKMNPQRTUVWXYZ"
CODE_LENGTH = 8


def new_code(length=CODE_LENGTH):
    """A random code from the unambiguous alphabet (27**8: about 38 bits)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalise_code(text):
    """Read a code as typed: case, spaces and dashes ignored."""
    return "".join(ch for ch in (text or "").upper() if ch.isascii() and ch.isalnum())


def format_code(code):
    """A code as shown to people: two groups of four ("K7QM-3TXP")."""
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


class Learner(BaseModel):
    """A person followed by a structure, created only with their consent."""

    structure = ForeignKeyField(Structure, backref="learners", on_delete="CASCADE")
    pseudonym = CharField()  # first name or pseudonym
    phone = CharField(default="")
    email = CharField(default="")
    locale = CharField(default="fr")
    consent_at = DateTimeField()
    consent_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    consent_how = CharField(default="in-person")  # in-person, phone
    created_at = DateTimeField(default=utcnow)
    last_activity_at = DateTimeField(default=utcnow, index=True)

    class Meta:
        # Reports count records per structure over a period, from the index alone.
        indexes = ((("structure", "created_at"), False), (("structure", "last_activity_at"), False))


class ResumeCode(BaseModel):
    """The code a person uses to find their diagnostic and progress on any device."""

    code = CharField(unique=True)
    created_at = DateTimeField(default=utcnow)
    last_seen_at = DateTimeField(default=utcnow, index=True)
    learner = ForeignKeyField(Learner, null=True, backref="resume_codes", on_delete="SET NULL")
    display_name = CharField(default="")  # chosen name for attestations, optional
    impact_asked_at = DateTimeField(null=True)

    @classmethod
    def issue(cls):
        """Create a fresh, unused code."""
        while True:
            code = new_code()
            if not cls.select().where(cls.code == code).exists():
                return cls.create(code=code)

    @property
    def pretty(self):
        """The code as shown to people."""
        return format_code(self.code)


class LearnerNote(BaseModel):
    """A helper's note on a learner's record."""

    learner = ForeignKeyField(Learner, backref="notes", on_delete="CASCADE")
    author = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    text = TextField()
    created_at = DateTimeField(default=utcnow)
    private = BooleanField(default=False)


MODELS = [Learner, LearnerNote, ResumeCode]
