"""Organisers: their events, new events and weekly series, participants and attendance, moving and cancelling.

Participants' names and contacts are shown only to the event's organiser and
to the members of the event's structure; anyone else gets 403.
"""
import datetime

from flask import abort, flash, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from .. import htmx
from ..content import competences, pick
from ..db import utcnow, write_transaction
from ..learning import catalogue
from ..models.accounts import HELPER_ROLES
from ..models.agenda import ABSENT, CONFIRMED, LEVELS, PRESENT, WAITING, Booking, Event, EventSeries
from ..models.base import join_values
from ..models.places import Place
from ..security import audit, roles_required
from . import bookings, notify, series
from .forms import CancelEventForm, EventForm, EventTimeForm
from .logic import to_local, to_utc
from .present import EVENT_LANGUAGES, KIND_LABELS, LEVEL_LABELS, language_name
from .views import bp

PAST_DAYS_SHOWN = 14
ATTENDANCE_OPENS_BEFORE = datetime.timedelta(hours=1)


def _me():
    """The signed-in helper's account (not the proxy), to record who did what."""
    return current_user._get_current_object()


def can_manage(user, event):
    """The organiser and the members of the event's structure manage an event."""
    return event.organiser_id == user.id or bool(event.structure_id and user.works_in(event.structure_id))


def _managed_event(event_id):
    """An event the current helper manages: 404 when unknown, 403 when it belongs to others."""
    event = Event.select(Event, Place).join(Place).where(Event.id == event_id).first() or abort(404)
    if not can_manage(current_user, event):
        abort(403)
    return event


@bp.get("/manage/")
@roles_required(*HELPER_ROLES)
def manage():
    """The events of my structures (and those I organise), from two weeks ago on."""
    since = utcnow() - datetime.timedelta(days=PAST_DAYS_SHOWN)
    mine = Event.organiser == current_user.id
    structures = current_user.structure_ids()
    if structures:
        mine = mine | Event.structure.in_(structures)
    events = list(
        Event.select(Event, Place).join(Place).where(mine, Event.starts_at > since).order_by(Event.starts_at).limit(200)
    )
    return htmx.render("agenda/manage.html", None, events=events, counts=bookings.counts_by_event([e.id for e in events]),
                       now=utcnow())


def _place_choices():
    """The places of my structures, where I may create events."""
    structures = current_user.structure_ids()
    if not structures:
        return []
    return list(Place.select().where(Place.structure.in_(structures)).order_by(Place.commune, Place.nom))


def _event_form_choices(form, places):
    """Fill the lists of the event form."""
    locale = str(get_locale())
    form.place.choices = [SelectChoice(str(p.id), f"{p.commune} — {p.nom}") for p in places]
    form.kind.choices = [SelectChoice(kind, str(label)) for kind, label in KIND_LABELS.items()]
    form.level.choices = [SelectChoice(level, str(LEVEL_LABELS[level])) for level in LEVELS]
    themes = {c["id"]: pick(c["title"], locale).text for c in competences()}
    form.competences.choices = [SelectChoice(key, title) for key, title in themes.items()]
    form.modules.choices = [
        SelectChoice(lesson["id"], pick(lesson["title"], locale).text, optgroup=themes.get(lesson["competence"]))
        for lesson in catalogue.learner_lessons()
    ]
    form.languages.choices = [SelectChoice(code, language_name(code)) for code in EVENT_LANGUAGES]


def _details(form, place):
    """The event's fields from a valid form."""
    return {
        "place": place, "structure": place.structure_id, "organiser": current_user.id,
        "kind": form.kind.data, "title": form.title.data.strip(), "description": form.description.data.strip(),
        "modules": join_values(form.modules.data or []), "competences": join_values(form.competences.data or []),
        "level": form.level.data, "languages": join_values(form.languages.data or []) or "fr",
        "public": (form.public.data or "").strip(), "accessibility": (form.accessibility.data or "").strip(),
        "is_free": form.is_free.data == "yes", "price_note": (form.price_note.data or "").strip(),
        "seats": form.seats.number, "timezone": place.timezone or "Europe/Paris",
        "what_to_bring": (form.what_to_bring.data or "").strip(), "facilitators": (form.facilitators.data or "").strip(),
    }


