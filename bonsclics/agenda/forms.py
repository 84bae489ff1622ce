"""Forms of the agenda: finding an event, booking, cancelling, organising.

Dates, times and numbers are text fields checked here, so every mistake gets a
plain French message (and old phones without date pickers can type "12/03/2026").
"""
import datetime
import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..accounts.forms import valid_email
from ..dates import parse_date
from .logic import normalise_phone, parse_time

NAME_MAX = 60
CONTROL = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def valid_date(form, field):
    """The field holds a date; `field.date` is set."""
    field.date = parse_date(field.data)
    if field.data and field.date is None:
        raise ValidationError(_l("Saisissez une date comme 12/03/2026."))


def valid_time(form, field):
    """The field holds a time of day; `field.time` is set."""
    field.time = parse_time(field.data)
    if field.data and field.time is None:
        raise ValidationError(_l("Saisissez une heure comme 14:00."))


def valid_phone(form, field):
    """A French or international phone number; `field.phone` is set (E.164)."""
    field.phone = normalise_phone(field.data) if field.data and field.data.strip() else ""
    if field.phone is None:
        raise ValidationError(_l("Ce numéro n'est pas complet. Écrivez-le comme 06 12 34 56 78."))


def plain_name(form, field):
    """A first name or pseudonym: letters, no invisible characters."""
    field.data = CONTROL.sub("", field.data or "").strip()
    if not field.data:
        raise ValidationError(_l("Écrivez un prénom (ou un surnom)."))


def one_of(choices_attribute, message):
    """The value (or each value) is among the field's choices."""

    def check(form, field):
        allowed = {str(choice.value if isinstance(choice, SelectChoice) else choice[0])
                   for choice in getattr(field, choices_attribute) or []}
        values = field.data if isinstance(field.data, list) else [field.data]
        if any(value not in allowed for value in values if value not in (None, "")):
            raise ValidationError(message)

    return check


class MultiCheckboxField(SelectMultipleField):
    """Several checkboxes (rendered by the `choices` macro)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class FilterForm(FlaskForm):
    """What a person looks for in the agenda (a GET form: no CSRF token)."""

    class Meta:
        csrf = False

    place = SelectField(_l("Lieu"), validate_choice=False,
                        validators=[one_of("choices", _l("Choisissez un lieu de la liste."))])
    departement = SelectField(_l("Département"), validate_choice=False,
                              validators=[one_of("choices", _l("Choisissez un département de la liste."))])
    competence = SelectField(_l("Thème"), validate_choice=False,
                             validators=[one_of("choices", _l("Choisissez un thème de la liste."))])
    level = SelectField(_l("Niveau"), validate_choice=False,
                        validators=[one_of("choices", _l("Choisissez un niveau de la liste."))])
    language = SelectField(_l("Langue parlée"), validate_choice=False,
                           validators=[one_of("choices", _l("Choisissez une langue de la liste."))])
    date_from = StringField(_l("À partir du"), validators=[Optional(), Length(max=20), valid_date],
                            render_kw={"type": "date"})
    suitable = BooleanField(_l("Seulement les ateliers adaptés à mon niveau"))


class BookingForm(FlaskForm):
    """A seat for a person: a first name, and a phone number, an email, or nothing."""

    first_name = StringField(
        _l("Prénom"),
        validators=[InputRequired(_l("Écrivez un prénom (ou un surnom).")),
                    Length(max=NAME_MAX, message=_l("Le prénom est trop long (60 caractères au plus).")), plain_name],
    )
    phone = StringField(_l("Numéro de téléphone portable"),
                        validators=[Optional(), Length(max=30, message=_l("Ce numéro est trop long.")), valid_phone],
                        render_kw={"type": "tel", "autocomplete": "tel", "inputmode": "tel"})
    email = StringField(_l("Adresse mail"),
                        validators=[Optional(), Length(max=254, message=_l("Cette adresse est trop longue.")), valid_email],
                        render_kw={"type": "email", "autocomplete": "email", "inputmode": "email"})
    both = BooleanField(_l("Me prévenir par SMS et aussi par mail"))
    consent = BooleanField(_l("La personne est d'accord pour que je la réserve et que ses coordonnées soient gardées jusqu'à l'atelier."))


class CodeForm(FlaskForm):
    """A booking code typed from the card."""

    code = StringField(_l("Code de réservation"),
                       validators=[InputRequired(_l("Écrivez le code de réservation.")),
                                   Length(max=20, message=_l("Ce code est trop long."))])


class EventTimeForm(FlaskForm):
    """A date and start/end times, in the place's time zone."""

    date = StringField(_l("Date"), validators=[InputRequired(_l("Choisissez une date.")), Length(max=20), valid_date],
                       render_kw={"type": "date"})
    start_time = StringField(_l("Heure de début"), validators=[InputRequired(_l("Écrivez l'heure de début.")),
                                                               Length(max=10), valid_time],
                             render_kw={"type": "time"})
    end_time = StringField(_l("Heure de fin"), validators=[InputRequired(_l("Écrivez l'heure de fin.")),
                                                           Length(max=10), valid_time],
                           render_kw={"type": "time"})

    def validate_end_time(self, field):
        """The end comes after the start, the same day."""
        start = getattr(self.start_time, "time", None)
        if start and getattr(field, "time", None) and field.time <= start:
            raise ValidationError(_l("L'heure de fin doit être après l'heure de début."))


