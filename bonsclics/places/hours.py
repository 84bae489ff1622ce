"""Opening hours of places: a small, strict subset of OSM ``opening_hours``.

Supported: rules separated by ``;`` (a later rule overrides earlier ones for the
days it names), weekdays ``Mo``..``Su`` as ranges (``Mo-Fr``, wrap-around
``Sa-Mo``) and lists (``Mo,We,Fr``), ``PH`` for French public holidays, time
spans ``HH:MM-HH:MM`` separated by commas (the end may be ``24:00``), ``off`` /
``closed``, ``24/7``, and spans without days meaning every day.  Anything else
(SH, weeks, months, comments, sunrise, ``+``, ``||``, spans past midnight...)
raises :class:`OpeningHoursError` with a French message for the place manager.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from babel.dates import get_day_names
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_DAYS_LOWER = [day.lower() for day in DAYS]
FULL_DAY = ((0, 24 * 60),)
LOOKAHEAD_DAYS = 14

Span = tuple[int, int]  # minutes since local midnight, end excluded
Spans = tuple[Span, ...]

# French templates, %(name)s placeholders filled from OpeningHoursError.params.
# Lazy: each message is translated in the language of the request that shows it.
MESSAGES = {
    "empty": _l("Les horaires sont vides. Indiquez par exemple Mo-Fr 09:00-12:00,14:00-18:00, "
                "ou off si le lieu est fermé."),
    "unsupported-sh": _l(
        "Les vacances scolaires (SH) ne sont pas prises en charge. Utilisez les jours (Mo, Tu...), "
        "les heures (09:00-12:00), PH pour les jours fériés et off pour fermé."),
    "unsupported-week": _l(
        "Les numéros de semaine (week) ne sont pas pris en charge. Utilisez les jours (Mo, Tu...), "
        "les heures (09:00-12:00), PH pour les jours fériés et off pour fermé."),
    "unsupported-date": _l(
        "Les mois et les dates (Jan, Dec 25...) ne sont pas pris en charge. Utilisez les jours "
        "(Mo, Tu...), les heures (09:00-12:00), PH pour les jours fériés et off pour fermé."),
    "unsupported-comment": _l(
        "Les commentaires entre guillemets ne sont pas pris en charge. Utilisez les jours "
        "(Mo, Tu...), les heures (09:00-12:00), PH pour les jours fériés et off pour fermé."),
    "unsupported-sun": _l(
        "Les horaires liés au soleil (sunrise, sunset...) ne sont pas pris en charge. Utilisez les "
        "jours (Mo, Tu...), les heures (09:00-12:00), PH pour les jours fériés et off pour fermé."),
    "unsupported-open-end": _l(
        "Les heures de fin ouvertes (+) ne sont pas prises en charge : indiquez une heure de fin, "
        "par exemple 09:00-18:00."),
    "unsupported-fallback": _l(
        "Les règles de secours (||) ne sont pas prises en charge. Utilisez les jours (Mo, Tu...), "
        "les heures (09:00-12:00), PH pour les jours fériés et off pour fermé."),
    "unsupported-nth": _l(
        "Les jours numérotés dans le mois (Su[1]...) ne sont pas pris en charge. Utilisez les jours "
        "(Mo, Tu...), les heures (09:00-12:00), PH pour les jours fériés et off pour fermé."),
    "bad-day": _l(
        "Jour non reconnu : « %(item)s ». Utilisez Mo, Tu, We, Th, Fr, Sa, Su (du lundi au "
        "dimanche), par exemple Mo-Fr, et PH pour les jours fériés."),
    "bad-time": _l(
        "Heure non valide : « %(item)s ». Écrivez chaque plage sur 24 heures au format "
        "HH:MM-HH:MM, par exemple 09:00-12:00 (la fin peut être 24:00)."),
    "overnight": _l(
        "La plage « %(item)s » passe minuit, ce qui n'est pas pris en charge. Découpez-la sur deux "
        "jours, par exemple Fr 22:00-24:00; Sa 00:00-02:00 (pour fermer à minuit, écrivez 24:00)."),
    "overlap": _l(
        "Les plages « %(first)s » et « %(second)s » se chevauchent. Indiquez des plages "
        "distinctes, par exemple 09:00-12:00,14:00-18:00."),
    "missing-hours": _l(
        "Il manque les heures après « %(days)s ». Écrivez par exemple %(days)s 09:00-17:00, "
        "ou %(days)s off si le lieu est fermé ces jours-là."),
    "syntax": _l(
        "Règle non comprise : « %(rule)s ». Séparez les plages par une virgule et les règles par "
        "un point-virgule, par exemple Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00."),
}

_UNSUPPORTED = (  # checked in order, on the whole text, before any parsing
    (re.compile(r'["“”]'), "unsupported-comment"),
    (re.compile(r"\|\|"), "unsupported-fallback"),
    (re.compile(r"\bSH\b", re.I), "unsupported-sh"),
    (re.compile(r"\bweek\b", re.I), "unsupported-week"),
    (re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|easter)\b", re.I),
     "unsupported-date"),
    (re.compile(r"\b(sunrise|sunset|dawn|dusk)\b", re.I), "unsupported-sun"),
    (re.compile(r"\+"), "unsupported-open-end"),
    (re.compile(r"\["), "unsupported-nth"),
)
_AROUND_PUNCTUATION = re.compile(r"\s*([-,:])\s*")
_SPAN = re.compile(r"([0-9]{1,2}):([0-9]{2})-([0-9]{1,2}):([0-9]{2})")


class OpeningHoursError(ValueError):
    """Invalid or unsupported opening hours.

    ``str()`` is a plain French message; ``message_id`` is a stable code (a key
    of :data:`MESSAGES`) and ``params`` the values inserted in it, so that the
    caller can show a translated message instead.
    """

    def __init__(self, message_id: str, **params: str):
        self.message_id = message_id
        self.params = params
        super().__init__(MESSAGES[message_id] % params)


@dataclass(frozen=True)
class OpeningHours:
    """Weekly hours, Monday first.

    ``week[d]`` holds the spans of weekday ``d``; ``holidays[d]`` the spans of a
    public holiday falling on weekday ``d``, or None when the usual hours apply.
    """

    week: tuple[Spans, ...]
    holidays: tuple[Spans | None, ...]

    def spans_on(self, day: dt.date) -> Spans:
        """Spans of a local calendar date, taking public holidays into account."""
        special = self.holidays[day.weekday()]
        if special is not None and day in _holidays(day.year):
            return special
        return self.week[day.weekday()]


def parse(text: str) -> OpeningHours:
    """Parse an ``opening_hours`` string; raise OpeningHoursError if invalid or unsupported."""
    if not text.strip():
        raise OpeningHoursError("empty")
    for pattern, message_id in _UNSUPPORTED:
        if pattern.search(text):
            raise OpeningHoursError(message_id)
    rules = [_AROUND_PUNCTUATION.sub(r"\1", rule).strip() for rule in text.split(";")]
    rules = [rule for rule in rules if rule]
    if not rules:
        raise OpeningHoursError("empty")
    week: list[Spans] = [()] * 7
    holidays: list[Spans | None] = [None] * 7
    for rule in rules:
        days, ph, spans = _parse_rule(rule)
        if days is None:  # no day selector: every day, public holidays included
            week, holidays = [spans] * 7, [None] * 7
            continue
        for day in days:
            week[day] = spans
            holidays[day] = None  # as in OSM, a later weekday rule also wins on holidays
        if ph:
            holidays = [spans] * 7
    # Canonical form (so that equal meanings compare equal): no holiday
    # override where it changes nothing.
    holidays = [None if h == w else h for h, w in zip(holidays, week)]
    return OpeningHours(tuple(week), tuple(holidays))


def _parse_rule(rule: str) -> tuple[list[int] | None, bool, Spans]:
    words = rule.split()
    if words == ["24/7"]:
        return None, False, FULL_DAY
    days, ph = None, False
    if not words[0][0].isdigit() and words[0].lower() not in ("off", "closed"):
        selector = words.pop(0)
        days, ph = _parse_selector(selector)
        if not words:
            raise OpeningHoursError("missing-hours", days=selector)
    if len(words) > 1:
        raise OpeningHoursError("syntax", rule=rule)
    return days, ph, _parse_spans(words[0])


def _parse_selector(text: str) -> tuple[list[int], bool]:
    days, ph = [], False
    for item in text.split(","):
        if item.upper() == "PH":
            ph = True
            continue
        bounds = item.split("-")
        if len(bounds) > 2 or any(b.lower() not in _DAYS_LOWER for b in bounds):
            raise OpeningHoursError("bad-day", item=item)
        first, last = (_DAYS_LOWER.index(b.lower()) for b in (bounds[0], bounds[-1]))
        days += [(first + i) % 7 for i in range((last - first) % 7 + 1)]
    return days, ph


def _parse_spans(text: str) -> Spans:
    if text.lower() in ("off", "closed"):
        return ()
    spans = []
    for item in text.split(","):
        match = _SPAN.fullmatch(item)
        if not match:
            raise OpeningHoursError("bad-time", item=item)
        h1, m1, h2, m2 = map(int, match.groups())
        if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2):
            raise OpeningHoursError("bad-time", item=item)
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if end < start:
            raise OpeningHoursError("overnight", item=item)
        if end == start:
            raise OpeningHoursError("bad-time", item=item)
        spans.append((start, end))
    spans.sort()
    merged = [spans[0]]
    for start, end in spans[1:]:
        previous = merged[-1]
        if start < previous[1]:
            raise OpeningHoursError("overlap", first=_osm_span(previous), second=_osm_span((start, end)))
        if start == previous[1]:
            merged[-1] = (previous[0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


def french_public_holidays(year: int) -> set[dt.date]:
    """The 11 national public holidays of metropolitan France for ``year``.

    Only 10 dates when Ascension falls on 1 May (as in 2008). Alsace-Moselle's
    extra days (Good Friday, 26 December) are not included.
    """
    return set(_holidays(year))


@functools.lru_cache(maxsize=32)
def _holidays(year: int) -> frozenset[dt.date]:
    easter = _easter(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    movable = [easter + dt.timedelta(days=n) for n in (1, 39, 50)]  # Monday, Ascension, Whit Monday
    return frozenset([dt.date(year, month, day) for month, day in fixed] + movable)


def _easter(year: int) -> dt.date:
    """Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own name)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def is_open(oh: OpeningHours, when: dt.datetime, tz: str = "Europe/Paris") -> bool:
    """Whether the place is open at the aware datetime ``when``, read in local time ``tz``."""
    local = _local(when, tz)
    minute = local.hour * 60 + local.minute
    return any(start <= minute < end for start, end in oh.spans_on(local.date()))


