"""The form to type a resume code."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import InputRequired, Length


class ResumeCodeForm(FlaskForm):
    """A resume code, as written on the person's paper."""

    code = StringField(
        _l("Votre code"),
        validators=[InputRequired(_l("Écrivez votre code, par exemple K7QM-3TXP.")), Length(max=40)],
    )
