"""The imitation's screens: show one, check what was typed or chosen, move on.

What was typed is only read from the POSTed form and shown again in the
response; it is never written to the database or the session.
"""
from flask import abort, current_app, redirect, request, url_for

from .. import htmx, resume
from ..exercises import logic as exercises
from ..security import public, too_many
from . import catalogue, logic, messages, progress
from .views import bp, path_or_404

# New resume codes per address and hour, counted with the lessons' (same scope): a workshop, not a flood.
NEW_CODE_LIMIT = (60, 3600)


def _record(path, index, **what):
    """Record progress on this browser's resume code, made on its first practice answer (rate-limited)."""
    if resume.current() is None and current_app.config.get("RATELIMIT_ENABLED", True):
        if too_many("resume-issue", *NEW_CODE_LIMIT):
            abort(429)
    progress.record(path, index, resume.ensure(), **what)


def _next_url(path, index):
    """Where to go once screen `index` is passed: the next screen, or the summary after the last."""
    if index + 1 < len(path["screens"]):
        return url_for("practice.screen", path_id=path["id"], screen_id=path["screens"][index + 1]["id"])
    return url_for("practice.summary", path_id=path["id"])


def _render(path, index, status=200, **state):
    """The screen as a page, or as the fragment htmx swaps in (always 200: htmx swaps no 4xx)."""
    screen = path["screens"][index]
    context = {
        "path": path, "screen": screen, "index": index,
        "action_url": url_for("practice.screen", path_id=path["id"], screen_id=screen["id"]),
        "values": {}, "refused": {}, "result": None, "next_url": None, "hint_shown": False,
        "hint_just_shown": False, "is_last": index == len(path["screens"]) - 1,
        "passwords_cleared": messages.PASSWORDS_CLEARED,
    }
    context.update(state)
    has_errors = status == 400
    as_fragment = htmx.wants_fragment()
    if as_fragment:
        status = 200
    return htmx.render("practice/screen.html", "practice/_screen.html", status=status,
                       form_has_errors=has_errors, as_fragment=as_fragment, **context)


@bp.route("/<path_id>/screen/<screen_id>", methods=["GET", "POST"])
@public
def screen(path_id, screen_id):
    """One screen of the imitation: a form checked like the real site, a choice, or information."""
    path = path_or_404(path_id)
    index, screen = catalogue.find_screen(path, screen_id)
    if screen is None:
        abort(404)
    furthest = progress.reachable(path, progress.load(path))
    if index > furthest:
        # Like the real procedure, screens come in order: go back to the first one not passed yet.
        target = url_for("practice.screen", path_id=path_id, screen_id=path["screens"][furthest]["id"])
        return redirect(target, 303) if request.method == "GET" else htmx.redirect_to(target)
    if request.method == "GET":
        return _render(path, index)

    hint_shown = request.form.get("hint_shown") == "1"
    values = logic.typed_values(screen, request.form) if screen["kind"] == "form" else {}
    if request.form.get("action") == "hint" and screen.get("hint"):
        if not hint_shown:
            _record(path, index, hint=True)
        return _render(path, index, values=values, hint_shown=True, hint_just_shown=not hint_shown)

    if screen["kind"] == "form":
        return _submit_form(path, index, screen, values, hint_shown)
    if screen["kind"] == "choice":
        return _submit_choice(path, index, screen, hint_shown)
    _record(path, index, passed=True)
    return htmx.redirect_to(_next_url(path, index))


def _submit_form(path, index, screen, values, hint_shown):
    """Check every field; refused: the site's messages and their meaning, else the next screen."""
    refused = logic.check_form(screen, request.form)
    if refused:
        _record(path, index, error=True)
        explained = {}
        for field in screen["fields"]:
            if field["name"] in refused:
                site, plain = messages.for_field(field, refused[field["name"]])
                explained[field["name"]] = {"site": site, "plain": plain}
        return _render(path, index, status=400, values=values, refused=explained, hint_shown=hint_shown)
    _record(path, index, passed=True)
    return htmx.redirect_to(_next_url(path, index))


def _choice_answer(screen):
    """The answer chosen in the POSTed form, checked."""
    exercise = screen["exercise"]
    return exercises.check(exercise, exercises.read_answer(exercise, request.form))


def _submit_choice(path, index, screen, hint_shown):
    """Check the choice with the shared exercise machinery; explain, and move on once right."""
    result = _choice_answer(screen)
    if result.error:
        return _render(path, index, status=400, result=result, hint_shown=hint_shown)
    _record(path, index, passed=result.correct, error=not result.correct)
    next_url = _next_url(path, index) if result.correct else None
    return _render(path, index, result=result, next_url=next_url, hint_shown=hint_shown)


@bp.post("/<path_id>/restart")
@public
def restart(path_id):
    """Start a path again from its first screen (the counts of the previous attempt are cleared)."""
    path = path_or_404(path_id)
    progress.restart(path)
    return redirect(url_for("practice.screen", path_id=path_id, screen_id=path["screens"][0]["id"]), 303)
