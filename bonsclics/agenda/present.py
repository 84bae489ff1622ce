"""Showing events to people: words for kinds and levels, language names, linked lessons, links."""
from flask import current_app, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from werkzeug.routing import BuildError

from .. import content
from ..learning import catalogue
from ..models.agenda import LEVELS
from ..places.vocabulary import language_name
from .logic import display_phone, format_booking_code, seats_left

# Languages an event may be held in (content languages without the easy-to-read French).
EVENT_LANGUAGES = ("fr", "en", "ar", "uk", "ru", "fa_AF", "ps", "ti", "es", "pt", "tr")

KIND_LABELS = {
    "workshop": _l("Atelier collectif"),
    "dropin": _l("Permanence (sans rendez-vous)"),
    "appointment": _l("Rendez-vous individuel"),
}
LEVEL_LABELS = {
    "beginner": _l("Débutant"),
    "intermediate": _l("Intermédiaire"),
    "advanced": _l("Avancé"),
}
# What a person must already be able to do: a helper reads this before sending someone.
LEVEL_NEEDS = {
    "beginner": _l("Aucune connaissance n'est nécessaire : on commence par le début."),
    "intermediate": _l("Il faut déjà savoir utiliser un téléphone ou un ordinateur : toucher l'écran, la souris, le clavier."),
    "advanced": _l("Il faut déjà savoir aller sur internet, remplir un formulaire et utiliser son adresse mail."),
}


def language_names(codes):
    """Several language names, comma-separated."""
    return ", ".join(language_name(code) for code in codes)


def competence_titles(ids):
    """The competences' titles in the current language."""
    found = [content.competence(i) for i in ids]
    return [content.pick(c["title"], str(get_locale())).text for c in found if c]


def linked_lessons(ids):
    """(title, url or None) of the learning modules an event works on."""
    lessons = []
    for lesson_id in ids:
        lesson = catalogue.lesson(lesson_id)
        if lesson is None:
            continue
        title = content.pick(lesson["title"], str(get_locale())).text
        lessons.append((title, endpoint_url("learning.lesson", lesson_id=lesson_id)))
    return lessons


def endpoint_url(endpoint, **values):
    """The URL of another area's page, or None while that area does not provide it."""
    if endpoint not in current_app.view_functions:
        return None
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


def duration_text(minutes):
    """"2 h", "1 h 30", "45 min"."""
    hours, rest = divmod(max(0, minutes), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def masked_email(email):
    """"j•••@example.org": enough for a person to recognise their address on a shared screen."""
    local, _, domain = (email or "").partition("@")
    return f"{local[:1]}•••@{domain}" if domain else ""


def masked_phone(phone):
    """"06 •• •• •• 78"."""
    shown = display_phone(phone)
    if len(shown) == 14:
        return f"{shown[:2]} •• •• •• {shown[-2:]}"
    return "•••" + shown[-2:] if shown else ""


def weekday_name(weekday):
    """The name of a weekday (0 = Monday) in the current language."""
    from babel.dates import get_day_names

    return get_day_names("wide", locale=str(get_locale()))[weekday]


def template_helpers():
    """What the agenda's templates use."""
    return {
        "kind_label": lambda kind: KIND_LABELS.get(kind, kind),
        "level_label": lambda level: LEVEL_LABELS.get(level, level),
        "level_needs": lambda level: LEVEL_NEEDS.get(level, ""),
        "language_names": language_names,
        "competence_titles": competence_titles,
        "linked_lessons": linked_lessons,
        "endpoint_url": endpoint_url,
        "duration_text": duration_text,
        "booking_code": format_booking_code,
        "display_phone": display_phone,
        "masked_phone": masked_phone,
        "masked_email": masked_email,
        "seats_left": seats_left,
        "weekday_name": weekday_name,
        "LEVELS": LEVELS,
    }
