"""iCalendar feeds parse back with the icalendar package, with the right times and zones."""
import datetime
from zoneinfo import ZoneInfo

import icalendar

PARIS = ZoneInfo("Europe/Paris")


def _parse(response):
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.data)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    return calendar


def test_single_event_ics(client, make_event):
    event = make_event(starts_in=datetime.timedelta(days=8))  # 31 March 2026, after the change to summer time
    calendar = _parse(client.get(f"/agenda/{event.id}.ics"))
    (item,) = calendar.walk("VEVENT")
    start = item.decoded("DTSTART")
    assert start.tzinfo is not None and str(item["DTSTART"].params["TZID"]) == "Europe/Paris"
    assert start == event.starts_at.replace(tzinfo=datetime.timezone.utc)
    assert start.astimezone(PARIS).hour == 12  # 10:00 UTC is 12:00 in Paris in summer
    assert item.decoded("DTEND") - start == datetime.timedelta(hours=2)
    assert str(item["SUMMARY"]) == "Créer son adresse mail"
    assert "1 rue des Arts" in str(item["LOCATION"]) and str(item["STATUS"]) == "CONFIRMED"
    assert str(item["URL"]).endswith(f"/agenda/{event.id}") and str(item["UID"]).startswith(f"event-{event.id}@")
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert calendar.get_missing_tzids() == set()


def test_place_network_and_organiser_feeds(client, make_event, world, places):
    organiser = world["pro"]
    make_event(title="Atelier A", organiser=organiser)
    make_event(title="Atelier annulé", status="cancelled", starts_in=datetime.timedelta(days=5))
    make_event(title="Atelier C", place="c")
    make_event(title="Très ancien", starts_in=datetime.timedelta(days=-60))  # left out of the feeds

    def summaries(url):
        return sorted(str(e["SUMMARY"]) for e in _parse(client.get(url)).walk("VEVENT"))

    assert summaries(f"/agenda/place/{places['a'].id}.ics") == ["Atelier A", "Atelier annulé"]
    assert summaries("/agenda/network/test.ics") == ["Atelier A", "Atelier annulé"]
    assert summaries("/agenda/network/autre.ics") == ["Atelier C"]
    assert summaries(f"/agenda/organiser/{organiser.id}.ics") == ["Atelier A"]
    statuses = {str(e["SUMMARY"]): str(e["STATUS"]) for e in _parse(client.get("/agenda/network/test.ics")).walk("VEVENT")}
    assert statuses["Atelier annulé"] == "CANCELLED"
    feed = client.get("/agenda/network/test.ics").get_data(as_text=True)
    assert organiser.email not in feed


def test_feeds_of_unknown_things_are_404(client, world):
    assert client.get("/agenda/99999.ics").status_code == 404
    assert client.get("/agenda/place/99999.ics").status_code == 404
    assert client.get("/agenda/network/nope.ics").status_code == 404
    assert client.get(f"/agenda/organiser/{world['pro_c'].id}.ics").status_code == 404  # organises nothing


def test_empty_feed_is_still_valid(client, places):
    calendar = _parse(client.get(f"/agenda/place/{places['c'].id}.ics"))
    assert calendar.walk("VEVENT") == []
