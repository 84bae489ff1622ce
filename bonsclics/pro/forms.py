"""Forms of the professional space, with French messages next to each field."""
import datetime
import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    EmailField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..accounts.forms import acceptable_password, same_as, valid_email
from ..accounts.passwords import MAX_LENGTH
from ..choices import options
from ..dates import parse_date

CHOOSE_IN_LIST = _l("Choisissez une réponse de la liste.")


def clean(value):
    """Typed text without NUL characters nor surrounding spaces."""
    return value.replace("\x00", "").strip() if isinstance(value, str) else value


class Choice(SelectField):
    """A drop-down list whose unknown values get a French message."""

    def pre_validate(self, form):
        """Refuse a value that is not one of the choices."""
        if self.data not in [choice.value for choice in self.iter_choices()] and self.data not in (None, ""):
            raise ValidationError(CHOOSE_IN_LIST)
        if self.validate_choice and self.data in (None, "") and self.flags.required:
            raise ValidationError(CHOOSE_IN_LIST)


class Radio(RadioField):
    """Radio buttons whose unknown values get a French message."""

    def pre_validate(self, form):
        """Refuse a value that is not one of the choices."""
        if self.data is not None and self.data not in [choice.value for choice in self.iter_choices()]:
            raise ValidationError(CHOOSE_IN_LIST)