def next_opening(oh: OpeningHours, when: dt.datetime, tz: str = "Europe/Paris") -> dt.datetime | None:
    """When the place next opens, as an aware datetime in ``tz``.

    If it is open at ``when``, the start of the current span (on the current
    local day); otherwise the first opening strictly after ``when`` and at
    most 14 days later, or None.
    """
    zone = ZoneInfo(tz)
    local = _local(when, tz)
    minute = local.hour * 60 + local.minute
    for start, end in oh.spans_on(local.date()):
        if start <= minute < end:
            return _at(local.date(), start, zone)
    # Compare instants in UTC: aware datetimes sharing a tzinfo compare by wall clock.
    now = when.astimezone(dt.timezone.utc)
    horizon = local.replace(tzinfo=None) + dt.timedelta(days=LOOKAHEAD_DAYS)  # calendar days
    for offset in range(LOOKAHEAD_DAYS + 1):
        day = local.date() + dt.timedelta(days=offset)
        for start, _end in oh.spans_on(day):
            opening = _at(day, start, zone)
            if opening.replace(tzinfo=None) > horizon:
                return None
            if opening.astimezone(dt.timezone.utc) > now:
                return opening
    return None


def _local(when: dt.datetime, tz: str) -> dt.datetime:
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError("when must be a timezone-aware datetime")
    return when.astimezone(ZoneInfo(tz))


