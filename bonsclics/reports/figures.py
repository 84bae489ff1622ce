"""The figures of a report, computed by the database (GROUP BY / COUNT / SUM), never row by row.

A `Scope` says what is counted: a network or one structure (or everything,
for an administrator), a period, and the filters (département, structure,
public). Each `query_*` function runs one or two aggregate queries and returns
small dicts; `report.py` turns them into tables and charts.

Diagnostics and impact answers given without any structure (a person alone
at home) count in the network of their département.
"""
import datetime
import functools
from dataclasses import dataclass, field

from peewee import SQL, Case, fn

from ..db import is_sqlite
from ..models.accounts import Membership, Structure, User
from ..models.agenda import ABSENT, CANCELLED, CONFIRMED, PRESENT, Booking, Event
from ..models.diagnostic import LEVEL_FIELDS, DiagnosticMonthlyCount
from ..models.learners import Learner, ResumeCode
from ..models.learning import LessonProgress
from ..models.orientation import Orientation
from ..models.places import Place
from ..models.practice import PracticeProgress
from ..models.pro import Activity, ActivityTheme
from ..models.reports import ImpactAnswer
from .logic import as_date


@dataclass
class Scope:
    """What a report counts. `structure_ids` None: every structure (administrator's view)."""

    start: datetime.date
    end: datetime.date
    structure_ids: list = None
    departements: list = None  # where anonymous diagnostics and answers count; None: everywhere
    public: str = ""  # a diagnostic profile, or "" for everyone
    extra: dict = field(default_factory=dict)

    @property
    def since(self):
        """The first moment of the period (naive UTC)."""
        return datetime.datetime.combine(self.start, datetime.time())

    @property
    def until(self):
        """The moment just after the period."""
        return datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time())

    def in_period(self, column):
        """A condition: a datetime column falls within the period."""
        return (column >= self.since) & (column < self.until)

    def in_dates(self, column):
        """A condition: a date column falls within the period."""
        return (column >= self.start) & (column <= self.end)

    def structures(self, column):
        """A condition on a structure column (always true for everything)."""
        if self.structure_ids is None:
            return SQL("1 = 1")
        return column.in_(self.structure_ids or [0])

    def structures_or_area(self, structure_column, departement_column):
        """Rows of the scope's structures, or without a structure in one of its départements."""
        if self.structure_ids is None:
            return SQL("1 = 1")
        condition = structure_column.in_(self.structure_ids or [0])
        if self.departements:
            condition |= structure_column.is_null() & departement_column.in_(self.departements)
        return condition


def memo(query):
    """Run a query function once per scope: several sections read the same figures."""

    @functools.wraps(query)
    def cached(scope):
        if query.__name__ not in scope.extra:
            scope.extra[query.__name__] = query(scope)
        return scope.extra[query.__name__]

    return cached


def _day(column):
    """DATE(column): one group per day, rolled up into weeks or months afterwards."""
    return fn.DATE(column)


def _when(condition):
    """1 when the condition holds, else 0: summed to count inside one GROUP BY."""
    return Case(None, [(condition, 1)], 0)


def daily(query):
    """{date: count} from a query selecting (DATE(...), COUNT(...))."""
    return {as_date(day): number for day, number in query.tuples() if day is not None}


# --- The network: structures, places, helpers, learners ------------------------------------

@memo
def query_structures(scope):
    """Structures and places per département."""
    structures = (Structure.select(Structure.departement, fn.COUNT(Structure.id))
                  .where(scope.structures(Structure.id)).group_by(Structure.departement).tuples())
    places = (Place.select(Place.departement, fn.COUNT(Place.id))
              .where(scope.structures(Place.structure)).group_by(Place.departement).tuples())
    found = {}
    for departement, number in structures:
        found.setdefault(departement or "", [0, 0])[0] = number
    for departement, number in places:
        found.setdefault(departement or "", [0, 0])[1] = number
    return dict(sorted(found.items()))


@memo
def query_helpers(scope):
    """Helpers per role (a person in two structures counts once per role)."""
    query = (Membership.select(Membership.role, fn.COUNT(fn.DISTINCT(Membership.user)))
             .join(User).where(scope.structures(Membership.structure), User.is_active == True)  # noqa: E712
             .group_by(Membership.role).tuples())
    return dict(query)


@memo
def query_learners(scope):
    """Learner records: created during the period, and used (active) during it."""
    base = Learner.select(fn.COUNT(Learner.id)).where(scope.structures(Learner.structure))
    return {"created": base.where(scope.in_period(Learner.created_at)).scalar() or 0,
            "active": base.where(scope.in_period(Learner.last_activity_at)).scalar() or 0}