@bp.route("/manage/new", methods=["GET", "POST"])
@roles_required(*HELPER_ROLES)
def new_event():
    """Create an event, once or every week until a date."""
    places = _place_choices()
    form = EventForm()
    _event_form_choices(form, places)
    if request.method == "GET" or not places:
        return htmx.render("agenda/new.html", None, status=200 if request.method == "GET" else 400,
                           form=form, places=places)
    valid = form.validate_on_submit()
    place = next((p for p in places if str(p.id) == form.place.data), None) if valid else None
    if valid:
        tz = place.timezone or "Europe/Paris"
        starts_at = to_utc(form.date.date, form.start_time.time, tz)
        if starts_at <= utcnow():
            form.date.errors.append(_("Cette date est passée : choisissez une date à venir."))
            valid = False
    if not valid:
        return htmx.render("agenda/new.html", None, status=400, form=form, places=places, form_has_errors=True)
    details = _details(form, place)
    if getattr(form.until, "date", None):
        with write_transaction():
            created = series.create(details, form.date.date.weekday(), form.start_time.time, form.end_time.time,
                                    form.date.date, form.until.date)
            audit("series-created", "eventseries", created.id)
        flash(_("La série est créée : toutes ses dates sont dans l'agenda."), "success")
        return htmx.redirect_to(url_for("agenda.manage_series", series_id=created.id))
    with write_transaction():
        event = Event.create(starts_at=starts_at, ends_at=to_utc(form.date.date, form.end_time.time, tz), **details)
        audit("event-created", "event", event.id)
    flash(_("L'atelier est dans l'agenda."), "success")
    return htmx.redirect_to(url_for("agenda.participants", event_id=event.id))


def _participants_page(event, status=200, error=None):
    """The list of people booked, with one attendance form each."""
    rows = list(
        Booking.select().where(Booking.event == event.id, Booking.status.in_([CONFIRMED, WAITING]))
        .order_by(Booking.created_at, Booking.id)
    )
    audit("participants-viewed", "event", event.id)
    return htmx.render(
        "agenda/participants.html", None, status=status, event=event, error=error,
        confirmed=[b for b in rows if b.status == CONFIRMED], waiting=[b for b in rows if b.status == WAITING],
        summary=bookings.attendance_counts([event.id]), attendance_open=_attendance_open(event),
        form_has_errors=error is not None, now=utcnow(),
    )


def _attendance_open(event):
    """Attendance is marked from an hour before the start, for events that took place."""
    return event.status == "scheduled" and utcnow() >= event.starts_at - ATTENDANCE_OPENS_BEFORE


@bp.get("/manage/<int:event_id>")
@roles_required(*HELPER_ROLES)
def participants(event_id):
    """Who is coming, who is waiting, and marking attendance (one tap per person)."""
    return _participants_page(_managed_event(event_id))


@bp.post("/manage/<int:event_id>/attendance/<int:booking_id>")
@roles_required(*HELPER_ROLES)
def attendance(event_id, booking_id):
    """Mark one person present or absent, with the level reached."""
    event = _managed_event(event_id)
    booking = Booking.get_or_none(Booking.id == booking_id, Booking.event == event.id, Booking.status == CONFIRMED)
    if booking is None:
        abort(404)
    value, level = request.form.get("attendance", ""), request.form.get("level", "")
    error = None
    if event.status != "scheduled":
        error = _("Cet atelier est annulé.")
    elif not _attendance_open(event):
        error = _("La présence se note à partir d'une heure avant le début de l'atelier.")
    elif value not in (PRESENT, ABSENT):
        error = _("Choisissez « présent » ou « absent ».")
    elif level not in ("",) + LEVELS:
        error = _("Choisissez un niveau de la liste.")
    if error:
        return _participants_page(event, 400, error)
    bookings.mark_attendance(booking, value, level, _me())
    if htmx.wants_fragment():
        return htmx.render("agenda/_participant.html", None, booking=booking, event=event, attendance_open=True)
    return htmx.redirect_to(url_for("agenda.participants", event_id=event.id, _anchor=f"p-{booking.id}"))


