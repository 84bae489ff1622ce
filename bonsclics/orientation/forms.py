"""Forms of orientations: sending a person, the place's answer, withdrawing consent."""
import datetime
import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..accounts.forms import valid_email
from ..choices import options
from ..dates import parse_date
from .vocabulary import (
    CONSENT_HOWS,
    KINDS_OF_HELP,
    MOBILITIES,
    REFUSAL_REASONS,
    SERVICES,
    SPECIFIC_SUPPORT,
    URGENCIES,
)

POSTCODE = re.compile(r"^(?:0[1-9]|[1-8]\d|9[0-8]|2[AB])\d{3}$")
PHONE_ALLOWED = re.compile(r"^\+?[\d .\-()]+$")
NO_CHOICE = _l("Choisissez une réponse de la liste.")


def too_long(limit):
    """A length limit with a plain message."""
    return Length(max=limit, message=_l("%(max)s caractères au plus.", max=limit))


class Checkboxes(SelectMultipleField):
    """Several choices as checkboxes, with a plain message for a value not in the list."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("invalid_choice_message", NO_CHOICE)
        super().__init__(label, validators, **kwargs)


def _pairs(mapping):
    return options(mapping.items())


def valid_phone(form, field):
    """A phone number people can call: digits, spaces, dots, dashes, an optional +."""
    value = (field.data or "").strip()
    if not value:
        return
    digits = re.sub(r"\D", "", value)
    if not PHONE_ALLOWED.match(value) or not 10 <= len(digits) <= 15:
        raise ValidationError(_l("Saisissez un numéro de téléphone complet, par exemple 06 12 34 56 78."))


def valid_postcode(form, field):
    """A French postcode: five digits (2A/2B accepted for Corsica)."""
    value = (field.data or "").strip().upper()
    if not POSTCODE.match(value):
        raise ValidationError(_l("Saisissez un code postal à 5 chiffres, par exemple 59000."))
    field.data = value


class OrientationForm(FlaskForm):
    """Who, what they need, their constraints, and the place chosen among suggestions."""

    learner_id = HiddenField()
    diagnostic_id = HiddenField()
    sender_structure = SelectField(_l("Au nom de quelle structure ?"), validators=[Optional()], default="",
                                   invalid_choice_message=NO_CHOICE)

    consent = RadioField(
        _l("La personne est-elle d'accord pour que son prénom soit transmis au lieu ?"),
        choices=options([("yes", _l("Oui, elle est d'accord")), ("no", _l("Non : orientation anonyme"))]),
        validators=[InputRequired(_l("Dites si la personne est d'accord."))],
        invalid_choice_message=NO_CHOICE,
    )
    consent_how = RadioField(
        _l("Comment a-t-elle donné son accord ?"), choices=_pairs(CONSENT_HOWS), validators=[Optional()],
        invalid_choice_message=NO_CHOICE,
    )
    person_name = StringField(_l("Prénom ou initiales"), validators=[Optional(), too_long(40)])
    wants_contact = BooleanField(_l("Elle veut que le lieu la contacte"))
    contact_phone = StringField(_l("Téléphone"), validators=[Optional(), too_long(30), valid_phone])
    contact_email = StringField(_l("Adresse mail"), validators=[Optional(), too_long(254), valid_email])

    kinds_of_help = Checkboxes(_l("Genre d'aide"), choices=_pairs(KINDS_OF_HELP))
    services = Checkboxes(_l("Services"), choices=_pairs(SERVICES))
    need_details = TextAreaField(_l("Le besoin en quelques mots"), validators=[Optional(), too_long(1000)])
    diagnostic_summary = TextAreaField(_l("Résumé du diagnostic"), validators=[Optional(), too_long(1000)])

    language = SelectField(_l("Langue"), validators=[Optional()], default="", invalid_choice_message=NO_CHOICE)
    days = Checkboxes(_l("Jours où elle peut venir"), coerce=str)
    hours_note = StringField(_l("Horaires possibles"), validators=[Optional(), too_long(200)])
    mobility = RadioField(_l("Déplacements"), choices=_pairs(MOBILITIES), default="none",
                          validators=[InputRequired(NO_CHOICE)], invalid_choice_message=NO_CHOICE)
    specific_support = Checkboxes(_l("Besoins particuliers"), choices=_pairs(SPECIFIC_SUPPORT))
    urgency = RadioField(_l("Urgence"), choices=_pairs(URGENCIES), default="normal",
                         validators=[InputRequired(NO_CHOICE)], invalid_choice_message=NO_CHOICE)
    what_to_bring = TextAreaField(_l("À apporter"), validators=[Optional(), too_long(500)])

    postcode = StringField(_l("Code postal de la personne"), validators=[InputRequired(_l("Saisissez un code postal.")), valid_postcode])
    place = RadioField(_l("Lieu choisi"), validators=[Optional()], invalid_choice_message=_l("Choisissez un lieu dans la liste."))

    def validate_person(self):
        """Rules across fields once each field is valid on its own; True when all hold."""
        ok = True
        if not (self.kinds_of_help.data or self.services.data):
            self.kinds_of_help.errors.append(_l("Cochez au moins un genre d'aide ou un service."))
            ok = False
        if self.consent.data == "yes":
            if not (self.person_name.data or "").strip():
                self.person_name.errors.append(_l("Saisissez un prénom ou des initiales."))
                ok = False
            if not self.consent_how.data:
                self.consent_how.errors.append(_l("Dites comment la personne a donné son accord."))
                ok = False
            if self.wants_contact.data and not ((self.contact_phone.data or "").strip() or (self.contact_email.data or "").strip()):
                self.contact_phone.errors.append(_l("Donnez un téléphone ou une adresse mail pour la contacter."))
                ok = False
        if not self.place.data:
            self.place.errors.append(_l("Choisissez un lieu parmi les suggestions."))
            ok = False
        return ok


def parse_time(text):
    """A time typed as 14:30 or 14h30 (or 14h); None if not a real time."""
    match = re.fullmatch(r"([01]?\d|2[0-3])\s*[:hH]\s*([0-5]\d)?", (text or "").strip())
    if not match:
        return None
    return datetime.time(int(match.group(1)), int(match.group(2) or 0))


class AnswerForm(FlaskForm):
    """The receiving place's answer."""

    status = RadioField(_l("Votre réponse"), validators=[InputRequired(_l("Choisissez une réponse."))],
                        invalid_choice_message=NO_CHOICE)
    appointment_date = StringField(_l("Date du rendez-vous"), validators=[Optional(), too_long(20)])
    appointment_time = StringField(_l("Heure du rendez-vous"), validators=[Optional(), too_long(10)])
    refusal_reason = SelectField(_l("Raison du refus"), choices=options([("", "—")]) + _pairs(REFUSAL_REASONS),
                                 validators=[Optional()], default="", invalid_choice_message=NO_CHOICE)
    redirected_to = SelectField(_l("Lieu vers lequel vous l'envoyez"), validators=[Optional()], default="",
                                invalid_choice_message=_l("Choisissez un lieu dans la liste."))
    note = TextAreaField(_l("Précisions"), validators=[Optional(), too_long(500)])

    def check_details(self, today):
        """What each answer needs; sets `appointment` (date, time) when given. True when all hold."""
        ok = True
        self.appointment = None
        if self.status.data == "appointment":
            day, hour = parse_date(self.appointment_date.data), parse_time(self.appointment_time.data)
            if day is None:
                self.appointment_date.errors.append(_l("Saisissez la date du rendez-vous, par exemple 14/03/2026."))
                ok = False
            elif day < today:
                self.appointment_date.errors.append(_l("Cette date est passée : saisissez la date du rendez-vous à venir."))
                ok = False
            if hour is None:
                self.appointment_time.errors.append(_l("Saisissez l'heure du rendez-vous, par exemple 14:30."))
                ok = False
            if ok:
                self.appointment = (day, hour)
        if self.status.data == "refused" and not self.refusal_reason.data:
            self.refusal_reason.errors.append(_l("Choisissez la raison du refus."))
            ok = False
        if self.status.data == "redirected" and not self.redirected_to.data:
            self.redirected_to.errors.append(_l("Choisissez le lieu vers lequel vous envoyez la personne."))
            ok = False
        return ok


class WithdrawForm(FlaskForm):
    """The person withdraws their consent: a box to tick, so it is never a slip of the finger."""

    confirm = BooleanField(
        _l("La personne retire son accord : effacer son prénom, ses coordonnées et les textes libres"),
        validators=[InputRequired(_l("Cochez la case pour confirmer le retrait de l'accord."))],
    )
