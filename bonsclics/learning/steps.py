"""One step of a lesson per page: explanations, exercises checked on the server, htmx swaps.

Without JavaScript every step is its own page: "Continue" and "Check my answer"
are POST forms to the step's own URL; the feedback comes back on that URL
(status 400 with the answer kept when it could not be checked). With htmx the
same URLs answer with the step fragment, swapped in place.
"""
from flask import abort, current_app, redirect, request, url_for

from .. import htmx, resume
from ..db import write_transaction
from ..exercises.logic import check, read_answer
from ..security import public, too_many
from . import catalogue, logic
from .views import bp, lesson_or_404

ANSWER_FIELD = "answer"
NEW_CODE_LIMIT = (60, 3600)  # new resume codes per address and hour: a whole workshop, not a flood


def step_url(lesson, number):
    """The URL of step `number` (1-based) of a lesson."""
    return url_for("learning.step", lesson_id=lesson["id"], number=number)


def after_step_url(lesson, number):
    """Where "Continue" leads after step `number`: the next step, or the end of the lesson."""
    if number >= catalogue.step_count(lesson):
        return url_for("learning.done", lesson_id=lesson["id"])
    return step_url(lesson, number + 1)


@bp.route("/<lesson_id>/step/<int:number>", methods=["GET", "POST"])
@public
def step(lesson_id, number):
    """Show a step; on POST, go on after an explanation, or check an answer and explain why."""
    lesson = lesson_or_404(lesson_id)
    if not 1 <= number <= catalogue.step_count(lesson):
        abort(404)
    current = lesson["steps"][number - 1]
    if request.method == "GET":
        return render_step(lesson, number)
    if not catalogue.is_exercise(current) or request.form.get("skip"):
        with write_transaction():
            logic.record_step_passed(code_for_progress(), lesson, number)
        return go_on(lesson, number)
    result = check(current, read_answer(current, request.form, ANSWER_FIELD))
    if result.error:
        return render_step(lesson, number, result=result, status=400)
    with write_transaction():
        logic.record_answer(code_for_progress(), lesson, number, result.correct)
    return render_step(lesson, number, result=result)


def code_for_progress():
    """This browser's resume code, made on the first step passed (new codes are rate-limited)."""
    if resume.current() is None and current_app.config.get("RATELIMIT_ENABLED", True):
        if too_many("resume-issue", *NEW_CODE_LIMIT):
            abort(429)
    return resume.ensure()


def go_on(lesson, number):
    """After step `number`: the next step (swapped in by htmx, else a redirect), or the end page."""
    if number >= catalogue.step_count(lesson):
        return htmx.redirect_to(url_for("learning.done", lesson_id=lesson["id"]))
    next_url = step_url(lesson, number + 1)
    if htmx.wants_fragment():
        response = render_step(lesson, number + 1)
        response.headers["HX-Push-Url"] = next_url
        return response
    return redirect(next_url, 303)


def render_step(lesson, number, result=None, status=200):
    """The step page, or its fragment for htmx, with the checked answer when there is one."""
    total = catalogue.step_count(lesson)
    current = lesson["steps"][number - 1]
    return htmx.render(
        "learning/step.html", "learning/_step.html", status=status,
        lesson=lesson, number=number, total=total, step=current, result=result,
        is_exercise=catalogue.is_exercise(current), seed=f"{lesson['id']}:{number}",
        url=step_url(lesson, number), next_url=after_step_url(lesson, number),
        previous_url=step_url(lesson, number - 1) if number > 1 else None,
        as_fragment=htmx.wants_fragment(), form_has_errors=bool(result and result.error),
    )
