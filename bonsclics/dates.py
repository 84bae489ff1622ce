"""Dates typed in forms: what a date picker sends (2026-03-14) or what a person types (14/03/2026)."""
import datetime


def parse_date(text):
    """A typed date as a date, or None when it is not a real date in one of the two forms."""
    text = (text or "").strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None
