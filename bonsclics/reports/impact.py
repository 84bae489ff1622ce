"""The impact question: "Have you done it for real since? alone / with help / not yet".

Asked to the person on "My path" on a later day than the one they finished a
practice path or a lesson about an online service (their resume code tells),
once per service; "Later" puts it off for a week. A helper can record it from
the learner's record too. One answer per person and service: a new answer
replaces the old one.
"""
import datetime

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import resume
from ..db import utcnow, write_transaction
from ..models.diagnostic import latest_result
from ..models.learners import ResumeCode
from ..models.learning import LessonProgress
from ..models.practice import PracticeProgress
from ..models.reports import ImpactAnswer
from ..security import audit, login_required, public, rate_limit
from .forms import ImpactForm
from .report import service_label
from .views import bp

PUT_OFF_DAYS = 7


def service_keys():
    """Every service the question may be about: practice paths, then lessons on online services."""
    from ..learning import catalogue as lessons
    from ..practice import catalogue as paths

    keys = [f"practice:{path_id}" for path_id in paths.all_paths()]
    keys += [f"lesson:{lesson['id']}" for lesson in lessons.learner_lessons() if lesson.get("competence") == "services"]
    return keys


def service_choices(keys=None):
    """(key, label) pairs for a drop-down list."""
    return [(key, service_label(key)) for key in (keys if keys is not None else service_keys())]


def finished_services(code, before):
    """Services whose practice or lesson this code finished before `before`, the latest first."""
    lesson_ids = [key.split(":", 1)[1] for key in service_keys() if key.startswith("lesson:")]
    done = [(p.completed_at, f"practice:{p.path_id}") for p in PracticeProgress.select(
        PracticeProgress.path_id, PracticeProgress.completed_at).where(
        PracticeProgress.resume_code == code, PracticeProgress.completed_at < before)]
    done += [(p.completed_at, f"lesson:{p.lesson_id}") for p in LessonProgress.select(
        LessonProgress.lesson_id, LessonProgress.completed_at).where(
        LessonProgress.resume_code == code, LessonProgress.completed_at < before,
        LessonProgress.lesson_id.in_(lesson_ids or [""]))]
    known = set(service_keys())
    return [key for _when, key in sorted(done, reverse=True) if key in known]


def _answered(code):
    """Services already answered for this code or its learner record."""
    condition = ImpactAnswer.resume_code == code
    if code.learner_id:
        condition |= ImpactAnswer.learner == code.learner_id
    return {service for (service,) in ImpactAnswer.select(ImpactAnswer.service).where(condition).tuples()}


def pending_services(code, now=None):
    """What to ask this code about now: finished on an earlier day, not answered, not put off."""
    if code is None:
        return []
    now = now or utcnow()
    if code.impact_asked_at and code.impact_asked_at > now - datetime.timedelta(days=PUT_OFF_DAYS):
        return []
    start_of_day = datetime.datetime.combine(now.date(), datetime.time())
    answered = _answered(code)
    return [key for key in finished_services(code, start_of_day) if key not in answered]


@bp.app_template_global("reports_impact_question")
def impact_question(code):
    """The form asking about the latest finished service, or None (used by "My path")."""
    pending = pending_services(code)
    if not pending:
        return None
    form = ImpactForm(formdata=None, prefix="impact", service=pending[0])
    form.service.choices = service_choices(pending)
    return {"form": form, "label": service_label(pending[0])}


def save(service, answer, via, code=None, learner=None, structure_id=None, departement=""):
    """Record (or replace) the answer of one person for one service."""
    if code is not None:
        key = ImpactAnswer.resume_code == code.id
    else:
        codes = ResumeCode.select(ResumeCode.id).where(ResumeCode.learner == learner.id)
        key = (ImpactAnswer.learner == learner.id) | ImpactAnswer.resume_code.in_(codes)
    with write_transaction():
        existing = ImpactAnswer.get_or_none(key, ImpactAnswer.service == service)
        values = {"answer": answer, "via": via, "answered_at": utcnow(), "structure": structure_id,
                  "departement": departement or "",
                  "recorded_by": current_user.id if via == "helper" else None}
        if existing is None:
            ImpactAnswer.create(resume_code=code, learner=learner, service=service, **values)
        else:
            if learner is not None:
                values["learner"] = learner.id
            ImpactAnswer.update(**values).where(ImpactAnswer.id == existing.id).execute()


def _where_it_counts(code):
    """(structure id, département) of a person known by a code: their record's, else their latest diagnostic's."""
    result = latest_result(code)
    departement = result.departement if result is not None else ""
    if code.learner_id:
        structure = code.learner.structure
        return structure.id, structure.departement or departement
    return (result.structure_id if result is not None else None), departement


@bp.post("/impact")
@public
@rate_limit("impact-answer", 30, 3600)
def answer_impact():
    """The person answers the question on "My path" (or puts it off with "later")."""
    code = resume.current()
    if code is None:
        return redirect(url_for("learning.my_path"), 303)
    pending = pending_services(code)
    if request.form.get("later"):
        ResumeCode.update(impact_asked_at=utcnow()).where(ResumeCode.id == code.id).execute()
        flash(_("D'accord, nous vous le redemanderons plus tard."), "success")
        return redirect(url_for("learning.my_path"), 303)
    form = ImpactForm(formdata=request.form, prefix="impact")
    form.service.choices = service_choices(pending)
    if not pending:
        return redirect(url_for("learning.my_path"), 303)
    if not form.validate():
        label = service_label(form.service.data) if form.service.data in pending else service_label(pending[0])
        return render_template("reports/impact_question.html", form=form, label=label, form_has_errors=True), 400
    structure_id, departement = _where_it_counts(code)
    save(form.service.data, form.answer.data, "learner", code=code, structure_id=structure_id, departement=departement)
    ResumeCode.update(impact_asked_at=utcnow()).where(ResumeCode.id == code.id).execute()
    flash(_("Merci ! Votre réponse aide le réseau à savoir ce qui marche."), "success")
    return redirect(url_for("learning.my_path"), 303)


def learner_or_404(learner_id):
    """A learner of a structure the current helper works in."""
    from ..pro.logic import learner_for

    return learner_for(current_user, learner_id) or abort(404)


def helper_form(formdata=None):
    """The helper's form: every service, the three answers."""
    form = ImpactForm(formdata=formdata, prefix="impact")
    form.service.choices = [("", _("Choisissez…"))] + service_choices()
    return form


@bp.post("/impact/learner/<int:learner_id>")
@login_required
def record_impact(learner_id):
    """A helper records the answer from the learner's record."""
    learner = learner_or_404(learner_id)
    form = helper_form(request.form)
    if not form.validate():
        return render_template("reports/impact_helper.html", learner=learner, form=form, form_has_errors=True), 400
    save(form.service.data, form.answer.data, "helper", learner=learner, structure_id=learner.structure_id,
         departement=learner.structure.departement)
    audit("impact-recorded", "learner", learner.id)
    flash(_("Réponse enregistrée."), "success")
    return redirect(url_for("pro.learner", learner_id=learner.id, _anchor="impact"), 303)
