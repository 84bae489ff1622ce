"""Forms of the places area: the search filters, a place's record, a file to import."""
import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..choices import options, values
from . import hours, standard, vocabulary
from .search import WEEKDAYS

EMAIL = re.compile(r"^[^@\s|]+@[^@\s|]+\.[^@\s|]+$")
URL = re.compile(r"^https?://[^\s|]+\.[^\s|]+$", re.I)
CHAR_MAX = 255  # the length of a short text column


class Choice(SelectField):
    """A select whose unknown values get a plain French message."""

    def pre_validate(self, form):
        """Refuse a value that is not one of the choices."""
        if self.data not in values(self.choices):
            raise ValidationError(_("Choisissez une valeur de la liste."))


class Checkboxes(SelectMultipleField):
    """Several values ticked in a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        """Refuse values that are not choices."""
        allowed = set(values(self.choices))
        if any(value not in allowed for value in self.data or []):
            raise ValidationError(_("Cochez des valeurs de la liste."))

    def joined(self):
        """The ticked values in the order of the choices, joined by "|"."""
        ticked = set(self.data or [])
        return "|".join(value for value in values(self.choices) if value in ticked)


# --- Search ------------------------------------------------------------------------------

class SearchForm(FlaskForm):
    """The search filters: a GET form, its values in the URL."""

    class Meta:
        csrf = False

    where = StringField(_l("Code postal, ville ou département"),
                        validators=[Optional(), Length(max=80, message=_l("80 caractères au plus."))])
    help = Choice(_l("Pour quelle aide ?"), default="")
    service = Choice(_l("Service"), default="")
    public = Choice(_l("Public"), default="")
    support = Choice(_l("Accompagnement adapté"), default="")
    free = BooleanField(_l("Gratuit seulement"))
    when = Choice(_l("Quand ?"), default="")
    radius = Choice(_l("Distance"), default="")
    lat = HiddenField()
    lon = HiddenField()
    network = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from babel.dates import get_day_names
        from flask_babel import get_locale

        self.help.choices = options([("", _("Toutes les aides"))] + vocabulary.choices("kinds_of_help"))
        self.service.choices = options([("", _("Tous les services"))] + vocabulary.choices("services"))
        self.public.choices = options([("", _("Tous les publics"))] + vocabulary.choices("publics_specifiquement_adresses"))
        self.support.choices = options([("", _("Pas de besoin particulier"))]
                                      + vocabulary.choices("prise_en_charge_specifique"))
        days = get_day_names("wide", locale=str(get_locale()))
        self.when.choices = options([("", _("N'importe quand")), ("now", _("Ouvert maintenant")),
                                     ("today", _("Ouvert aujourd'hui")), ("tomorrow", _("Ouvert demain"))] + [
            (day, _("Ouvert le %(day)s", day=days[int(day)])) for day in WEEKDAYS])
        self.radius.choices = options([("", _("Toutes distances"))] + [
            (km, _("À moins de %(km)s km", km=km)) for km in (5, 10, 20, 50)])

    def validate_lat(self, field):
        """A latitude sent by the browser's position, if any."""
        _coordinate(field, 90)

    def validate_lon(self, field):
        """A longitude sent by the browser's position, if any."""
        _coordinate(field, 180)

    def point(self):
        """(lat, lon) from the browser's position, or None."""
        if self.lat.data and self.lon.data and not (self.lat.errors or self.lon.errors):
            return float(self.lat.data), float(self.lon.data)
        return None

    def has_filters(self):
        """True when anything else than "where" narrows the search (opens the extra filters)."""
        return any(getattr(self, name).data for name in ("service", "public", "support", "free", "when", "radius"))


def _coordinate(field, limit):
    if not field.data:
        return
    try:
        value = float(field.data)
    except ValueError:
        raise ValidationError(_("Position non comprise.")) from None
    if not -limit <= value <= limit:
        raise ValidationError(_("Position non comprise."))


# --- A place's record ----------------------------------------------------------------------

def _standard_pattern(name, message):
    """A validator applying the schema's own pattern for `name`."""

    def check(form, field):
        if field.data and not re.match("^{0}$".format(standard.fields()[name]["constraints"]["pattern"]), field.data):
            raise ValidationError(message)

    return check