class Checkboxes(SelectMultipleField):
    """A group of checkboxes (rendered with the `choices` macro)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        """Refuse values that are not among the choices."""
        known = {choice.value for choice in self.iter_choices()}
        if any(value not in known for value in self.data or []):
            raise ValidationError(CHOOSE_IN_LIST)


class FrenchDateField(StringField):
    """A date typed as JJ/MM/AAAA or given by a date picker (AAAA-MM-JJ)."""

    def process_formdata(self, valuelist):
        """Keep the typed text; `self.date` holds the parsed date or None."""
        super().process_formdata(valuelist)
        self.data = clean(self.data or "")

    def _value(self):
        """Show a date as AAAA-MM-JJ (the date input's format)."""
        return self.data.isoformat() if isinstance(self.data, datetime.date) else (self.data or "")

    def pre_validate(self, form):
        """Turn the text into a date, or explain the expected format."""
        if isinstance(self.data, datetime.date):
            self.date = self.data
            return
        self.date = parse_date(self.data)
        if self.data and self.date is None:
            raise ValidationError(_l("Écrivez une date réelle, par exemple 14/03/2025."))


PHONE = re.compile(r"^(?:\+33|0)[1-9](?:[ .-]?\d{2}){4}$")


def valid_phone(form, field):
    """A French phone number: 10 digits starting with 0, or +33."""
    if field.data and not PHONE.match(field.data):
        raise ValidationError(_l("Écrivez un numéro à 10 chiffres, par exemple 06 12 34 56 78."))


ROLE_CHOICES = [("manager", _l("Responsable de structure")), ("pro", _l("Professionnel·le")),
                ("volunteer", _l("Bénévole"))]


# --- Teams ------------------------------------------------------------------------------------

class InviteForm(FlaskForm):
    """Invite someone to the structure."""

    email = EmailField(_l("Adresse mail de la personne"), filters=[clean], validators=[
        InputRequired(_l("Saisissez l'adresse mail de la personne.")), Length(max=254), valid_email])
    role = Choice(_l("Son rôle"), choices=options(ROLE_CHOICES), validators=[InputRequired(CHOOSE_IN_LIST)])


class AcceptInvitationForm(FlaskForm):
    """The invited person's name and password."""

    name = StringField(_l("Votre nom"), filters=[clean], validators=[
        InputRequired(_l("Écrivez votre nom.")), Length(max=100, message=_l("100 caractères au plus."))])
    password = PasswordField(_l("Choisissez un mot de passe"), validators=[
        InputRequired(_l("Choisissez un mot de passe.")), acceptable_password])
    confirm = PasswordField(_l("Le même mot de passe, une seconde fois"), validators=[
        InputRequired(_l("Saisissez le mot de passe une seconde fois.")), same_as("password"),
        Length(max=MAX_LENGTH)])


class RoleForm(FlaskForm):
    """A member's role in the structure."""

    role = Choice(_l("Rôle"), choices=options(ROLE_CHOICES), validators=[InputRequired(CHOOSE_IN_LIST)])


ENGAGEMENT_CHOICES = [
    ("assistance", _l("Aide aux démarches en ligne")),
    ("mediation", _l("Formation et médiation numérique")),
    ("nudge", _l("Coup de pouce ponctuel")),
    ("equipment", _l("Accès à du matériel")),
    ("orientation", _l("Orientation seulement")),
]


class EngagementsForm(FlaskForm):
    """What the structure does for the network."""

    engagements = Checkboxes(_l("Ce que votre structure fait pour le réseau"), choices=options(ENGAGEMENT_CHOICES))


class JoinNetworkForm(FlaskForm):
    """Ask to join a network."""

    network = Choice(_l("Réseau"), validators=[InputRequired(CHOOSE_IN_LIST)])


# --- Learners -----------------------------------------------------------------------------

class LearnerForm(FlaskForm):
    """A new learner record, with the person's consent."""

    structure = Choice(_l("Structure qui suit la personne"), validators=[InputRequired(CHOOSE_IN_LIST)])
    pseudonym = StringField(_l("Prénom ou pseudonyme"), filters=[clean], validators=[
        InputRequired(_l("Écrivez un prénom ou un pseudonyme.")), Length(max=60, message=_l("60 caractères au plus."))])
    phone = StringField(_l("Téléphone"), filters=[clean], validators=[Optional(), Length(max=20), valid_phone])
    email = EmailField(_l("Adresse mail"), filters=[clean], validators=[Optional(), Length(max=254), valid_email])
    consent_how = Radio(_l("Comment la personne a donné son accord"), default="in-person",
                        choices=options([("in-person", _l("En face à face")), ("phone", _l("Au téléphone"))]),
                        validators=[InputRequired(CHOOSE_IN_LIST)])
    consent = BooleanField(_l("La personne est d'accord pour que la structure garde ces informations et suive son parcours."),
                           validators=[InputRequired(_l("Sans l'accord de la personne, la fiche ne peut pas être créée."))])


class LinkCodeForm(FlaskForm):
    """The resume code the person gives."""

    code = StringField(_l("Code de reprise de la personne"), filters=[clean], validators=[
        InputRequired(_l("Écrivez le code, par exemple K7QM-3TXP.")), Length(max=40)])


class NoteForm(FlaskForm):
    """A helper's note."""

    text = TextAreaField(_l("Note"), filters=[clean], validators=[
        InputRequired(_l("Écrivez la note.")), Length(max=2000, message=_l("2000 caractères au plus."))])
    private = BooleanField(_l("Réservée aux professionnel·les (les bénévoles ne la voient pas)"))


class GroupForm(FlaskForm):
    """A new group."""

    structure = Choice(_l("Structure"), validators=[InputRequired(CHOOSE_IN_LIST)])
    name = StringField(_l("Nom du groupe"), filters=[clean], validators=[
        InputRequired(_l("Donnez un nom au groupe, par exemple « Atelier du mardi ».")),
        Length(max=80, message=_l("80 caractères au plus."))])


class GroupMemberForm(FlaskForm):
    """Add a learner to a group."""

    learner = Choice(_l("Personne à ajouter"), validators=[InputRequired(CHOOSE_IN_LIST)])


class AssignForm(FlaskForm):
    """Give a lesson or practice path."""

    item = Choice(_l("Leçon ou démarche à donner"), validators=[InputRequired(CHOOSE_IN_LIST)])


# --- Live workshops ---------------------------------------------------------------------

class LiveOpenForm(FlaskForm):
    """Open a live workshop."""

    structure = Choice(_l("Structure"), validators=[InputRequired(CHOOSE_IN_LIST)])
    title = StringField(_l("Nom de l'atelier"), filters=[clean], validators=[
        Optional(), Length(max=80, message=_l("80 caractères au plus."))])


class LiveJoinForm(FlaskForm):
    """A learner joins with the room's code."""

    code = StringField(_l("Code de l'atelier (4 chiffres)"), filters=[clean], validators=[
        InputRequired(_l("Écrivez le code à 4 chiffres affiché dans la salle."))])
    first_name = StringField(_l("Votre prénom"), filters=[clean], validators=[
        InputRequired(_l("Écrivez votre prénom.")), Length(max=30, message=_l("30 caractères au plus."))])

    def validate_code(self, field):
        """Four digits."""
        if not re.fullmatch(r"\d{4}", field.data or ""):
            raise ValidationError(_l("Le code a 4 chiffres, par exemple 4821."))


class LiveStatusForm(FlaskForm):
    """Where the learner is."""

    item = Choice(_l("Ce que je fais"), validators=[Optional()])
    step = IntegerField(_l("Étape"), validators=[Optional(), NumberRange(min=1, max=99, message=_l("Un numéro d'étape entre 1 et 99."))])


# --- Activity log -------------------------------------------------------------------------

DURATIONS = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180]
SENT_TO_CHOICES = [("none", _l("Personne d'autre")), ("workshop", _l("Un atelier")), ("place", _l("Un autre lieu d'aide")),
                   ("partner", _l("Un partenaire social")), ("public-service", _l("Un service public")),
                   ("training", _l("Une formation"))]


