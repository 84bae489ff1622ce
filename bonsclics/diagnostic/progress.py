"""A diagnostic in progress: which one this browser is taking, starting it, recording, finishing.

A person alone keeps their diagnostic with the resume code of their browser,
so they can leave and come back on any device. In assisted mode the helper's
browser holds the diagnostic in its session only: the person gets a fresh
code of their own, never the helper's.
"""
import random

from flask import session
from flask_login import current_user

from .. import resume
from ..db import lock_rows, utcnow, write_transaction
from ..models.diagnostic import DiagnosticMonthlyCount, DiagnosticResult, count_finished
from ..models.learners import ResumeCode
from .bank import load_bank
from .logic import COMPETENCES, score

ASSISTED_KEY = "diagnostic_assisted"
VARIANTS = 12  # every rotation of 1 to 4 equivalent items


def in_progress():
    """The unfinished diagnostic of this browser, or None (assisted mode first for a signed-in helper)."""
    if current_user.is_authenticated and session.get(ASSISTED_KEY):
        assisted = DiagnosticResult.get_or_none(
            (DiagnosticResult.id == session[ASSISTED_KEY]) & (DiagnosticResult.helper == current_user.id)
            & DiagnosticResult.finished_at.is_null()
        )
        if assisted is not None:
            return assisted
    code = resume.current()
    if code is None:
        return None
    return (DiagnosticResult.select()
            .where(DiagnosticResult.resume_code == code, DiagnosticResult.finished_at.is_null())
            .order_by(DiagnosticResult.id.desc())
            .first())


def start(assisted, helper=None, structure=None, locale="fr"):
    """Begin a new diagnostic (an unfinished one of the same browser is dropped)."""
    code = ResumeCode.issue() if helper is not None else resume.ensure()
    with write_transaction():
        if helper is None:
            DiagnosticResult.delete().where(
                DiagnosticResult.resume_code == code, DiagnosticResult.finished_at.is_null()).execute()
        result = DiagnosticResult.create(
            resume_code=code, helper=helper, structure=structure, assisted=assisted,
            bank_version=load_bank().version, variant=random.randrange(VARIANTS), locale=locale,
            departement=structure.departement if structure is not None else "",
        )
    if helper is not None:
        session[ASSISTED_KEY] = result.id
    else:
        session.pop(ASSISTED_KEY, None)
    return result


def locked(result_id):
    """Re-read a result inside the current write transaction (FOR UPDATE on PostgreSQL)."""
    return lock_rows(DiagnosticResult.select().where(DiagnosticResult.id == result_id)).get()


def complete(result, situation, answers, finished_at=None):
    """Store the answers, score them, close the diagnostic and count it in the monthly figures."""
    levels, profile = score(load_bank(), situation, answers)
    result.set_progress(situation, answers)
    result.set_levels(levels)
    result.profile = profile
    result.finished_at = result.updated_at = finished_at or utcnow()
    result.save()
    count_finished(result)


def finish(result, situation, answers):
    """End the diagnostic in progress on this browser."""
    complete(result, situation, answers)
    if session.get(ASSISTED_KEY) == result.id:
        session.pop(ASSISTED_KEY, None)


def uncount(result):
    """Take a finished result out of its month's figures (before its place or structure changes)."""
    model = DiagnosticMonthlyCount
    changes = {model.completed: model.completed - 1}
    for competence in COMPETENCES:
        column = getattr(model, f"sum_{competence}")
        changes[column] = column - int(result.levels.get(competence) or 0)
    (model.update(changes)
     .where(model.month == result.finished_at.strftime("%Y-%m"), model.departement == (result.departement or ""),
            model.structure_id == (result.structure_id or 0), model.profile == result.profile,
            model.assisted == bool(result.assisted))
     .execute())


def recount(result, **changes):
    """Change where a finished result counts (département, structure), keeping the figures right."""
    uncount(result)
    for name, value in changes.items():
        setattr(result, name, value)
    result.save()
    count_finished(result)
