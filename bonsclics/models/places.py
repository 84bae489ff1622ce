"""Places that help, following the national "Lieux de médiation numérique" standard (v1.0.2).

Columns named in French are the standard's own fields, stored as given
(multi-valued fields pipe-separated); the others are the network's additions.
"""
from peewee import (
    CharField,
    DateField,
    DateTimeField,
    FloatField,
    ForeignKeyField,
    TextField,
)

from ..db import utcnow
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
    timezone = CharField(default="Europe/Paris")
    kinds_of_help = CharField(default="")  # assistance|mediation|nudge|equipment|solidarity
    equipment = CharField(default="")  # computers|wifi|printer|scanner
    languages = CharField(default="")  # language codes spoken: fr|en|ar...
    accessibility = TextField(default="")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow, index=True)
    updated_by = ForeignKeyField(User, null=True, on_delete="SET NULL")

    def values(self, field):
        """A multi-valued field as a list."""
        return split_values(getattr(self, field))

    @property
    def first_email(self):
        """The place's first contact address, where orientations are sent."""
        emails = self.values("courriels")
        return emails[0] if emails else ""


MODELS = [Place]
