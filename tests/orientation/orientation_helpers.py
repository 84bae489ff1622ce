"""Helpers shared by the orientation tests."""
import re


def form_data(place=None, **overrides):
    """A complete, valid creation form for the place `place`."""
    data = {
        "consent": "yes", "consent_how": "in-person", "person_name": "Awa", "wants_contact": "y",
        "contact_phone": "06 12 34 56 78", "contact_email": "", "kinds_of_help": ["mediation"],
        "services": [], "need_details": "Créer une adresse mail", "diagnostic_summary": "",
        "language": "", "days": ["1"], "hours_note": "l'après-midi", "mobility": "none", "urgency": "soon",
        "what_to_bring": "Votre téléphone", "postcode": "59100", "action": "send",
    }
    if place is not None:
        data["place"] = str(getattr(place, "id", place))
    data.update(overrides)
    return data


def outbox(app):
    """The emails sent so far."""
    return app.extensions.setdefault("outbox", [])


def token_in(message):
    """The answer token in an email."""
    return re.search(r"/orientations/respond/([\w-]+)", message.get_content()).group(1)
