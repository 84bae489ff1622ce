"""Resources and training for helpers: lesson plans, guides, search, and the training path.

The training path is the `helpers` theme's lessons, played in the shared lesson
player (which follows this browser's resume code); the helper then records
the lessons finished on their account, where their structure manager sees them.
"""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import htmx, resume
from ..db import utcnow, write_transaction
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

def _completed_in_this_browser():
    """Training lessons finished in the lesson player with this browser's resume code."""
    from ..learning import logic as learning

    progresses = learning.progress_by_lesson(resume.current())
    return [lesson["id"] for lesson in logic.training_lessons()
            if progresses.get(lesson["id"]) is not None and progresses[lesson["id"]].completed_at]


@bp.get("/training")
@login_required
def training():
    """The training path for new helpers: the lessons, in the shared lesson player, and what I completed."""
    done = {row.lesson_id: row for row in TrainingCompletion.select().where(TrainingCompletion.user == current_user.id)}
    to_record = [lesson_id for lesson_id in _completed_in_this_browser() if lesson_id not in done]
    return render_template("pro/training.html", lessons=logic.training_lessons(), done=done, to_record=to_record)


@bp.post("/training/record")
@login_required
def record_training():
    """Record on my account the training lessons I finished in the lesson player on this device."""
    finished = _completed_in_this_browser()
    if not finished:
        flash(_("Aucun module terminé sur cet appareil : suivez un module jusqu'au bout, puis revenez ici."), "error")
        return redirect(url_for("pro.training"), 303)
    with write_transaction():
        for lesson_id in finished:
            (TrainingCompletion.insert(user=current_user.id, lesson_id=lesson_id, completed_at=utcnow())
             .on_conflict_ignore().execute())
        audit("training-completed", "user", current_user.id, detail="|".join(finished))
    flash(_("Formation enregistrée : votre responsable voit les modules terminés."), "success")
    return redirect(url_for("pro.training"), 303)
