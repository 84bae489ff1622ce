"""The practice section of a learner's record in the professional space."""
from flask_babel import gettext as _

from .logic import progress_for_learner


def learner_section(learner, viewer):
    """How far the learner went in each practice path, or None when they have not practised.

    The professional area checks that `viewer` may see this learner before calling.
    """
    progress = progress_for_learner(learner)
    if not progress:
        return None
    return {"title": _("Entraînement aux démarches"), "template": "practice/_learner_section.html", "progress": progress}
