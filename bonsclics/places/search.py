"""Searching places in SQL: filters on indexed values, distance order, "open now".

Distance order is computed by the database on an approximate (equirectangular)
distance inside a bounding box that grows until it holds enough places; only
those few candidates get the exact great-circle distance in Python.
"""
import datetime
import math
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from peewee import fn

from ..models.places import Place, PlaceHours, PlaceTag, departement_of, search_key
from .hours import french_public_holidays
from .index import FACETS

EARTH_RADIUS_KM = 6371.0
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180
SEARCH_RADII_KM = (25, 100)  # the bounding box grows through these, then covers everything
MAX_RESULTS = 1000  # deepest result reachable by paging
WEEKDAYS = tuple(str(day) for day in range(7))
DEPARTEMENT = re.compile(r"^(0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-8]|98[6-8])$")
TOWN_WITH_DEPARTEMENT = re.compile(r"^(?P<town>.+?)\s*\((?P<departement>[0-9][0-9AB][0-9]?)\)$")


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle distance between two points (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


@dataclass
class Filters:
    """What a search asks for, besides where."""

    help: str = ""
    service: str = ""
    public: str = ""
    support: str = ""
    free: bool = False
    when: str = ""  # "", "now", "today", "tomorrow" or a weekday "0".."6"
    radius_km: int | None = None
    network_id: int | None = None


@dataclass
class Location:
    """Where a search is centred: a point (sorted by distance) or an area (sorted by name)."""

    label: str = ""
    lat: float | None = None
    lon: float | None = None
    departement: str = ""
    commune_key: str = ""
    notice: str = ""
    suggestions: list = field(default_factory=list)
    error: str = ""

    @property
    def has_point(self):
        """True when results can be sorted by distance."""
        return self.lat is not None and self.lon is not None


@dataclass
class Result:
    """One place found, with its distance when the search has a point."""

    place: Place
    km: float | None = None


@dataclass
class Page:
    """One page of results."""

    results: list
    total: int | None  # counted up to MAX_RESULTS + 1; None when not counted
    has_more: bool

    @property
    def capped(self):
        """True when there are more places than were counted."""
        return self.total is not None and self.total > MAX_RESULTS


# --- Where -------------------------------------------------------------------------------

def position_of(*conditions):
    """The mean position of the located places matching `conditions`, or None."""
    row = (
        Place.select(fn.AVG(Place.latitude), fn.AVG(Place.longitude))
        .where(Place.latitude.is_null(False), Place.longitude.is_null(False), *conditions)
        .tuples()
        .first()
    )
    return (row[0], row[1]) if row and row[0] is not None else None


def locate(text):
    """Understand "where": a postcode, an INSEE code, a département or a town."""
    text = " ".join((text or "").split())
    if not text:
        return Location()
    upper = text.upper()
    if re.fullmatch(r"\d{5}", text):
        return _postcode(text)
    if DEPARTEMENT.match(upper):
        return Location(label=_("département %(code)s", code=upper), departement=upper)
    if re.fullmatch(r"2[AB]\d{3}", upper):
        position = position_of(Place.code_insee == upper)
        if position:
            return Location(label=upper, lat=position[0], lon=position[1])
        return Location(label=_("département %(code)s", code=upper[:2]), departement=upper[:2])
    return _town(text)


def _postcode(code):
    """A postcode (or INSEE code): its places' position, else its département by name."""
    position = position_of(Place.code_postal == code) or position_of(Place.code_insee == code)
    if position:
        return Location(label=code, lat=position[0], lon=position[1])
    departement = departement_of(code)
    return Location(
        label=_("département %(code)s", code=departement),
        departement=departement,
        notice=_("Nous ne savons pas encore situer le code postal %(code)s : voici les lieux du "
                 "département %(departement)s. Vous pouvez aussi écrire le nom de votre ville.",
                 code=code, departement=departement),
    )


def _town(text):
    """A town name, with "(59)" to choose between towns of the same name."""
    departement = ""
    match = TOWN_WITH_DEPARTEMENT.match(text)
    if match:
        text, departement = match.group("town"), match.group("departement").upper()
    key = search_key(text)
    if not key:
        return Location(error=_("Écrivez un code postal, un nom de ville ou un numéro de département."))
    towns = _towns(Place.commune_key == key, departement)
    if not towns:
        towns = _towns(Place.commune_key.startswith(key), departement)
    if len(towns) > 1:
        return Location(
            error=_("Plusieurs villes correspondent à « %(text)s » : choisissez la vôtre.", text=text),
            suggestions=[f"{commune} ({code})" for commune, code, _key in towns],
        )
    if not towns:
        return Location(error=_("Nous ne connaissons pas de lieu à « %(text)s ». Essayez le code postal "
                                "ou une ville voisine.", text=text))
    commune, code, town_key = towns[0]
    label = f"{commune} ({code})"
    position = position_of(Place.commune_key == town_key, Place.departement == code)
    if position:
        return Location(label=label, lat=position[0], lon=position[1])
    return Location(label=label, commune_key=town_key, departement=code)


def _towns(condition, departement):
    """Distinct (town, département, key) of the places matching `condition`, at most 8."""
    query = Place.select(Place.commune, Place.departement, Place.commune_key).where(condition)
    if departement:
        query = query.where(Place.departement == departement)
    towns = {}
    for commune, code, key in query.order_by(Place.commune_key).limit(200).tuples():
        towns.setdefault((key, code), commune)
        if len(towns) > 8:
            break
    return [(commune, code, key) for (key, code), commune in towns.items()]


# --- Filters -----------------------------------------------------------------------------

def _candidate(query):
    """Places whose id is among `query`'s results.

    `id + 0` keeps the database from walking the (often long) list of ids and
    fetching each place: it narrows by place first (bounding box or name
    order) and checks this condition on each candidate, from the index alone.
    """
    return (Place.id + 0).in_(query)


def _tagged(facet, value):
    """Places having `value` for `facet` (an indexed lookup)."""
    return _candidate(PlaceTag.select(PlaceTag.place).where(PlaceTag.facet == facet, PlaceTag.value == value))


def filtered(filters, location, now):
    """The query of the places matching the filters and the area of `location`."""
    query = Place.select()
    for facet in FACETS:
        value = getattr(filters, facet, "")
        if value:
            query = query.where(_tagged(facet, value))
    if filters.free:
        query = query.where(_tagged("fee", "Gratuit"))
    if filters.network_id:
        query = query.where(Place.network == filters.network_id)
    if location.departement and not location.has_point:
        query = query.where(Place.departement == location.departement)
    if location.commune_key and not location.has_point:
        query = query.where(Place.commune_key == location.commune_key)
    if filters.when:
        query = query.where(open_condition(filters.when, now))
    return query


def open_condition(when, now):
    """Places open at `now` ("now") or on a day ("today", "tomorrow", weekday "0".."6").

    Each time zone of the places reads `now` in its own local time.
    """
    opened = None
    for (zone,) in Place.select(Place.timezone).distinct().tuples():
        try:
            local = now.replace(tzinfo=datetime.timezone.utc).astimezone(ZoneInfo(zone))
        except (KeyError, ValueError):
            continue
        minute = None
        day = local.date()
        if when == "now":
            minute = local.hour * 60 + local.minute
        elif when == "tomorrow":
            day += datetime.timedelta(days=1)
        elif when in WEEKDAYS:
            day += datetime.timedelta(days=(int(when) - day.weekday()) % 7)
        in_zone = _open_in_zone(zone, day, minute)
        opened = in_zone if opened is None else opened | in_zone
    if opened is None:
        return Place.id.is_null(True)
    return _candidate(opened)


def _open_in_zone(zone, day, minute):
    """The ids of the places of `zone` open on local `day` (at local `minute` when given)."""

    def spans(number):
        query = PlaceHours.select(PlaceHours.place).where(
            PlaceHours.zone == zone, PlaceHours.day == number, PlaceHours.start >= 0)
        if minute is not None:
            query = query.where(PlaceHours.start <= minute, PlaceHours.end > minute)
        return query

    weekday = day.weekday()
    if day not in french_public_holidays(day.year):
        return spans(weekday)
    # On a public holiday, a place with a holiday rule follows it; the others keep their weekday hours.
    holiday_rule = PlaceHours.select(PlaceHours.place).where(PlaceHours.zone == zone, PlaceHours.day == 7 + weekday)
    return spans(7 + weekday) | spans(weekday).where(PlaceHours.place.not_in(holiday_rule))


# --- Order ---------------------------------------------------------------------------------

def search(filters, location, now, page=1, page_size=20):
    """One page of places: by distance from the location's point, else by name."""
    query = filtered(filters, location, now)
    offset = (page - 1) * page_size
    if offset >= MAX_RESULTS:
        return Page([], 0, False)
    if location.has_point:
        nearest = by_distance(query, location.lat, location.lon, offset + page_size + 1, filters.radius_km)
        # Without a radius, every place of the country matches: no count is worth its cost.
        total = _count(_near(query, location, filters.radius_km)) if filters.radius_km else None
        return Page(nearest[offset:offset + page_size], total, len(nearest) > offset + page_size)
    rows = list(query.order_by(Place.nom_key, Place.id).offset(offset).limit(page_size + 1))
    return Page([Result(place) for place in rows[:page_size]], _count(query), len(rows) > page_size)


def _count(query):
    """How many places `query` finds, counting no further than MAX_RESULTS + 1 (cheap on big areas)."""
    return Place.select(fn.COUNT(1)).from_(query.select(Place.id).limit(MAX_RESULTS + 1)).scalar()


def _approximate_distance(lat, lon):
    """An SQL expression growing with the distance from (lat, lon): squared degrees of latitude."""
    shrink = max(math.cos(math.radians(lat)), 0.01)
    north = Place.latitude - lat
    east = (Place.longitude - lon) * shrink
    return north * north + east * east


def _in_box(query, lat, lon, radius_km):
    """Restrict to a bounding box of `radius_km` around the point (uses the latitude index)."""
    shrink = max(math.cos(math.radians(lat)), 0.01)
    dlat = radius_km / KM_PER_DEGREE
    dlon = radius_km / (KM_PER_DEGREE * shrink)
    return query.where(Place.latitude.between(lat - dlat, lat + dlat), Place.longitude.between(lon - dlon, lon + dlon))


def by_distance(query, lat, lon, limit, radius_km=None):
    """The `limit` located places of `query` nearest to (lat, lon), with exact distances."""
    located = query.where(Place.latitude.is_null(False), Place.longitude.is_null(False))
    distance = _approximate_distance(lat, lon)
    margin = 5  # the approximate order may swap neighbours: sort a few more exactly
    steps = (radius_km,) if radius_km else (*SEARCH_RADII_KM, None)
    for step in steps:
        candidates = located if step is None else _in_box(located, lat, lon, step)
        if radius_km:
            candidates = candidates.where(distance <= (radius_km / KM_PER_DEGREE) ** 2)
        # Ids and distances first (read from the indexes), whole places only for the nearest.
        nearest = list(candidates.select(Place.id, distance.alias("approx")).order_by(distance)
                       .limit(limit + margin).tuples())
        if step is None or radius_km:
            break
        # Every place outside the box is farther than `step`: enough when the last one is nearer.
        if len(nearest) == limit + margin and math.sqrt(nearest[-1][1]) * KM_PER_DEGREE <= step:
            break
    places = {}
    ids = [place_id for place_id, _approx in nearest]
    for start in range(0, len(ids), 500):
        places.update({p.id: p for p in Place.select().where(Place.id.in_(ids[start:start + 500]))})
    results = [Result(places[i], distance_km(lat, lon, places[i].latitude, places[i].longitude)) for i in ids]
    if radius_km:
        results = [r for r in results if r.km <= radius_km]
    results.sort(key=lambda r: (r.km, r.place.id))
    return results[:limit]


def _near(query, location, radius_km):
    """The located places a distance search can show (within the radius when one is given)."""
    located = query.where(Place.latitude.is_null(False), Place.longitude.is_null(False))
    if radius_km:
        located = _in_box(located, location.lat, location.lon, radius_km).where(
            _approximate_distance(location.lat, location.lon) <= (radius_km / KM_PER_DEGREE) ** 2
        )
    return located


def everything(filters, location, now, limit=None):
    """Every matching place, for an export or a guide: nearest first around a point, else by name."""
    query = filtered(filters, location, now)
    if location.has_point:
        count = limit or _near(query, location, filters.radius_km).count()
        return by_distance(query, location.lat, location.lon, count, filters.radius_km)
    query = query.order_by(Place.nom_key, Place.id)
    if limit:
        query = query.limit(limit)
    return [Result(place) for place in query]
