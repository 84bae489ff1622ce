"""One question per screen: a plain form posted to `/diagnostic/question`, htmx swapping the next one in.

Without JavaScript each answer is a POST followed by a 303 redirect to the
next screen. The form carries the id of the screen it answers: a stale page
(the browser's back button, a second tab) or a tampered id gets the current
screen again with a clear message, never a wrong answer recorded. Answers
that cannot be read come back with the message next to the question, what
was chosen kept, status 400 (200 for htmx, which swaps only successful
responses).
"""
from collections import namedtuple

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import htmx
from ..db import write_transaction
from ..exercises import error_message as exercise_message
from ..exercises.logic import Result, check, read_answer
from ..security import public
from ..ui import tr
from . import logic, progress
from .bank import load_bank
from .forms import NOTES_MAX
from .views import bp

ANSWER_FIELD = "answer"
NOTES_TOO_LONG = "notes-too-long"
MESSAGES = {
    logic.EMPTY: _l("Choisissez une réponse avant de valider."),
    logic.INVALID: _l("Cette réponse n'est pas dans la liste. Choisissez une des réponses proposées."),
    logic.EXCLUSIVE: _l("« Aucun » ne va pas avec un autre choix : choisissez l'un ou l'autre."),
    logic.STALE: _l("Cette page n'était plus à jour : voici la question où vous en êtes."),
    NOTES_TOO_LONG: _l("Les notes font au plus 2000 caractères."),
}
MANY_EMPTY = _l("Choisissez au moins une réponse avant de valider.")

Outcome = namedtuple("Outcome", "result screen error kept finished", defaults=(None, None, "", None, False))


def _assisting(result):
    """True when the signed-in helper runs this diagnostic with the person (assisted mode)."""
    return result.helper_id is not None and current_user.is_authenticated and result.helper_id == current_user.id


def _error_text(screen, error, kept):
    """The message for an answer that could not be recorded."""
    if screen is not None and screen.part == "task" and isinstance(kept, Result):
        return str(exercise_message(screen.question, kept))
    if error == logic.EMPTY and screen is not None and screen.question.get("kind") == "choose-many":
        return str(MANY_EMPTY)
    return str(MESSAGES.get(error, MESSAGES[logic.INVALID]))


SELF_LABELS = {
    "alone": _l("Oui, je le fais seul·e"), "with-help": _l("Oui, avec de l'aide"),
    "no": _l("Non, pas encore"), "dont-know": _l("Je ne sais pas ce que c'est"),
}


def spoken_texts(screen):
    """What the "Listen" button reads: the question, then each answer offered."""
    if screen is None:
        return [_("Merci ! Vous avez répondu à toutes les questions.")]
    question = screen.question
    if screen.part == "self":
        return [tr(question["question"]).text] + [str(label) for label in SELF_LABELS.values()]
    if screen.part == "situation":
        return [tr(question["question"]).text] + [tr(option["label"]).text for option in question["options"]]
    lead = question.get("statement") or question.get("question")
    return [tr(lead).text] + [tr(choice["label"]).text for choice in question.get("choices", [])]


def render_screen(result, screen=None, error="", kept=None, status=200):
    """The question page (or its htmx fragment) for the current screen of `result`."""
    bank = load_bank()
    situation, answers = result.situation_data(), result.answer_list()
    if screen is None:
        screen = logic.next_screen(bank, situation, answers, result.variant)
    used = logic.screens_used(situation, answers)
    total = used + logic.remaining_at_most(bank, situation, answers) if screen else used
    if error and htmx.wants_fragment():
        status = 200
    return htmx.render(
        "diagnostic/question.html", "diagnostic/_screen.html", status=status,
        screen=screen, part=logic.part_of(screen) if screen else 3, number=used + 1, total=max(total, used + 1),
        error=_error_text(screen, error, kept) if error else "", kept=kept,
        exercise_result=kept if isinstance(kept, Result) else None, self_answers=logic.SELF_ANSWERS,
        self_pictograms=logic.SELF_PICTOGRAMS, self_labels=SELF_LABELS, spoken=spoken_texts(screen), assisted=_assisting(result), notes=result.helper_notes,
        first=used == 0, as_fragment=htmx.wants_fragment(), form_has_errors=bool(error),
    )


