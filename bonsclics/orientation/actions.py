"""What changes an orientation: creating it, answering, links, consent withdrawal, timers.

Every change writes an OrientationEvent (the history reporting reads) and an
audit entry (ids only).
"""
import datetime
import secrets

from flask import has_request_context, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from ..db import lock_rows, utcnow, write_transaction
from ..mail import send_mail
from ..models.accounts import hash_token
from ..models.orientation import (
    CLOSED_STATUSES,
    STATUS_APPOINTMENT,
    STATUS_EXPIRED,
    STATUS_REDIRECTED,
    STATUS_REFUSED,
    STATUS_SENT,
    Orientation,
    OrientationEvent,
    OrientationLink,
)
from ..security import audit
from . import logic
from .vocabulary import KINDS_OF_HELP, SERVICES, URGENCIES, labels

# The fields that hold the person's data: emptied when consent is withdrawn or time is up.
PERSONAL_FIELDS = {
    "person_name": "", "wants_contact": False, "contact_phone": "", "contact_email": "",
    "need_details": "", "diagnostic_summary": "", "hours_note": "", "what_to_bring": "",
    "answer_note": "", "learner": None, "diagnostic_result": None,
}


def _event(orientation, kind, actor=None, via="app", status="", at=None):
    """Append one step to the orientation's history."""
    return OrientationEvent.create(orientation=orientation, kind=kind, actor=actor, via=via, status=status,
                                   at=at or utcnow())


# --- Creating ------------------------------------------------------------------------------

def create(values, sender_structure, place, author):
    """Record a new orientation, tell the place, and return it.

    `values` holds the form's cleaned fields (see views.new); the place's
    structure becomes the receiving structure.
    """
    now = utcnow()
    with write_transaction():
        orientation = Orientation.create(
            created_at=now, created_by=author, sender_structure=sender_structure, place=place,
            receiving_structure=place.structure_id, departement=place.departement,
            site_url=request.host_url if has_request_context() else "", status=STATUS_SENT, status_at=now,
            consent_at=now if values.get("consent_given") else None,
            consent_by=author if values.get("consent_given") else None,
            **values,
        )
        _event(orientation, "created", actor=author, status=STATUS_SENT, at=now)
        audit("orientation-created", "orientation", orientation.id, actor=author)
    notify_place(orientation, "new", actor=author)
    return orientation


# --- Telling the place ------------------------------------------------------------------------

def issue_link(orientation, actor=None):
    """A new single-use answer link for the place; older unused links stop working."""
    now = utcnow()
    token = secrets.token_urlsafe(32)
    from flask import current_app

    days = int(current_app.config["ORIENTATION_LINK_VALID_DAYS"])
    with write_transaction():
        (OrientationLink.update(revoked_at=now)
         .where(OrientationLink.orientation == orientation, OrientationLink.used_at.is_null(),
                OrientationLink.revoked_at.is_null())
         .execute())
        OrientationLink.create(orientation=orientation, token_hash=hash_token(token), created_at=now,
                               expires_at=now + datetime.timedelta(days=days), created_by=actor)
    return token


def revoke_links(orientation, now=None):
    """No link of this orientation works any more (it is closed or anonymised)."""
    return (OrientationLink.update(revoked_at=now or utcnow())
            .where(OrientationLink.orientation == orientation, OrientationLink.used_at.is_null(),
                   OrientationLink.revoked_at.is_null())
            .execute())


def find_link(token):
    """The link stored for `token` (usable or not), or None."""
    if not token or len(token) > 100:
        return None
    return OrientationLink.get_or_none(OrientationLink.token_hash == hash_token(token))


def _absolute(orientation, endpoint, **values):
    """A link for an email: this installation's address (kept on the orientation) and the path."""
    path = url_for(endpoint, **values)
    base = orientation.site_url or (request.host_url if has_request_context() else "")
    return base.rstrip("/") + path


def notify_place(orientation, kind, actor=None):
    """Email the place's first address with a fresh answer link; True when an email left.

    `kind` is "new", "reminder" or "link". The email names no one: the person's
    data is only shown behind the link or in the app.
    """
    place = orientation.place
    if place is None or not place.first_email:
        return False
    token = issue_link(orientation, actor)
    from flask import current_app

    days = current_app.config["ORIENTATION_LINK_VALID_DAYS"]
    with force_locale("fr"):
        need = ", ".join(labels(KINDS_OF_HELP, orientation.values("kinds_of_help"))
                         + labels(SERVICES, orientation.values("services")))
        subjects = {
            "new": _("Nouvelle orientation vers %(place)s", place=place.nom),
            "reminder": _("Relance : une orientation vers %(place)s attend votre réponse", place=place.nom),
            "link": _("Nouveau lien pour répondre à une orientation vers %(place)s", place=place.nom),
        }
        sender = orientation.sender_structure.name if orientation.sender_structure else _("une structure du réseau")
        body = _(
            "Bonjour,\n\n%(sender)s vous oriente une personne (orientation n° %(number)s).\n"
            "Besoin : %(need)s\nUrgence : %(urgency)s\n\n"
            "Pour voir l'orientation et répondre (accepter, donner un rendez-vous, refuser...), ouvrez ce lien. "
            "Il est valable %(days)s jours et sert une seule fois :\n%(link)s\n\n"
            "Si votre structure a un compte, l'orientation est aussi dans votre boîte de réception :\n%(inbox)s\n",
            sender=sender, number=orientation.id, need=need or "—",
            urgency=URGENCIES.get(orientation.urgency, orientation.urgency), days=days,
            link=_absolute(orientation, "orientation.respond", token=token),
            inbox=_absolute(orientation, "orientation.inbox"),
        )
        sent = send_mail(place.first_email, subjects[kind], body)
    audit("orientation-link-sent", "orientation", orientation.id, detail=kind, actor=actor)
    return sent


