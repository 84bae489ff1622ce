"""Where an orientation can start from: a learner record or a diagnostic result.

Both are read only when the helper may see them; anything else is treated as
not found. Diagnostic results come from the diagnostic area when it provides
`models.diagnostic.DiagnosticResult`; until then `?diagnostic=` is ignored.
"""
from ..models.learners import Learner


def _as_id(value):
    """A positive integer id from a query or form value, else None."""
    text = str(value or "").strip()
    if not text.isdigit() or len(text) > 12:
        return None
    return int(text) or None


def learner_for(user, value):
    """The learner record `value` names, if it belongs to one of the user's structures."""
    learner_id = _as_id(value)
    if learner_id is None:
        return None
    learner = Learner.get_or_none(Learner.id == learner_id)
    if learner is None or not user.works_in(learner.structure_id):
        return None
    return learner


def _diagnostic_model():
    """The diagnostic result model, once the diagnostic area defines it."""
    from ..models import diagnostic

    return getattr(diagnostic, "DiagnosticResult", None)


def diagnostic_for(user, value):
    """The diagnostic result `value` names, unless it belongs to another structure's learner."""
    model = _diagnostic_model()
    result_id = _as_id(value)
    if model is None or result_id is None:
        return None
    result = model.get_or_none(model.id == result_id)
    if result is None:
        return None
    learner_id = getattr(result, "learner_id", None)
    if learner_id is not None and learner_for(user, learner_id) is None:
        return None
    return result


def diagnostic_summary(result):
    """A short text of a diagnostic result for the receiving place."""
    for name in ("summary", "profile_summary", "profile"):
        value = getattr(result, name, None)
        if value:
            return str(value)[:1000]
    return ""
