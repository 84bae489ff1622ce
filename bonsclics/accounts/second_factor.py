"""The second factor: the pending sign-in step, checking codes, switching it on and off.

Between a correct password and a correct code, the browser holds only a
pending mark in its signed session cookie (the user's id and an expiry): no
login session exists yet, so nothing else is reachable.
"""
import calendar

from flask import current_app, session

from ..db import utcnow, write_transaction
from ..models.accounts import LoginSession, RecoveryCode, User, hash_token
from ..security import audit
from . import totp

PENDING_KEY = "second_factor_pending"
ENROL_KEY = "second_factor_enrol_secret"
PENDING_SECONDS = 5 * 60


def unix_now():
    """The current time in seconds since the epoch (the app's clock is naive UTC)."""
    return calendar.timegm(utcnow().utctimetuple())


def begin_pending(user, next_url):
    """Remember, for five minutes, that `user` typed the right password and must now give a code."""
    session.clear()
    session[PENDING_KEY] = {"user_id": user.id, "until": unix_now() + PENDING_SECONDS, "next": next_url or ""}


def pending_user():
    """The user waiting to give a code, with where to go next, or (None, None) when nothing is pending or it expired."""
    pending = session.get(PENDING_KEY)
    if not isinstance(pending, dict) or pending.get("until", 0) < unix_now():
        session.pop(PENDING_KEY, None)
        return None, None
    user = User.get_or_none(User.id == pending.get("user_id"), User.is_active == True)  # noqa: E712
    if user is None or not user.has_second_factor:
        session.pop(PENDING_KEY, None)
        return None, None
    return user, pending.get("next") or None


def check_code(user, typed):
    """Accept a current one-time code or an unused recovery code for `user`, using it up.

    Returns "code", "recovery" or None when refused.
    """
    typed = (typed or "").strip().replace(" ", "")
    if typed.isdigit():
        with write_transaction():
            fresh = User.get_by_id(user.id)  # read the last used step inside the transaction
            step = totp.matching_step(fresh.totp_secret, typed, unix_now(), after_step=fresh.totp_last_step)
            if step is None:
                return None
            User.update(totp_last_step=step).where(User.id == user.id).execute()
        user.totp_last_step = step
        return "code"
    code = totp.normalise_recovery_code(typed)
    if not code:
        return None
    used = (
        RecoveryCode.update(used_at=utcnow())
        .where(RecoveryCode.user == user, RecoveryCode.code_hash == hash_token(code), RecoveryCode.used_at.is_null())
        .execute()
    )
    if used:
        audit("recovery-code-used", "user", user.id, actor=user)
        return "recovery"
    return None


def enrolment_secret():
    """The secret being set up in this browser (kept until confirmed, so a reload shows the same QR code)."""
    if not session.get(ENROL_KEY):
        session[ENROL_KEY] = totp.new_secret()
    return session[ENROL_KEY]


def enable(user, typed_code):
    """Switch the second factor on when `typed_code` matches the secret being set up.

    Returns the new recovery codes (to show once), or None when the code is wrong.
    """
    secret = session.get(ENROL_KEY)
    if not secret:
        return None
    step = totp.matching_step(secret, typed_code, unix_now())
    if step is None:
        return None
    with write_transaction():
        User.update(totp_secret=secret, totp_last_step=step).where(User.id == user.id).execute()
        codes = _replace_recovery_codes(user)
    session.pop(ENROL_KEY, None)
    user.totp_secret, user.totp_last_step = secret, step
    audit("second-factor-enabled", "user", user.id, actor=user)
    return codes


def _replace_recovery_codes(user):
    """Delete the account's recovery codes and create new ones; returns them in clear (shown once)."""
    RecoveryCode.delete().where(RecoveryCode.user == user).execute()
    codes = totp.new_recovery_codes()
    RecoveryCode.insert_many(
        [{"user": user.id, "code_hash": hash_token(totp.normalise_recovery_code(c)), "created_at": utcnow()} for c in codes]
    ).execute()
    return codes


def new_recovery_codes(user):
    """Replace the account's recovery codes (the old ones stop working)."""
    with write_transaction():
        codes = _replace_recovery_codes(user)
    audit("recovery-codes-renewed", "user", user.id, actor=user)
    return codes


def _forget(user):
    """Forget the account's secret and recovery codes (inside the caller's transaction)."""
    User.update(totp_secret=None, totp_last_step=None).where(User.id == user.id).execute()
    RecoveryCode.delete().where(RecoveryCode.user == user).execute()
    user.totp_secret = user.totp_last_step = None


def disable(user):
    """Switch the second factor off and forget the secret and the recovery codes."""
    with write_transaction():
        _forget(user)
    audit("second-factor-disabled", "user", user.id, actor=user)


def remove_for_lost_phone(user, identity_check):
    """An administrator removes the second factor of someone who lost both phone and recovery codes.

    Every session of the account ends too; the next sign-in (password only) sets
    up a new second factor when the role requires one. `identity_check` says how
    the person was recognised, and goes to the audit journal.
    """
    with write_transaction():
        _forget(user)
        LoginSession.end_all(user)
        audit("second-factor-removed-by-admin", "user", user.id, detail=identity_check)


def unused_recovery_codes(user):
    """How many recovery codes the account still has."""
    return RecoveryCode.select().where(RecoveryCode.user == user, RecoveryCode.used_at.is_null()).count()


def required_for(user):
    """True when this deployment requires a second factor for one of the user's roles."""
    required = set(current_app.config["SECOND_FACTOR_REQUIRED_ROLES"] or ())
    return bool(required and user.roles & required)
