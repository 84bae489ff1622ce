"""The printable attestation of a theme: offered once every lesson of the theme is done.

The name printed on it is typed by the person and kept only in
`ResumeCode.display_name`, so the attestation can be printed again later.
"""
from flask import abort, redirect, render_template, request, url_for

from .. import resume
from ..db import utcnow, write_transaction
from ..models.learners import ResumeCode
from ..security import audit, public
from . import catalogue, logic
from .forms import AttestationForm
from .views import bp


def _theme_or_404(theme):
    """A learner theme id, or a 404 (helper training has no attestation here)."""
    if theme not in catalogue.THEMES:
        abort(404)
    return theme


def _locked(theme, code):
    """The page saying what is left to do before the attestation (403: not offered yet)."""
    rows = logic.lesson_rows(catalogue.lessons_of_theme(theme), logic.progress_by_lesson(code))
    left = [row for row in rows if row["status"] != logic.DONE]
    return render_template("learning/attestation_locked.html", theme=theme, left=left, code=code), 403


@bp.route("/attestation/<theme>", methods=["GET", "POST"])
@public
def attestation(theme):
    """Type the name to print on the attestation of a completed theme."""
    _theme_or_404(theme)
    code = resume.current()
    if not logic.theme_complete(code, theme):
        return _locked(theme, code)
    form = AttestationForm(name=code.display_name)
    if form.validate_on_submit():
        with write_transaction():
            ResumeCode.update(display_name=form.name.data).where(ResumeCode.id == code.id).execute()
            audit("attestation-name-saved", "resume_code", code.id)
        return redirect(url_for("learning.attestation_print", theme=theme), 303)
    status = 400 if request.method == "POST" else 200
    return render_template("learning/attestation.html", theme=theme, form=form,
                           form_has_errors=bool(form.errors)), status


@bp.get("/attestation/<theme>/print")
@public
def attestation_print(theme):
    """The attestation to print: the chosen name, the lessons done with their dates, today's date."""
    _theme_or_404(theme)
    code = resume.current()
    if not logic.theme_complete(code, theme):
        return _locked(theme, code)
    if not code.display_name:
        return redirect(url_for("learning.attestation", theme=theme), 303)
    rows = logic.lesson_rows(catalogue.lessons_of_theme(theme), logic.progress_by_lesson(code))
    return render_template("learning/attestation_print.html", theme=theme, rows=rows, name=code.display_name,
                           today=utcnow())
