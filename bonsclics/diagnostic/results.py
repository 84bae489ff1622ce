"""The result page: profile, levels, what the person can already do, where to go next.

Who may see a result: the browser holding its resume code, the helper who ran
it in assisted mode, and the members of the structure whose learner record it
is attached to (or whose record holds its code). Anyone else gets a 404, as
for an id that does not exist.
"""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import content, resume
from ..agenda.logic import upcoming
from ..choices import options
from ..db import utcnow, write_transaction
from ..learning import catalogue as lessons_catalogue
from ..models.accounts import Structure
from ..models.agenda import LEVELS
from ..models.diagnostic import DiagnosticResult, latest_result
from ..models.learners import Learner
from ..models.places import Place, departement_of
from ..places.logic import nearby
from ..practice import catalogue as practice_catalogue
from ..security import audit, login_required, public
from ..ui import tr
from . import logic, progress
from .bank import profiles
from .forms import CONSENT_HOW, AttachForm, NotesForm, PostcodeForm
from .views import bp

PLACES_SHOWN = 3
EVENTS_SHOWN = 3
PATHS_SHOWN = 3


# --- Who may see a result ------------------------------------------------------------------

def helper_may_see(result, user):
    """A helper sees the results they ran and those of their structures' learner records."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if result.helper_id == user.id:
        return True
    mine = user.structure_ids()
    if not mine:
        return False
    learner_ids = [result.learner_id] if result.learner_id else []
    if result.resume_code.learner_id:
        learner_ids.append(result.resume_code.learner_id)
    return Learner.select().where(Learner.id.in_(learner_ids or [0]), Learner.structure.in_(mine)).exists()


def result_or_404(result_id):
    """A finished result this browser or this helper may see, else a 404."""
    result = DiagnosticResult.get_or_none(DiagnosticResult.id == result_id)
    if result is None or not result.is_finished:
        abort(404)
    code = resume.current()
    if code is not None and result.resume_code_id == code.id:
        return result
    if helper_may_see(result, current_user):
        if result.learner_id or result.resume_code.learner_id:
            audit("diagnostic-viewed", "diagnosticresult", result.id)
        return result
    abort(404)


# --- What the result page shows -----------------------------------------------------------

def _postcode_for(result):
    """Where to look for places: the postcode given, else the place where the diagnostic was taken."""
    if result.postcode:
        return result.postcode
    if result.structure_id:
        place = Place.select(Place.code_postal).where(Place.structure == result.structure_id).first()
        if place is not None:
            return place.code_postal
    return ""


def workshops_for(profile, departement):
    """Upcoming workshops at the person's level, or one level easier, soonest first."""
    level = logic.WORKSHOP_LEVEL[profile]
    fitting = {level, LEVELS[max(0, LEVELS.index(level) - 1)]}
    found = upcoming(level=level, departement=departement, limit=EVENTS_SHOWN * 5)
    return [event for event in found if event.level in fitting][:EVENTS_SHOWN]


def page_context(result):
    """Everything the result page shows, computed from the stored levels and answers."""
    levels = result.levels
    profile = profiles()[result.profile]
    situation = result.situation_data()
    lesson_ids = logic.recommended_lessons(levels, lessons_catalogue.learner_lessons())
    postcode = _postcode_for(result)
    places = nearby(postcode, kind_of_help=profile["kind_of_help"], limit=PLACES_SHOWN) if postcode else []
    events = workshops_for(result.profile, result.departement or (departement_of(postcode) if postcode else None))
    competences = content.competences()
    can_do = [c["can_do"][levels[c["id"]]] for c in competences if levels.get(c["id"])]
    return {
        "result": result, "profile": profile, "levels": levels, "competences": competences,
        "can_do": can_do,
        "lessons": [lessons_catalogue.lesson(lesson_id) for lesson_id in lesson_ids],
        "paths": practice_catalogue.paths_for_needs(situation.get("needs"))[:PATHS_SHOWN],
        "places": places, "postcode": postcode, "events": events, "code": result.resume_code,
        "no_device": "none" in (situation.get("equipment") or ()),
        "spoken": [tr(phrase).text for phrase in can_do] + [tr(profile["title"]).text, tr(profile["for_person"]).text],
    }


def render_result(result, status=200, postcode_form=None, notes_form=None, attach_form=None):
    """The result page, with the helper's forms when a helper may act on it."""
    context = page_context(result)
    pro = helper_may_see(result, current_user)
    if pro:
        notes_form = notes_form or NotesForm(prefix="notes", data={"notes": result.helper_notes})
        attach_form = attach_form or attach_form_for(result)
    postcode_form = postcode_form or PostcodeForm(prefix="place", data={"postcode": context["postcode"]})
    errors = any(f is not None and f.errors for f in (postcode_form, notes_form, attach_form))
    return render_template(
        "diagnostic/result.html", **context, pro=pro, postcode_form=postcode_form, notes_form=notes_form,
        attach_form=attach_form, attached=result.learner if result.learner_id else None,
        consent_labels=dict(CONSENT_HOW), form_has_errors=errors,
    ), status


