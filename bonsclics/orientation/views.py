"""Orientations seen from the structures: sent, received, one orientation, its slip, figures.

Creation lives in `create.py` and the single-use answer link in `respond.py`;
both add their routes to this blueprint.
"""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from peewee import JOIN, Case

from .. import htmx
from ..models.accounts import HELPER_ROLES, ROLE_COORDINATOR, Structure
from ..models.orientation import Orientation, OrientationEvent
from ..models.places import Place
from ..security import audit, roles_required
from . import actions, logic
from .answering import answer_form, answer_values
from .forms import WithdrawForm

bp = Blueprint("orientation", __name__, url_prefix="/orientations")
PAGE_SIZE = 50


@bp.app_template_global("orientation_words")
def orientation_words():
    """The orientation vocabulary (labels of statuses, needs, constraints) for templates."""
    from . import vocabulary

    return vocabulary


def _listing(condition, page, waiting_first=False):
    """One page of orientations matching `condition`, newest first, with their places."""
    order = [Orientation.created_at.desc(), Orientation.id.desc()]
    if waiting_first:
        order.insert(0, Case(None, [(Orientation.status == "sent", 0)], 1))
    query = (
        Orientation.select(Orientation, Place)
        .join(Place, on=(Orientation.place == Place.id), join_type=JOIN.LEFT_OUTER)
        .where(condition)
        .order_by(*order)
    )
    rows = list(query.paginate(page, PAGE_SIZE))
    if rows:
        audit("orientations-listed", "orientation", detail=",".join(str(o.id) for o in rows))
    return rows


def _page():
    """The page number asked for (1 when missing or nonsense)."""
    return max(1, min(request.args.get("page", 1, type=int) or 1, 10000))


def _waiting_count(structure_ids):
    """How many orientations received by these structures still wait for an answer."""
    if not structure_ids:
        return 0
    return Orientation.select().where(
        Orientation.receiving_structure.in_(structure_ids), Orientation.status == "sent"
    ).count()


@bp.get("/")
@roles_required(*HELPER_ROLES, ROLE_COORDINATOR)
def index():
    """The orientations sent by my structures, with their status in words."""
    structure_ids = current_user.structure_ids()
    page = _page()
    rows = _listing(Orientation.sender_structure.in_(structure_ids), page) if structure_ids else []
    return htmx.render(
        "orientation/index.html", "orientation/_list.html", orientations=rows, page_number=page,
        more=len(rows) == PAGE_SIZE, waiting=_waiting_count(structure_ids), has_structures=bool(structure_ids),
        list_endpoint="orientation.index",
    )


@bp.get("/inbox")
@roles_required(*HELPER_ROLES)
def inbox():
    """The orientations my structures' places received; those waiting for an answer first."""
    structure_ids = current_user.structure_ids()
    page = _page()
    rows = _listing(Orientation.receiving_structure.in_(structure_ids), page, waiting_first=True) if structure_ids else []
    return htmx.render(
        "orientation/inbox.html", "orientation/_list.html", orientations=rows, page_number=page,
        more=len(rows) == PAGE_SIZE, waiting=_waiting_count(structure_ids), list_endpoint="orientation.inbox",
    )


@bp.get("/figures")
@roles_required(ROLE_COORDINATOR)
def figures():
    """Counts by status and the median time to a first answer: figures only, never names."""
    query = Orientation.select(Orientation.status, Orientation.created_at, Orientation.first_answer_at)
    network = None
    if not current_user.is_admin:
        network = current_user.network
        structures = Structure.select(Structure.id).where(Structure.network == current_user.network_id)
        query = query.where(
            Orientation.sender_structure.in_(structures) | Orientation.receiving_structure.in_(structures)
        )
    rows = list(query.tuples())
    counts = logic.counts_by_status(status for status, _, _ in rows)
    median = logic.median_hours_to_first_answer((created, answered) for _, created, answered in rows)
    median_delay = divmod(round(median), 24) if median is not None else None
    return render_template("orientation/figures.html", counts=counts, total=len(rows), median=median_delay,
                           network=network)


# --- One orientation ---------------------------------------------------------------------------

def visible_orientation(orientation_id):
    """The orientation if the current user may see it; 404 otherwise (its existence is not told)."""
    orientation = Orientation.get_or_none(Orientation.id == orientation_id)
    if orientation is None or not logic.can_view(current_user, orientation):
        abort(404)
    return orientation


