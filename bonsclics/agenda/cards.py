"""A person's booking: the card (by its link), cancelling (by link or by code), stopping reminders."""
from flask import abort, flash, request, url_for
from flask_babel import gettext as _

from .. import htmx
from ..db import utcnow, write_transaction
from ..models.agenda import CANCELLED, WAITING, Booking
from ..security import audit, personal_page, public, rate_limit, too_many
from . import bookings, notify
from .bookings import booking_token
from .forms import CodeForm
from .views import bp

CODE_LOOKUPS = (20, 3600)  # typed codes per address and hour: guessing one is hopeless


def _card_or_404(token):
    """The booking of a link, or 404."""
    return bookings.find_by_token(token) or abort(404)


def cancel_problem(booking):
    """Why a booking cannot be cancelled any more, or None."""
    if booking.status == CANCELLED:
        return _("Cette réservation est déjà annulée.")
    if booking.event.status != "scheduled":
        return _("Cet atelier est annulé : il n'y a rien à faire.")
    if booking.event.starts_at <= utcnow():
        return _("Cet atelier a déjà commencé ou est passé.")
    return None


@bp.get("/booking/<token>")
@public
def booking_card(token):
    """The booking card: code, date, place, address, what to bring; to print or photograph."""
    booking = _card_or_404(token)
    personal_page()
    position = bookings.waiting_position(booking) if booking.status == WAITING else None
    return htmx.render("agenda/card.html", None, booking=booking, event=booking.event, token=token,
                       position=position, problem=cancel_problem(booking))


def _cancel_and_tell(booking):
    """Cancel a booking and tell the person who gets the freed seat."""
    _, promoted = bookings.cancel(booking.id)
    if promoted is not None:
        notify.send("promoted", promoted, promoted.event)
    return promoted


@bp.post("/booking/<token>/cancel")
@public
def cancel_by_link(token):
    """Cancel from the booking link."""
    booking = _card_or_404(token)
    problem = cancel_problem(booking)
    if problem:
        flash(problem, "error")
    else:
        _cancel_and_tell(booking)
        flash(_("Votre réservation est annulée. Merci d'avoir libéré la place."), "success")
    return htmx.redirect_to(url_for("agenda.booking_card", token=token))


@bp.post("/booking/<token>/reminders")
@public
def reminders(token):
    """Stop (or start again) the reminders of a booking."""
    booking = _card_or_404(token)
    stop = request.form.get("stop") == "1"
    with write_transaction():
        Booking.update(reminders_opt_out=stop).where(Booking.id == booking.id).execute()
        audit("booking-reminders-off" if stop else "booking-reminders-on", "booking", booking.id)
    flash(_("Vous ne recevrez plus de rappels pour cet atelier.") if stop else _("Les rappels sont remis en route."),
          "success")
    return htmx.redirect_to(url_for("agenda.booking_card", token=token))


def _lookup(form):
    """The booking of a typed code, or None with the error set on the form (and the status to answer)."""
    if not form.validate_on_submit():
        return None, 400
    if too_many("agenda-code", *CODE_LOOKUPS):
        form.code.errors.append(_("Trop d'essais depuis cet appareil. Attendez une heure, ou demandez de l'aide."))
        return None, 429
    booking = bookings.find_by_code(form.code.data)
    if booking is None:
        form.code.errors.append(_("Ce code est inconnu. Vérifiez chaque lettre et chaque chiffre."))
        return None, 404
    problem = cancel_problem(booking)
    if problem:
        form.code.errors.append(problem)
        return None, 400
    return booking, 200


@bp.route("/cancel", methods=["GET", "POST"])
@public
@rate_limit("agenda-cancel", limit=60, window_seconds=600)
def cancel_by_code():
    """Cancel with the code of the booking card: type it, check the booking, confirm."""
    form = CodeForm()
    if request.method == "GET":
        return htmx.render("agenda/cancel.html", None, form=form)
    booking, status = _lookup(form)
    if booking is None:
        return htmx.render("agenda/cancel.html", None, status=status, form=form, form_has_errors=True)
    personal_page()
    if request.form.get("confirm") != "yes":
        return htmx.render("agenda/cancel_confirm.html", None, form=form, booking=booking, event=booking.event)
    _cancel_and_tell(booking)
    flash(_("Votre réservation est annulée. Merci d'avoir libéré la place."), "success")
    return htmx.redirect_to(url_for("agenda.booking_card", token=booking_token(booking)))