def send_new_link(orientation, actor):
    """The sender asks for a new answer link to be emailed to the place."""
    sent = notify_place(orientation, "link", actor=actor)
    if sent:
        with write_transaction():
            _event(orientation, "link-sent", actor=actor)
    return sent


# --- Answers ------------------------------------------------------------------------------------

def record_answer(orientation, answer, actor=None, via="app", link=None):
    """Apply a place's answer; returns False when it is not allowed from the current status.

    `answer` holds status, appointment_at, refusal_reason, note, redirected_to.
    With `link`, the link is used up in the same transaction (one answer per link).
    """
    now = utcnow()
    with write_transaction():
        current = lock_rows(Orientation.select().where(Orientation.id == orientation.id)).get()
        if link is not None:
            fresh = lock_rows(OrientationLink.select().where(OrientationLink.id == link.id)).get()
            if not logic.link_is_usable(fresh, now):
                return False
        status = answer["status"]
        if status not in logic.allowed_answers(current.status):
            return False
        current.status, current.status_at = status, now
        if current.first_answer_at is None:
            current.first_answer_at = now
        if status == STATUS_APPOINTMENT:
            current.appointment_at = answer.get("appointment_at")
        current.refusal_reason = answer.get("refusal_reason", "") if status == STATUS_REFUSED else ""
        current.redirected_to = answer.get("redirected_to") if status == STATUS_REDIRECTED else None
        if answer.get("note"):
            current.answer_note = answer["note"]
        if status in CLOSED_STATUSES:
            current.closed_at = now
        current.save()
        if link is not None:
            OrientationLink.update(used_at=now).where(OrientationLink.id == link.id).execute()
        if status in CLOSED_STATUSES:
            revoke_links(current, now)
        _event(current, "status", actor=actor, via=via, status=status, at=now)
        audit("orientation-answered", "orientation", current.id, detail=f"{status}:{via}", actor=actor)
    return True


# --- Consent and erasure --------------------------------------------------------------------------

def erase_personal_data(orientation):
    """Empty the person's data; the row stays for figures (status, dates, structures)."""
    for name, value in PERSONAL_FIELDS.items():
        setattr(orientation, name, value)
    orientation.save()


def withdraw_consent(orientation, actor):
    """The person withdraws their consent: their data in the orientation is erased."""
    now = utcnow()
    with write_transaction():
        erase_personal_data(orientation)
        orientation.consent_withdrawn_at = now
        orientation.save()
        _event(orientation, "consent-withdrawn", actor=actor, at=now)
        audit("orientation-consent-withdrawn", "orientation", orientation.id, actor=actor)


def anonymise(orientation, now, via="timer"):
    """Erase the person's data once the retention period is over (or on erasure of the learner)."""
    with write_transaction():
        erase_personal_data(orientation)
        orientation.anonymised_at = now
        orientation.save()
        revoke_links(orientation, now)
        _event(orientation, "anonymised", via=via, at=now)
        audit("orientation-anonymised", "orientation", orientation.id, detail=via, actor=None)


# --- Timers -------------------------------------------------------------------------------------

def expire(orientation, now):
    """No answer in time: the orientation expires and its links stop working."""
    with write_transaction():
        orientation.status, orientation.status_at, orientation.closed_at = STATUS_EXPIRED, now, now
        orientation.save()
        revoke_links(orientation, now)
        _event(orientation, "status", via="timer", status=STATUS_EXPIRED, at=now)
        audit("orientation-expired", "orientation", orientation.id, actor=None)


def remind(orientation, now):
    """Remind the place once (a fresh link by email; the inbox shows the reminder)."""
    with write_transaction():
        orientation.reminder_sent_at = now
        orientation.save()
        _event(orientation, "reminder", via="timer", at=now)
    notify_place(orientation, "reminder")


def run_timers(now, config):
    """Expire, remind, then anonymise what is due; safe to run again (returns counts)."""
    from . import retention

    counts = {"orientations-expired": 0, "orientations-reminded": 0}
    first_due = now - datetime.timedelta(days=int(config["ORIENTATION_REMINDER_DAYS"]))
    waiting = Orientation.select().where(Orientation.status == STATUS_SENT, Orientation.created_at <= first_due)
    for orientation in waiting.order_by(Orientation.id):
        if logic.due_for_expiry(orientation, now, config):
            expire(orientation, now)
            counts["orientations-expired"] += 1
        elif logic.due_for_reminder(orientation, now, config):
            remind(orientation, now)
            counts["orientations-reminded"] += 1
    counts.update(retention.purge(now, config))
    return counts
