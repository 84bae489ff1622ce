"""Demo agenda: a weekly drop-in series with one skipped date, a full workshop with a waiting list,
a few bookings, and attendance on an event already over. Running it again changes nothing.
"""
import datetime

from ..db import utcnow
from ..models.agenda import ABSENT, CONFIRMED, PRESENT, WAITING, Booking, Event, EventSeries, SeriesException
from . import series as series_logic

SERIES_TITLE = "Permanence numérique du mardi"
# (code, first name, phone, email) — codes use the booking alphabet, names are made up.
PEOPLE = [
    ("DEM2AA", "Fatima", "+33612345601", ""),
    ("DEM2AC", "Jean", "", "jean.demo@example.org"),
    ("DEM2AD", "Awa", "", ""),
    ("DEM2AE", "Marcel", "+33612345604", ""),
    ("DEM2AF", "Olena", "+33612345605", "olena.demo@example.org"),
    ("DEM2AG", "Karim", "", ""),
    ("DEM2AH", "Lucie", "+33612345607", ""),
]


def seed(context):
    """Add the demo series and bookings (idempotent)."""
    places, structures = context["places"], context["structures"]
    organiser = context["accounts"]["pro@demo.test"]
    place = next(p for p in places if p.structure_id == structures[0].id)
    today = datetime.date.today()
    monday = today - datetime.timedelta(days=today.weekday())
    found = EventSeries.get_or_none(EventSeries.place == place, EventSeries.title == SERIES_TITLE)
    if found is None:
        found = EventSeries.create(
            place=place, structure=place.structure_id, organiser=organiser, kind="dropin", title=SERIES_TITLE,
            description="Venez avec vos questions : téléphone, mail, démarches en ligne. Sans rendez-vous.",
            competences="device|internet", level="beginner", languages="fr|ar", seats=None,
            timezone=place.timezone, what_to_bring="Votre téléphone et vos identifiants si vous les avez.",
            weekday=1, start_time="14:00", end_time="17:00", starts_on=monday,
            until=monday + datetime.timedelta(weeks=8),
        )
        skipped = monday + datetime.timedelta(weeks=3, days=1)
        SeriesException.create(series=found, on_date=skipped, created_by=organiser)
    series_logic.materialise(found)
    _seed_bookings(organiser)


def _seed_bookings(organiser):
    """Fill the first upcoming small workshop (with a waiting list) and mark attendance on a past one."""
    now = utcnow()
    full = (
        Event.select().where(Event.kind == "workshop", Event.seats.is_null(False), Event.starts_at > now,
                             Event.status == "scheduled")
        .order_by(Event.seats, Event.starts_at).first()
    )
    past = Event.select().where(Event.kind == "workshop", Event.ends_at < now).order_by(Event.starts_at.desc()).first()
    if full is not None:
        for number, (code, name, phone, email) in enumerate(PEOPLE[: full.seats + 1]):
            channel = "sms" if phone else "email" if email else "none"
            Booking.get_or_create(code=code, defaults={
                "event": full, "first_name": name, "phone": phone, "email": email, "channel": channel,
                "status": CONFIRMED if number < full.seats else WAITING,
                "created_at": now - datetime.timedelta(hours=len(PEOPLE) - number),
                "booked_by": organiser if number == 2 else None,
                "consent_at": now if number == 2 else None,
            })
    if past is not None:
        for number, (code, name, phone, email) in enumerate(PEOPLE[:3]):
            Booking.get_or_create(code=code.replace("DEM", "PAX"), defaults={
                "event": past, "first_name": name, "status": CONFIRMED, "created_at": past.starts_at - datetime.timedelta(days=3),
                "attendance": ABSENT if number == 2 else PRESENT, "level_reached": "beginner" if number == 0 else "",
                "attendance_marked_at": past.ends_at, "attendance_marked_by": organiser,
            })

