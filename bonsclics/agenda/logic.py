"""Choosing events: what is coming up, for which level, where."""
from ..db import utcnow
from ..models.agenda import LEVELS, Event
from ..models.places import Place


def upcoming(level=None, departement=None, place_ids=None, limit=5):
    """Scheduled events still to come, soonest first, up to `level` when given."""
    query = (
        Event.select(Event, Place)
        .join(Place)
        .where(Event.starts_at > utcnow(), Event.status == "scheduled")
        .order_by(Event.starts_at)
    )
    if level in LEVELS:
        query = query.where(Event.level.in_(LEVELS[: LEVELS.index(level) + 1]))
    if departement:
        query = query.where(Place.departement == departement)
    if place_ids:
        query = query.where(Event.place.in_(list(place_ids)))
    return list(query.limit(limit))
