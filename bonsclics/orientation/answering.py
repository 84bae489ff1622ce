"""The receiving place's answer form, shared by the inbox and the single-use link."""
import datetime
from zoneinfo import ZoneInfo

from ..choices import options
from ..db import utcnow
from ..models.places import Place
from ..places.logic import nearby
from . import logic
from .forms import AnswerForm
from .vocabulary import ANSWER_LABELS

REDIRECT_CHOICES = 30


def answer_form(orientation, formdata=None):
    """The answer form with the answers allowed now and the nearby places to redirect to."""
    form = AnswerForm(formdata=formdata)
    form.status.choices = options((status, ANSWER_LABELS[status]) for status in logic.allowed_answers(orientation.status))
    place = orientation.place
    others = []
    if place is not None:
        others = [p for p, _ in nearby(place.code_postal, limit=REDIRECT_CHOICES + 1) if p.id != place.id]
    form.redirected_to.choices = options([("", "—")] + [(str(p.id), f"{p.nom} ({p.commune})") for p in others[:REDIRECT_CHOICES]])
    return form


def local_today(place):
    """Today's date where the place is."""
    zone = ZoneInfo(place.timezone if place is not None else "Europe/Paris")
    return utcnow().replace(tzinfo=datetime.timezone.utc).astimezone(zone).date()


def answer_values(form, orientation):
    """The answer as record_answer reads it (appointment in naive UTC), or None if invalid."""
    if not form.validate() or not form.check_details(local_today(orientation.place)):
        return None
    values = {"status": form.status.data, "note": (form.note.data or "").strip()}
    if form.appointment:
        day, hour = form.appointment
        zone = ZoneInfo(orientation.place.timezone if orientation.place else "Europe/Paris")
        local = datetime.datetime.combine(day, hour, tzinfo=zone)
        values["appointment_at"] = local.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    if form.status.data == "refused":
        values["refusal_reason"] = form.refusal_reason.data
    if form.status.data == "redirected":
        values["redirected_to"] = Place.get_or_none(Place.id == int(form.redirected_to.data))
        if values["redirected_to"] is None:
            form.redirected_to.errors.append(form.redirected_to.invalid_choice_message)
            return None
    return values
