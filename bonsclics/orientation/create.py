"""Sending a person to a place: from scratch, a learner record (`?learner=`) or a diagnostic (`?diagnostic=`).

One form, two buttons: "Chercher des lieux" shows places that suit the need
(nothing is saved), "Envoyer l'orientation" checks everything and sends it.
"""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..choices import options
from ..models.accounts import HELPER_ROLES
from ..models.base import join_values
from ..models.places import Place
from ..places.logic import nearby
from ..security import audit, roles_required
from . import actions, logic, sources
from .forms import OrientationForm
from .views import bp
from .vocabulary import LANGUAGE_CODES, day_names, language_choices

CANDIDATES = 40


def _sender_structures():
    """The structures in whose name the current user can send orientations."""
    return [m.structure for m in current_user.memberships_list() if m.role in HELPER_ROLES]


def _prefill(learner, diagnostic):
    """Start values from a learner record or a diagnostic result."""
    data = {"what_to_bring": _(
        "Une pièce d'identité, votre téléphone chargé, vos identifiants si vous en avez, et ce bon d'orientation."
    )}
    if learner is not None:
        data.update(learner_id=str(learner.id), person_name=learner.pseudonym,
                    contact_phone=learner.phone, contact_email=learner.email)
        if learner.locale in LANGUAGE_CODES:
            data["language"] = learner.locale
    if diagnostic is not None:
        data.update(diagnostic_id=str(diagnostic.id), diagnostic_summary=sources.diagnostic_summary(diagnostic))
    return data


def _criteria(form):
    """What the suggestions match on, keeping only values from the lists."""
    def valid(field):
        allowed = {choice.value for choice in field.choices}
        return [value for value in (field.data or []) if value in allowed]

    language = form.language.data if form.language.data in LANGUAGE_CODES else ""
    return logic.Criteria(
        kinds=valid(form.kinds_of_help), services=valid(form.services),
        days=[int(day) for day in valid(form.days)], language=language,
        mobility=form.mobility.data if form.mobility.data in ("near", "step-free") else "none",
        specific_support=valid(form.specific_support),
    )


def _suggestions(form):
    """Places near the person's postcode, best match first (empty without a valid postcode)."""
    if not form.postcode.validate(form):
        return []
    return logic.suggest(nearby(form.postcode.data, limit=CANDIDATES), _criteria(form))


def _place_choices(form, suggestions):
    """The places the form accepts: the suggestions, and a place already chosen before."""
    choices = [(str(s.place.id), s.place.nom) for s in suggestions]
    chosen = sources._as_id(form.place.data)
    if chosen and str(chosen) not in {value for value, _ in choices}:
        place = Place.get_or_none(Place.id == chosen)
        if place is not None:
            choices.append((str(place.id), place.nom))
    return choices


def _values(form, learner, diagnostic):
    """The orientation's fields from a valid form; without consent, no name and no contact."""
    consent = form.consent.data == "yes"
    contact = consent and form.wants_contact.data
    shared = (["name"] + (["contact"] if contact else [])) if consent else []
    return {
        "learner": learner,
        "diagnostic_result": diagnostic,
        "consent_given": consent,
        "consent_how": form.consent_how.data if consent else "",
        "consent_shared": join_values(shared),
        "person_name": form.person_name.data.strip() if consent else "",
        "wants_contact": bool(contact),
        "contact_phone": (form.contact_phone.data or "").strip() if contact else "",
        "contact_email": (form.contact_email.data or "").strip() if contact else "",
        "kinds_of_help": join_values(form.kinds_of_help.data),
        "services": join_values(form.services.data),
        "need_details": (form.need_details.data or "").strip(),
        "diagnostic_summary": (form.diagnostic_summary.data or "").strip(),
        "language": form.language.data or "",
        "days": join_values(form.days.data),
        "hours_note": (form.hours_note.data or "").strip(),
        "mobility": form.mobility.data,
        "specific_support": join_values(form.specific_support.data),
        "urgency": form.urgency.data,
        "what_to_bring": (form.what_to_bring.data or "").strip(),
    }


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*HELPER_ROLES)
def new():
    """Send a person to a place, with their consent, choosing the place among suggestions."""
    structures = _sender_structures()
    if not structures:
        abort(403)
    source = request.form if request.method == "POST" else request.args
    learner_value = source.get("learner_id") or source.get("learner")
    diagnostic_value = source.get("diagnostic_id") or source.get("diagnostic")
    learner = sources.learner_for(current_user, learner_value) if learner_value else None
    if learner_value and learner is None:
        abort(404)
    diagnostic = sources.diagnostic_for(current_user, diagnostic_value) if diagnostic_value else None
    if diagnostic_value and diagnostic is None:
        abort(404)
    if request.method == "GET":
        form = OrientationForm(formdata=None, data=_prefill(learner, diagnostic))
        if learner is not None:
            audit("learner-viewed", "learner", learner.id, detail="orientation-form")
    else:
        form = OrientationForm()
    form.language.choices = options(language_choices())
    form.days.choices = options((str(day), name) for day, name in enumerate(day_names()))
    form.sender_structure.choices = options((str(s.id), s.name) for s in structures)
    if not form.sender_structure.data:
        form.sender_structure.data = str(structures[0].id)
    suggestions = _suggestions(form) if request.method == "POST" else []
    place_choices = _place_choices(form, suggestions)
    form.place.choices = options(place_choices)
    suggested = {str(s.place.id) for s in suggestions}
    kept_places = [(value, label) for value, label in place_choices if value not in suggested]
    status = 200
    if request.method == "POST":
        if request.form.get("action") == "suggest":
            form.validate()
            for name, field in form._fields.items():
                if name != "postcode":
                    field.errors = []
            status = 400 if form.postcode.errors else 200
        else:
            valid = form.validate()
            if not form.place.choices and not form.place.errors:
                form.place.errors.append(_("Saisissez le code postal puis cherchez des lieux."))
                valid = False
            valid = form.validate_person() and valid
            if valid:
                structure = next(s for s in structures if str(s.id) == form.sender_structure.data)
                return _send(form, structure, learner, diagnostic)
            status = 400
    return render_template(
        "orientation/new.html", form=form, suggestions=suggestions, kept_places=kept_places, learner=learner,
        diagnostic=diagnostic,
        form_has_errors=status == 400,
    ), status


def _send(form, structure, learner, diagnostic):
    """Create the orientation, tell the place, and show it."""
    place = Place.get_by_id(int(form.place.data))
    orientation = actions.create(_values(form, learner, diagnostic), structure, place, current_user)
    flash(_("Orientation envoyée à %(place)s.", place=place.nom), "success")
    if form.consent.data != "yes" and (form.person_name.data or form.contact_phone.data or form.contact_email.data):
        flash(_("Sans l'accord de la personne, ni son prénom ni ses coordonnées n'ont été enregistrés."), "info")
    if not place.first_email:
        flash(_("Ce lieu n'a pas d'adresse mail : prévenez-le par téléphone%(phone)s.",
                phone=f" ({place.telephone})" if place.telephone else ""), "info")
    return redirect(url_for("orientation.detail", orientation_id=orientation.id), 303)
