"""The words an orientation is written in, shared with the places directory.

Services and specific support are the values of the national standard for
digital mediation places (the `services` and `prise_en_charge_specifique`
fields of `Place`); kinds of help are the network's own words (`Place.kinds_of_help`).
Stored values stay in the standard's French; labels are translated for display.
"""
from babel.dates import get_day_names
from babel.numbers import format_decimal
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from ..places.vocabulary import STANDARD_LABELS, language_name

KINDS_OF_HELP = {
    "assistance": _l("Faire une démarche avec la personne"),
    "mediation": _l("Apprendre à utiliser le numérique"),
    "nudge": _l("Premiers pas, donner envie"),
    "equipment": _l("Accès à un ordinateur, au wifi, à une imprimante"),
    "solidarity": _l("Matériel ou connexion à prix solidaire"),
}

SERVICES = STANDARD_LABELS["services"]  # the places directory's labels of the standard's services

SPECIFIC_SUPPORT = {
    "Surdité": _l("Surdité"),
    "Déficience visuelle": _l("Déficience visuelle"),
    "Handicaps moteurs": _l("Handicap moteur"),
    "Handicaps mentaux": _l("Handicap mental"),
    "Illettrisme": _l("Ne lit pas ou peu le français"),
}

# Languages a person may need, by code as in `Place.languages` (named by babel).
LANGUAGE_CODES = ("en", "ar", "es", "pt", "tr", "ro", "ru", "uk", "fa", "ps", "ta", "zh", "bm", "wo", "sq")

CONSENT_HOWS = {"in-person": _l("En personne"), "phone": _l("Par téléphone")}
CONSENT_SHARED = {"name": _l("son prénom ou ses initiales"), "contact": _l("ses coordonnées pour être contactée")}

URGENCIES = {
    "normal": _l("Pas urgent"),
    "soon": _l("Dans la semaine"),
    "urgent": _l("Urgent (sous 48 heures)"),
}

MOBILITIES = {
    "none": _l("Pas de difficulté pour se déplacer"),
    "near": _l("Doit rester près de chez elle (moins de 5 km)"),
    "step-free": _l("A besoin d'un accès sans marche"),
}

REFUSAL_REASONS = {
    "full": _l("Plus de place, délai trop long"),
    "service": _l("Nous ne proposons pas ce service"),
    "area": _l("La personne n'habite pas notre secteur"),
    "public": _l("Nous n'accueillons pas ce public"),
    "unreachable": _l("Impossible de joindre la personne"),
    "other": _l("Autre raison"),
}

# Status in words, and the tag class that repeats it in colour (never colour alone).
STATUS_LABELS = {
    "sent": _l("Envoyée, en attente de réponse"),
    "accepted": _l("Acceptée"),
    "appointment": _l("Rendez-vous donné"),
    "done": _l("Aide faite"),
    "no_show": _l("Personne pas venue"),
    "refused": _l("Refusée"),
    "redirected": _l("Réorientée ailleurs"),
    "expired": _l("Expirée sans réponse"),
}
STATUS_TAGS = {
    "accepted": "tag--ok", "appointment": "tag--ok", "done": "tag--ok",
    "no_show": "tag--bad", "refused": "tag--bad", "expired": "tag--bad",
}
# How the place answers, said from its side.
ANSWER_LABELS = {
    "accepted": _l("Nous acceptons : nous attendons la personne"),
    "appointment": _l("Nous avons donné un rendez-vous"),
    "done": _l("La personne est venue, l'aide est faite"),
    "no_show": _l("La personne n'est pas venue"),
    "refused": _l("Nous ne pouvons pas l'accueillir"),
    "redirected": _l("Nous l'envoyons vers un autre lieu"),
}

# What a suggestion says about each criterion: (met, not met, unknown).
CHECK_LABELS = {
    "need": (_l("Propose ce genre d'aide"), _l("Ne propose pas ce genre d'aide"), ""),
    "days": (_l("Ouvert un des jours choisis"), _l("Fermé les jours choisis"), _l("Horaires inconnus")),
    "language": (_l("Parle la langue demandée"), _l("Ne parle pas la langue demandée"), ""),
    "near": (_l("À moins de 5 km"), _l("À plus de 5 km, ou distance inconnue"), ""),
    "step_free": (_l("Accès adapté indiqué"), _l("Accès adapté non indiqué"), ""),
    "support": (_l("Accompagne ces besoins particuliers"), _l("N'indique pas ces besoins particuliers"), ""),
}

EVENT_LABELS = {
    "created": _l("Orientation envoyée"),
    "reminder": _l("Relance envoyée au lieu"),
    "link-sent": _l("Nouveau lien de réponse envoyé au lieu"),
    "consent-withdrawn": _l("Accord retiré : données de la personne effacées"),
    "anonymised": _l("Données de la personne effacées (durée de conservation passée)"),
}


def language_choices():
    """(code, name) of the languages a person may need, French first meaning "no constraint"."""
    from flask_babel import gettext as _

    return [("", _("Le français suffit"))] + [(code, language_name(code)) for code in LANGUAGE_CODES]


def day_names():
    """Monday to Sunday in the current interface language, Monday first."""
    names = get_day_names("wide", locale=str(get_locale() or "fr"))
    return [names[day] for day in range(7)]


def distance(km):
    """A distance in kilometres written for people ("3,4 km" in French)."""
    from flask_babel import gettext as _

    return _("%(km)s km", km=format_decimal(round(km, 1), format="#,##0.#", locale=str(get_locale() or "fr")))


def labels(mapping, values):
    """The display labels of stored values (unknown values shown as stored)."""
    return [str(mapping.get(value, value)) for value in values]
