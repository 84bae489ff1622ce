"""The practice section of a learner's record in the professional space."""
from flask_babel import lazy_gettext as _l

from .logic import progress_for_learner


def learner_section(learner, viewer):
    """How far the learner went in each practice path, or None when they have not practised.

    The pro space has already checked that `viewer` may see this learner.
    """
    rows = progress_for_learner(learner)
    if not rows:
        return None
    return {"title": _l("Entraînement aux démarches"), "template": "practice/_learner_section.html", "rows": rows}
