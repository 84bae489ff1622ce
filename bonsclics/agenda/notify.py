"""Telling people: booking confirmations, freed seats, moved or cancelled events, reminders.

Each message goes through the booking's channel only (SMS, email, both when
the person asked, or nothing), in the language the person booked in.
"""
from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from .. import ui
from ..mail import send_mail
from ..sms import send_sms
from .bookings import booking_token
from .logic import format_booking_code


def absolute_url(endpoint, **values):
    """A full link for a message, or None when no address of the site is known (cron without SERVER_NAME)."""
    try:
        return url_for(endpoint, _external=True, **values)
    except RuntimeError:
        return None


def _when(event):
    """The event's date and time in its zone, in the current language."""
    return ui.format_datetime(event.starts_at, event.timezone, "EEEE d MMMM, HH:mm")


def _where(event):
    """The place's name and address on one line."""
    place = event.place
    return f"{place.nom}, {place.adresse}, {place.code_postal} {place.commune}"


def _texts(kind, booking, event, extra):
    """(subject, opening sentence) of a message of `kind`, in the current language."""
    hours = extra.get("hours")
    texts = {
        "booked": (_("Votre place est réservée"), _("Votre place est réservée.")),
        "waiting": (_("Vous êtes sur la liste d'attente"),
                    _("L'atelier est complet : vous êtes sur la liste d'attente. Si une place se libère, elle est pour vous et nous vous prévenons.")),
        "promoted": (_("Une place s'est libérée pour vous"),
                     _("Bonne nouvelle : une place s'est libérée. Elle est à vous, vous n'avez rien à faire.")),
        "event-cancelled": (_("Atelier annulé"), _("Désolé : cet atelier est annulé.")),
        "event-moved": (_("Atelier déplacé"), _("Attention : cet atelier change d'horaire. Voici le nouveau rendez-vous.")),
        "reminder": (_("Rappel : votre atelier"),
                     _("Petit rappel : votre atelier commence dans %(hours)s heures.", hours=hours)
                     if hours and hours > 1 else _("Petit rappel : votre atelier commence bientôt.")),
    }
    return texts[kind]


def compose(kind, booking, event, **extra):
    """(subject, email body, SMS text) for one booking, in the booking's language."""
    with force_locale(booking.locale or "fr"):
        subject, opening = _texts(kind, booking, event, extra)
        code = format_booking_code(booking.code)
        link = absolute_url("agenda.booking_card", token=booking_token(booking))
        lines = [_("Bonjour %(name)s,", name=booking.first_name), "", opening, "",
                 event.title, _("Quand : %(when)s", when=_when(event)), _("Où : %(where)s", where=_where(event))]
        if extra.get("reason"):
            lines.append(_("Message de l'organisateur : %(reason)s", reason=extra["reason"]))
        if event.what_to_bring and kind not in ("event-cancelled",):
            lines.append(_("À apporter : %(what)s", what=event.what_to_bring))
        lines += ["", _("Votre code de réservation : %(code)s", code=code)]
        if link:
            lines.append(_("Voir, annuler ou ne plus recevoir de rappels : %(link)s", link=link))
        else:
            lines.append(_("Pour annuler, tapez votre code sur %(site)s, page « Ateliers ».", site=current_app.config["SITE_NAME"]))
        body = "\n".join(lines)
        # An SMS stays short (one or two messages): the subject stands for the opening sentence.
        sms = " ".join(filter(None, [
            f"{current_app.config['SITE_NAME']} : {subject}.", f"{event.title}, {_when(event)}, {event.place.nom}.",
            _("Code %(code)s.", code=code), link,
        ]))
    return subject, body, sms


def send(kind, booking, event=None, **extra):
    """Send one message through the booking's channel; returns the channels used (possibly none)."""
    event = event or booking.event
    channel = booking.channel
    if channel == "none" or (kind == "reminder" and booking.reminders_opt_out):
        return []
    subject, body, sms = compose(kind, booking, event, **extra)
    used = []
    if channel in ("sms", "both") and booking.phone and send_sms(booking.phone, sms):
        used.append("sms")
    if channel in ("email", "both") and booking.email and send_mail(booking.email, subject, body):
        used.append("email")
    return used


def send_many(kind, bookings, event, **extra):
    """Send the same kind of message to several bookings (after an event changed)."""
    for booking in bookings:
        send(kind, booking, event, **extra)
