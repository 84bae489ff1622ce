"""Finding places for other areas: distances and the places near a postcode."""
from ..db import utcnow
from ..models.places import Place, departement_of
from .search import Filters, Location, by_distance, distance_km, filtered, position_of

__all__ = ["distance_km", "position_of_postcode", "nearby"]


def position_of_postcode(postcode):
    """An approximate position for a postcode: the mean of its places' coordinates, or None."""
    return position_of(Place.code_postal == postcode)


def nearby(postcode, kind_of_help=None, limit=5, departement_fallback=True):
    """Places near a postcode, nearest first: a list of (place, distance in km or None).

    The position comes from the places of that postcode; when none is known, the
    places of the same département are returned by name.
    """
    filters = Filters(help=kind_of_help or "")
    position = position_of_postcode(postcode)
    if position is None:
        if not departement_fallback or len(postcode or "") < 2:
            return []
        area = Location(departement=departement_of(postcode))
        query = filtered(filters, area, utcnow()).order_by(Place.nom_key, Place.id).limit(limit)
        return [(place, None) for place in query]
    everywhere = filtered(filters, Location(), utcnow())
    return [(r.place, r.km) for r in by_distance(everywhere, position[0], position[1], limit)]