class ActivityForm(FlaskForm):
    """One help given, recorded in a few taps."""

    structure = Choice(_l("Structure"), validators=[InputRequired(CHOOSE_IN_LIST)])
    date = FrenchDateField(_l("Date"), validators=[InputRequired(_l("Indiquez la date."))])
    duration = Choice(_l("Durée"), choices=options((m, _l("%(n)s min", n=m)) for m in DURATIONS),
                      default="15", validators=[InputRequired(CHOOSE_IN_LIST)])
    mode = Radio(_l("Accompagnement"), default="individual",
                 choices=options([("individual", _l("Individuel")), ("group", _l("En groupe"))]),
                 validators=[InputRequired(CHOOSE_IN_LIST)])
    place_type = Radio(_l("Où"), default="onsite",
                       choices=options([("onsite", _l("Sur place")), ("home", _l("À domicile")), ("remote", _l("À distance"))]),
                       validators=[InputRequired(CHOOSE_IN_LIST)])
    themes = Checkboxes(_l("Thèmes"))
    autonomy = Radio(_l("Autonomie de la personne"),
                     choices=options([("for", _l("Fait pour elle")), ("with", _l("Fait avec elle")), ("alone", _l("Seule"))]),
                     validators=[InputRequired(_l("Choisissez comment la personne a fait."))])
    sent_to = Choice(_l("Orientée ensuite vers"), default="none", choices=options(SENT_TO_CHOICES), validators=[InputRequired(CHOOSE_IN_LIST)])

    def validate_themes(self, field):
        """At least one theme."""
        if not field.data:
            raise ValidationError(_l("Choisissez au moins un thème."))

    def validate_date(self, field):
        """Not in the future."""
        today = getattr(self, "today", None)
        if getattr(field, "date", None) and today and field.date > today:
            raise ValidationError(_l("La date ne peut pas être dans le futur."))


class ActivityImportForm(FlaskForm):
    """A CSV file of activities."""

    structure = Choice(_l("Structure"), validators=[InputRequired(CHOOSE_IN_LIST)])
    file = FileField(_l("Fichier CSV"))


# --- Volunteers ------------------------------------------------------------------------

AVAILABILITY_CHOICES = [("weekday-morning", _l("En semaine, le matin")), ("weekday-afternoon", _l("En semaine, l'après-midi")),
                        ("evening", _l("En soirée")), ("weekend", _l("Le week-end"))]
SKILL_CHOICES = [("smartphone", _l("Le smartphone")), ("computer", _l("L'ordinateur")),
                 ("procedures", _l("Les démarches en ligne")), ("email", _l("Le mail")),
                 ("security", _l("La sécurité en ligne")), ("workshops", _l("Animer un atelier"))]
LANGUAGE_CHOICES = [("fr", "Français"), ("en", "English"), ("ar", "العربية"), ("uk", "Українська"),
                    ("fa_AF", "دری"), ("ps", "پښتو"), ("ru", "Русский"), ("ti", "ትግርኛ"), ("es", "Español"),
                    ("pt", "Português"), ("tr", "Türkçe")]