@memo
def query_by_structure(scope):
    """Per structure: learners created, diagnostics finished, help given, workshops held."""
    learners = dict(Learner.select(Learner.structure, fn.COUNT(Learner.id))
                    .where(scope.structures(Learner.structure), scope.in_period(Learner.created_at))
                    .group_by(Learner.structure).tuples())
    diagnostics = dict(_diagnostics(scope, DiagnosticMonthlyCount.structure_id, fn.SUM(DiagnosticMonthlyCount.completed))
                       .group_by(DiagnosticMonthlyCount.structure_id).tuples())
    help_given = dict(Activity.select(Activity.structure, fn.COUNT(Activity.id))
                      .where(scope.structures(Activity.structure), scope.in_dates(Activity.date))
                      .group_by(Activity.structure).tuples())
    workshops = dict(_held_events(scope, Event.structure, fn.COUNT(Event.id)).group_by(Event.structure).tuples())
    names = (Structure.select(Structure.id, Structure.name, Structure.departement)
             .where(scope.structures(Structure.id)).order_by(Structure.name).tuples())
    return [(name, departement, learners.get(sid, 0), diagnostics.get(sid, 0), help_given.get(sid, 0),
             workshops.get(sid, 0)) for sid, name, departement in names]


# --- Diagnostics (from the monthly counts: they outlive the anonymous results) ----------------

def _months(scope):
    """("YYYY-MM", "YYYY-MM"): the months the period touches."""
    return scope.start.strftime("%Y-%m"), scope.end.strftime("%Y-%m")


def _diagnostics(scope, *columns):
    """Monthly counts of finished diagnostics for the scope, its months and public."""
    model = DiagnosticMonthlyCount
    first, last = _months(scope)
    condition = SQL("1 = 1")
    if scope.structure_ids is not None:
        condition = model.structure_id.in_(scope.structure_ids or [0])
        if scope.departements:
            condition |= (model.structure_id == 0) & model.departement.in_(scope.departements)
    query = model.select(*columns).where(model.month >= first, model.month <= last, condition)
    if scope.public:
        query = query.where(model.profile == scope.public)
    return query


@memo
def query_diagnostics(scope):
    """Per month and profile: diagnostics finished, with a helper, and the sums of levels per competence."""
    model = DiagnosticMonthlyCount
    sums = [fn.SUM(getattr(model, f"sum_{competence}")) for competence in LEVEL_FIELDS]
    rows = (_diagnostics(scope, model.month, model.profile, fn.SUM(model.completed),
                         fn.SUM(_when(model.assisted == True) * model.completed), *sums)  # noqa: E712
            .group_by(model.month, model.profile).tuples())
    profiles, months, assisted, levels = {}, {}, 0, {}
    for month, profile, number, helped, *level_sums in rows:
        number = int(number or 0)
        profiles[profile] = profiles.get(profile, 0) + number
        day = datetime.date(int(month[:4]), int(month[5:7]), 1)
        months[day] = months.get(day, 0) + number
        assisted += int(helped or 0)
        totals = levels.setdefault(profile, [0] * len(LEVEL_FIELDS))
        for index, value in enumerate(level_sums):
            totals[index] += int(value or 0)
    return {"profiles": profiles, "monthly": months, "level_sums": levels, "assisted": assisted,
            "total": sum(profiles.values())}


# --- Learning and practice (people followed by a structure: codes linked to a record) -------

def _progress(scope, model, key, *more):
    """Per `key` (lesson or path): started and completed in the period, then the sums of `more` columns.

    Only the codes of the scope's learner records count (every code for everything).
    """
    query = model.select(key, fn.SUM(_when(scope.in_period(model.started_at))),
                         fn.SUM(_when(scope.in_period(model.completed_at))), *[fn.SUM(column) for column in more])
    query = query.where(scope.in_period(model.started_at) | scope.in_period(model.completed_at))
    if scope.structure_ids is not None:
        codes = ResumeCode.select(ResumeCode.id).join(Learner).where(Learner.structure.in_(scope.structure_ids or [0]))
        query = query.where(model.resume_code.in_(codes))
    return {item: tuple(int(value or 0) for value in values) for item, *values in query.group_by(key).tuples()}


@memo
def query_lessons(scope):
    """Per lesson: (started, completed, answers checked, wrong answers)."""
    return _progress(scope, LessonProgress, LessonProgress.lesson_id, LessonProgress.attempts, LessonProgress.failures)


@memo
def query_practice(scope):
    """Per practice path: (started, completed)."""
    return _progress(scope, PracticeProgress, PracticeProgress.path_id)


# --- Workshops --------------------------------------------------------------------------------

def _held_events(scope, *columns):
    """Events of the scope that took place in the period (not cancelled, already started)."""
    from ..db import utcnow

    return Event.select(*columns).where(
        scope.structures(Event.structure), scope.in_period(Event.starts_at), Event.starts_at < utcnow(),
        Event.status != "cancelled")


