"""Retention: contact details of bookings are kept only while they are useful."""
import datetime

from ..models.agenda import Booking, Event

# After the event, the first name and the contact details are no longer needed:
# attendance counts (what reporting uses) stay, without anybody's name.
CONTACT_KEPT_DAYS_AFTER_EVENT = 30


def purge(now, config):
    """Blank the names and contacts of bookings of events ended more than 30 days ago."""
    cutoff = now - datetime.timedelta(days=CONTACT_KEPT_DAYS_AFTER_EVENT)
    ended = Event.select(Event.id).where(Event.ends_at < cutoff)
    count = (
        Booking.update(first_name="", phone="", email="", channel="none")
        .where(Booking.event.in_(ended), (Booking.first_name != "") | (Booking.phone != "") | (Booking.email != ""))
        .execute()
    )
    return {"agenda-booking-contacts": count}
