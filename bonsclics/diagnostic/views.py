"""The diagnostic's blueprint: the start page, starting, pausing.

The other pages join this blueprint from their own modules: screens.py (one
question per screen), results.py (the result page and what can be done on
it), pro.py (assisted mode, a learner's diagnostics, the "repérage").
"""
from flask import Blueprint, abort, current_app, redirect, render_template, url_for
from flask_babel import get_locale
from flask_login import current_user

from .. import resume
from ..models.diagnostic import latest_result
from ..security import public, rate_limit, too_many
from . import bank, logic, progress
from .forms import StartForm

bp = Blueprint("diagnostic", __name__, url_prefix="/diagnostic")

# A content file that breaks the format stops the app when it starts, with every problem listed.
bp.record_once(lambda state: bank.check())

NEW_CODE_LIMIT = (60, 3600)  # new resume codes per address and hour: a whole workshop, not a flood


def level_words():
    """The name of each level, said in words next to every bar."""
    from flask_babel import gettext as _

    return {0: _("À découvrir"), 1: _("Premiers pas"), 2: _("Bonnes bases"), 3: _("Autonome")}


def link_to(endpoint, **values):
    """The URL of another area's page when that page exists in this installation, else None."""
    if endpoint in current_app.view_functions:
        return url_for(endpoint, **values)
    return None


@bp.context_processor
def _helpers():
    """Names every diagnostic template uses."""
    return {"level_words": level_words, "link_to": link_to, "max_screens": logic.MAX_SCREENS}


def is_helper():
    """True for a signed-in helper (assisted mode and the professional pages)."""
    return bool(current_user and getattr(current_user, "is_authenticated", False))


def _start_page(form, status=200):
    """The start page, with what this browser already has."""
    code = resume.current()
    return render_template(
        "diagnostic/start.html", form=form, ongoing=progress.in_progress(), latest=latest_result(code),
        helper=is_helper(), form_has_errors=bool(form.errors),
    ), status


@bp.get("/")
@public
def start():
    """What the diagnostic is, how long it takes, and two big buttons: alone or with a helper."""
    return _start_page(StartForm())


@bp.post("/")
@public
@rate_limit("diagnostic-start", limit=120, window_seconds=3600)
def begin():
    """Start a new diagnostic (the browser gets a resume code if it has none) and show the first question."""
    form = StartForm()
    if not form.validate_on_submit():
        return _start_page(form, 400)
    if resume.current() is None and too_many("resume-issue", *NEW_CODE_LIMIT):
        abort(429)
    progress.start(assisted=form.mode.data == "with-helper", locale=str(get_locale()))
    return redirect(url_for("diagnostic.question"), 303)


@bp.get("/pause")
@public
def pause():
    """Stop for now: the answers are kept with the resume code, to finish later on any device."""
    ongoing = progress.in_progress()
    if ongoing is None:
        return redirect(url_for("diagnostic.start"))
    return render_template("diagnostic/pause.html", ongoing=ongoing, code=ongoing.resume_code,
                           assisted=ongoing.helper_id is not None and is_helper())


from . import pro, results, screens  # noqa: E402,F401  (their routes join this blueprint)