def _changeable(event):
    """Why an event can no longer be moved or cancelled, or None."""
    if event.status != "scheduled":
        return _("Cet atelier est déjà annulé.")
    if event.starts_at <= utcnow():
        return _("Cet atelier a déjà commencé ou est passé.")
    return None


@bp.route("/manage/<int:event_id>/move", methods=["GET", "POST"])
@roles_required(*HELPER_ROLES)
def move(event_id):
    """Move an event to another date or time: everyone booked is told."""
    event = _managed_event(event_id)
    start, end = to_local(event.starts_at, event.timezone), to_local(event.ends_at, event.timezone)
    form = EventTimeForm(data={"date": start.date().isoformat(), "start_time": start.strftime("%H:%M"),
                               "end_time": end.strftime("%H:%M")})
    problem = _changeable(event)
    if request.method == "GET" or problem:
        return htmx.render("agenda/move.html", None, status=400 if problem and request.method == "POST" else 200,
                           event=event, form=form, problem=problem)
    valid = form.validate_on_submit()
    if valid:
        starts_at = to_utc(form.date.date, form.start_time.time, event.timezone)
        ends_at = to_utc(form.date.date, form.end_time.time, event.timezone)
        if starts_at <= utcnow():
            form.date.errors.append(_("Cette date est passée : choisissez une date à venir."))
            valid = False
    if not valid:
        return htmx.render("agenda/move.html", None, status=400, event=event, form=form, form_has_errors=True)
    event, told = bookings.move_event(event.id, starts_at, ends_at, _me())
    notify.send_many("event-moved", told, event)
    flash(_("L'atelier est déplacé. Personnes prévenues : %(n)s.", n=len(told)), "success")
    return htmx.redirect_to(url_for("agenda.participants", event_id=event.id))


@bp.route("/manage/<int:event_id>/cancel", methods=["GET", "POST"])
@roles_required(*HELPER_ROLES)
def cancel_event(event_id):
    """Cancel an event (or one date of a series): everyone booked is told."""
    event = _managed_event(event_id)
    form = CancelEventForm()
    problem = _changeable(event)
    if request.method == "GET" or problem:
        return htmx.render("agenda/cancel_event.html", None, status=400 if problem and request.method == "POST" else 200,
                           event=event, form=form, problem=problem)
    if not form.validate_on_submit():
        return htmx.render("agenda/cancel_event.html", None, status=400, event=event, form=form, form_has_errors=True)
    event, told = bookings.cancel_event(event.id, _me())
    notify.send_many("event-cancelled", told, event, reason=(form.reason.data or "").strip())
    flash(_("L'atelier est annulé. Personnes prévenues : %(n)s.", n=len(told)), "success")
    return htmx.redirect_to(url_for("agenda.participants", event_id=event.id))


@bp.get("/manage/series/<int:series_id>")
@roles_required(*HELPER_ROLES)
def manage_series(series_id):
    """The dates of a weekly series; each can be cancelled on its own."""
    found = EventSeries.get_or_none(EventSeries.id == series_id) or abort(404)
    if not (found.organiser_id == current_user.id or (found.structure_id and current_user.works_in(found.structure_id))):
        abort(403)
    events = list(Event.select().where(Event.series == found).order_by(Event.starts_at))
    skipped = sorted(e.on_date for e in found.exceptions)
    return htmx.render("agenda/series.html", None, series=found, events=events, skipped=skipped,
                       counts=bookings.counts_by_event([e.id for e in events]), now=utcnow())
