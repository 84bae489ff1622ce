"""The diagnostic's section of a learner record in the professional space (see docs/architecture.md)."""
from flask_babel import gettext as _

from ..models.diagnostic import results_of_learner
from .bank import profiles


def learner_section(learner, viewer):
    """The latest profile and a link to the diagnostics side by side (the pro area checks the viewer)."""
    results = results_of_learner(learner)
    latest = results[-1] if results else None
    return {
        "title": _("Diagnostic"), "template": "diagnostic/_learner_section.html", "learner": learner,
        "latest": latest, "count": len(results), "profile": profiles()[latest.profile] if latest else None,
    }