class VolunteerForm(FlaskForm):
    """Someone offering to help."""

    name = StringField(_l("Votre nom ou prénom"), filters=[clean], validators=[
        InputRequired(_l("Écrivez votre nom ou votre prénom.")), Length(max=80, message=_l("80 caractères au plus."))])
    email = EmailField(_l("Adresse mail"), filters=[clean], validators=[Optional(), Length(max=254), valid_email])
    phone = StringField(_l("Téléphone"), filters=[clean], validators=[Optional(), Length(max=20), valid_phone])
    postcode = StringField(_l("Code postal où vous pouvez aider"), filters=[clean], validators=[
        InputRequired(_l("Écrivez votre code postal."))])
    availability = Checkboxes(_l("Quand êtes-vous disponible ?"), choices=options(AVAILABILITY_CHOICES))
    skills = Checkboxes(_l("Ce que vous savez faire"), choices=options(SKILL_CHOICES))
    languages = Checkboxes(_l("Langues que vous parlez"), choices=options(LANGUAGE_CHOICES))
    message = TextAreaField(_l("Un mot pour la structure"), filters=[clean], validators=[
        Optional(), Length(max=1000, message=_l("1000 caractères au plus."))])
    consent = BooleanField(_l("J'accepte que les structures du réseau de mon secteur gardent ces informations et me contactent."),
                           validators=[InputRequired(_l("Cochez la case pour que l'on puisse vous contacter."))])

    def validate_postcode(self, field):
        """Five digits."""
        if not re.fullmatch(r"\d{5}", field.data or ""):
            raise ValidationError(_l("Le code postal a 5 chiffres, par exemple 59000."))

    def validate_availability(self, field):
        """At least one moment."""
        if not field.data:
            raise ValidationError(_l("Choisissez au moins un moment."))

    def validate(self, extra_validators=None):
        """The fields, then a way to be contacted: a phone or an email."""
        valid = super().validate(extra_validators)
        if not self.phone.data and not self.email.data and not self.phone.errors and not self.email.errors:
            self.phone.errors = list(self.phone.errors) + [_l("Donnez un téléphone ou une adresse mail pour être contacté·e.")]
            return False
        return valid


class NeedForm(FlaskForm):
    """A structure's call for volunteers."""

    structure = Choice(_l("Structure"), validators=[InputRequired(CHOOSE_IN_LIST)])
    title = StringField(_l("Ce que vous cherchez"), filters=[clean], validators=[
        InputRequired(_l("Écrivez en quelques mots ce que vous cherchez.")), Length(max=120, message=_l("120 caractères au plus."))])
    description = TextAreaField(_l("Détails"), filters=[clean], validators=[
        Optional(), Length(max=1000, message=_l("1000 caractères au plus."))])


# --- Good practices ---------------------------------------------------------------------

class PracticeForm(FlaskForm):
    """A good practice to share with the network."""

    network = Choice(_l("Réseau"), validators=[InputRequired(CHOOSE_IN_LIST)])
    title = StringField(_l("Titre"), filters=[clean], validators=[
        InputRequired(_l("Donnez un titre.")), Length(max=120, message=_l("120 caractères au plus."))])
    body = TextAreaField(_l("La bonne pratique"), filters=[clean], validators=[
        InputRequired(_l("Décrivez la bonne pratique.")), Length(max=4000, message=_l("4000 caractères au plus."))])
    tags = StringField(_l("Mots-clés"), filters=[clean], validators=[Optional(), Length(max=120, message=_l("120 caractères au plus."))])
    attachment = FileField(_l("Pièce jointe : PDF, PNG ou JPEG"))


class AttachmentForm(FlaskForm):
    """One more attachment."""

    attachment = FileField(_l("Pièce jointe : PDF, PNG ou JPEG"))


class CommentForm(FlaskForm):
    """A comment on a good practice."""

    body = TextAreaField(_l("Votre commentaire"), filters=[clean], validators=[
        InputRequired(_l("Écrivez votre commentaire.")), Length(max=2000, message=_l("2000 caractères au plus."))])


def tag_list(text):
    """Tags typed with commas, cleaned: lowercase, at most 6, each at most 30 characters."""
    tags = []
    for raw in re.split(r"[,|#]+", text or ""):
        tag = re.sub(r"\s+", " ", raw).strip().lower()[:30]
        if tag and tag not in tags:
            tags.append(tag)
    return tags[:6]
