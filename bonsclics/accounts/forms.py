"""Forms for signing in, resetting and changing a password, and the second factor."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Regexp, ValidationError

from ..i18n import LANGUAGES
from .passwords import MAX_LENGTH, password_problem

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def valid_email(form, field):
    """A plausible email address (one @, a dot in the domain, no spaces)."""
    import re

    if field.data and not re.match(EMAIL_PATTERN, field.data.strip()):
        raise ValidationError(_l("Saisissez une adresse mail complète, par exemple nom@exemple.fr."))


def acceptable_password(form, field):
    """The new password follows the policy (length, not common)."""
    inputs = [getattr(form, "email_hint", "")]
    problem = password_problem(field.data or "", inputs)
    if problem:
        raise ValidationError(problem)


def same_as(other_name):
    """The field repeats the field `other_name`."""

    def check(form, field):
        if field.data != form[other_name].data:
            raise ValidationError(_l("Les deux mots de passe ne sont pas identiques."))

    return check


class LoginForm(FlaskForm):
    """Email and password."""

    email = EmailField(
        _l("Adresse mail"),
        validators=[InputRequired(_l("Saisissez votre adresse mail.")), Length(max=254), valid_email],
    )
    password = PasswordField(
        _l("Mot de passe"),
        validators=[InputRequired(_l("Saisissez votre mot de passe.")), Length(max=MAX_LENGTH)],
    )


class ResetRequestForm(FlaskForm):
    """The address to send a reset link to."""

    email = EmailField(
        _l("Adresse mail"),
        validators=[InputRequired(_l("Saisissez votre adresse mail.")), Length(max=254), valid_email],
    )


class NewPasswordForm(FlaskForm):
    """A new password, typed twice."""

    password = PasswordField(
        _l("Nouveau mot de passe"),
        validators=[InputRequired(_l("Choisissez un mot de passe.")), acceptable_password],
    )
    confirm = PasswordField(
        _l("Le même mot de passe, une seconde fois"),
        validators=[InputRequired(_l("Saisissez le mot de passe une seconde fois.")), same_as("password")],
    )


class ChangePasswordForm(NewPasswordForm):
    """The current password, then a new one typed twice."""

    current = PasswordField(
        _l("Mot de passe actuel"),
        validators=[InputRequired(_l("Saisissez votre mot de passe actuel.")), Length(max=MAX_LENGTH)],
    )


class PreferencesForm(FlaskForm):
    """The account's language."""

    locale = SelectField(
        _l("Langue de l'interface"),
        choices=[SelectChoice(lang.code, lang.name, render_kw={"lang": lang.code.replace("_", "-")}) for lang in LANGUAGES],
        validate_choice=True,
    )


class LoginCodeForm(FlaskForm):
    """The code from the authenticator app, or a recovery code."""

    code = StringField(
        _l("Code"),
        validators=[InputRequired(_l("Saisissez le code.")), Length(max=40, message=_l("Ce code est trop long."))],
    )


class EnrolCodeForm(FlaskForm):
    """The first code shown by the app, proving it was set up right."""

    code = StringField(
        _l("Code à 6 chiffres affiché par l'application"),
        validators=[
            InputRequired(_l("Saisissez le code à 6 chiffres affiché par l'application.")),
            Regexp(r"^\s*\d{6}\s*$", message=_l("Le code a 6 chiffres, sans lettres.")),
        ],
    )


class CurrentPasswordForm(FlaskForm):
    """The current password, to confirm a change that lowers or renews protection."""

    current = PasswordField(
        _l("Mot de passe actuel"),
        validators=[InputRequired(_l("Saisissez votre mot de passe actuel.")), Length(max=MAX_LENGTH)],
    )
