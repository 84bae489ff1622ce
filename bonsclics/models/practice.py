"""Progress in the practice paths (never what was typed).

Only how far the person went, when they finished, and per screen how many
attempts were refused and whether they asked for the hint: whole numbers, no
text from the forms.
"""
from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField

from ..db import utcnow
from .base import BaseModel
from .learners import ResumeCode


class PracticeProgress(BaseModel):
    """How far a resume code went in one practice path."""

    resume_code = ForeignKeyField(ResumeCode, backref="practice_progress", on_delete="CASCADE")
    path_id = CharField(max_length=64)
    path_version = IntegerField()
    step_reached = IntegerField(default=0)  # screens passed, in order
    started_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow, index=True)
    completed_at = DateTimeField(null=True)

    class Meta:
        indexes = ((("resume_code", "path_id"), True),)


class PracticeScreenCount(BaseModel):
    """For one screen of a path: refused attempts and hints asked for."""

    progress = ForeignKeyField(PracticeProgress, backref="screen_counts", on_delete="CASCADE")
    screen_id = CharField(max_length=64)
    errors = IntegerField(default=0)
    hints = IntegerField(default=0)

    class Meta:
        indexes = ((("progress", "screen_id"), True),)


MODELS = [PracticeProgress, PracticeScreenCount]
