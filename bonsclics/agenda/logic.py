"""Choosing events, and the pure rules of the agenda: recurrence, phone numbers, codes, reminders.

Everything below `upcoming` is free of the database and of Flask, so it is
unit-tested on its own (time zones and daylight-saving weeks included).
"""
import datetime
import re
import unicodedata
from collections import namedtuple
from zoneinfo import ZoneInfo

from ..db import utcnow
from ..models.agenda import LEVELS, Event
from ..models.learners import CODE_ALPHABET
from ..models.places import Place

UTC = datetime.timezone.utc


def upcoming(level=None, departement=None, place_ids=None, limit=5):
    """Scheduled events still to come, soonest first, up to `level` when given."""
    query = (
        Event.select(Event, Place)
        .join(Place)
        .where(Event.starts_at > utcnow(), Event.status == "scheduled")
        .order_by(Event.starts_at)
    )
    if level in LEVELS:
        query = query.where(Event.level.in_(levels_up_to(level)))
    if departement:
        query = query.where(Place.departement == departement)
    if place_ids:
        query = query.where(Event.place.in_(list(place_ids)))
    return list(query.limit(limit))


def levels_up_to(level):
    """The levels a person at `level` can follow: theirs and the easier ones."""
    return list(LEVELS[: LEVELS.index(level) + 1]) if level in LEVELS else list(LEVELS)


# The diagnostic's three profiles, from the person who needs the most help to the most autonomous.
PROFILE_LEVELS = {"assistance": "beginner", "mediation": "intermediate", "nudge": "advanced"}


def diagnostic_level(resume_code):
    """The level of a person's latest diagnostic, or None ("suitable for me" then uses the level chosen).

    Hook for the diagnostic area: when `bonsclics.models.diagnostic` defines
    `latest_level(resume_code)` returning a level of LEVELS or a profile id of
    PROFILE_LEVELS (or None), the agenda uses it. Nothing else is assumed about
    the diagnostic's tables.
    """
    if resume_code is None:
        return None
    from ..models import diagnostic

    latest = getattr(diagnostic, "latest_level", None)
    if latest is None:
        return None
    level = latest(resume_code)
    level = PROFILE_LEVELS.get(level, level)
    return level if level in LEVELS else None


# --- Time zones and weekly series ----------------------------------------------------------

Occurrence = namedtuple("Occurrence", "date starts_at ends_at")
MAX_OCCURRENCES = 60  # a little more than a year of weekly sessions


def parse_time(text):
    """A local "HH:MM" as a time, or None when it is not a valid time of day."""
    match = re.fullmatch(r"([01]?\d|2[0-3])[:hH]([0-5]\d)", (text or "").strip())
    return datetime.time(int(match.group(1)), int(match.group(2))) if match else None


def to_utc(local_date, local_time, tz):
    """The naive UTC instant of a wall-clock date and time in the zone `tz`.

    A time that does not exist (the hour skipped when clocks go forward) is read
    with the offset in force just before the change, so it lands one hour later
    on the wall clock; an ambiguous time (clocks go back) is the first of the two.
    """
    zone = tz if isinstance(tz, datetime.tzinfo) else ZoneInfo(tz)
    aware = datetime.datetime.combine(local_date, local_time, tzinfo=zone)
    return aware.astimezone(UTC).replace(tzinfo=None)


def to_local(utc_naive, tz):
    """A stored naive UTC datetime as an aware datetime in the zone `tz`."""
    return utc_naive.replace(tzinfo=UTC).astimezone(ZoneInfo(tz))


