"""The right of access and erasure for orientations linked to a learner record.

Erasure empties the person's data but keeps each orientation as an anonymous
record (status and dates), the same as when consent is withdrawn.
"""
from ..db import utcnow
from ..models.orientation import Orientation, OrientationEvent
from . import actions


def _rows(learner):
    return list(Orientation.select().where(Orientation.learner == learner).order_by(Orientation.id))


def export_learner(learner):
    """The learner's orientations and their history."""
    from ..personal_data import row

    orientations = _rows(learner)
    events = OrientationEvent.select().where(OrientationEvent.orientation.in_([o.id for o in orientations]))
    return {
        "orientation": [row(o) for o in orientations],
        "orientationevent": [row(e) for e in events.order_by(OrientationEvent.id)] if orientations else [],
    }


def erase_learner(learner):
    """Erase the person's data from their orientations and unlink them from the record."""
    now = utcnow()
    for orientation in _rows(learner):
        actions.anonymise(orientation, now, via="erasure")


def export_code(resume_code):
    """Orientations are never tied to a resume code."""
    return {}


def erase_code(resume_code):
    """Nothing to erase: orientations are never tied to a resume code."""
