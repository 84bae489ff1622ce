"""Helpers shared by the agenda tests."""
import datetime

# Monday 23 March 2026, 10:00 UTC: clocks in France go forward on Sunday 29 March.
NOW = datetime.datetime(2026, 3, 23, 10, 0)


def book_with_phone(client, event_id, name="Fatima", phone="06 12 34 56 78", **extra):
    """Book through the public form (no JavaScript), returns the response."""
    return client.post(f"/agenda/{event_id}", data={"first_name": name, "phone": phone, **extra})


def body(response):
    """A response's HTML with entities decoded (apostrophes come escaped)."""
    import html

    return html.unescape(response.get_data(as_text=True))