def _opening_hours(form, field):
    """Opening hours in the OSM syntax the app understands, with its clear message."""
    if field.data:
        try:
            hours.parse(field.data)
        except hours.OpeningHoursError as error:
            raise ValidationError(str(error)) from None


def _several(pattern, message):
    """Several values separated by "|", commas, semicolons or spaces, each matching `pattern`."""

    def check(form, field):
        values = [v for v in re.split(r"[\s|,;]+", field.data or "") if v]
        bad = [v for v in values if not pattern.match(v)]
        if bad:
            raise ValidationError(message % {"value": bad[0]})
        field.data = "|".join(values)

    return check


def _url(form, field):
    if field.data and not URL.match(field.data):
        raise ValidationError(_("Écrivez une adresse internet complète, qui commence par https://"))


def _text(label, required=None, max_length=CHAR_MAX, area=False):
    """A text field trimmed of spaces, required when `required` is its message."""
    validators = [InputRequired(required)] if required else [Optional()]
    validators.append(Length(max=max_length, message=_l("%(max)d caractères au plus.", max=max_length)))
    kind = TextAreaField if area else StringField
    return kind(label, validators=validators, filters=[lambda value: value.strip() if isinstance(value, str) else value])


def _checkboxes(label, field):
    return Checkboxes(label, choices=lambda: options(vocabulary.choices(field)), validators=[Optional()])


class PlaceForm(FlaskForm):
    """Everything the national standard and the network say about a place."""

    nom = _text(_l("Nom du lieu"), _l("Donnez le nom du lieu."))
    owner = Choice(_l("Le lieu dépend de"))
    presentation_resume = _text(_l("Présentation courte"), max_length=280, area=True)
    presentation_detail = _text(_l("Présentation détaillée"), max_length=5000, area=True)
    kinds_of_help = _checkboxes(_l("Ce que le lieu propose"), "kinds_of_help")
    services = _checkboxes(_l("Services (standard national)"), "services")
    adresse = _text(_l("Adresse (numéro et rue)"), _l("Indiquez l'adresse du lieu."))
    complement_adresse = _text(_l("Complément d'adresse"))
    code_postal = _text(_l("Code postal"), _l("Indiquez le code postal."), max_length=5)
    commune = _text(_l("Ville"), _l("Indiquez la ville."))
    code_insee = _text(_l("Code INSEE de la commune"), max_length=5)
    latitude = _text(_l("Latitude"), max_length=20)
    longitude = _text(_l("Longitude"), max_length=20)
    itinerance = _checkboxes(_l("Lieu fixe ou itinérant"), "itinerance")
    telephone = _text(_l("Téléphone"), max_length=30)
    courriels = _text(_l("Adresses mail"))
    site_web = _text(_l("Sites internet"), max_length=2000, area=True)
    prise_rdv = _text(_l("Adresse de prise de rendez-vous en ligne"), max_length=2000)
    modalites_acces = _checkboxes(_l("Comment venir"), "modalites_acces")
    horaires = _text(_l("Horaires d'ouverture"), max_length=1000)
    publics_specifiquement_adresses = _checkboxes(_l("Publics accueillis en particulier"), "publics_specifiquement_adresses")
    prise_en_charge_specifique = _checkboxes(_l("Accompagnement adapté"), "prise_en_charge_specifique")
    languages = _checkboxes(_l("Langues parlées"), "languages")
    modalites_accompagnement = _checkboxes(_l("Façons d'accompagner"), "modalites_accompagnement")
    frais_a_charge = _checkboxes(_l("Tarifs"), "frais_a_charge")
    equipment = _checkboxes(_l("Équipements à disposition"), "equipment")
    accessibility = _text(_l("Accessibilité"), max_length=2000, area=True)
    fiche_acces_libre = _text(_l("Fiche Accès libre (adresse internet)"), max_length=2000)
    pivot = _text(_l("SIRET ou numéro RNA"), _l("Indiquez le SIRET ou le numéro RNA."), max_length=14)
    typologie = _text(_l("Type de structure (codes data.inclusion)"))
    structure_parente = _text(_l("Structure parente"))
    source = _text(_l("Structure qui collecte ces informations"))
    dispositif_programmes_nationaux = _checkboxes(_l("Dispositifs et programmes nationaux"), "dispositif_programmes_nationaux")
    formations_labels = _checkboxes(_l("Formations et labels"), "formations_labels")
    autres_formations_labels = _text(_l("Autres formations et labels"))

    def validate_code_postal(self, field):
        """Five digits, as the standard says."""
        _standard_pattern("code_postal", _("Le code postal s'écrit avec 5 chiffres, par exemple 59000."))(self, field)

    def validate_code_insee(self, field):
        """The INSEE code, when given."""
        _standard_pattern("code_insee", _("Le code INSEE s'écrit avec 5 caractères, par exemple 59350 ou 2A004."))(self, field)

    def validate_pivot(self, field):
        """SIRET or RNA number."""
        field.data = re.sub(r"\s", "", field.data or "")
        _standard_pattern("pivot", _("Écrivez le SIRET (14 chiffres) ou le numéro RNA (W suivi de 9 chiffres), "
                                     "sans espace."))(self, field)

    def validate_telephone(self, field):
        """A phone number, accepted the French way and stored the standard's way."""
        field.data = standard.normalise_phone(field.data)
        _standard_pattern("telephone", _("Écrivez un numéro de téléphone français, par exemple 03 20 00 00 00 "
                                         "ou +33320000000."))(self, field)

    def validate_courriels(self, field):
        """Mail addresses."""
        _several(EMAIL, _("Adresse mail non valide : « %(value)s ». Exemple : accueil@exemple.fr"))(self, field)

    def validate_site_web(self, field):
        """Web addresses."""
        _several(URL, _("Adresse internet non valide : « %(value)s ». Elle doit commencer par https://"))(self, field)

    validate_prise_rdv = staticmethod(_url)
    validate_fiche_acces_libre = staticmethod(_url)
    validate_horaires = staticmethod(_opening_hours)

    def validate_latitude(self, field):
        """A latitude, with a point or a comma."""
        _decimal(field, 90)

    def validate_longitude(self, field):
        """A longitude, with a point or a comma."""
        _decimal(field, 180)

    def validate(self, extra_validators=None):
        """The fields' checks, then: coordinates come in pairs."""
        valid = super().validate(extra_validators)
        given = [bool(self.latitude.data), bool(self.longitude.data)]
        if any(given) and not all(given):
            missing = self.longitude if given[0] else self.latitude
            missing.errors = [*missing.errors, _("Indiquez la latitude et la longitude, ou aucune des deux.")]
            valid = False
        return valid


