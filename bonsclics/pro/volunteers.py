"""Volunteers: the public "Devenir bénévole" page, candidates for coordinators and managers, needs."""
import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..db import utcnow, write_transaction
from ..models.accounts import Structure
from ..models.base import join_values
from ..models.places import departement_of
from ..models.pro import VolunteerCandidate, VolunteerNeed
from ..security import audit, public, rate_limit, roles_required
from . import logic
from .followup import structure_choices
from .forms import AVAILABILITY_CHOICES, LANGUAGE_CHOICES, SKILL_CHOICES, NeedForm, VolunteerForm
from .views import bp


def open_needs(departement=None):
    """Volunteer needs still open, newest first (one département when given)."""
    query = (VolunteerNeed.select(VolunteerNeed, Structure).join(Structure)
             .where(VolunteerNeed.closed_at.is_null()).order_by(VolunteerNeed.created_at.desc()))
    if departement:
        query = query.where(VolunteerNeed.departement == departement)
    return query


@bp.route("/volunteer", methods=["GET", "POST"])
@public
@rate_limit("volunteer", limit=5, window_seconds=3600)
def become_volunteer():
    """Offer to help: availability, area, skills, languages, a way to be contacted (with consent)."""
    form = VolunteerForm()
    departement = request.args.get("dep", "")
    departement = departement if re.fullmatch(r"\d[0-9AB]\d?", departement or "") else ""
    status = 200
    if form.validate_on_submit():
        now = utcnow()
        with write_transaction():
            candidate = VolunteerCandidate.create(
                name=form.name.data, email=(form.email.data or "").lower(), phone=form.phone.data or "",
                postcode=form.postcode.data, departement=departement_of(form.postcode.data),
                availability=join_values(form.availability.data), skills=join_values(form.skills.data),
                languages=join_values(form.languages.data), message=form.message.data or "", consent_at=now)
            audit("volunteer-candidate-created", "volunteercandidate", candidate.id, actor=None)
        return render_template("pro/volunteer_thanks.html")
    if request.method == "POST":
        status = 400
    return render_template("pro/volunteer.html", form=form, needs=list(open_needs(departement).limit(20)),
                           departement=departement, form_has_errors=bool(form.errors)), status


def _need_form(formdata=None):
    """The form to post a need, for the structures the user manages."""
    form = NeedForm(formdata=formdata, prefix="need")
    form.structure.choices = structure_choices(logic.managed_structures(current_user))
    return form


def _candidates_page(need_form=None, status=200):
    """Candidates of my area, and my structures' needs."""
    show_all = request.args.get("all") == "1"
    candidates = logic.candidates_for(current_user)
    if not show_all:
        candidates = candidates.where(VolunteerCandidate.contacted_at.is_null())
    rows = list(candidates.limit(200))
    managed = [s.id for s in logic.managed_structures(current_user)]
    needs = list(open_needs().where(VolunteerNeed.structure.in_(managed or [0])))
    audit("volunteer-candidates-viewed", "volunteercandidate", None, detail=str(len(rows)))
    need_form = need_form or _need_form()
    return render_template(
        "pro/volunteers.html", candidates=rows, show_all=show_all, needs=needs, need_form=need_form,
        labels={**dict(AVAILABILITY_CHOICES), **dict(SKILL_CHOICES), **dict(LANGUAGE_CHOICES)},
        may_post=bool(managed), form_has_errors=bool(need_form.errors),
    ), status


@bp.get("/volunteers")
@roles_required("coordinator", "manager")
def volunteers():
    """Volunteer candidates of my area (département) to contact, and my structures' needs."""
    return _candidates_page()


@bp.post("/volunteers/<int:candidate_id>/contacted")
@roles_required("coordinator", "manager")
def mark_contacted(candidate_id):
    """Mark a candidate as contacted (by me, now)."""
    candidate = logic.candidates_for(current_user).where(VolunteerCandidate.id == candidate_id).first() or abort(404)
    with write_transaction():
        VolunteerCandidate.update(contacted_at=utcnow(), contacted_by=current_user.id).where(
            VolunteerCandidate.id == candidate.id).execute()
        audit("volunteer-contacted", "volunteercandidate", candidate.id)
    flash(_("%(name)s est marqué·e comme contacté·e.", name=candidate.name), "success")
    return redirect(url_for("pro.volunteers"), 303)


@bp.post("/volunteers/needs")
@roles_required("coordinator", "manager")
def post_need():
    """A structure posts a volunteer need, shown on the public page."""
    form = _need_form(request.form)
    if not form.validate_on_submit():
        return _candidates_page(need_form=form, status=400)
    structure = Structure.get_by_id(int(form.structure.data))
    with write_transaction():
        need = VolunteerNeed.create(structure=structure, title=form.title.data, description=form.description.data or "",
                                    departement=structure.departement, created_by=current_user.id)
        audit("volunteer-need-posted", "structure", structure.id, detail=f"need:{need.id}")
    flash(_("Besoin publié sur la page « Devenir bénévole »."), "success")
    return redirect(url_for("pro.volunteers"), 303)


@bp.post("/volunteers/needs/<int:need_id>/close")
@roles_required("coordinator", "manager")
def close_need(need_id):
    """Take a need off the public page."""
    managed = [s.id for s in logic.managed_structures(current_user)]
    need = VolunteerNeed.get_or_none(VolunteerNeed.id == need_id, VolunteerNeed.structure.in_(managed or [0])) or abort(404)
    with write_transaction():
        VolunteerNeed.update(closed_at=utcnow()).where(VolunteerNeed.id == need.id).execute()
        audit("volunteer-need-closed", "structure", need.structure_id, detail=f"need:{need.id}")
    flash(_("Besoin retiré de la page publique."), "success")
    return redirect(url_for("pro.volunteers"), 303)
