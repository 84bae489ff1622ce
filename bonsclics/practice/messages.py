"""What a refused field says: the kind of message the real site shows, and what it means in plain words.

Each field of a path may override a message in its content file (`errors:
{required|format|expected: {site, plain}}`); otherwise the defaults below,
chosen by error code, field type and detail, apply.
"""
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from ..content import LocalText
from ..ui import tr

ANY = "*"

# (code, field type or ANY, detail or "") -> (site message, plain explanation)
DEFAULTS = {
    ("required", ANY, ""): (
        _l("Ce champ est obligatoire."),
        _l("La case est vide. Le site ne peut pas continuer sans cette information : vous la trouvez sur votre carte d'entraînement."),
    ),
    ("required", "select", ""): (
        _l("Veuillez sélectionner une valeur dans la liste."),
        _l("Rien n'est choisi. Ouvrez la liste et choisissez une réponse."),
    ),
    ("required", "radio", ""): (
        _l("Veuillez choisir une réponse."),
        _l("Aucune réponse n'est cochée. Cliquez sur une des réponses proposées."),
    ),
    ("required", "checkbox", ""): (
        _l("Vous devez cocher cette case pour continuer."),
        _l("Le site attend que vous cochiez la case. Lisez la phrase, puis cochez-la si elle est vraie pour vous."),
    ),
    ("required", "password", ""): (
        _l("Veuillez saisir votre mot de passe."),
        _l("La case du mot de passe est vide. Recopiez celui de votre carte d'entraînement."),
    ),
    ("format", ANY, ""): (
        _l("Le format saisi est incorrect."),
        _l("Ce que vous avez tapé n'a pas la forme attendue. Relisez l'aide sous la case et comparez avec votre carte."),
    ),
    ("format", ANY, "digits"): (
        _l("Le format saisi est incorrect."),
        _l("Les chiffres tapés ne sont pas les chiffres 0 à 9 attendus par le site : votre clavier écrit dans une autre langue. Passez au clavier français (ou « latin ») et retapez."),
    ),
    ("format", ANY, "choice"): (
        _l("Veuillez sélectionner une valeur dans la liste."),
        _l("Cette réponse ne fait pas partie de celles proposées. Choisissez une des réponses de la liste."),
    ),
    ("format", "password", "pattern"): (
        _l("Votre mot de passe ne respecte pas les règles de sécurité."),
        _l("Le site impose des règles (longueur, majuscules, chiffres). Relisez les règles affichées au-dessus."),
    ),
    ("format", "number", ""): (
        _l("Veuillez saisir un nombre entier."),
        _l("Tapez seulement des chiffres : pas de lettre, pas de virgule, pas d'unité."),
    ),
    ("format", "date", ""): (
        _l("La date doit être au format JJ/MM/AAAA."),
        _l("Écrivez le jour, le mois puis l'année, séparés par des barres obliques : 2 chiffres, 2 chiffres, 4 chiffres. Par exemple 05/09/1990."),
    ),
    ("format", "date", "year"): (
        _l("La date doit être au format JJ/MM/AAAA."),
        _l("L'année s'écrit avec ses 4 chiffres : 1985, et non 85."),
    ),
    ("format", "date", "invalid"): (
        _l("La date saisie n'existe pas."),
        _l("Ce jour n'existe pas dans le calendrier (un 31 février, un mois 13…). Le jour vient en premier, puis le mois, puis l'année."),
    ),
    ("format", "postcode", ""): (
        _l("Le code postal doit comporter 5 chiffres."),
        _l("Un code postal français a 5 chiffres, sans lettre. Par exemple 45000."),
    ),
    ("format", "nir", "length"): (
        _l("Le numéro de sécurité sociale doit comporter 15 caractères."),
        _l("Le numéro complet a 15 chiffres : 13 chiffres puis la clé de 2 chiffres. Il en manque ou il y en a trop. Les espaces ne comptent pas."),
    ),
    ("format", "nir", "format"): (
        _l("Le numéro de sécurité sociale saisi est invalide."),
        _l("Le numéro commence par 1 ou 2 et ne contient que des chiffres (seuls les départements de Corse s'écrivent 2A ou 2B). Vérifiez qu'aucune lettre ne s'est glissée."),
    ),
    ("format", "nir", "key"): (
        _l("Le numéro de sécurité sociale saisi est invalide."),
        _l("Les 2 derniers chiffres, la clé, servent à vérifier les 13 autres, et ils ne vont pas ensemble : un chiffre a sans doute été mal recopié ou inversé. Relisez le numéro par petits groupes."),
    ),
    ("format", "amount", ""): (
        _l("Le montant saisi est invalide."),
        _l("Tapez le montant en euros avec des chiffres, par exemple 820 ou 820,50. Si vous n'avez rien reçu, tapez 0."),
    ),
    ("format", "amount", "decimals"): (
        _l("Le montant saisi est invalide."),
        _l("Après la virgule, il y a au plus 2 chiffres : les centimes. Par exemple 820,50."),
    ),
    ("format", "amount", "negative"): (
        _l("Le montant doit être positif."),
        _l("Un montant reçu ne peut pas être négatif. Enlevez le signe moins."),
    ),
    ("format", "phone", ""): (
        _l("Le numéro de téléphone est invalide."),
        _l("Un numéro français a 10 chiffres et commence par 0, par exemple 06 12 34 56 78. Vous pouvez aussi l'écrire avec +33."),
    ),
    ("format", "email", ""): (
        _l("Le format de l'adresse mail est incorrect."),
        _l("Une adresse mail s'écrit sans espace, avec un @ au milieu et un point après : par exemple prenom.nom@exemple.fr."),
    ),
    ("format", "email", "at"): (
        _l("Le format de l'adresse mail est incorrect."),
        _l("Il faut un seul @ (arobase) entre le nom et le site de messagerie. Sur un téléphone, il est souvent sur le clavier des symboles."),
    ),
    ("format", "email", "space"): (
        _l("Le format de l'adresse mail est incorrect."),
        _l("Une adresse mail ne contient jamais d'espace. Effacez les espaces, même à la fin."),
    ),
    ("expected", ANY, ""): (
        _l("Les informations saisies ne correspondent pas."),
        _l("Le site accepte la forme, mais ce n'est pas ce qui est écrit sur votre carte d'entraînement. Comparez lettre par lettre, chiffre par chiffre."),
    ),
    ("expected", "password", ""): (
        _l("Identifiant ou mot de passe incorrect."),
        _l("Le mot de passe ne correspond pas. Les majuscules, les minuscules et les tirets comptent : recopiez-le exactement."),
    ),
    ("expected", "amount", ""): (
        _l("Veuillez vérifier le montant saisi."),
        _l("Ce montant n'est pas celui de votre carte. Une erreur de montant change le calcul de vos droits."),
    ),
    ("expected", "date", ""): (
        _l("Les informations saisies ne correspondent pas."),
        _l("La date est valide, mais ce n'est pas celle de votre carte. Vérifiez le jour, le mois et l'année."),
    ),
    ("expected", "select", ""): (
        _l("Veuillez vérifier votre choix."),
        _l("D'après votre carte d'entraînement, une autre réponse est attendue. Relisez votre carte."),
    ),
    ("expected", "radio", ""): (
        _l("Veuillez vérifier votre réponse."),
        _l("D'après votre carte d'entraînement, une autre réponse est attendue. Relisez votre carte."),
    ),
}

PASSWORDS_CLEARED = _l("Par sécurité, les cases de mot de passe se vident après une erreur, comme sur les vrais sites : retapez-le.")

# With these details the person's own keyboard or a tampered form is at fault: the plain default explains it better.
_ALWAYS_DEFAULT_PLAIN = ("digits", "choice")


def _default(code, kind, detail):
    """The default (site, plain) pair for a refusal, most specific first."""
    for key in ((code, kind, detail), (code, kind, ""), (code, ANY, detail), (code, ANY, "")):
        if key in DEFAULTS:
            return DEFAULTS[key]
    raise KeyError(code)


def say(value):
    """A message as a LocalText: content texts in the person's language, defaults through gettext."""
    if isinstance(value, (str, dict)):
        return tr(value)
    return LocalText(str(value), str(get_locale()), False)


def for_field(field, result):
    """The (site, plain) LocalTexts explaining why `field` was refused."""
    site, plain = _default(result.code, field["type"], result.detail)
    override = (field.get("errors") or {}).get(result.code)
    if override:
        site = override["site"]
        if result.detail not in _ALWAYS_DEFAULT_PLAIN:
            plain = override["plain"]
    return say(site), say(plain)