def _decimal(field, limit):
    """A coordinate: a number within ±limit (a comma is read as a point)."""
    field.data = (field.data or "").replace(",", ".")
    if not field.data:
        return
    try:
        value = float(field.data)
    except ValueError:
        raise ValidationError(_("Écrivez un nombre, par exemple 50.6292.")) from None
    if not -limit <= value <= limit:
        raise ValidationError(_("Ce nombre doit être entre -%(limit)d et %(limit)d.", limit=limit))


# The place's columns the form fills, in the order of the form.
PLACE_COLUMNS = (
    "nom", "presentation_resume", "presentation_detail", "kinds_of_help", "services", "adresse",
    "complement_adresse", "code_postal", "commune", "code_insee", "latitude", "longitude", "itinerance",
    "telephone", "courriels", "site_web", "prise_rdv", "modalites_acces", "horaires",
    "publics_specifiquement_adresses", "prise_en_charge_specifique", "languages", "modalites_accompagnement",
    "frais_a_charge", "equipment", "accessibility", "fiche_acces_libre", "pivot", "typologie",
    "structure_parente", "source", "dispositif_programmes_nationaux", "formations_labels",
    "autres_formations_labels",
)


class ImportForm(FlaskForm):
    """A file in the national standard, and where its new places go."""

    file = FileField(_l("Fichier CSV ou JSON"))
    owner = Choice(_l("Les nouveaux lieux dépendent de"))

    def validate_file(self, field):
        """A file must be chosen."""
        if not getattr(field.data, "filename", None):
            raise ValidationError(_("Choisissez un fichier CSV ou JSON."))
