"""Reading and recording a person's progress in a practice path (through their resume code).

What is recorded: the screens passed, the completion date, and per screen the
number of refused attempts and of hints asked for. Never what was typed.
"""
from peewee import fn

from .. import resume
from ..db import utcnow, write_transaction
from ..models.practice import PracticeProgress, PracticeScreenCount
from . import catalogue


def load(path, code=None):
    """This browser's progress in `path` (None when there is none, or it was made on an older version)."""
    code = code if code is not None else resume.current()
    if code is None:
        return None
    found = PracticeProgress.get_or_none(PracticeProgress.resume_code == code, PracticeProgress.path_id == path["id"])
    if found is None or found.path_version != path["version"]:
        return None
    return found


def all_for(code):
    """{path id: progress} of a resume code, for the paths that exist in their current version."""
    if code is None:
        return {}
    found = {}
    for row in PracticeProgress.select().where(PracticeProgress.resume_code == code):
        path = catalogue.path(row.path_id)
        if path is not None and row.path_version == path["version"]:
            found[row.path_id] = row
    return found


def counts(progress):
    """{screen id: (errors, hints)} of a progress row (empty without one)."""
    if progress is None:
        return {}
    return {row.screen_id: (row.errors, row.hints) for row in progress.screen_counts}


def reachable(path, progress):
    """The index of the furthest screen the person may open: the first one not yet passed."""
    step = progress.step_reached if progress else 0
    return min(step, len(path["screens"]) - 1)


def _progress_for_update(path, code):
    """The progress row of `code` in `path`, created or reset (new version) as needed. Call in a transaction."""
    PracticeProgress.insert(
        resume_code=code, path_id=path["id"], path_version=path["version"]
    ).on_conflict_ignore().execute()
    progress = PracticeProgress.get(PracticeProgress.resume_code == code, PracticeProgress.path_id == path["id"])
    if progress.path_version != path["version"]:
        _reset(progress, path)
    return progress


def _reset(progress, path):
    """Start a path again: no screen passed, counts cleared (the last completion date stays)."""
    PracticeScreenCount.delete().where(PracticeScreenCount.progress == progress).execute()
    progress.path_version = path["version"]
    progress.step_reached = 0
    progress.started_at = progress.updated_at = utcnow()
    progress.save()


def record(path, index, code, passed=False, error=False, hint=False):
    """Record what happened on screen `index` for resume code `code`: passed, a refused attempt, a hint asked for."""
    screen_id = path["screens"][index]["id"]
    with write_transaction():
        progress = _progress_for_update(path, code)
        if error or hint:
            PracticeScreenCount.insert(progress=progress, screen_id=screen_id).on_conflict_ignore().execute()
            changes = {}
            if error:
                changes[PracticeScreenCount.errors] = PracticeScreenCount.errors + 1
            if hint:
                changes[PracticeScreenCount.hints] = PracticeScreenCount.hints + 1
            PracticeScreenCount.update(changes).where(
                PracticeScreenCount.progress == progress, PracticeScreenCount.screen_id == screen_id
            ).execute()
        now = utcnow()
        progress.updated_at = now
        if passed and index + 1 > progress.step_reached:
            progress.step_reached = index + 1
        if passed and index == len(path["screens"]) - 1:
            progress.completed_at = now
        progress.save()
    return progress


def restart(path):
    """Start the path again on this browser (nothing to do without progress)."""
    code = resume.current()
    if code is None:
        return
    with write_transaction():
        progress = PracticeProgress.get_or_none(PracticeProgress.resume_code == code,
                                                PracticeProgress.path_id == path["id"])
        if progress is not None:
            _reset(progress, path)


def for_learner(learner):
    """The learner's progress per path they started, in catalogue order (the most advanced code wins)."""
    codes = list(learner.resume_codes)
    if not codes:
        return []
    best = {}
    rows = PracticeProgress.select().where(PracticeProgress.resume_code.in_(codes))
    for row in rows:
        path = catalogue.path(row.path_id)
        if path is None:
            continue
        current = best.get(row.path_id)
        if current is None or (row.step_reached, row.updated_at) > (current.step_reached, current.updated_at):
            best[row.path_id] = row
    totals = {
        row.progress_id: (row.errors, row.hints)
        for row in PracticeScreenCount.select(
            PracticeScreenCount.progress, fn.SUM(PracticeScreenCount.errors).alias("errors"),
            fn.SUM(PracticeScreenCount.hints).alias("hints"),
        ).where(PracticeScreenCount.progress.in_([r.id for r in best.values()])).group_by(PracticeScreenCount.progress)
    }
    result = []
    for path_id, path in catalogue.all_paths().items():
        row = best.get(path_id)
        if row is None:
            continue
        errors, hints = totals.get(row.id, (0, 0))
        outdated = row.path_version != path["version"]
        result.append({
            "path_id": path_id,
            "path": path,
            "steps": len(path["screens"]),
            "step_reached": 0 if outdated else min(row.step_reached, len(path["screens"])),
            "completed_at": row.completed_at,
            "updated_at": row.updated_at,
            "errors": int(errors or 0),
            "hints": int(hints or 0),
            "outdated": outdated,
        })
    return result
