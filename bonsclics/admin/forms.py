"""Forms of the administration: networks and accounts."""
import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import InputRequired, Length, Optional, Regexp, ValidationError

from ..choices import options
from ..pro.forms import Radio

DEPARTEMENT = re.compile(r"^(0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6])$")


def departement_list(form, field):
    """Département codes separated by spaces or commas: 59, 2A, 974..."""
    codes = [c for c in re.split(r"[\s,|]+", (field.data or "").strip().upper()) if c]
    bad = [c for c in codes if not DEPARTEMENT.match(c)]
    if bad:
        raise ValidationError(_l("Codes de département inconnus : %(codes)s. Exemple : 59, 62, 2A, 974.", codes=", ".join(bad)))
    field.codes = codes


class NetworkForm(FlaskForm):
    """A new network."""

    name = StringField(_l("Nom du réseau"), validators=[InputRequired(_l("Donnez un nom au réseau.")), Length(max=120)])
    slug = StringField(
        _l("Identifiant court (dans les adresses)"),
        validators=[
            InputRequired(_l("Choisissez un identifiant court.")),
            Length(max=60),
            Regexp(r"^[a-z0-9-]+$", message=_l("Lettres minuscules sans accent, chiffres et tirets seulement.")),
        ],
    )
    departements = StringField(
        _l("Départements couverts"),
        validators=[InputRequired(_l("Indiquez au moins un département.")), Length(max=200), departement_list],
    )


class AccountRoleForm(FlaskForm):
    """An account's global role."""

    role = SelectField(_l("Rôle"), validators=[InputRequired()])
    network = SelectField(_l("Réseau coordonné"), validators=[Optional()], coerce=str)


class RemoveSecondFactorForm(FlaskForm):
    """How the administrator made sure the person asking is the account's owner."""

    identity_check = Radio(
        _l("Comment avez-vous vérifié que c'est bien cette personne ?"),
        choices=options([
            ("in-person", _l("En personne, avec une pièce d'identité")),
            ("structure-call-back", _l("En rappelant sa structure à un numéro déjà connu")),
            ("manager-vouches", _l("Un·e responsable de sa structure l'a confirmé par écrit")),
        ]),
        validators=[InputRequired(_l("Choisissez comment vous avez vérifié son identité."))],
    )
