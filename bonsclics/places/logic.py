"""Finding places: distances and the places near a postcode."""
import math

from ..models.places import Place

EARTH_RADIUS_KM = 6371.0


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle distance between two points (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def position_of_postcode(postcode):
    """An approximate position for a postcode: the mean of its places' coordinates, or None."""
    rows = list(
        Place.select(Place.latitude, Place.longitude)
        .where(Place.code_postal == postcode, Place.latitude.is_null(False))
        .tuples()
    )
    if not rows:
        return None
    return sum(r[0] for r in rows) / len(rows), sum(r[1] for r in rows) / len(rows)


def nearby(postcode, kind_of_help=None, limit=5, departement_fallback=True):
    """Places near a postcode, nearest first: a list of (place, distance in km or None).

    The position comes from the places of that postcode; when none is known, the
    places of the same département are returned by name.
    """
    query = Place.select()
    if kind_of_help:
        query = query.where(Place.kinds_of_help.contains(kind_of_help))
    position = position_of_postcode(postcode)
    if position is None:
        if not departement_fallback or len(postcode or "") < 2:
            return []
        from ..models.places import departement_of

        same = query.where(Place.departement == departement_of(postcode)).order_by(Place.nom).limit(limit)
        return [(place, None) for place in same]
    lat, lon = position
    candidates = query.where(Place.latitude.is_null(False))
    scored = [(place, distance_km(lat, lon, place.latitude, place.longitude)) for place in candidates]
    return sorted(scored, key=lambda item: item[1])[:limit]
