"""Retention: closed orientations lose the person's data after RETENTION_CLOSED_ORIENTATION_DAYS.

The row stays, anonymous, so figures (counts by status, delays) do not change.
"""
import datetime

from ..models.orientation import Orientation
from . import actions, logic


def purge(now, config):
    """Anonymise every orientation closed (or untouched) for longer than the retention period."""
    cutoff = now - datetime.timedelta(days=int(config["RETENTION_CLOSED_ORIENTATION_DAYS"]))
    candidates = Orientation.select().where(
        Orientation.anonymised_at.is_null(),
        (Orientation.closed_at <= cutoff) | (Orientation.closed_at.is_null() & (Orientation.status_at <= cutoff)),
    )
    count = 0
    for orientation in candidates:
        if logic.due_for_anonymisation(orientation, now, config):
            actions.anonymise(orientation, now)
            count += 1
    return {"closed-orientations-anonymised": count}
