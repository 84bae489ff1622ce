"""Password hashing (argon2id) and the password policy.

Policy (NIST SP 800-63B, OWASP ASVS): 12 to 128 characters of any kind, no
composition rules, refused when common or easy to guess.
"""
import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import lazy_gettext as _l
from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

MIN_LENGTH = 12
MAX_LENGTH = 128

# argon2id with the library's defaults (RFC 9106 "low memory" profile: t=3, m=64 MiB, p=4).
_hasher = PasswordHasher()

# Common passwords French speakers choose, added to zxcvbn's list of 30,000.
_FRENCH_COMMON = {
    "azertyuiop", "azertyuiop123", "azerty123456", "motdepasse123", "motdepasse1234", "123456azerty",
    "bonjour12345", "bonjourbonjour", "soleil123456", "jetaime12345", "jetaimejetaime",
    "marseille1313", "parisparis75", "doudou123456", "chouchou1234", "loulou123456",
    "vivelafrance", "allezlesbleus", "qwertyuiop12", "1234567891011", "azertyazerty",
}
_COMMON = set(FREQUENCY_LISTS["passwords"]) | _FRENCH_COMMON


def hash_password(password):
    """The argon2id hash of `password`."""
    return _hasher.hash(password)


def check_password(stored_hash, password):
    """True when `password` matches `stored_hash`."""
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash):
    """True when the hash was made with weaker parameters than today's."""
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


# Burn the same time for unknown accounts as for known ones (no account enumeration by timing).
_DUMMY_HASH = None


def burn_time(password):
    """Spend as long as a real check would, for an email that has no account."""
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = _hasher.hash("not a real password, only for timing")
    check_password(_DUMMY_HASH, password)


def context_words():
    """Words of this installation a password must not lean on: the product's and the site's names."""
    from flask import current_app, has_app_context

    words = ["bonsclics", "bons clics"]
    if has_app_context():
        site = current_app.config.get("SITE_NAME", "")
        words += [site, *site.split()]
    words = [word.lower() for word in words if len(word) >= 3]
    plain = ["".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)) for word in words]
    return list(dict.fromkeys(words + plain))  # "numérique" is often typed "numerique"


def _letters(text):
    """The letters of `text`, lower case, without accents, spaces, digits or signs."""
    plain = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in plain if c.isalpha() and not unicodedata.combining(c))


def _only_context_words(password):
    """True when, without digits and signs, the password is nothing but the product's and site's names."""
    letters = rest = _letters(password)
    for word in sorted({_letters(w) for w in context_words()}, key=len, reverse=True):
        if word:
            rest = rest.replace(word, "")
    return rest != letters and len(rest) < 4


def password_problem(password, user_inputs=()):
    """Why `password` is refused (a translated message), or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return _l("Choisissez un mot de passe d'au moins %(n)s caractères.", n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _l("Choisissez un mot de passe de %(n)s caractères au plus.", n=MAX_LENGTH)
    lowered = password.lower()
    if lowered in _COMMON or len(set(lowered)) < 4:
        return _l("Ce mot de passe est trop courant. Choisissez par exemple une phrase de plusieurs mots.")
    # zxcvbn is slow on very long inputs; the start of a long passphrase says enough.
    if _only_context_words(password) or \
            zxcvbn(password[:64], user_inputs=[i for i in [*user_inputs, *context_words()] if i])["score"] < 3:
        return _l("Ce mot de passe est trop facile à deviner. Ajoutez des mots, par exemple une phrase de 4 mots.")
    return None
