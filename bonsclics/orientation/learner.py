"""The orientations section of a learner's record in the professional space."""
from flask import url_for
from flask_babel import gettext as _
from peewee import JOIN

from ..models.orientation import Orientation
from ..models.places import Place
from . import logic


def learner_section(learner, viewer):
    """The learner's orientations with their status, for a member of the learner's structure.

    Returns None for anyone else. The dict carries `title`, `template` and the
    template's context (`orientations`, `new_url`); the template also reads them
    from a `section` variable.
    """
    if viewer is None or not viewer.works_in(learner.structure_id):
        return None
    orientations = [
        o for o in (
            Orientation.select(Orientation, Place)
            .join(Place, on=(Orientation.place == Place.id), join_type=JOIN.LEFT_OUTER)
            .where(Orientation.learner == learner)
            .order_by(Orientation.created_at.desc())
        )
        if logic.can_view(viewer, o)
    ]
    return {
        "title": _("Orientations"),
        "template": "orientation/_learner_section.html",
        "orientations": orientations,
        "new_url": url_for("orientation.new", learner=learner.id),
    }
