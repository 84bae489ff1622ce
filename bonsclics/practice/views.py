"""Practice on imitations of online services: the list, each path's three parts, the card, the summary.

The screens of the imitation itself are in `screens.py`. Every page is public
(no account needed); progress follows the resume code (`bonsclics/resume.py`).
"""
import re

from flask import Blueprint, abort, current_app, render_template, request, session, url_for

from .. import resume
from ..security import public
from ..ui import tr
from . import catalogue, logic, progress

bp = Blueprint("practice", __name__, url_prefix="/practice")

HELPER_MODE = "practice_helper"


@bp.before_request
def _remember_helper_mode():
    """`?aide=1` turns helper mode on for this browser's session, `?aide=0` off (a display choice, like the language)."""
    wanted = request.args.get("aide")
    if wanted in ("0", "1") and session.get(HELPER_MODE, False) != (wanted == "1"):
        session[HELPER_MODE] = wanted == "1"


def helper_mode():
    """True when helper mode (expected answers shown) is on."""
    return bool(session.get(HELPER_MODE))


@bp.context_processor
def _template_helpers():
    """What the practice templates need besides the app-wide helpers."""
    return {"helper_mode": helper_mode(), "expected_answer": logic.expected_answer}


def path_or_404(path_id):
    """The path named in the URL, or a 404 page."""
    path = catalogue.path(path_id)
    if path is None:
        abort(404)
    return path


def _spoken(sections, first=None):
    """The texts of a part, in reading order and without the bold markup, for the Listen button."""
    texts = [tr(first).text] if first else []
    for section in sections:
        texts += [tr(section["title"]).text, re.sub(r"\*\*|^- ", "", tr(section["text"]).text, flags=re.M)]
    return texts


@bp.get("/")
@public
def index():
    """The services one can practise on, with what each path trains and how far this browser went."""
    paths = list(catalogue.all_paths().values())
    status = {}
    for path_id, found in progress.all_for(resume.current()).items():
        total = len(catalogue.path(path_id)["screens"])
        status[path_id] = {"done": found.step_reached >= total, "step": min(found.step_reached, total - 1)}
    return render_template("practice/index.html", paths=paths, status=status)


@bp.get("/<path_id>")
@public
def path(path_id):
    """Part 1, understand: what the service is for, what one gains online, what to have at hand."""
    path = path_or_404(path_id)
    return render_template("practice/path.html", path=path, spoken=_spoken(path["understand"], path["description"]))


@bp.get("/<path_id>/watch-out")
@public
def watch_out(path_id):
    """Part 2, watch out: the traps, and where to get help for real."""
    path = path_or_404(path_id)
    places_url = url_for("places.search") if "places.search" in current_app.view_functions else None
    return render_template("practice/watch_out.html", path=path, spoken=_spoken(path["watch_out"]),
                           places_url=places_url)


@bp.get("/<path_id>/practise")
@public
def practise(path_id):
    """Part 3, practise: how the imitation works, the practice identity card, start or resume."""
    path = path_or_404(path_id)
    found = progress.load(path)
    return render_template(
        "practice/practise.html", path=path, progress=found,
        complete=bool(found and found.step_reached >= len(path["screens"])),
        resume_at=progress.reachable(path, found),
    )


@bp.get("/<path_id>/card")
@public
def card(path_id):
    """The practice identity card alone, to print on one page."""
    return render_template("practice/card.html", path=path_or_404(path_id))


@bp.get("/<path_id>/summary")
@public
def summary(path_id):
    """The end of a path: what the person did right, where they hesitated, what to remember for real."""
    path = path_or_404(path_id)
    found = progress.load(path)
    outcome = logic.summarise(path, found.step_reached, progress.counts(found)) if found else None
    return render_template("practice/summary.html", path=path, outcome=outcome, code=resume.current())


from . import screens  # noqa: E402,F401  (registers the imitation's routes on bp)
