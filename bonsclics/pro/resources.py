"""Resources and training for helpers: lesson plans, guides, search, and the training path.

The training path is the `helpers` theme's lessons, played here with the shared
exercise machinery so that each helper's completion is recorded on their
account (the learners' lesson player follows resume codes, not accounts).
"""
from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import htmx
from ..db import utcnow, write_transaction
from ..exercises import logic as exercises
from ..models.pro import TrainingCompletion
from ..security import audit, login_required
from . import library, logic
from .views import bp


@bp.get("/resources")
@login_required
def resources():
    """Guides and lesson plans, with a search over their titles and texts."""
    from ..learning import catalogue as lessons
    from ..practice import catalogue as paths

    query = (request.args.get("q") or "").strip()[:100]
    results = []
    if query:
        for kind, item_id in library.search(query):
            item = library.guides()[item_id] if kind == "guide" else library.lesson_plans()[item_id]
            results.append({"kind": kind, "id": item_id, "title": item["title"],
                            "excerpt": library.excerpt(kind, item_id, query)})
    plans = library.lesson_plans()
    lesson_plans = [plans[lid] for lid in lessons.all_lessons() if lid in plans]
    path_plans = [plans[pid] for pid in paths.all_paths() if pid in plans]
    return htmx.render("pro/resources.html", "pro/_resource_results.html", query=query, results=results,
                       guides=list(library.guides().values()), lesson_plans=lesson_plans, path_plans=path_plans)


@bp.get("/resources/guides/<guide_id>")
@login_required
def guide(guide_id):
    """A guide for helpers, printable."""
    found = library.guides().get(guide_id) or abort(404)
    return render_template("pro/guide.html", guide=found)


@bp.get("/resources/lesson-plans/<plan_id>")
@login_required
def lesson_plan(plan_id):
    """A lesson plan for a workshop, printable."""
    found = library.lesson_plans().get(plan_id) or abort(404)
    return render_template("pro/lesson_plan.html", plan=found)


# --- Training path -------------------------------------------------------------------------

def _training_lesson_or_404(lesson_id):
    """A lesson of the helpers' training path."""
    found = next((lesson for lesson in logic.training_lessons() if lesson["id"] == lesson_id), None)
    return found or abort(404)


def _passed(lesson_id):
    """Exercise steps of this lesson answered right in this browser session."""
    return set(session.get("training", {}).get(lesson_id, []))


def _mark_passed(lesson_id, number):
    """Remember a right answer for the completion check."""
    training = dict(session.get("training", {}))
    training[lesson_id] = sorted(set(training.get(lesson_id, [])) | {number})
    session["training"] = training


def _exercise_steps(lesson):
    """Numbers (1-based) of the steps that are exercises."""
    return [n for n, step in enumerate(lesson["steps"], start=1) if step["kind"] in exercises.KINDS]


@bp.get("/training")
@login_required
def training():
    """The training path for new helpers, with what I have completed."""
    done = {row.lesson_id: row for row in TrainingCompletion.select().where(TrainingCompletion.user == current_user.id)}
    return render_template("pro/training.html", lessons=logic.training_lessons(), done=done)


@bp.route("/training/<lesson_id>/<int:number>", methods=["GET", "POST"])
@login_required
def training_step(lesson_id, number):
    """One step of a training lesson: an explanation, or an exercise checked on the server."""
    lesson = _training_lesson_or_404(lesson_id)
    if not 1 <= number <= len(lesson["steps"]):
        abort(404)
    step = lesson["steps"][number - 1]
    result, status = None, 200
    if request.method == "POST":
        if step["kind"] not in exercises.KINDS:
            abort(400)
        result = exercises.check(step, exercises.read_answer(step, request.form))
        if result.correct:
            _mark_passed(lesson["id"], number)
        status = 200 if result.checked else 400
    passed = number in _passed(lesson["id"])
    return render_template("pro/training_step.html", lesson=lesson, step=step, number=number,
                           total=len(lesson["steps"]), result=result, passed=passed,
                           form_has_errors=bool(result and not result.checked)), status


@bp.post("/training/<lesson_id>/done")
@login_required
def training_done(lesson_id):
    """Record the lesson as completed once every exercise was answered right."""
    lesson = _training_lesson_or_404(lesson_id)
    missing = [n for n in _exercise_steps(lesson) if n not in _passed(lesson["id"])]
    if missing:
        flash(_("Il reste des exercices à réussir : l'étape %(n)s d'abord.", n=missing[0]), "error")
        return redirect(url_for("pro.training_step", lesson_id=lesson["id"], number=missing[0]), 303)
    with write_transaction():
        (TrainingCompletion.insert(user=current_user.id, lesson_id=lesson["id"], completed_at=utcnow())
         .on_conflict_ignore().execute())
        audit("training-completed", "user", current_user.id, detail=lesson["id"])
    flash(_("Module terminé. Bravo !"), "success")
    return redirect(url_for("pro.training"), 303)
