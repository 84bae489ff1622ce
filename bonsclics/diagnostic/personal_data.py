"""The right of access and erasure for diagnostics (see docs/architecture.md, extension points)."""
from ..models.diagnostic import DiagnosticResult
from ..personal_data import row

TABLE = DiagnosticResult._meta.table_name


def _rows(query):
    """Diagnostics as plain data, oldest first."""
    return [row(result) for result in query.order_by(DiagnosticResult.id)]


def export_code(resume_code):
    """The diagnostics taken with one resume code."""
    return {TABLE: _rows(DiagnosticResult.select().where(DiagnosticResult.resume_code == resume_code))}


def erase_code(resume_code):
    """Forget the diagnostics of one resume code (the monthly figures stay)."""
    DiagnosticResult.delete().where(DiagnosticResult.resume_code == resume_code).execute()


def export_learner(learner):
    """The diagnostics attached to a learner record or taken with its codes."""
    codes = [code.id for code in learner.resume_codes]
    query = DiagnosticResult.select().where(
        (DiagnosticResult.learner == learner) | DiagnosticResult.resume_code.in_(codes or [0]))
    return {TABLE: _rows(query)}


def erase_learner(learner):
    """Forget the diagnostics attached to a learner record (those of its codes go with the codes)."""
    DiagnosticResult.delete().where(DiagnosticResult.learner == learner).execute()
