"""Small formatting helpers for the pages of places: distances, phone numbers, map links."""
from urllib.parse import quote

from babel.numbers import format_decimal
from flask_babel import get_locale
from flask_babel import gettext as _

OSM = "https://www.openstreetmap.org"


def km(distance):
    """A distance for people: "350 m", "2,3 km", "48 km"."""
    locale = str(get_locale())
    if distance < 1:
        return _("moins de 1 km")
    if distance < 10:
        return _("%(km)s km", km=format_decimal(round(distance, 1), locale=locale))
    return _("%(km)s km", km=format_decimal(round(distance), locale=locale))


def phone(number):
    """A French number as people write it ("03 20 00 00 00"); others unchanged."""
    if number.startswith("+33") and len(number) == 12:
        national = "0" + number[3:]
        return " ".join(national[i:i + 2] for i in range(0, 10, 2))
    return number


def directions_url(place):
    """A public map's directions to the place's coordinates (its address when not located)."""
    if place.latitude is not None and place.longitude is not None:
        return f"{OSM}/directions?route=%3B{place.latitude:.5f}%2C{place.longitude:.5f}"
    return f"{OSM}/search?query=" + quote(f"{place.adresse}, {place.code_postal} {place.commune}")