def _at(day: dt.date, minute: int, zone: ZoneInfo) -> dt.datetime:
    # Building the wall time per day (not adding 24 h) keeps 09:00 at 09:00 across
    # DST changes; the UTC round trip moves a time skipped in spring to a real one.
    wall = dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=zone)
    return wall.astimezone(dt.timezone.utc).astimezone(zone)


def describe(oh: OpeningHours, locale: str = "fr") -> list[str]:
    """Plain-words lines, one per run of consecutive days with the same hours.

    Closed days are left out; a line for public holidays is added when a PH
    rule changes them. Day names come from babel for ``locale``, the other
    words from gettext (French source strings).
    """
    names = get_day_names("wide", locale=locale)
    ph = _ph_hours(oh)
    if ph is None and all(spans == FULL_DAY for spans in oh.week):
        return [_("Ouvert tous les jours, 24 h sur 24")]
    lines = []
    if len(set(oh.week)) == 1 and oh.week[0]:
        lines.append(_("%(days)s : %(hours)s", days=_("Tous les jours"), hours=_hours_text(oh.week[0])))
    else:
        for first, last in _runs(range(7), key=oh.week.__getitem__):
            if not oh.week[first]:
                continue
            label = _capitalised(names[first])
            if last == first + 1:
                label = _("%(first)s et %(last)s", first=label, last=names[last])
            elif last > first:
                label = _("%(first)s à %(last)s", first=label, last=names[last])
            lines.append(_("%(days)s : %(hours)s", days=label, hours=_hours_text(oh.week[first])))
    if ph is not None:
        hours = _hours_text(ph)
        exceptions = [names[d] for d in range(7) if oh.holidays[d] is None and oh.week[d] != ph]
        if exceptions:
            lines.append(_("Jours fériés (sauf %(days)s) : %(hours)s", days=_join(exceptions), hours=hours))
        else:
            lines.append(_("Jours fériés : %(hours)s", hours=hours))
    return lines or [_("Fermé")]