def _not_started():
    """No diagnostic in progress on this browser: back to the start page."""
    flash(_("Aucun diagnostic n'est en cours sur cet appareil. Vous pouvez en commencer un ici."), "info")
    return htmx.redirect_to(url_for("diagnostic.start"))


@bp.get("/question")
@public
def question():
    """The current question of the diagnostic in progress on this browser."""
    result = progress.in_progress()
    if result is None:
        return _not_started()
    return render_screen(result)


@bp.post("/question")
@public
def answer():
    """Record the answer to the current question, then show the next one (or the result)."""
    result = progress.in_progress()
    if result is None:
        return _not_started()
    outcome = _record(result.id, request.form)
    if outcome.finished:
        return htmx.redirect_to(url_for("diagnostic.result", result_id=outcome.result.id))
    if outcome.error:
        return render_screen(outcome.result, outcome.screen, outcome.error, outcome.kept, status=400)
    if htmx.wants_fragment():
        return render_screen(outcome.result)
    return redirect(url_for("diagnostic.question"), 303)


def _read(screen, form):
    """(value, correct, error, kept) read from the form for this screen."""
    if screen.part == "situation":
        values = [v[:100] for v in form.getlist(ANSWER_FIELD)[:20]]
        value, error = logic.read_situation(screen.question, values)
        return value, None, error, values
    if screen.part == "self":
        value, error = logic.read_self(form.get(ANSWER_FIELD, "")[:100])
        return value, None, error, None
    if form.get("skip"):
        return "", False, "", None  # "I don't know": counted as not passed
    checked = check(screen.question, read_answer(screen.question, form, ANSWER_FIELD))
    if checked.error:
        return None, None, checked.error, checked
    # What was typed is never kept (it may be personal); chosen ids are.
    value = "" if screen.question["kind"] == "text" else checked.answer
    return value, checked.correct, "", None


def _record(result_id, form):
    """Check and store one answer, in one transaction; finish the diagnostic after its last screen."""
    bank = load_bank()
    with write_transaction():
        result = progress.locked(result_id)
        if result.is_finished:
            return Outcome(result, finished=True)
        situation, answers = result.situation_data(), result.answer_list()
        screen = logic.next_screen(bank, situation, answers, result.variant)
        posted = form.get("screen", "")
        if screen is None:
            if posted == "end":
                progress.finish(result, situation, answers)
                return Outcome(result, finished=True)
            return Outcome(result, None, logic.STALE)
        if posted != screen.id:
            return Outcome(result, screen, logic.STALE)
        value, correct, error, kept = _read(screen, form)
        notes = form.get("notes")
        if not error and _assisting(result) and notes is not None and len(notes) > NOTES_MAX:
            error, kept = NOTES_TOO_LONG, kept
        if error:
            return Outcome(result, screen, error, kept)
        helped = _assisting(result) and screen.part != "situation" and form.get("helped") == "yes"
        situation, answers = logic.record(situation, answers, screen, value, correct, helped)
        result.set_progress(situation, answers)
        if _assisting(result) and notes is not None:
            result.helper_notes = notes.strip()
        if logic.next_screen(bank, situation, answers, result.variant) is None:
            progress.finish(result, situation, answers)
            return Outcome(result, finished=True)
        result.save()
    return Outcome(result)


@bp.post("/previous")
@public
def previous():
    """Go back one question: the last answer is forgotten and asked again."""
    result = progress.in_progress()
    if result is None:
        return _not_started()
    with write_transaction():
        result = progress.locked(result.id)
        situation, answers = result.situation_data(), result.answer_list()
        if not situation and not answers:
            return htmx.redirect_to(url_for("diagnostic.start"))
        situation, answers = logic.undo(load_bank(), situation, answers)
        result.set_progress(situation, answers)
        result.save()
    if htmx.wants_fragment():
        return render_screen(result)
    return redirect(url_for("diagnostic.question"), 303)
