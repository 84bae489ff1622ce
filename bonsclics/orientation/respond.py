"""The single-use answer link for a place without an account (valid ORIENTATION_LINK_VALID_DAYS)."""
from flask import render_template, request

from ..db import utcnow
from ..security import audit, personal_page, public, rate_limit
from . import actions, logic
from .answering import answer_form, answer_values
from .views import bp


def refusal_reason(link, now):
    """Why a link cannot be used (unknown, used, closed, replaced, expired), or None when it can."""
    if link is None:
        return "unknown"
    if link.used_at is not None:
        return "used"
    if not link.orientation.is_open:
        return "closed"
    if link.revoked_at is not None:
        return "replaced"
    if not logic.link_is_usable(link, now):
        return "expired"
    return None


def _refused(link, reason):
    """The clear page for a link that cannot be used, saying why and whom to ask."""
    orientation = link.orientation if link is not None else None
    return render_template("orientation/link_invalid.html", reason=reason, o=orientation), 404 if link is None else 410


@bp.route("/respond/<token>", methods=["GET", "POST"])
@public
@rate_limit("orientation-link", limit=30, window_seconds=600, methods=("GET", "POST"))
def respond(token):
    """See the orientation and give one answer, without an account."""
    link = actions.find_link(token)
    reason = refusal_reason(link, utcnow())
    if reason:
        return _refused(link, reason)
    orientation = link.orientation
    personal_page()
    if request.method == "POST":
        form = answer_form(orientation, request.form)
        values = answer_values(form, orientation)
        if values is not None:
            if not actions.record_answer(orientation, values, via="link", link=link):
                link = actions.find_link(token)
                return _refused(link, refusal_reason(link, utcnow()) or "used")
            return render_template("orientation/respond_done.html", o=orientation, status=values["status"])
        status = 400
    else:
        form = answer_form(orientation)
        audit("orientation-viewed", "orientation", orientation.id, detail="link")
        status = 200
    return render_template("orientation/respond.html", o=orientation, place=orientation.place, form=form,
                           form_has_errors=status == 400), status
