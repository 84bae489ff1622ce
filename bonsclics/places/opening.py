"""Opening hours of a place for people: open now, next opening, hours in plain words."""
import datetime
import functools

from babel.dates import format_date
from flask_babel import get_locale
from flask_babel import gettext as _

from . import hours


@functools.lru_cache(maxsize=4096)
def parsed(text):
    """The parsed opening hours of a place, or None when empty or not understood."""
    if not (text or "").strip():
        return None
    try:
        return hours.parse(text)
    except hours.OpeningHoursError:
        return None


def span_rows(place_id, text, zone):
    """(place, zone, day, start, end) rows of the opening-spans index (see models.places.PlaceHours)."""
    oh = parsed(text)
    if oh is None:
        return []
    rows = [(place_id, zone, day, start, end) for day in range(7) for start, end in oh.week[day]]
    for day in range(7):
        if oh.holidays[day] is not None:
            rows.append((place_id, zone, 7 + day, -1, -1))
            rows += [(place_id, zone, 7 + day, start, end) for start, end in oh.holidays[day]]
    return rows


def aware_utc(naive_utc):
    """A naive UTC datetime (as stored, or db.utcnow()) made aware."""
    return naive_utc.replace(tzinfo=datetime.timezone.utc)


def status(place, now):
    """Whether `place` is open at `now` (naive UTC) and when it next opens, in its time zone.

    Returns {"open": True/False/None (hours unknown), "label": short word or "", "text": details}.
    """
    oh = parsed(place.horaires)
    if oh is None:
        return {"open": None, "label": "", "text": _("Horaires non renseignés : appelez avant de venir.")}
    when = aware_utc(now)
    closing = hours.open_until(oh, when, place.timezone)
    if closing is not None:
        until = _("jusqu'à minuit") if closing >= 24 * 60 else _("jusqu'à %(time)s", time=hours.clock(closing))
        return {"open": True, "label": _("Ouvert maintenant"), "text": until}
    opening = hours.next_opening(oh, when, place.timezone)
    if opening is None:
        return {"open": False, "label": _("Fermé"), "text": _("pas d'ouverture prévue dans les deux semaines")}
    return {"open": False, "label": _("Fermé"),
            "text": _("ouvre %(when)s", when=_when(opening, when.astimezone(opening.tzinfo)))}


def _when(opening, local_now):
    """ "aujourd'hui à 14 h", "demain à 9 h", "lundi 3 mars à 9 h"."""
    time = hours.clock(opening.hour * 60 + opening.minute)
    days = (opening.date() - local_now.date()).days
    if days == 0:
        return _("aujourd'hui à %(time)s", time=time)
    if days == 1:
        return _("demain à %(time)s", time=time)
    day = format_date(opening.date(), "EEEE d MMMM", locale=str(get_locale()))
    return _("%(day)s à %(time)s", day=day, time=time)


def described(place):
    """The hours in plain words (a list of lines), or None when not understood."""
    oh = parsed(place.horaires)
    return hours.describe(oh, str(get_locale())) if oh is not None else None
