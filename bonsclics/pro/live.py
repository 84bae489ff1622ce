"""Live workshop mode: learners join with a 4-digit code, say where they are or that they are stuck.

The facilitator's board refreshes by htmx polling a tiny fragment (and by a
plain reload link without JavaScript). Learners need no account: a signed
cookie holds a random token whose hash identifies their row.
"""
import secrets

from flask import abort, after_this_request, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from itsdangerous import BadSignature

from .. import htmx
from ..choices import options
from ..db import utcnow, write_transaction
from ..models.accounts import hash_token
from ..models.pro import LiveParticipant, LiveSession
from ..security import audit, cookie_name, login_required, personal_page, public, signer, too_many
from ..ui import tr
from . import logic
from .followup import structure_choices
from .forms import LiveJoinForm, LiveOpenForm, LiveStatusForm
from .views import bp

COOKIE = "bc_live"
WRONG_CODES = (30, 600)  # wrong codes allowed per address in ten minutes: a room shares one address


# --- The facilitator ----------------------------------------------------------------------

def _open_form(formdata=None):
    """The form to open a session, with the user's structures."""
    form = LiveOpenForm(formdata=formdata, prefix="live")
    form.structure.choices = structure_choices(logic.member_structures(current_user))
    return form


@bp.route("/live", methods=["GET", "POST"])
@login_required
def live_sessions():
    """Open a live workshop, or go back to one still open."""
    ids = current_user.structure_ids()
    form = _open_form(request.form if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not ids:
            abort(403)
        if form.validate():
            now = utcnow()
            with write_transaction():
                session = LiveSession.create(structure=int(form.structure.data), facilitator=current_user.id,
                                             title=form.title.data or "", join_code=logic.new_join_code(),
                                             opened_at=now, expires_at=logic.live_expiry(now))
                audit("live-opened", "livesession", session.id)
            return redirect(url_for("pro.live_board", session_id=session.id), 303)
        status = 400
    sessions = list(logic.open_sessions().where(LiveSession.structure.in_(ids or [0])).order_by(LiveSession.opened_at.desc()))
    return render_template("pro/live.html", sessions=sessions, form=form, member=bool(ids),
                           form_has_errors=bool(form.errors)), status


def _item_label(item):
    """A short label for "lesson:id" / "practice:id"."""
    kind, _sep, item_id = (item or "").partition(":")
    if not item_id:
        return ""
    return tr(logic.item_title(kind, item_id)).text


@bp.get("/live/<int:session_id>")
@login_required
def live_board(session_id):
    """The facilitator's screen: who is where, who is stuck. htmx polls the fragment every few seconds."""
    session = logic.live_session_for(current_user, session_id) or abort(404)
    participants = list(LiveParticipant.select().where(LiveParticipant.session == session)
                        .order_by(LiveParticipant.stuck.desc(), LiveParticipant.first_name))
    is_open = session.closed_at is None and session.expires_at > utcnow()
    labels = {}
    for participant in participants:
        if participant.item not in labels:
            labels[participant.item] = _item_label(participant.item)
    # 286 tells htmx to stop polling a finished session.
    status = 286 if htmx.wants_fragment() and not is_open else 200
    return htmx.render("pro/live_board.html", "pro/_live_board.html", status=status, session=session,
                       participants=participants, labels=labels, is_open=is_open,
                       stuck=sum(1 for p in participants if p.stuck),
                       join_url=url_for("pro.live_join", _external=True))


@bp.post("/live/<int:session_id>/close")
@login_required
def close_live(session_id):
    """End the session: its code stops working and learners' phones are told."""
    session = logic.live_session_for(current_user, session_id) or abort(404)
    with write_transaction():
        LiveSession.update(closed_at=utcnow()).where(LiveSession.id == session.id, LiveSession.closed_at.is_null()).execute()
        audit("live-closed", "livesession", session.id)
    flash(_("Atelier terminé : le code ne fonctionne plus."), "success")
    return redirect(url_for("pro.live_sessions"), 303)


# --- The learners' phones (no account) ------------------------------------------------

def _signer():
    """Signs the participant cookie."""
    return signer("live-participant")


def current_participant():
    """This phone's participant in a session still open, or None."""
    raw = request.cookies.get(cookie_name(COOKIE))
    if not raw:
        return None
    try:
        token = _signer().loads(raw)
    except BadSignature:
        return None
    now = utcnow()
    participant = (LiveParticipant.select(LiveParticipant, LiveSession).join(LiveSession)
                   .where(LiveParticipant.token_hash == hash_token(str(token)), LiveSession.closed_at.is_null(),
                          LiveSession.expires_at > now).first())
    if participant is not None:
        personal_page()
    return participant


def _set_cookie(token, max_age):
    """Remember the participant on this phone until the session ends."""
    value = _signer().dumps(token)

    @after_this_request
    def _set(response):
        response.set_cookie(cookie_name(COOKIE), value, max_age=max_age, httponly=True, samesite="Lax",
                            secure=current_app.config["SERVED_OVER_HTTPS"], path="/")
        return response


@public
def live_join():
    """A learner types the room's code and their first name."""
    participant = current_participant()
    if participant is not None and request.method == "GET":
        return redirect(url_for("pro.live_me"), 303)
    form = LiveJoinForm()
    status = 200
    if form.validate_on_submit():
        session = logic.session_for_code(form.code.data)
        if session is None:
            if too_many("live-wrong-code", *WRONG_CODES):
                abort(429)
            form.code.errors.append(_("Aucun atelier ouvert avec ce code. Vérifiez les 4 chiffres affichés dans la salle."))
            status = 404
        else:
            token = secrets.token_urlsafe(24)
            with write_transaction():
                LiveParticipant.create(session=session, token_hash=hash_token(token), first_name=form.first_name.data)
            _set_cookie(token, int((session.expires_at - utcnow()).total_seconds()))
            return redirect(url_for("pro.live_me"), 303)
    elif request.method == "POST":
        status = 400
    return render_template("pro/live_join.html", form=form, form_has_errors=bool(form.errors)), status


def _status_form(participant, formdata=None):
    """Where I am: a lesson or practice path and a step."""
    form = LiveStatusForm(formdata=formdata, item=participant.item if formdata is None else None,
                          step=participant.step if formdata is None else None)
    lessons = [(f"lesson:{i}", tr(t).text) for i, t in logic.lesson_choices()]
    paths = [(f"practice:{i}", tr(t).text) for i, t in logic.practice_choices()]
    form.item.choices = options([("", _("Choisissez…"))] + lessons + paths)
    return form


@public
def live_me():
    """A learner's phone in the workshop: say where I am, or that I am stuck."""
    participant = current_participant()
    if participant is None:
        return render_template("pro/live_ended.html"), 404
    form = _status_form(participant, request.form if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.validate():
            action = request.form.get("action")
            changes = {"updated_at": utcnow()}
            if action == "stuck":
                changes["stuck"] = True
            elif action == "fine":
                changes["stuck"] = False
            if form.item.data is not None:
                changes["item"] = form.item.data or ""
                changes["step"] = form.step.data
            with write_transaction():
                LiveParticipant.update(**changes).where(LiveParticipant.id == participant.id).execute()
            if action == "stuck":
                flash(_("C'est noté : quelqu'un va venir vous aider."), "success")
            else:
                flash(_("C'est noté, merci !"), "success")
            return redirect(url_for("pro.live_me"), 303)
        status = 400
    return render_template("pro/live_me.html", participant=participant, form=form,
                           form_has_errors=bool(form.errors)), status


@bp.record_once
def _short_learner_urls(state):
    """Learners type a short address: /atelier (same views, the pro blueprint's endpoints)."""
    state.app.add_url_rule("/atelier", "pro.live_join", live_join, methods=["GET", "POST"])
    state.app.add_url_rule("/atelier/moi", "pro.live_me", live_me, methods=["GET", "POST"])
