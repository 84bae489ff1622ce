"""The right of access and erasure for lesson progress (see docs/architecture.md).

Only `LessonProgress` is personal: `ExerciseStat` counts answers of everyone
together and stays.
"""
import datetime

from playhouse.shortcuts import model_to_dict

from ..models.learners import ResumeCode
from ..models.learning import LessonProgress


def _row(progress):
    """A progress row as plain values (dates as ISO strings)."""
    data = model_to_dict(progress, recurse=False)
    return {key: value.isoformat() if isinstance(value, datetime.datetime) else value
            for key, value in data.items()}


def export_code(resume_code):
    """The lesson progress held with a resume code."""
    rows = LessonProgress.select().where(LessonProgress.resume_code == resume_code).order_by(LessonProgress.id)
    return {"lessonprogress": [_row(progress) for progress in rows]}


def export_learner(learner):
    """The lesson progress of every resume code of a learner record."""
    codes = ResumeCode.select(ResumeCode.id).where(ResumeCode.learner == learner)
    rows = LessonProgress.select().where(LessonProgress.resume_code.in_(codes)).order_by(LessonProgress.id)
    return {"lessonprogress": [_row(progress) for progress in rows]}


def erase_code(resume_code):
    """Forget the lesson progress of a resume code."""
    LessonProgress.delete().where(LessonProgress.resume_code == resume_code).execute()


def erase_learner(learner):
    """Forget the lesson progress of every resume code of a learner record."""
    codes = ResumeCode.select(ResumeCode.id).where(ResumeCode.learner == learner)
    LessonProgress.delete().where(LessonProgress.resume_code.in_(codes)).execute()
