"""Learning pages: the catalogue, "My path", a lesson's introduction, its end and its memo sheet.

The steps of a lesson are in `steps.py`, the theme attestation in
`attestation.py`; all three share this blueprint.
"""
import re

from flask import Blueprint, abort, render_template

from .. import resume
from ..security import public
from . import catalogue, logic

bp = Blueprint("learning", __name__, url_prefix="/learning")

# A lesson that breaks the content format stops the app when it starts, with every problem listed.
bp.record_once(lambda state: catalogue.check())


def plain_text(value):
    """A content text without its markup (** and list dashes), for listening."""
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", value or "")
    return re.sub(r"^\s*- ", "", text, flags=re.MULTILINE)


@bp.context_processor
def _helpers():
    """Names every learning template uses."""
    return {"themes": logic.THEMES, "level_labels": logic.LEVEL_LABELS,
            "status_labels": logic.STATUS_LABELS, "plain_text": plain_text}


def lesson_or_404(lesson_id):
    """The lesson with this id (learner or helper training), or a 404."""
    found = catalogue.lesson(lesson_id)
    if found is None:
        abort(404)
    return found


@bp.get("/")
@public
def index():
    """Every learner lesson, by theme, with what this device's code has done."""
    code = resume.current()
    themes = logic.theme_rows(logic.progress_by_lesson(code))
    return render_template("learning/index.html", theme_list=themes, code=code)


@bp.get("/path")
@public
def my_path():
    """"My path": the diagnostic's recommendations first, then every theme, done / in progress / to do."""
    code = resume.current()
    progresses = logic.progress_by_lesson(code)
    return render_template(
        "learning/path.html", code=code, recommended=logic.recommended_rows(code, progresses),
        theme_list=logic.theme_rows(progresses),
    )


@bp.get("/<lesson_id>")
@public
def lesson(lesson_id):
    """A lesson's introduction: objectives, words explained, duration, and where to start or resume."""
    found = lesson_or_404(lesson_id)
    code = resume.current()
    progress = logic.progress_by_lesson(code).get(found["id"])
    return render_template(
        "learning/lesson.html", lesson=found, progress=progress, status=logic.status_of(progress),
        resume_step=logic.resume_step(found, progress), total=catalogue.step_count(found),
        competence=_competence(found),
    )


@bp.get("/<lesson_id>/done")
@public
def done(lesson_id):
    """The end of a lesson: well done, the memo sheet, the resume code and what to do next."""
    found = lesson_or_404(lesson_id)
    code = resume.current()
    progresses = logic.progress_by_lesson(code)
    progress = progresses.get(found["id"])
    theme_complete = found["theme"] in catalogue.THEMES and logic.theme_complete(code, found["theme"])
    return render_template(
        "learning/done.html", lesson=found, code=code, progress=progress, status=logic.status_of(progress),
        resume_step=logic.resume_step(found, progress), next_lesson=logic.next_lesson(found, progresses),
        theme_complete=theme_complete,
    )


@bp.get("/<lesson_id>/memo")
@public
def memo(lesson_id):
    """The one-page memo sheet of a lesson, made to be printed."""
    found = lesson_or_404(lesson_id)
    return render_template("learning/memo.html", lesson=found, code=resume.current())


def _competence(lesson_data):
    """The competence a lesson works on (from competences.yaml)."""
    from .. import content

    return content.competence(lesson_data["competence"])


from . import attestation, steps  # noqa: E402,F401  (their routes join this blueprint)
