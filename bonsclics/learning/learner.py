"""The lessons section of a learner's record in the professional space."""
from flask_babel import lazy_gettext as _l

from .logic import progress_for_learner


def learner_section(learner, viewer):
    """The lessons a learner started or finished, for the helpers who may see the record.

    The pro space has already checked that `viewer` may see this learner.
    """
    return {"title": _l("Leçons"), "template": "learning/_learner_section.html",
            "rows": progress_for_learner(learner)}
