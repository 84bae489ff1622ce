"""The attestation form: the name the person wants on their attestation."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

NAME_MAX_LENGTH = 60


def _tidy(value):
    """Spaces at the ends and repeated spaces do not count."""
    return " ".join(value.split()) if isinstance(value, str) else value


class AttestationForm(FlaskForm):
    """The chosen name, kept only on the resume code (for printing the attestation again)."""

    name = StringField(
        _l("Le nom à écrire sur l'attestation"),
        filters=[_tidy],
        validators=[
            DataRequired(_l("Écrivez le nom à mettre sur l'attestation, par exemple votre prénom et votre nom.")),
            Length(max=NAME_MAX_LENGTH, message=_l("Ce nom est trop long : %(max)d caractères au plus.",
                                                   max=NAME_MAX_LENGTH)),
        ],
    )
