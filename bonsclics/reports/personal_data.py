"""The right of access and erasure for the impact answers.

Erasure unlinks the answers from the person (code and record emptied): what
remains is an anonymous figure (service, answer, date, structure, département).
"""
from ..models.learners import ResumeCode
from ..models.reports import ImpactAnswer


def _of_learner(learner):
    codes = ResumeCode.select(ResumeCode.id).where(ResumeCode.learner == learner)
    return (ImpactAnswer.learner == learner.id) | ImpactAnswer.resume_code.in_(codes)


def export_learner(learner):
    """The impact answers of a learner record and of its codes."""
    from ..personal_data import row

    return {"impactanswer": [row(a) for a in ImpactAnswer.select().where(_of_learner(learner)).order_by(ImpactAnswer.id)]}


def erase_learner(learner):
    """Unlink the learner's answers: they stay as anonymous figures."""
    ImpactAnswer.update(learner=None, resume_code=None, recorded_by=None).where(_of_learner(learner)).execute()


def export_code(resume_code):
    """The impact answers given with a resume code."""
    from ..personal_data import row

    return {"impactanswer": [row(a) for a in ImpactAnswer.select().where(ImpactAnswer.resume_code == resume_code.id)
                             .order_by(ImpactAnswer.id)]}


def erase_code(resume_code):
    """Unlink the code's answers: they stay as anonymous figures."""
    ImpactAnswer.update(resume_code=None, learner=None, recorded_by=None).where(
        ImpactAnswer.resume_code == resume_code.id).execute()