def _detail(orientation, answer=None, withdraw=None, status=200):
    """The orientation page, with the forms the current user may use."""
    receiver = logic.is_receiver(current_user, orientation)
    sender = logic.is_sender(current_user, orientation)
    if answer is None and receiver and orientation.is_open:
        answer = answer_form(orientation)
    if withdraw is None and orientation.shares_name:
        withdraw = WithdrawForm(formdata=None)
    events = list(OrientationEvent.select().where(OrientationEvent.orientation == orientation).order_by(OrientationEvent.id))
    return render_template(
        "orientation/detail.html", o=orientation, place=orientation.place, events=events, sender=sender,
        receiver=receiver, answer=answer if receiver and orientation.is_open else None, withdraw=withdraw,
        can_send_link=sender and orientation.is_open and orientation.place is not None and bool(orientation.place.first_email),
        agenda_url=url_for("agenda.index") if "agenda.index" in current_app.view_functions else None,
        form_has_errors=status == 400,
    ), status


@bp.get("/<int:orientation_id>")
@roles_required(*HELPER_ROLES)
def detail(orientation_id):
    """One orientation: the person (as consented), the need, the place, the answers, the history."""
    orientation = visible_orientation(orientation_id)
    audit("orientation-viewed", "orientation", orientation.id)
    return _detail(orientation)


@bp.post("/<int:orientation_id>/answer")
@roles_required(*HELPER_ROLES)
def answer(orientation_id):
    """The receiving structure answers from its inbox."""
    orientation = visible_orientation(orientation_id)
    if not logic.is_receiver(current_user, orientation):
        abort(403)
    if not orientation.is_open:
        flash(_("Cette orientation est close : elle ne peut plus changer."), "error")
        return redirect(url_for("orientation.detail", orientation_id=orientation.id), 303)
    form = answer_form(orientation, request.form)
    values = answer_values(form, orientation)
    if values is None:
        return _detail(orientation, answer=form, status=400)
    if not actions.record_answer(orientation, values, actor=current_user, via="app"):
        flash(_("Cette réponse n'est plus possible : l'orientation a changé entre-temps."), "error")
    else:
        flash(_("Réponse enregistrée."), "success")
    return redirect(url_for("orientation.detail", orientation_id=orientation.id), 303)


@bp.post("/<int:orientation_id>/withdraw")
@roles_required(*HELPER_ROLES)
def withdraw(orientation_id):
    """The person withdraws their consent: their name, contact and free texts are erased."""
    orientation = visible_orientation(orientation_id)
    if not orientation.shares_name:
        flash(_("Il n'y a pas d'accord à retirer : cette orientation est déjà anonyme."), "error")
        return redirect(url_for("orientation.detail", orientation_id=orientation.id), 303)
    form = WithdrawForm()
    if not form.validate():
        return _detail(orientation, withdraw=form, status=400)
    actions.withdraw_consent(orientation, current_user)
    flash(_("Accord retiré : les données de la personne sont effacées. L'orientation reste, anonyme, pour les statistiques."), "success")
    return redirect(url_for("orientation.detail", orientation_id=orientation.id), 303)


@bp.post("/<int:orientation_id>/link")
@roles_required(*HELPER_ROLES)
def new_link(orientation_id):
    """The sender emails the place a new single-use answer link (the older ones stop working)."""
    orientation = visible_orientation(orientation_id)
    if not logic.is_sender(current_user, orientation):
        abort(403)
    if not orientation.is_open or orientation.place is None or not orientation.place.first_email:
        flash(_("Impossible d'envoyer un lien : l'orientation est close ou le lieu n'a pas d'adresse mail."), "error")
    elif actions.send_new_link(orientation, current_user):
        flash(_("Un nouveau lien a été envoyé au lieu. Il est valable %(days)s jours.",
                days=current_app.config["ORIENTATION_LINK_VALID_DAYS"]), "success")
    else:
        flash(_("Le mail n'a pas pu partir. Réessayez plus tard ou appelez le lieu."), "error")
    return redirect(url_for("orientation.detail", orientation_id=orientation.id), 303)


@bp.get("/<int:orientation_id>/slip")
@roles_required(*HELPER_ROLES)
def slip(orientation_id):
    """The printable slip for the person: where to go, when, what to bring, a QR code."""
    from ..qr import qr_svg
    from .slip import hours_lines, place_page_url

    orientation = visible_orientation(orientation_id)
    audit("orientation-viewed", "orientation", orientation.id, detail="slip")
    place = orientation.place
    qr = None
    if place is not None:
        qr = qr_svg(place_page_url(place), _("Code QR vers la page du lieu %(place)s", place=place.nom))
    return render_template("orientation/slip.html", o=orientation, place=place, qr=qr,
                           hours=hours_lines(place) if place is not None else [])


from . import create, respond  # noqa: E402,F401  (their routes join this blueprint)
