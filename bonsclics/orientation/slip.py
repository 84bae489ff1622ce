"""The printable slip for the person: the place's page as a QR code, its hours in words."""
from flask import current_app, url_for
from flask_babel import get_locale

from ..places import hours

# The places area's page for one place; the search page (or the home page) stands in until it exists.
PLACE_PAGE_ENDPOINT = "places.place"


def place_page_url(place):
    """The absolute address of the place's page on this site."""
    endpoints = current_app.view_functions
    if PLACE_PAGE_ENDPOINT in endpoints:
        return url_for(PLACE_PAGE_ENDPOINT, place_id=place.id, _external=True)
    if "places.search" in endpoints:
        return url_for("places.search", q=place.code_postal, _external=True)
    return url_for("pages.home", _external=True)


def hours_lines(place):
    """The place's opening hours in plain words, or [] when they cannot be read."""
    try:
        parsed = hours.parse(place.horaires or "")
    except hours.OpeningHoursError:
        return []
    return hours.describe(parsed, str(get_locale() or "fr"))
