"""Words shown for the standard's values and the network's own categories.

The allowed values come from the standard's schema (standard.vocabulary); this
module only gives each one its label for display. In French the label is the
value itself; other languages get theirs through the translation catalogues.
A test checks that every value of the schema has a label here.
"""
from babel import Locale
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from . import standard

STANDARD_LABELS = {
    "itinerance": {
        "Itinérant": _l("Itinérant"),
        "Fixe": _l("Fixe"),
    },
    "services": {
        "Aide aux démarches administratives": _l("Aide aux démarches administratives"),
        "Maîtrise des outils numériques du quotidien": _l("Maîtrise des outils numériques du quotidien"),
        "Insertion professionnelle via le numérique": _l("Insertion professionnelle via le numérique"),
        "Utilisation sécurisée du numérique": _l("Utilisation sécurisée du numérique"),
        "Parentalité et éducation avec le numérique": _l("Parentalité et éducation avec le numérique"),
        "Loisirs et créations numériques": _l("Loisirs et créations numériques"),
        "Compréhension du monde numérique": _l("Compréhension du monde numérique"),
        "Accès internet et matériel informatique": _l("Accès internet et matériel informatique"),
        "Acquisition de matériel informatique à prix solidaire": _l("Acquisition de matériel informatique à prix solidaire"),
    },
    "publics_specifiquement_adresses": {
        "Jeunes": _l("Jeunes"),
        "Étudiants": _l("Étudiants"),
        "Familles et/ou enfants": _l("Familles et/ou enfants"),
        "Seniors": _l("Seniors"),
        "Femmes": _l("Femmes"),
    },
    "prise_en_charge_specifique": {
        "Surdité": _l("Surdité"),
        "Handicaps moteurs": _l("Handicaps moteurs"),
        "Handicaps mentaux": _l("Handicaps mentaux"),
        "Illettrisme": _l("Illettrisme"),
        "Langues étrangères (anglais)": _l("Langues étrangères (anglais)"),
        "Langues étrangères (autres)": _l("Langues étrangères (autres)"),
        "Déficience visuelle": _l("Déficience visuelle"),
    },
    "frais_a_charge": {
        "Gratuit": _l("Gratuit"),
        "Gratuit sous condition": _l("Gratuit sous condition"),
        "Payant": _l("Payant"),
    },
    "dispositif_programmes_nationaux": {
        "Aidants Connect": _l("Aidants Connect"),
        "Bibliothèques numérique de référence": _l("Bibliothèques numérique de référence"),
        "Certification PIX": _l("Certification PIX"),
        "Conseillers numériques": _l("Conseillers numériques"),
        "Emmaüs Connect": _l("Emmaüs Connect"),
        "France Services": _l("France Services"),
        "Grande école du numérique": _l("Grande école du numérique"),
        "La Croix Rouge": _l("La Croix Rouge"),
        "Point d'accès numérique CAF": _l("Point d'accès numérique CAF"),
        "Promeneurs du net": _l("Promeneurs du net"),
        "Relais numérique (Emmaüs Connect)": _l("Relais numérique (Emmaüs Connect)"),
    },
    "formations_labels": {
        "Formé à « Mon Espace Santé »": _l("Formé à « Mon Espace Santé »"),
        "Formé à « DUPLEX » (illettrisme)": _l("Formé à « DUPLEX » (illettrisme)"),
        "Arnia/MedNum BFC (Bourgogne-Franche-Comté)": _l("Arnia/MedNum BFC (Bourgogne-Franche-Comté)"),
        "Collectif ressources et acteurs réemploi (Normandie)": _l("Collectif ressources et acteurs réemploi (Normandie)"),
        "Étapes numériques(La Poste)": _l("Étapes numériques (La Poste)"),
        "Fabriques de Territoire": _l("Fabriques de Territoire"),
        "Les Éclaireurs du numérique (Drôme)": _l("Les Éclaireurs du numérique (Drôme)"),
        "Mes Papiers (Métropole de Lyon)": _l("Mes Papiers (Métropole de Lyon)"),
        "ORDI 3.0": _l("ORDI 3.0"),
        "SUD LABS (PACA)": _l("SUD LABS (PACA)"),
    },
    "modalites_acces": {
        "Se présenter": _l("Se présenter"),
        "Téléphoner": _l("Téléphoner"),
        "Contacter par mail": _l("Contacter par mail"),
        "Prendre un RDV en ligne": _l("Prendre un RDV en ligne"),
        "Ce lieu n'accueille pas de public": _l("Ce lieu n'accueille pas de public"),
        "Envoyer un mail avec une fiche de prescription": _l("Envoyer un mail avec une fiche de prescription"),
    },
    "modalites_accompagnement": {
        "En autonomie": _l("En autonomie"),
        "Accompagnement individuel": _l("Accompagnement individuel"),
        "Dans un atelier collectif": _l("Dans un atelier collectif"),
        "À distance": _l("À distance"),
    },
}

