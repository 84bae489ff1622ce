"""Places that help, following the national "Lieux de médiation numérique" standard (v1.0.2).

Columns named in French are the standard's own fields, stored as given
(multi-valued fields pipe-separated); the others are the network's additions.
"""
import unicodedata

from peewee import (
    CharField,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    SmallIntegerField,
    TextField,
)

from ..db import utcnow
from ..extensions import db
from .accounts import Network, Structure, User
from .base import BaseModel, split_values

# The standard's fields, in the order of its schema (used for import and export).
STANDARD_FIELDS = (
    "id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse", "complement_adresse",
    "latitude", "longitude", "typologie", "telephone", "courriels", "site_web", "horaires",
    "presentation_resume", "presentation_detail", "source", "itinerance", "structure_parente",
    "date_maj", "services", "publics_specifiquement_adresses", "prise_en_charge_specifique",
    "frais_a_charge", "dispositif_programmes_nationaux", "formations_labels",
    "autres_formations_labels", "modalites_acces", "modalites_accompagnement",
    "fiche_acces_libre", "prise_rdv",
)


def departement_of(code_postal, code_insee=""):
    """The département code of a place, from its INSEE code when known, else its postcode."""
    code = code_insee or code_postal or ""
    if code.startswith("97") or code.startswith("98"):
        return code[:3]
    if code_insee:
        return code_insee[:2]
    if code.startswith("20"):  # Corsica: 2A below 20200, 2B from 20200
        return "2A" if code < "20200" else "2B"
    return code[:2]


# Places overseas keep their own clock: "open now" is read in the place's zone.
OVERSEAS_TIMEZONES = {
    "971": "America/Guadeloupe", "972": "America/Martinique", "973": "America/Cayenne",
    "974": "Indian/Reunion", "975": "America/Miquelon", "976": "Indian/Mayotte",
    "977": "America/St_Barthelemy", "978": "America/Marigot", "986": "Pacific/Wallis",
    "987": "Pacific/Tahiti", "988": "Pacific/Noumea",
}
DEFAULT_TIMEZONE = "Europe/Paris"


def timezone_of(departement):
    """The time zone of a département (metropolitan France unless overseas)."""
    return OVERSEAS_TIMEZONES.get(departement, DEFAULT_TIMEZONE)


def search_key(text):
    """A name as searched and sorted: no accents, lower case, words separated by one space."""
    plain = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in plain).split())


def derived_values(values):
    """The network's columns computed from the standard's ones (département, zone, search keys)."""
    departement = values.get("departement") or ""
    if values.get("code_postal"):
        departement = departement_of(values["code_postal"], values.get("code_insee"))
    timezone = values.get("timezone") or DEFAULT_TIMEZONE
    if timezone == DEFAULT_TIMEZONE or timezone in OVERSEAS_TIMEZONES.values():
        timezone = timezone_of(departement)
    return {
        "departement": departement,
        "timezone": timezone,
        "commune_key": search_key(values.get("commune")),
        "nom_key": search_key(values.get("nom"))[:200],
    }


class Place(BaseModel):
    """A place where a person can get help with digital tools."""

    # The national standard's fields.
    source_id = CharField(unique=True)  # the standard's "id"
    pivot = CharField(default="")
    nom = CharField()
    commune = CharField()
    code_postal = CharField(index=True)
    code_insee = CharField(default="", index=True)
    adresse = CharField()
    complement_adresse = CharField(default="")
    latitude = FloatField(null=True)
    longitude = FloatField(null=True)
    typologie = CharField(default="")
    telephone = CharField(default="")
    courriels = CharField(default="")
    site_web = TextField(default="")
    horaires = TextField(default="")
    presentation_resume = TextField(default="")
    presentation_detail = TextField(default="")
    source = CharField(default="")
    itinerance = CharField(default="")
    structure_parente = CharField(default="")
    date_maj = DateField()
    services = TextField(default="")
    publics_specifiquement_adresses = TextField(default="")
    prise_en_charge_specifique = TextField(default="")
    frais_a_charge = CharField(default="")
    dispositif_programmes_nationaux = TextField(default="")
    formations_labels = TextField(default="")
    autres_formations_labels = TextField(default="")
    modalites_acces = TextField(default="")
    modalites_accompagnement = TextField(default="")
    fiche_acces_libre = TextField(default="")
    prise_rdv = TextField(default="")

    # The network's additions.
    departement = CharField(default="", index=True)
    network = ForeignKeyField(Network, null=True, backref="places", on_delete="SET NULL")
    structure = ForeignKeyField(Structure, null=True, backref="places", on_delete="SET NULL")
    timezone = CharField(default="Europe/Paris", index=True)
    kinds_of_help = CharField(default="")  # assistance|mediation|nudge|equipment|solidarity
    equipment = CharField(default="")  # computers|wifi|printer|scanner
    languages = CharField(default="")  # language codes spoken: fr|en|ar...
    accessibility = TextField(default="")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow, index=True)
    updated_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    # Search keys, kept in step with `commune` and `nom` by save().
    commune_key = CharField(default="", index=True)
    nom_key = CharField(default="", index=True)

    def save(self, *args, **kwargs):
        """Save, keeping the derived columns and the search index (tags, opening spans) in step."""
        for name, value in derived_values(self.__data__).items():
            setattr(self, name, value)
        with db.atomic():
            saved = super().save(*args, **kwargs)
            from ..places.index import reindex

            reindex([self])
        return saved

    class Meta:
        # Distance searches narrow by a bounding box read from this index alone.
        indexes = ((("latitude", "longitude"), False),)

    def values(self, field):
        """A multi-valued field as a list."""
        return split_values(getattr(self, field))

    @property
    def first_email(self):
        """The place's first contact address, where orientations are sent."""
        emails = self.values("courriels")
        return emails[0] if emails else ""


class PlaceTag(BaseModel):
    """One value a place can be searched by (a kind of help, a service...): an indexed copy."""

    place = ForeignKeyField(Place, backref="tags", on_delete="CASCADE")
    facet = CharField(max_length=16)  # help, service, public, support, fee
    value = CharField()

    class Meta:
        indexes = ((("facet", "value", "place"), True),)


class PlaceHours(BaseModel):
    """One opening span of a place, in minutes of local time, so "open now" is an indexed query.

    `day` is the weekday (0 = Monday); 7 + weekday holds the hours of a public
    holiday falling on that weekday, with a (-1, -1) row marking that the
    holiday rule applies even when it says "closed".
    """

    place = ForeignKeyField(Place, backref="opening_spans", on_delete="CASCADE")
    zone = CharField(max_length=40)  # the place's time zone, so "open now" never reads the place
    day = SmallIntegerField()
    start = SmallIntegerField()
    end = SmallIntegerField()

    class Meta:
        indexes = ((("zone", "day", "start", "end", "place"), False),)


MODELS = [Place, PlaceTag, PlaceHours]
