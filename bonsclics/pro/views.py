"""The professional space's blueprint and its dashboard; the other pages live beside this module.

team.py (structures, members, networks), followup.py (learners, groups,
assignments), live.py (live workshops), activity.py (activity log),
resources.py (lesson plans, guides, training), volunteers.py, practices.py.
"""
from flask import Blueprint, current_app, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..db import utcnow
from ..models.accounts import Structure
from ..models.learners import Learner
from ..models.pro import Activity, LearnerGroup, TrainingCompletion, VolunteerCandidate
from ..security import login_required
from . import logic

bp = Blueprint("pro", __name__, url_prefix="/pro")

# Pages of the other areas for helpers, shown on the dashboard when they exist:
# (endpoint candidates, pictogram, label).
OTHER_AREAS = (
    (("agenda.manage", "agenda.pro", "agenda.pro_index"), "calendar", _l("Ateliers, réservations et présences")),
    (("places.manage", "places.pro", "places.pro_index"), "place", _l("Nos lieux")),
    (("orientation.index", "orientation.pro", "orientation.pro_index"), "send", _l("Orientations")),
    (("diagnostic.screening", "diagnostic.pro"), "question", _l("Repérage en entretien")),
    (("reports.index",), "file", _l("Rapports et chiffres")),
)


def other_area_links():
    """Links to the other areas' helper pages that this installation has."""
    links = []
    for candidates, pictogram, label in OTHER_AREAS:
        endpoint = next((e for e in candidates if e in current_app.view_functions), None)
        if endpoint:
            links.append({"url": url_for(endpoint), "icon": pictogram, "label": label})
    return links


@bp.context_processor
def _pro_helpers():
    """Names every pro template may use."""
    return {"pro_other_areas": other_area_links}


@bp.get("/")
@login_required
def dashboard():
    """What matters today for this helper: structures, learners, groups, workshops, recent activity."""
    user = current_user
    member_ids = user.structure_ids()
    managed = logic.managed_structures(user)
    today = utcnow().date()
    learners = groups = None
    if member_ids:
        learners = Learner.select().where(Learner.structure.in_(member_ids)).count()
        groups = list(LearnerGroup.select().where(LearnerGroup.structure.in_(member_ids)).order_by(LearnerGroup.name).limit(10))
    join_requests = []
    if user.is_coordinator and user.network_id:
        join_requests = list(Structure.select().where(Structure.join_requested == user.network_id))
    activity_today = Activity.select().where(Activity.recorded_by == user, Activity.date == today).count()
    live = list(logic.open_sessions().where(logic.LiveSession.structure.in_(member_ids or [0])))
    done_training = TrainingCompletion.select().where(TrainingCompletion.user == user).count()
    candidates = logic.candidates_for(user).where(VolunteerCandidate.contacted_at.is_null()).count()
    return render_template(
        "pro/dashboard.html", memberships=user.memberships_list(), managed=managed, learners=learners,
        groups=groups, join_requests=join_requests, activity_today=activity_today, live=live,
        done_training=done_training, training_total=len(logic.training_lessons()), candidates=candidates,
    )


from . import activity, followup, live, practices, resources, team, volunteers  # noqa: E402,F401  (their routes join bp)
