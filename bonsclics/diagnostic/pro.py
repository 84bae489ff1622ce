"""The helper's side: assisted mode, a learner's successive diagnostics, the "repérage".

Learner records are seen only by members of the structure holding the
person's consent: any other id is a 404, as if it did not exist.
"""
from flask import abort, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user
from peewee import JOIN

from .. import content
from ..db import utcnow
from ..models.accounts import Structure
from ..models.diagnostic import DiagnosticResult, results_of_learner
from ..models.learners import Learner
from ..security import audit, login_required
from ..ui import tr
from . import logic, progress
from .bank import profiles, screening as screening_content
from .forms import AssistedStartForm, screening_form_class
from .views import bp

RECENT_SHOWN = 20
COMPARED = 6  # diagnostics side by side, the latest ones


def assisted_form(formdata=None):
    """The form to start assisted mode, listing the helper's structures."""
    form = AssistedStartForm(formdata=formdata, prefix="assisted")
    structures = Structure.select().where(Structure.id.in_(current_user.structure_ids() or [0])).order_by(Structure.name)
    form.structure.choices = [(str(s.id), s.name) for s in structures]
    return form


def _pro_page(form, status=200):
    """The helper's diagnostic page."""
    mine = current_user.structure_ids()
    learners_of_mine = Learner.select(Learner.id).where(Learner.structure.in_(mine or [0]))
    recent = list(
        DiagnosticResult.select(DiagnosticResult, Learner)
        .join(Learner, JOIN.LEFT_OUTER, on=(DiagnosticResult.learner == Learner.id))
        .where(DiagnosticResult.finished_at.is_null(False),
               (DiagnosticResult.helper == current_user.id) | DiagnosticResult.learner.in_(learners_of_mine))
        .order_by(DiagnosticResult.finished_at.desc())
        .limit(RECENT_SHOWN)
    )
    ongoing = progress.in_progress()
    return render_template(
        "diagnostic/pro.html", form=form, recent=recent, profiles=profiles(),
        ongoing=ongoing if ongoing is not None and ongoing.helper_id == current_user.id else None,
        form_has_errors=bool(form.errors),
    ), status


@bp.get("/pro")
@login_required
def pro():
    """Run the diagnostic with a person, the "repérage", and the latest diagnostics of my structures."""
    return _pro_page(assisted_form())


@bp.post("/assisted")
@login_required
def begin_assisted():
    """Start assisted mode: the helper runs the diagnostic with the person, who gets their own code."""
    form = assisted_form(request.form)
    if not form.validate_on_submit():
        return _pro_page(form, 400)
    structure = Structure.get_or_none(Structure.id == int(form.structure.data)) if form.structure.data else None
    progress.start(assisted=True, helper=current_user.id, structure=structure, locale=str(get_locale()))
    return redirect(url_for("diagnostic.question"), 303)


def learner_or_404(learner_id):
    """A learner record of a structure the signed-in helper works in."""
    mine = current_user.structure_ids()
    found = Learner.get_or_none((Learner.id == learner_id) & Learner.structure.in_(mine or [0]))
    if found is None:
        abort(404)
    return found


@bp.get("/learner/<int:learner_id>")
@login_required
def learner(learner_id):
    """A learner's successive diagnostics side by side: progress over time."""
    found = learner_or_404(learner_id)
    results = results_of_learner(found)[-COMPARED:]
    audit("learner-diagnostics-viewed", "learner", found.id)
    return render_template("diagnostic/learner.html", learner=found, results=results,
                           competences=content.competences(), profiles=profiles())


@bp.route("/screening", methods=["GET", "POST"])
@login_required
def screening():
    """The one-page "repérage" for an intake interview: full diagnostic, workshop or assistance?"""
    questions = screening_content()["questions"]
    form = screening_form_class(questions, lambda text: tr(text).text)()
    outcome, status = None, 200
    if form.validate_on_submit():
        chosen = {q["id"]: form[f"q_{q['id'].replace('-', '_')}"].data for q in questions}
        outcome, _total, _errors = logic.screening_outcome(screening_content(), chosen)
    elif request.method == "POST":
        status = 400
    return render_template(
        "diagnostic/screening.html", form=form, questions=questions, outcome=outcome,
        assisted_form=assisted_form(), form_has_errors=bool(form.errors), today=utcnow(),
    ), status