def _ph_hours(oh: OpeningHours) -> Spans | None:
    """The hours set by the PH rule, None if public holidays keep the usual hours."""
    return next((spans for spans in oh.holidays if spans is not None), None)


def _runs(days, key=lambda day: None) -> list[tuple[int, int]]:
    """(first, last) of each run of consecutive days sharing the same key."""
    runs: list[tuple[int, int]] = []
    for day in days:
        if runs and runs[-1][1] == day - 1 and key(runs[-1][1]) == key(day):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return _("%(first)s et %(last)s", first=", ".join(items[:-1]), last=items[-1])


def _hours_text(spans: Spans) -> str:
    if not spans:
        return _("fermé")
    if spans == FULL_DAY:
        return _("24 h sur 24")
    return _join([_("%(start)s – %(end)s", start=_clock(s), end=_clock(e)) for s, e in spans])


def _clock(minute: int) -> str:
    hours, minutes = divmod(minute, 60)
    if minutes:
        return _("%(hours)s h %(minutes)02d", hours=hours, minutes=minutes)
    return _("%(hours)s h", hours=hours)


def to_osm(oh: OpeningHours) -> str:
    """A normalised ``opening_hours`` string with the same meaning as ``oh``."""
    if all(spans == FULL_DAY for spans in oh.week):
        rules = ["24/7"]
    elif len(set(oh.week)) == 1:  # same hours every day, "off" included
        rules = [_osm_spans(oh.week[0])]
    else:
        rules = _osm_rules(oh.week, [d for d in range(7) if oh.week[d]])
    ph = _ph_hours(oh)
    if ph is not None:
        rules.append("PH " + _osm_spans(ph))
        # Days named after the PH rule keep their usual hours on holidays.
        rules += _osm_rules(oh.week, [d for d in range(7) if oh.holidays[d] is None and oh.week[d] != ph])
    return "; ".join(rules)


def _osm_rules(week: tuple[Spans, ...], days: list[int]) -> list[str]:
    groups: dict[Spans, list[int]] = {}
    for day in days:
        groups.setdefault(week[day], []).append(day)
    return [f"{_osm_days(group)} {_osm_spans(spans)}" for spans, group in groups.items()]


def _osm_days(days: list[int]) -> str:
    parts = []
    for first, last in _runs(days):
        if last - first >= 2:
            parts.append(f"{DAYS[first]}-{DAYS[last]}")
        else:
            parts += DAYS[first:last + 1]
    return ",".join(parts)


def _osm_spans(spans: Spans) -> str:
    return ",".join(_osm_span(span) for span in spans) if spans else "off"


def _osm_span(span: Span) -> str:
    (h1, m1), (h2, m2) = divmod(span[0], 60), divmod(span[1], 60)
    return f"{h1:02d}:{m1:02d}-{h2:02d}:{m2:02d}"


def open_until(oh: OpeningHours, when: dt.datetime, tz: str = "Europe/Paris") -> int | None:
    """The local closing minute (up to 24 * 60) of the span open at ``when``, or None if closed."""
    local = _local(when, tz)
    minute = local.hour * 60 + local.minute
    return next((end for start, end in oh.spans_on(local.date()) if start <= minute < end), None)


def clock(minute: int) -> str:
    """A time of day in plain words: "9 h", "18 h 30"."""
    return _clock(minute)
