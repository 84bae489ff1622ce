"""The shared agenda: browsing events and booking a seat (cards, organisers and feeds in sibling modules)."""
import datetime

from flask import Blueprint, abort, flash, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from peewee import fn
from wtforms.fields.choices import SelectChoice

from .. import htmx, resume
from ..content import competences, pick
from ..db import utcnow
from ..models.accounts import Network
from ..models.agenda import LEVELS, Event
from ..models.places import Place
from ..security import public, rate_limit
from . import bookings, notify
from .bookings import BookingRefused, bookable_problem, booking_token, counts_by_event
from .forms import BookingForm, FilterForm
from .logic import choose_channel, diagnostic_level, levels_up_to, seats_left, to_utc
from .present import EVENT_LANGUAGES, LEVEL_LABELS, language_name, template_helpers

bp = Blueprint("agenda", __name__, url_prefix="/agenda")
PAGE_SIZE = 20
MAX_PAGE = 50


@bp.context_processor
def _helpers():
    """The agenda's template helpers."""
    return template_helpers()


def is_helper():
    """True when a signed-in helper is using the page (bookings are then made on someone's behalf)."""
    return bool(current_user and getattr(current_user, "is_authenticated", False))


def _filter_choices(form):
    """Fill the filter's lists: only places and départements that have events to come."""
    now = utcnow()
    with_events = (
        Place.select(Place.id, Place.nom, Place.commune, Place.departement)
        .where(fn.EXISTS(Event.select(Event.id).where(Event.place == Place.id, Event.starts_at > now,
                                                      Event.status == "scheduled")))
        .order_by(Place.commune, Place.nom)
    )
    places = list(with_events)
    everything = SelectChoice("", _("Tous"))
    form.place.choices = [everything] + [SelectChoice(str(p.id), f"{p.commune} — {p.nom}") for p in places]
    form.departement.choices = [everything] + [SelectChoice(d) for d in sorted({p.departement for p in places if p.departement})]
    locale = request_locale()
    form.competence.choices = [everything] + [SelectChoice(c["id"], pick(c["title"], locale).text) for c in competences()]
    form.level.choices = [everything] + [SelectChoice(level, str(LEVEL_LABELS[level])) for level in LEVELS]
    form.language.choices = [everything] + [SelectChoice(code, language_name(code)) for code in EVENT_LANGUAGES]


def _page_number():
    """The page asked for, between 1 and MAX_PAGE."""
    page = request.args.get("page", 1, type=int) or 1
    return min(max(1, page), MAX_PAGE)


def _search(form, level_ceiling, page):
    """The events matching the filters, soonest first, one page (plus one to know if there is more)."""
    start = utcnow()
    if getattr(form.date_from, "date", None):
        # Midnight where most places are; a few hours' difference overseas only shifts the first day.
        start = max(start, to_utc(form.date_from.date, datetime.time(0, 0), "Europe/Paris"))
    query = (
        Event.select(Event, Place).join(Place)
        .where(Event.starts_at > start, Event.status == "scheduled")
        .order_by(Event.starts_at, Event.id)
    )
    if form.place.data:
        query = query.where(Event.place == int(form.place.data))
    if form.departement.data:
        query = query.where(Place.departement == form.departement.data)
    if form.competence.data:
        query = query.where(Event.competences.contains(form.competence.data))
    if form.language.data:
        query = query.where(Event.languages.contains(form.language.data))
    if level_ceiling:
        query = query.where(Event.level.in_(levels_up_to(level_ceiling)))
    elif form.level.data:
        query = query.where(Event.level == form.level.data)
    rows = list(query.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1))
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


@bp.get("/")
@public
def index():
    """Every event of the network to come, to browse by place, area, theme, level, date and language."""
    form = FilterForm(formdata=request.args)
    _filter_choices(form)
    status = 200
    valid = form.validate() if request.args else True
    level_ceiling, level_source = None, None
    if valid and form.suitable.data:
        level_ceiling = diagnostic_level(resume.current())
        level_source = "diagnostic" if level_ceiling else None
        if not level_ceiling and form.level.data:
            level_ceiling, level_source = form.level.data, "chosen"
        if not level_ceiling:
            form.level.errors.append(_("Choisissez votre niveau pour voir les ateliers adaptés."))
            valid = False
    if not valid:
        status = 400
        events, more = [], False
    else:
        events, more = _search(form, level_ceiling, _page_number())
    counts = counts_by_event([e.id for e in events])
    args = {k: v for k, v in request.args.items() if k not in ("page", "lang")}
    next_url = url_for("agenda.index", **args, page=_page_number() + 1) if more else None
    return htmx.render(
        "agenda/index.html", "agenda/_results.html", status=status, form=form, events=events, counts=counts,
        next_url=next_url, level_ceiling=level_ceiling, level_source=level_source,
        form_has_errors=bool(form.errors) or status == 400, is_helper=is_helper(),
        networks=list(Network.select(Network.name, Network.slug).order_by(Network.name).limit(20)),
    )


def _event_or_404(event_id):
    """An event with its place, or 404."""
    return Event.select(Event, Place).join(Place).where(Event.id == event_id).first() or abort(404)


def _event_page(event, form, status=200, problem=None):
    """Render an event's page with its booking form."""
    counts = counts_by_event([event.id]).get(event.id, {"confirmed": 0, "waiting": 0})
    return htmx.render(
        "agenda/event.html", None, status=status, event=event, form=form, counts=counts,
        left=seats_left(event.seats, counts["confirmed"]), problem=problem or bookable_problem(event),
        is_helper=is_helper(), form_has_errors=status == 400,
    )


PROBLEM_MESSAGES = {
    "cancelled": lambda: _("Cet atelier est annulé : on ne peut plus s'y inscrire."),
    "past": lambda: _("Cet atelier a déjà commencé ou est passé : on ne peut plus s'y inscrire."),
}


@bp.route("/<int:event_id>", methods=["GET", "POST"])
@public
@rate_limit("agenda-booking", limit=60, window_seconds=600)
def event(event_id):
    """Everything about an event a person (or a helper) needs to know, and the booking form."""
    event = _event_or_404(event_id)
    form = BookingForm()
    if request.method == "GET":
        return _event_page(event, form)
    problem = bookable_problem(event)
    if problem:
        return _event_page(event, form, 400, problem)
    valid = form.validate_on_submit()
    if is_helper() and not form.consent.data:
        form.consent.errors = list(form.consent.errors) + [_("Cochez la case : la personne doit être d'accord.")]
        valid = False
    if not valid:
        return _event_page(event, form, 400)
    phone, email = getattr(form.phone, "phone", "") or "", (form.email.data or "").strip()
    try:
        booking = bookings.book(
            event.id, form.first_name.data, phone=phone, email=email,
            channel=choose_channel(phone, email, form.both.data), locale=request_locale(),
            booked_by=current_user if is_helper() else None,
            resume_code=None if is_helper() else resume.current(),
        )
    except BookingRefused as refused:
        return _event_page(event, form, 400, refused.reason)
    notify.send("booked" if booking.holds_seat else "waiting", booking, event)
    flash(_("C'est réservé.") if booking.holds_seat else _("L'atelier est complet : vous êtes sur la liste d'attente."),
          "success")
    return htmx.redirect_to(url_for("agenda.booking_card", token=booking_token(booking)))


def request_locale():
    """The language of this request, kept with a booking so its messages speak it."""
    from flask_babel import get_locale

    return str(get_locale() or "fr")


from . import cards, feeds, manage  # noqa: E402,F401  (their routes join this blueprint)