@bp.get("/result")
@public
def result_latest():
    """This browser's latest result; a diagnostic in progress continues, none starts one."""
    found = latest_result(resume.current())
    if found is not None:
        return redirect(url_for("diagnostic.result", result_id=found.id))
    if progress.in_progress() is not None:
        return redirect(url_for("diagnostic.question"))
    return redirect(url_for("diagnostic.start"))


@bp.get("/result/<int:result_id>")
@public
def result(result_id):
    """A result, printable on one A4 page, with the resume code to come back."""
    return render_result(result_or_404(result_id))


@bp.post("/result/<int:result_id>/place")
@public
def set_place(result_id):
    """Look for places near a postcode (kept with the result, for the figures by département)."""
    found = result_or_404(result_id)
    form = PostcodeForm(prefix="place")
    if not form.validate_on_submit():
        return render_result(found, 400, postcode_form=form)
    postcode = form.postcode.data
    with write_transaction():
        progress.recount(found, postcode=postcode, departement=departement_of(postcode))
    return redirect(url_for("diagnostic.result", result_id=found.id) + "#places", 303)


# --- The helper's side: notes and attaching to a learner record ----------------------------

def _helper_result_or_404(result_id):
    """A result the signed-in helper may act on."""
    found = result_or_404(result_id)
    if not helper_may_see(found, current_user):
        abort(404)
    return found


def attach_form_for(result, formdata=None):
    """The attach form, its lists limited to the helper's structures and their records."""
    form = AttachForm(formdata=formdata, prefix="attach")
    structure_ids = current_user.structure_ids()
    structures = list(Structure.select().where(Structure.id.in_(structure_ids or [0])).order_by(Structure.name))
    learners = list(Learner.select().where(Learner.structure.in_(structure_ids or [0])).order_by(Learner.pseudonym))
    form.learner.choices = options([("new", _("Nouvelle fiche"))] + [
        (learner.id, learner.pseudonym + (f" ({learner.structure.name})" if len(structures) > 1 else ""))
        for learner in learners
    ])
    form.structure.choices = options((s.id, s.name) for s in structures)
    if formdata is None and result.structure_id in structure_ids:
        form.structure.data = str(result.structure_id)
    return form


@bp.post("/result/<int:result_id>/notes")
@login_required
def save_notes(result_id):
    """Save the helper's notes on a result."""
    found = _helper_result_or_404(result_id)
    form = NotesForm(prefix="notes")
    if not form.validate_on_submit():
        return render_result(found, 400, notes_form=form)
    with write_transaction():
        DiagnosticResult.update(helper_notes=(form.notes.data or "").strip()).where(
            DiagnosticResult.id == found.id).execute()
        audit("diagnostic-notes-saved", "diagnosticresult", found.id)
    flash(_("Notes enregistrées."), "success")
    return redirect(url_for("diagnostic.result", result_id=found.id) + "#helper", 303)


@bp.post("/result/<int:result_id>/attach")
@login_required
def attach(result_id):
    """Attach a result to a learner record of the helper's structure, with the person's consent."""
    found = _helper_result_or_404(result_id)
    if not current_user.structure_ids():
        abort(403)
    if found.learner_id:
        flash(_("Ce résultat est déjà sur une fiche."), "info")
        return redirect(url_for("diagnostic.result", result_id=found.id), 303)
    form = attach_form_for(found, request.form)
    if not form.validate_on_submit():
        return render_result(found, 400, attach_form=form)
    with write_transaction():
        if form.learner.data == "new":
            learner = Learner.create(
                structure=int(form.structure.data), pseudonym=form.pseudonym.data, consent_at=utcnow(),
                consent_by=current_user.id, consent_how=form.consent_how.data,
            )
            audit("learner-created", "learner", learner.id, detail=f"consent:{learner.consent_how}")
        else:
            learner = Learner.get(Learner.id == int(form.learner.data))
        changes = {"learner": learner, "attached_at": utcnow(), "attached_by": current_user.id}
        if not found.structure_id:
            progress.recount(found, structure=learner.structure_id)
        DiagnosticResult.update(**changes).where(DiagnosticResult.id == found.id).execute()
        Learner.update(last_activity_at=utcnow()).where(Learner.id == learner.id).execute()
        audit("diagnostic-attached", "learner", learner.id,
              detail=f"diagnosticresult:{found.id} consent:{form.consent_how.data}")
    flash(_("Résultat ajouté à la fiche de %(name)s.", name=learner.pseudonym), "success")
    return redirect(url_for("diagnostic.learner", learner_id=learner.id), 303)
