"""Weekly series: their dates become Event rows, in the place's time zone, without the skipped dates."""
from ..db import utcnow, write_transaction
from ..models.agenda import Event, EventSeries, SeriesException
from .logic import parse_time, weekly_occurrences

# The details an event copies from its series.
SHARED_FIELDS = (
    "place", "structure", "organiser", "kind", "title", "description", "modules", "competences", "level",
    "languages", "public", "accessibility", "is_free", "price_note", "seats", "timezone", "what_to_bring",
    "facilitators",
)


def occurrences_of(series):
    """The dates of a series still to happen, without its exceptions."""
    skipped = [e.on_date for e in SeriesException.select().where(SeriesException.series == series)]
    return weekly_occurrences(
        series.weekday, parse_time(series.start_time), parse_time(series.end_time),
        series.starts_on, series.until, series.timezone, skipped,
    )


def materialise(series):
    """Create the missing Event rows of a series (safe to run again); returns how many were made."""
    now = utcnow()
    existing = {e.series_date for e in Event.select(Event.series_date).where(Event.series == series)}
    details = {name: getattr(series, name) for name in SHARED_FIELDS}
    made = 0
    with write_transaction():
        for occurrence in occurrences_of(series):
            if occurrence.date in existing or occurrence.starts_at <= now:
                continue
            Event.insert(
                series=series, series_date=occurrence.date, starts_at=occurrence.starts_at,
                ends_at=occurrence.ends_at, created_at=now, updated_at=now, **details,
            ).on_conflict_ignore().execute()
            made += 1
    return made


def create(details, weekday, start_time, end_time, starts_on, until):
    """Save a new series and its events; returns the series."""
    with write_transaction():
        series = EventSeries.create(
            weekday=weekday, start_time=start_time.strftime("%H:%M"), end_time=end_time.strftime("%H:%M"),
            starts_on=starts_on, until=until, **details,
        )
        materialise(series)
    return series
