"""The diagnostic's forms (the question screens are read explicitly: see `screens.py`)."""
import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp, ValidationError

from ..choices import options, values

NOTES_MAX = 2000
PSEUDONYM_MAX = 60


class InChoices:
    """The value must be one of the field's choices (with a message in plain French)."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        """Refuse any value that is not offered."""
        if field.data not in values(field.choices):
            raise ValidationError(self.message)


class StartForm(FlaskForm):
    """Start a diagnostic, alone or with someone beside the person (one button each)."""

    mode = RadioField(
        _l("Comment faites-vous le point ?"),
        choices=options([("alone", _l("Seul·e")), ("with-helper", _l("Avec une personne qui m'aide"))]),
        validate_choice=False,
        validators=[InputRequired(_l("Choisissez : seul·e, ou avec une personne qui vous aide.")),
                    InChoices(_l("Choisissez : seul·e, ou avec une personne qui vous aide."))],
    )


class AssistedStartForm(FlaskForm):
    """A helper starts a diagnostic with a person (assisted mode)."""

    structure = SelectField(_l("Pour quelle structure ?"), validate_choice=False)

    def validate_structure(self, field):
        """One of the helper's structures; nothing to choose when the helper has only one."""
        allowed = values(field.choices)
        if len(allowed) == 1 and not field.data:
            field.data = allowed[0]
        if allowed and field.data not in allowed:
            raise ValidationError(_l("Choisissez une de vos structures dans la liste."))


class PostcodeForm(FlaskForm):
    """Where to look for places nearby."""

    postcode = StringField(
        _l("Votre code postal"),
        filters=[lambda value: re.sub(r"\s+", "", value or "")],
        validators=[
            InputRequired(_l("Écrivez votre code postal, par exemple 59000.")),
            Regexp(r"^\d{5}$", message=_l("Le code postal a 5 chiffres, par exemple 59000.")),
        ],
    )


class NotesForm(FlaskForm):
    """The helper's notes on a result."""

    notes = TextAreaField(
        _l("Notes de l'accompagnant·e"),
        validators=[Optional(), Length(max=NOTES_MAX, message=_l("Les notes font au plus 2000 caractères."))],
    )


CONSENT_HOW = [("in-person", _l("En personne, de vive voix")), ("phone", _l("Par téléphone"))]


class AttachForm(FlaskForm):
    """Attach a result to a learner record, existing or new, with the person's consent."""

    learner = SelectField(_l("Fiche de la personne"), validate_choice=False)
    pseudonym = StringField(
        _l("Prénom ou pseudonyme (nouvelle fiche)"),
        filters=[lambda value: (value or "").strip()],
        validators=[Length(max=PSEUDONYM_MAX, message=_l("Le prénom ou pseudonyme fait au plus 60 caractères."))],
    )
    structure = SelectField(_l("Structure de la nouvelle fiche"), validate_choice=False)
    consent = BooleanField(
        _l("La personne est d'accord pour que ce résultat soit gardé sur sa fiche, dans notre structure."),
        validators=[DataRequired(_l("Cochez la case seulement si la personne a donné son accord."))],
    )
    consent_how = RadioField(
        _l("Comment l'accord a-t-il été donné ?"), choices=options(CONSENT_HOW), validate_choice=False,
        validators=[InputRequired(_l("Dites comment la personne a donné son accord.")),
                    InChoices(_l("Dites comment la personne a donné son accord."))],
    )

    def validate_learner(self, field):
        """An existing record of the helper's structures, or "new" with a pseudonym."""
        allowed = set(values(field.choices))
        if field.data not in allowed:
            raise ValidationError(_l("Choisissez une fiche dans la liste, ou « Nouvelle fiche »."))

    def validate_pseudonym(self, field):
        """A new record needs a first name or a pseudonym."""
        if self.learner.data == "new" and not field.data:
            raise ValidationError(_l("Écrivez un prénom ou un pseudonyme pour la nouvelle fiche."))

    def validate_structure(self, field):
        """A new record belongs to one of the helper's structures."""
        if self.learner.data == "new" and field.data not in values(field.choices):
            raise ValidationError(_l("Choisissez une de vos structures dans la liste."))


def screening_form_class(questions, label_of):
    """A form with one radio group per "repérage" question (the questions come from screening.yaml)."""

    class ScreeningForm(FlaskForm):
        """The "repérage" questions."""

    for question in questions:
        field = RadioField(
            label_of(question["question"]),
            choices=options((o["id"], label_of(o["label"])) for o in question["options"]),
            validate_choice=False,
            validators=[InputRequired(_l("Choisissez une réponse à cette question.")),
                        InChoices(_l("Choisissez une des réponses proposées."))],
        )
        setattr(ScreeningForm, f"q_{question['id'].replace('-', '_')}", field)
    return ScreeningForm