class EventForm(EventTimeForm):
    """A new event, once or every week until a date."""

    place = SelectField(_l("Lieu"), validate_choice=False,
                        validators=[InputRequired(_l("Choisissez le lieu.")),
                                    one_of("choices", _l("Choisissez un lieu de la liste."))])
    kind = RadioField(_l("Type"), validate_choice=False, default="workshop",
                      validators=[InputRequired(_l("Choisissez le type.")),
                                  one_of("choices", _l("Choisissez un type de la liste."))])
    title = StringField(_l("Titre"), validators=[InputRequired(_l("Donnez un titre.")),
                                                 Length(max=120, message=_l("Le titre est trop long (120 caractères au plus)."))])
    description = TextAreaField(_l("Ce que l'on apprend"), validators=[
        InputRequired(_l("Dites ce que l'on apprend.")), Length(max=2000, message=_l("Le texte est trop long (2000 caractères au plus)."))])
    competences = MultiCheckboxField(_l("Compétences travaillées"), validate_choice=False,
                                     validators=[one_of("choices", _l("Choisissez des compétences de la liste."))])
    modules = SelectMultipleField(_l("Leçons liées"), validate_choice=False,
                                  validators=[one_of("choices", _l("Choisissez des leçons de la liste."))])
    level = RadioField(_l("Niveau demandé"), validate_choice=False, default="beginner",
                       validators=[InputRequired(_l("Choisissez le niveau demandé.")),
                                   one_of("choices", _l("Choisissez un niveau de la liste."))])
    languages = MultiCheckboxField(_l("Langues parlées"), validate_choice=False, default=["fr"],
                                   validators=[one_of("choices", _l("Choisissez des langues de la liste."))])
    public = StringField(_l("Public"), validators=[Length(max=200, message=_l("Le texte est trop long (200 caractères au plus)."))])
    accessibility = TextAreaField(_l("Accessibilité"), validators=[Length(max=500, message=_l("Le texte est trop long (500 caractères au plus)."))])
    is_free = RadioField(_l("Prix"), choices=[SelectChoice("yes", _l("Gratuit")), SelectChoice("no", _l("Payant"))], default="yes",
                         validate_choice=False, validators=[InputRequired(_l("Dites si c'est gratuit.")),
                                                            one_of("choices", _l("Choisissez gratuit ou payant."))])
    price_note = StringField(_l("Prix et conditions"), validators=[Length(max=200, message=_l("Le texte est trop long (200 caractères au plus)."))])
    seats = StringField(_l("Nombre de places"), validators=[Length(max=5, message=_l("Écrivez un nombre entre 1 et 500."))],
                        render_kw={"inputmode": "numeric"})
    what_to_bring = TextAreaField(_l("À apporter"), validators=[Length(max=500, message=_l("Le texte est trop long (500 caractères au plus)."))])
    facilitators = StringField(_l("Animé par"), validators=[Length(max=200, message=_l("Le texte est trop long (200 caractères au plus)."))])
    until = StringField(_l("Répéter chaque semaine jusqu'au"), validators=[Optional(), Length(max=20), valid_date],
                        render_kw={"type": "date"})

    def validate_seats(self, field):
        """A number of seats from 1 to 500; required for a workshop."""
        text = (field.data or "").strip()
        field.number = None
        if not text:
            if self.kind.data == "workshop":
                raise ValidationError(_l("Un atelier collectif a un nombre de places : écrivez-le."))
            return
        if not text.isdecimal() or not 1 <= int(text) <= 500:
            raise ValidationError(_l("Écrivez un nombre entre 1 et 500."))
        field.number = int(text)

    def validate_until(self, field):
        """The last date comes after the first, within a year."""
        first = getattr(self.date, "date", None)
        last = getattr(field, "date", None)
        if first and last:
            if last < first:
                raise ValidationError(_l("La date de fin de la série doit être après la première date."))
            if last > first + datetime.timedelta(days=366):
                raise ValidationError(_l("Une série dure au plus un an."))


class CancelEventForm(FlaskForm):
    """Cancelling an event: everyone booked is told."""

    reason = TextAreaField(_l("Message pour les personnes inscrites"),
                           validators=[Length(max=300, message=_l("Le message est trop long (300 caractères au plus)."))])
    confirm = BooleanField(_l("Je confirme l'annulation"),
                           validators=[InputRequired(_l("Cochez la case pour confirmer l'annulation."))])

