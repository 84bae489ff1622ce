"""The right of access and erasure for practice progress (see docs/architecture.md, extension points)."""
from ..db import write_transaction
from ..models.practice import PracticeProgress


def _rows(codes):
    """The progress rows of some resume codes, as plain data (no typed value exists to export)."""
    rows = []
    query = PracticeProgress.select().where(PracticeProgress.resume_code.in_(codes)).order_by(PracticeProgress.id)
    for progress in query:
        rows.append({
            "path": progress.path_id,
            "path_version": progress.path_version,
            "screens_passed": progress.step_reached,
            "started_at": progress.started_at.isoformat(),
            "updated_at": progress.updated_at.isoformat(),
            "completed_at": progress.completed_at.isoformat() if progress.completed_at else None,
            "per_screen": {c.screen_id: {"errors": c.errors, "hints": c.hints} for c in progress.screen_counts},
        })
    return rows


def export_code(resume_code):
    """What the practice area keeps about one resume code."""
    return {"practice_progress": _rows([resume_code])}


def erase_code(resume_code):
    """Forget every practice progress of one resume code."""
    with write_transaction():
        PracticeProgress.delete().where(PracticeProgress.resume_code == resume_code).execute()


def export_learner(learner):
    """What the practice area keeps about a learner (through their resume codes)."""
    return {"practice_progress": _rows(list(learner.resume_codes))}


def erase_learner(learner):
    """Forget the practice progress of a learner's resume codes."""
    codes = list(learner.resume_codes)
    if codes:
        with write_transaction():
            PracticeProgress.delete().where(PracticeProgress.resume_code.in_(codes)).execute()
