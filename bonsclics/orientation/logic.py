"""Rules of an orientation, without the database: who may see it, what may be answered,
when the timers fall due, which places suit a need, figures for reporting."""
import datetime
import statistics
from dataclasses import dataclass, field

from ..models.base import split_values
from ..models.orientation import (
    ANSWERS,
    CLOSED_STATUSES,
    STATUS_ACCEPTED,
    STATUS_SENT,
    STATUSES,
)
from ..places import hours

NEAR_KM = 5
SUGGESTIONS = 8


# --- Who may see an orientation -------------------------------------------------------

def is_sender(user, orientation):
    """True when `user` works in the structure that sent the orientation."""
    return orientation.sender_structure_id is not None and user.works_in(orientation.sender_structure_id)


def is_receiver(user, orientation):
    """True when `user` works in the structure of the receiving place."""
    return orientation.receiving_structure_id is not None and user.works_in(orientation.receiving_structure_id)


def can_view(user, orientation):
    """Only the people of the sending and receiving structures see an orientation.

    Coordinators and administrators see figures only, never one orientation.
    """
    return is_sender(user, orientation) or is_receiver(user, orientation)


# --- What may be answered -------------------------------------------------------------

def allowed_answers(status):
    """The answers a place may give from `status` (none once the orientation is closed)."""
    if status == STATUS_SENT:
        return list(ANSWERS)
    if status in CLOSED_STATUSES or status not in STATUSES:
        return []
    return [answer for answer in ANSWERS if answer != STATUS_ACCEPTED]


# --- Timers -------------------------------------------------------------------------------

def _days(config, key):
    return datetime.timedelta(days=int(config[key]))


def due_for_reminder(orientation, now, config):
    """Unanswered for ORIENTATION_REMINDER_DAYS and never reminded: remind the place once."""
    return (
        orientation.status == STATUS_SENT
        and orientation.reminder_sent_at is None
        and orientation.created_at <= now - _days(config, "ORIENTATION_REMINDER_DAYS")
    )


def due_for_expiry(orientation, now, config):
    """Still unanswered ORIENTATION_EXPIRY_DAYS after it was sent: it expires."""
    return orientation.status == STATUS_SENT and orientation.created_at <= now - _days(config, "ORIENTATION_EXPIRY_DAYS")


def due_for_anonymisation(orientation, now, config):
    """Closed (or untouched) for RETENTION_CLOSED_ORIENTATION_DAYS and not yet anonymised."""
    if orientation.anonymised_at is not None:
        return False
    cutoff = now - _days(config, "RETENTION_CLOSED_ORIENTATION_DAYS")
    last = orientation.closed_at or orientation.status_at
    return last is not None and last <= cutoff


def link_is_usable(link, now):
    """A link answers once, before it expires, unless a newer one replaced it."""
    return link.used_at is None and link.revoked_at is None and link.expires_at > now


# --- Which places suit a need -------------------------------------------------------------

@dataclass
class Criteria:
    """What the person needs, as the suggestions read it."""

    kinds: list = field(default_factory=list)
    services: list = field(default_factory=list)
    days: list = field(default_factory=list)  # weekday numbers, 0 = Monday
    language: str = ""
    mobility: str = "none"
    specific_support: list = field(default_factory=list)


@dataclass
class Suggestion:
    """A place, how far it is, and which criteria it meets (True, False, or None: unknown)."""

    place: object
    distance: float | None
    checks: dict

    @property
    def score(self):
        """How many criteria the place meets."""
        return sum(1 for value in self.checks.values() if value)

    @property
    def misses(self):
        """The criteria the place does not meet."""
        return [name for name, value in self.checks.items() if value is False]


def open_days(place, days):
    """The asked weekdays on which the place opens; None when its hours cannot be read."""
    try:
        parsed = hours.parse(place.horaires or "")
    except hours.OpeningHoursError:
        return None
    return [day for day in days if parsed.week[day]]


def check_place(place, distance, criteria):
    """Which of the person's criteria a place meets."""
    checks = {}
    if criteria.kinds or criteria.services:
        checks["need"] = bool(
            set(criteria.kinds) & set(split_values(place.kinds_of_help))
            or set(criteria.services) & set(split_values(place.services))
        )
    if criteria.days:
        days = open_days(place, criteria.days)
        checks["days"] = None if days is None else bool(days)
    if criteria.language:
        spoken = split_values(place.languages) or ["fr"]
        checks["language"] = criteria.language in spoken
    if criteria.mobility == "near":
        checks["near"] = distance is not None and distance <= NEAR_KM
    elif criteria.mobility == "step-free":
        checks["step_free"] = bool(place.accessibility) or "Handicaps moteurs" in split_values(place.prise_en_charge_specifique)
    if criteria.specific_support:
        supported = set(split_values(place.prise_en_charge_specifique))
        checks["support"] = set(criteria.specific_support) <= supported
    return checks


def suggest(candidates, criteria, limit=SUGGESTIONS):
    """Rank (place, distance) candidates for the criteria: best match first, then nearest."""
    suggestions = [Suggestion(place, distance, check_place(place, distance, criteria)) for place, distance in candidates]
    suggestions.sort(key=lambda s: (
        s.checks.get("need") is False,
        -s.score,
        s.distance if s.distance is not None else float("inf"),
        s.place.nom,
    ))
    return suggestions[:limit]


# --- Figures for reporting (never names) ---------------------------------------------------

def counts_by_status(statuses):
    """{status: count} for every status, zeros included, from an iterable of statuses."""
    counts = dict.fromkeys(STATUSES, 0)
    for status in statuses:
        if status in counts:
            counts[status] += 1
    return counts


def median_hours_to_first_answer(pairs):
    """The median delay between sending and the first answer, in hours, or None.

    `pairs` holds (created_at, first_answer_at); unanswered ones are left out.
    """
    delays = [(answer - created).total_seconds() / 3600 for created, answer in pairs if answer is not None]
    return statistics.median(delays) if delays else None
