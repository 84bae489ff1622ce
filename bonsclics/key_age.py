"""How old the secret key is, so administrators replace it each year and retire the former ones.

The database keeps, for each key, a fingerprint (an HMAC of a fixed text under
the key: it reveals nothing of the key) and the day it was first seen.
"""
import datetime
import hashlib
import hmac

from flask import current_app
from flask_babel import gettext as _

from .db import utcnow
from .models.system import SigningKey


def fingerprint(key):
    """A short fingerprint of `key`, the same on every server."""
    return hmac.new(key.encode(), b"bonsclics signing key fingerprint", hashlib.sha256).hexdigest()[:32]


def current_key_first_seen():
    """The day the current key was first used here (recorded now if it is new)."""
    mark = fingerprint(current_app.config["SECRET_KEY"])
    SigningKey.insert(fingerprint=mark, first_seen=utcnow()).on_conflict_ignore().execute()
    return SigningKey.get(SigningKey.fingerprint == mark).first_seen


def warnings():
    """What the administrators must do about the keys, in plain words ([] when nothing)."""
    config = current_app.config
    age = utcnow() - current_key_first_seen()
    found = []
    if age > datetime.timedelta(days=config["SECRET_KEY_MAX_AGE_DAYS"]):
        found.append(_("La clé secrète sert depuis plus de %(days)s jours : remplacez-la (la procédure est dans docs/security.md).",
                       days=config["SECRET_KEY_MAX_AGE_DAYS"]))
    if config["SECRET_KEY_FALLBACKS"] and age > datetime.timedelta(days=config["SECRET_KEY_FALLBACK_DAYS"]):
        found.append(_("Les anciennes clés de SECRET_KEY_FALLBACKS ne servent plus depuis %(days)s jours : retirez-les.",
                       days=config["SECRET_KEY_FALLBACK_DAYS"]))
    return found
