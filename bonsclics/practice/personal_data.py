"""The right of access and erasure for practice progress (see docs/architecture.md, extension points).

Progress holds no typed value: the export is how far the person went and the
per-screen counts of refused attempts and hints.
"""
from ..models.learners import ResumeCode
from ..models.practice import PracticeProgress, PracticeScreenCount


def _export(progress_query):
    """The progress rows and their per-screen counts, grouped by table name."""
    from ..personal_data import row

    progress = list(progress_query.order_by(PracticeProgress.id))
    counts = PracticeScreenCount.select().where(PracticeScreenCount.progress.in_([p.id for p in progress]))
    return {
        "practiceprogress": [row(p) for p in progress],
        "practicescreencount": [row(c) for c in counts.order_by(PracticeScreenCount.id)],
    }


def _codes_of(learner):
    """The ids of a learner record's resume codes (a subquery)."""
    return ResumeCode.select(ResumeCode.id).where(ResumeCode.learner == learner)


def export_code(resume_code):
    """The practice progress held with a resume code."""
    return _export(PracticeProgress.select().where(PracticeProgress.resume_code == resume_code))


def export_learner(learner):
    """The practice progress of every resume code of a learner record."""
    return _export(PracticeProgress.select().where(PracticeProgress.resume_code.in_(_codes_of(learner))))


def erase_code(resume_code):
    """Forget the practice progress of a resume code (its per-screen counts go with it)."""
    PracticeProgress.delete().where(PracticeProgress.resume_code == resume_code).execute()


def erase_learner(learner):
    """Forget the practice progress of every resume code of a learner record."""
    PracticeProgress.delete().where(PracticeProgress.resume_code.in_(_codes_of(learner))).execute()