# The network's kinds of help, in the words used with the person (and the diagnostic profiles).
KINDS_OF_HELP = {
    "assistance": _l("Faire une démarche avec vous"),
    "mediation": _l("Apprendre à utiliser le numérique"),
    "nudge": _l("Un coup de pouce pour une question"),
    "equipment": _l("Utiliser un ordinateur, internet, une imprimante"),
    "solidarity": _l("Acheter un appareil ou une connexion à petit prix"),
}

EQUIPMENT = {
    "computers": _l("Ordinateurs"),
    "wifi": _l("Wifi"),
    "printer": _l("Imprimante"),
    "scanner": _l("Scanner"),
}

# Languages a place may say it speaks (ISO 639 codes), named by babel in the reader's language.
SPOKEN_LANGUAGES = ("fr", "en", "ar", "kab", "es", "pt", "it", "de", "ro", "pl", "ru", "uk", "tr",
                    "fa", "ps", "ta", "ti", "zh", "vi", "wo", "bm", "so", "sw")

# A first guess of the kinds of help from the standard's services, for places imported from
# a file (the file says nothing of the network's categories); managers correct it.
KINDS_FROM_SERVICES = {
    "Aide aux démarches administratives": "assistance",
    "Maîtrise des outils numériques du quotidien": "mediation",
    "Insertion professionnelle via le numérique": "mediation",
    "Utilisation sécurisée du numérique": "mediation",
    "Parentalité et éducation avec le numérique": "mediation",
    "Loisirs et créations numériques": "mediation",
    "Compréhension du monde numérique": "nudge",
    "Accès internet et matériel informatique": "equipment",
    "Acquisition de matériel informatique à prix solidaire": "solidarity",
}


def label(field, value):
    """The label of one value of a standard field, or of the network's categories."""
    if field == "kinds_of_help":
        return KINDS_OF_HELP.get(value, value)
    if field == "equipment":
        return EQUIPMENT.get(value, value)
    if field == "languages":
        return language_name(value)
    return STANDARD_LABELS.get(field, {}).get(value, value)


def labels(field, values):
    """The labels of several values, in the given order."""
    return [str(label(field, value)) for value in values]


def choices(field):
    """(value, label) pairs for a form, in the schema's (or the network's) order."""
    if field == "kinds_of_help":
        return list(KINDS_OF_HELP.items())
    if field == "equipment":
        return list(EQUIPMENT.items())
    if field == "languages":
        return [(code, language_name(code)) for code in SPOKEN_LANGUAGES]
    return [(value, label(field, value)) for value in standard.vocabulary(field)]


def language_name(code):
    """A language's name in the reader's language ("arabe" in French; "fa_AF" is Dari, not Persian)."""
    try:
        names = Locale.parse(str(get_locale())).languages
    except (ValueError, TypeError):
        return code
    return names.get(code) or names.get(code.split("_")[0]) or code


def kinds_from_services(services):
    """The kinds of help suggested by a list of the standard's services, without repeats."""
    kinds = []
    for service in services:
        kind = KINDS_FROM_SERVICES.get(service)
        if kind and kind not in kinds:
            kinds.append(kind)
    return kinds
