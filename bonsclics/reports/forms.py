"""Forms of the reports: the filters (a GET form), the printed report's text, the impact question."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from ..agenda.forms import one_of, valid_date
from ..choices import options
from ..models.reports import IMPACT_ALONE, IMPACT_NOT_YET, IMPACT_WITH_HELP
from ..pro.forms import Radio

MAX_DAYS = 5 * 366
PRINT_TEXT_MAX = 600


class FilterForm(FlaskForm):
    """Period, place, public and time step of a report (no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    start = StringField(_l("Du"), validators=[Optional(), Length(max=20), valid_date], render_kw={"type": "date"})
    end = StringField(_l("Au"), validators=[Optional(), Length(max=20), valid_date], render_kw={"type": "date"})
    departement = SelectField(_l("Département"), validate_choice=False,
                              validators=[one_of("choices", _l("Choisissez un département de la liste."))])
    structure = SelectField(_l("Structure"), validate_choice=False,
                            validators=[one_of("choices", _l("Choisissez une structure de la liste."))])
    public = SelectField(_l("Public (profil du diagnostic)"), validate_choice=False,
                         validators=[one_of("choices", _l("Choisissez un public de la liste."))])
    grain = SelectField(_l("Évolution par"), validate_choice=False,
                        validators=[one_of("choices", _l("Choisissez semaine, mois, trimestre ou année."))])

    def validate_end(self, field):
        """The period goes forward and lasts five years at most."""
        start, end = getattr(self.start, "date", None), getattr(field, "date", None)
        if start and end and end < start:
            raise ValidationError(_l("La fin de la période doit venir après son début."))
        if start and end and (end - start).days > MAX_DAYS:
            raise ValidationError(_l("Choisissez une période de cinq ans au plus."))


class PrintForm(FlaskForm):
    """The short free text of the printed activity report (not stored: it is only printed)."""

    class Meta:
        csrf = False

    text = TextAreaField(_l("Quelques mots pour les financeurs et partenaires"),
                         validators=[Optional(), Length(max=PRINT_TEXT_MAX,
                                                        message=_l("Le texte est trop long (600 caractères au plus)."))])


IMPACT_CHOICES = [(IMPACT_ALONE, _l("Oui, seul·e")), (IMPACT_WITH_HELP, _l("Oui, avec de l'aide")),
                  (IMPACT_NOT_YET, _l("Pas encore"))]


class ImpactForm(FlaskForm):
    """"Have you done it for real since?" for one service."""

    service = SelectField(_l("Démarche"), validate_choice=False,
                          validators=[InputRequired(_l("Choisissez la démarche.")),
                                      one_of("choices", _l("Choisissez une démarche de la liste."))])
    answer = Radio(_l("Avez-vous fait la vraie démarche depuis ?"), choices=options(IMPACT_CHOICES),
                        validators=[InputRequired(_l("Choisissez une réponse."))])
