"""iCalendar (RFC 5545) feeds: per place, per network, per organiser, and one event.

Times are written in the event's own zone (`DTSTART;TZID=Europe/Paris`) with
the matching VTIMEZONE, so calendars keep the wall-clock time across
daylight-saving changes. Feeds hold only what the public pages show.
"""
import datetime

from flask import Response, abort, current_app, request, url_for

from ..db import utcnow
from ..models.accounts import Network, User
from ..models.agenda import Event
from ..models.places import Place
from ..security import public
from .logic import to_local
from .present import KIND_LABELS, LEVEL_LABELS
from .views import bp

FEED_PAST_DAYS = 30
FEED_LIMIT = 500


def _uid(event):
    """A stable identifier for the event, unique across installations."""
    host = request.host.split(":")[0] if request else "bonsclics"
    return f"event-{event.id}@{host}"


def _vevent(event):
    """One event as a VEVENT."""
    import icalendar

    place = event.place
    item = icalendar.Event()
    item.add("uid", _uid(event))
    item.add("dtstamp", utcnow().replace(tzinfo=datetime.timezone.utc))
    item.add("last-modified", event.updated_at.replace(tzinfo=datetime.timezone.utc))
    item.add("dtstart", to_local(event.starts_at, event.timezone))
    item.add("dtend", to_local(event.ends_at, event.timezone))
    item.add("summary", event.title)
    item.add("location", f"{place.nom}, {place.adresse}, {place.code_postal} {place.commune}")
    if place.latitude is not None and place.longitude is not None:
        item.add("geo", (place.latitude, place.longitude))
    lines = [str(KIND_LABELS.get(event.kind, event.kind)), event.description,
             f"{LEVEL_LABELS.get(event.level, event.level)}"]
    if event.what_to_bring:
        lines.append(event.what_to_bring)
    item.add("description", "\n\n".join(line for line in lines if line))
    item.add("url", url_for("agenda.event", event_id=event.id, _external=True))
    item.add("status", "CANCELLED" if event.status == "cancelled" else "CONFIRMED")
    return item


def calendar_of(events, name):
    """A VCALENDAR with its events and the time zones they use."""
    import icalendar  # imported on first use: it would slow every worker's start-up

    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{current_app.config['SITE_NAME']}//agenda//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    events = list(events)
    for event in events:
        calendar.add_component(_vevent(event))
    if events:
        first = min(e.starts_at for e in events).date() - datetime.timedelta(days=370)
        last = max(e.ends_at for e in events).date() + datetime.timedelta(days=370)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar


def _feed(query, name, filename):
    """Answer a feed of the events of `query`, from a month ago on."""
    since = utcnow() - datetime.timedelta(days=FEED_PAST_DAYS)
    events = query.where(Event.starts_at > since).order_by(Event.starts_at).limit(FEED_LIMIT)
    return _ics(calendar_of(events, name), filename)


def _ics(calendar, filename):
    """The text/calendar response."""
    return Response(
        calendar.to_ical(), mimetype="text/calendar",
        headers={"Content-Disposition": f'inline; filename="{filename}.ics"', "Cache-Control": "public, max-age=900"},
    )


def _events():
    """Events with their place, for the feeds."""
    return Event.select(Event, Place).join(Place)


@bp.get("/<int:event_id>.ics")
@public
def event_ics(event_id):
    """One event, to add to a phone's calendar."""
    event = _events().where(Event.id == event_id).first() or abort(404)
    return _ics(calendar_of([event], event.title), f"atelier-{event.id}")


@bp.get("/place/<int:place_id>.ics")
@public
def place_feed(place_id):
    """Every event of a place."""
    place = Place.get_or_none(Place.id == place_id) or abort(404)
    return _feed(_events().where(Event.place == place), place.nom, f"lieu-{place.id}")


@bp.get("/network/<slug>.ics")
@public
def network_feed(slug):
    """Every event of the places of a network."""
    network = Network.get_or_none(Network.slug == slug) or abort(404)
    return _feed(_events().where(Place.network == network), network.name, f"reseau-{network.slug}")


@bp.get("/organiser/<int:user_id>.ics")
@public
def organiser_feed(user_id):
    """Every event an organiser runs (their name and address are not in it)."""
    user = User.get_or_none(User.id == user_id) or abort(404)
    if not Event.select().where(Event.organiser == user).exists():
        abort(404)
    return _feed(_events().where(Event.organiser == user), current_app.config["SITE_NAME"], f"organisateur-{user.id}")
