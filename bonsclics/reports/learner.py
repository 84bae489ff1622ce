"""The impact section of a learner's record: what they did for real after practising, and the helper's form."""
from flask_babel import lazy_gettext as _l

from ..models.learners import ResumeCode
from ..models.reports import ImpactAnswer


def learner_section(learner, viewer):
    """The learner's answers to the impact question and the form to record one.

    The pro space has already checked that `viewer` may see this learner.
    """
    from .impact import helper_form
    from .report import service_label

    codes = ResumeCode.select(ResumeCode.id).where(ResumeCode.learner == learner)
    answers = list(ImpactAnswer.select().where((ImpactAnswer.learner == learner) | ImpactAnswer.resume_code.in_(codes))
                   .order_by(ImpactAnswer.answered_at.desc()))
    return {"title": _l("La vraie démarche, faite ensuite ?"), "template": "reports/_learner_section.html",
            "learner": learner, "answers": [(service_label(a.service), a) for a in answers], "form": helper_form()}
