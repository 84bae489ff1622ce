"""Where an orientation can start from: a learner record or a diagnostic result.

Both are read only when the helper may see them; anything else is treated as
not found.
"""
from ..content import competences
from ..diagnostic.bank import profiles
from ..diagnostic.results import helper_may_see
from ..models.diagnostic import DiagnosticResult
from ..models.learners import Learner
from ..ui import tr


def _as_id(value):
    """A positive integer id from a query or form value, else None."""
    text = str(value or "").strip()
    if not text.isdecimal() or len(text) > 12:
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


def diagnostic_for(user, value):
    """The finished diagnostic result `value` names, if the helper may see it (ran it, or their learner's)."""
    result_id = _as_id(value)
    if result_id is None:
        return None
    result = DiagnosticResult.get_or_none(DiagnosticResult.id == result_id)
    if result is None or not result.is_finished:
        return None
    return result if helper_may_see(result, user) else None


def diagnostic_summary(result):
    """A short text of a diagnostic result for the receiving place: the profile, then each level out of 3."""
    profile = profiles().get(result.profile)
    levels = result.levels
    parts = [f"{tr(c['title']).text} {levels[c['id']]}/3" for c in competences() if levels.get(c["id"]) is not None]
    title = tr(profile["title"]).text if profile else ""
    return (f"{title}. " if title else "") + ", ".join(parts)