def weekly_occurrences(weekday, start_time, end_time, starts_on, until, tz, exceptions=()):
    """The dates of a weekly series, each with its naive UTC start and end.

    The wall-clock times stay the same all year in the place's zone, so the UTC
    times shift by an hour across daylight-saving changes. Dates in `exceptions`
    are left out; at most MAX_OCCURRENCES dates are returned.
    """
    skipped = set(exceptions)
    day = starts_on + datetime.timedelta(days=(weekday - starts_on.weekday()) % 7)
    found = []
    while day <= until and len(found) < MAX_OCCURRENCES:
        if day not in skipped:
            found.append(Occurrence(day, to_utc(day, start_time, tz), to_utc(day, end_time, tz)))
        day += datetime.timedelta(days=7)
    return found


# --- Booking codes and contact details -----------------------------------------------------

BOOKING_CODE_LENGTH = 6  # 27**6: 387 million codes, typed lookups are rate-limited


def format_booking_code(code):
    """A booking code as printed on the card: two groups of three ("K7Q-M3T")."""
    return f"{code[:3]}-{code[3:]}" if len(code) == BOOKING_CODE_LENGTH else code


def looks_like_booking_code(normalised):
    """True when a normalised text could be a booking code (length and alphabet)."""
    return len(normalised) == BOOKING_CODE_LENGTH and all(ch in CODE_ALPHABET for ch in normalised)


# Mobile prefixes of the overseas départements, written with a leading 0 in France.
_OVERSEAS_MOBILES = {"0690": "+590", "0691": "+590", "0694": "+594", "0696": "+596", "0697": "+596",
                     "0692": "+262", "0693": "+262", "0639": "+262"}


def _ascii_digits(text):
    """Digits of any script (Arabic-Indic keyboards...) as ASCII digits."""
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def normalise_phone(text):
    """A phone number as typed ("06 12 34 56 78", "+33 6...", "0033...", any digits) in E.164, or None."""
    raw = re.sub(r"[\s.\-()/]", "", _ascii_digits(text or ""))
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    if re.fullmatch(r"0[1-9][0-9]{8}", raw):
        prefix = _OVERSEAS_MOBILES.get(raw[:4])
        return f"{prefix}{raw[1:]}" if prefix else f"+33{raw[1:]}"
    if re.fullmatch(r"\+[1-9][0-9]{7,14}", raw):
        if raw.startswith("+33") and not re.fullmatch(r"\+33[1-9][0-9]{8}", raw):
            return None
        return raw
    return None


def can_receive_sms(phone):
    """False for French landlines (01-05, 08, 09), True for mobiles and foreign numbers."""
    if not phone:
        return False
    if phone.startswith("+33"):
        return phone[3] in "67"
    return True


def display_phone(phone):
    """A stored number as people write it: "06 12 34 56 78" for France, as stored otherwise."""
    if phone and phone.startswith("+33") and len(phone) == 12:
        local = "0" + phone[3:]
        return " ".join(local[i:i + 2] for i in range(0, 10, 2))
    return phone or ""


def choose_channel(phone, email, both=False):
    """Where reminders go: SMS when the phone can take them, else email; both only when asked."""
    sms = can_receive_sms(phone)
    if sms and email:
        return "both" if both else "sms"
    if sms:
        return "sms"
    if email:
        return "email"
    return "none"


# --- Reminders ----------------------------------------------------------------------------

def reminder_kind(hours):
    """The key of the reminder sent `hours` before an event ("48h")."""
    return f"{hours}h"


def due_reminder(starts_at, known_since, now, hours_before):
    """The reminder to send now for one booking: its hours before the start, or None.

    Only the latest reminder whose moment has come is sent (a late run does not
    send the 48 h and the 2 h reminders together), and none whose moment came
    before the person booked (they already know).
    """
    if now >= starts_at:
        return None
    opened = [h for h in sorted(set(hours_before), reverse=True) if now >= starts_at - datetime.timedelta(hours=h)]
    if not opened:
        return None
    latest = opened[-1]
    return latest if known_since < starts_at - datetime.timedelta(hours=latest) else None


def seats_left(seats, confirmed):
    """Free seats (None for an event without a limit), never below zero."""
    return None if seats is None else max(0, seats - confirmed)
