"""Retention of anonymous diagnostics (called by `flask --app app purge`, see docs/architecture.md)."""
import datetime

from ..models.diagnostic import DiagnosticResult
from ..models.learners import ResumeCode


def purge(now, config):
    """Delete anonymous diagnostics untouched for RETENTION_ANONYMOUS_DIAGNOSTIC_DAYS days.

    Anonymous: attached to no learner record, and taken with a code no record
    holds. Finished ones were counted in DiagnosticMonthlyCount when they
    ended, so the figures stay; unfinished ones were never counted. Returns
    {"anonymous-diagnostics": number deleted}.
    """
    cutoff = now - datetime.timedelta(days=config["RETENTION_ANONYMOUS_DIAGNOSTIC_DAYS"])
    followed_codes = ResumeCode.select(ResumeCode.id).where(ResumeCode.learner.is_null(False))
    deleted = (DiagnosticResult.delete()
               .where(DiagnosticResult.updated_at < cutoff, DiagnosticResult.learner.is_null(),
                      DiagnosticResult.resume_code.not_in(followed_codes))
               .execute())
    return {"anonymous-diagnostics": deleted}