@memo
def query_workshops(scope):
    """Per kind of event: held, seats offered, seats booked, present, absent (no-shows)."""
    events = {kind: [number, int(seats or 0)] for kind, number, seats in
              _held_events(scope, Event.kind, fn.COUNT(Event.id), fn.SUM(Event.seats)).group_by(Event.kind).tuples()}
    bookings = (_held_events(scope, Event.kind, fn.SUM(_when(Booking.status == CONFIRMED)),
                             fn.SUM(_when((Booking.status != CANCELLED) & (Booking.attendance == PRESENT))),
                             fn.SUM(_when((Booking.status != CANCELLED) & (Booking.attendance == ABSENT))))
                .join(Booking, on=(Booking.event == Event.id)).group_by(Event.kind).tuples())
    found = {kind: values + [0, 0, 0] for kind, values in events.items()}
    for kind, booked, present, absent in bookings:
        found.setdefault(kind, [0, 0, 0, 0, 0])[2:] = [int(booked or 0), int(present or 0), int(absent or 0)]
    day = _day(Event.starts_at)
    return {"kinds": found, "daily": daily(_held_events(scope, day, fn.COUNT(Event.id)).group_by(day))}


# --- Orientations -------------------------------------------------------------------------------

def _orientations(scope, *columns):
    if scope.structure_ids is None:
        condition = SQL("1 = 1")
    else:
        ids = scope.structure_ids or [0]
        condition = Orientation.sender_structure.in_(ids) | Orientation.receiving_structure.in_(ids)
    return Orientation.select(*columns).where(condition, scope.in_period(Orientation.created_at))


def _hours_to_answer():
    """Hours between sending and the first answer, in the database's own date arithmetic."""
    if is_sqlite():
        return SQL("(julianday(first_answer_at) - julianday(created_at)) * 24")
    return SQL("EXTRACT(EPOCH FROM (first_answer_at - created_at)) / 3600")


@memo
def query_orientations(scope):
    """Per status, and the median time to a first answer (the middle row, found by the database)."""
    statuses = dict(_orientations(scope, Orientation.status, fn.COUNT(Orientation.id))
                    .group_by(Orientation.status).tuples())
    answered = _orientations(scope).where(Orientation.first_answer_at.is_null(False))
    cases = answered.count()
    median = None
    if cases:
        delay = _hours_to_answer()
        ordered = answered.select(delay).order_by(delay)
        middle = [row[0] for row in ordered.limit(2 - cases % 2).offset((cases - 1) // 2).tuples()]
        median = sum(middle) / len(middle)
    day = _day(Orientation.created_at)
    return {"statuses": statuses, "median_hours": median, "answered": cases,
            "daily": daily(_orientations(scope, day, fn.COUNT(Orientation.id)).group_by(day))}


# --- Help given (activity log) -----------------------------------------------------------------

@memo
def query_activity(scope):
    """Help given: per day and autonomy (count, minutes) in one pass, and per theme."""
    rows = (Activity.select(Activity.date, Activity.autonomy, fn.COUNT(Activity.id), fn.SUM(Activity.duration_minutes))
            .where(scope.in_dates(Activity.date), scope.structures(Activity.structure))
            .group_by(Activity.date, Activity.autonomy).tuples())
    autonomy, days = {}, {}
    for day, level, number, minutes in rows:
        count, total = autonomy.get(level, (0, 0))
        autonomy[level] = (count + number, total + int(minutes or 0))
        day = as_date(day)
        days[day] = days.get(day, 0) + number
    themes = dict(ActivityTheme.select(ActivityTheme.theme, fn.COUNT(ActivityTheme.id))
                  .where(scope.in_dates(ActivityTheme.date), scope.structures(ActivityTheme.structure))
                  .group_by(ActivityTheme.theme).tuples())
    return {"autonomy": autonomy, "themes": themes, "daily": days}


# --- Impact ---------------------------------------------------------------------------------------

def _impact(scope, *columns):
    return ImpactAnswer.select(*columns).where(
        scope.in_period(ImpactAnswer.answered_at),
        scope.structures_or_area(ImpactAnswer.structure, ImpactAnswer.departement))


@memo
def query_impact(scope):
    """Answers to "done it for real since?" per service and answer, and per day for those who did."""
    per_service = {}
    for service, answer, number in (_impact(scope, ImpactAnswer.service, ImpactAnswer.answer, fn.COUNT(ImpactAnswer.id))
                                    .group_by(ImpactAnswer.service, ImpactAnswer.answer).tuples()):
        per_service.setdefault(service, {})[answer] = number
    day = _day(ImpactAnswer.answered_at)
    done = _impact(scope, day, fn.COUNT(ImpactAnswer.id), fn.SUM(_when(ImpactAnswer.answer != "not-yet")))
    answered, did = {}, {}
    for when, number, yes in done.group_by(day).tuples():
        answered[as_date(when)] = number
        did[as_date(when)] = int(yes or 0)
    return {"services": per_service, "daily_answered": answered, "daily_done": did}
