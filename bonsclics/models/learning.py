"""Progress in the learning modules.

`LessonProgress` follows a resume code (so a person without an account finds
their lessons on any device); `ExerciseStat` counts answers per exercise for
everyone together, with no link to any person.
"""
from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField

from ..db import utcnow
from .base import BaseModel
from .learners import ResumeCode


class LessonProgress(BaseModel):
    """How far the person holding a resume code went in one lesson."""

    resume_code = ForeignKeyField(ResumeCode, backref="lesson_progress", on_delete="CASCADE")
    lesson_id = CharField()
    lesson_version = IntegerField(default=1)
    current_step = IntegerField(default=1)  # 1-based: the step to resume at
    attempts = IntegerField(default=0)  # checked answers, right or wrong
    failures = IntegerField(default=0)  # wrong answers
    started_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    completed_at = DateTimeField(null=True)  # the first time the last step was passed

    class Meta:
        indexes = ((("resume_code", "lesson_id"), True),)

    @property
    def status(self):
        """"done", or "in-progress"."""
        return "done" if self.completed_at else "in-progress"


class ExerciseStat(BaseModel):
    """Answers to one exercise of one lesson version, all people together (no personal data)."""

    lesson_id = CharField()
    lesson_version = IntegerField(default=1)
    step = IntegerField()  # 1-based step number of the exercise
    attempts = IntegerField(default=0)
    failures = IntegerField(default=0)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("lesson_id", "lesson_version", "step"), True),)


MODELS = [LessonProgress, ExerciseStat]
