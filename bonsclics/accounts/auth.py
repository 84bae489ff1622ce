"""Signing in and out: server-side sessions, throttled attempts, one-time reset links."""
import datetime
import secrets

from flask import current_app, request, session
from flask_babel import lazy_gettext as _l
from flask_login import login_user, logout_user

from ..db import utcnow, write_transaction
from ..extensions import login_manager
from ..models.accounts import LoginSession, PasswordReset, User, hash_token
from ..models.system import LoginThrottle
from ..security import audit, client_address
from . import passwords


def init_app(app):
    """Configure Flask-Login to load users from their login session token."""
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Connectez-vous pour voir cette page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user)


def load_user(token):
    """The user of a live login session, or None (session ended, account disabled)."""
    if not token:
        return None
    row = (
        LoginSession.select(LoginSession, User)
        .join(User)
        .where(LoginSession.token_hash == hash_token(token), User.is_active == True)  # noqa: E712
        .first()
    )
    if row is None:
        return None
    now = utcnow()
    # Expire sessions idle for longer than the session lifetime, and every session past its absolute limit.
    lifetime = datetime.timedelta(seconds=current_app.config["PERMANENT_SESSION_LIFETIME"])
    absolute = datetime.timedelta(seconds=current_app.config["SESSION_ABSOLUTE_LIFETIME"])
    if now - row.last_seen_at > lifetime or now - row.created_at > absolute:
        row.delete_instance()
        return None
    if now - row.last_seen_at > datetime.timedelta(minutes=5):
        LoginSession.update(last_seen_at=now).where(LoginSession.id == row.id).execute()
    user = row.user
    user.session_token = token
    return user


def normalise_email(email):
    """Emails are compared without case or surrounding spaces."""
    return (email or "").strip().lower()


# --- Throttling: growing delays after a few failures, stored in the database ---------

def _throttle_keys(email):
    """Failures are counted per account and per client address."""
    return (f"email:{normalise_email(email)}", f"ip:{client_address()}")


def seconds_to_wait(email):
    """How long the person must wait before trying again (0 when they may try now)."""
    now = utcnow()
    rows = LoginThrottle.select().where(LoginThrottle.key.in_(_throttle_keys(email)))
    waits = [(r.blocked_until - now).total_seconds() for r in rows if r.blocked_until and r.blocked_until > now]
    return int(max(waits, default=0)) + (1 if waits else 0)


def _delay_after(failures, free):
    """`free` attempts, then 2 s, 4 s, 8 s... up to the configured maximum."""
    if failures <= free:
        return 0
    return min(2 ** (failures - free), current_app.config["LOGIN_MAX_DELAY_SECONDS"])


def record_failure(email):
    """Count a failed attempt for the account and the address, and write it in the audit journal."""
    now = utcnow()
    known = User.get_or_none(User.email == normalise_email(email))
    with write_transaction():
        # The account's id when the address is known; never the typed address (it may be a mistyped other person's).
        audit("login-failed", "user", known.id if known is not None else None, actor=None)
        config = current_app.config
        allowances = (config["LOGIN_FREE_ATTEMPTS"], config["LOGIN_FREE_ATTEMPTS_PER_ADDRESS"])
        for key, free in zip(_throttle_keys(email), allowances):
            row, _ = LoginThrottle.get_or_create(key=key)
            row.failures += 1
            row.last_failure_at = now
            delay = _delay_after(row.failures, free)
            row.blocked_until = now + datetime.timedelta(seconds=delay) if delay else None
            row.save()


def clear_failures(email):
    """A successful login clears the account's counter."""
    LoginThrottle.delete().where(LoginThrottle.key == _throttle_keys(email)[0]).execute()


def authenticate(email, password):
    """The active user with this email and password, or None (timing is the same either way)."""
    user = User.get_or_none(User.email == normalise_email(email))
    if user is None:
        passwords.burn_time(password)
        return None
    if not passwords.check_password(user.password_hash, password) or not user.is_active:
        return None
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
        user.save()
    return user


def start_session(user):
    """Open a server-side session for `user` and sign the browser in."""
    session.clear()  # a fresh session: no fixation of an earlier anonymous one
    user.session_token = LoginSession.open(user, request.headers.get("User-Agent", ""))
    user.last_login_at = utcnow()
    user.save(only=[User.last_login_at])  # never write back other columns read earlier (the last code's step)
    login_user(user)
    audit("login", "user", user.id)


def end_session(user):
    """End this browser's session server-side, then forget it in the cookie."""
    if user.session_token:
        LoginSession.delete().where(LoginSession.token_hash == hash_token(user.session_token)).execute()
    audit("logout", "user", user.id)
    logout_user()
    session.clear()


def set_password(user, new_password, keep_current_session=False):
    """Change a password and end every other session of the account."""
    with write_transaction():
        user.password_hash = passwords.hash_password(new_password)
        user.password_changed_at = utcnow()
        user.save()
        LoginSession.end_all(user, keep_token_hash=LoginSession.hash_of_current(user) if keep_current_session else "")
        PasswordReset.delete().where(PasswordReset.user == user).execute()
    audit("password-changed", "user", user.id, actor=user)


def create_reset_link_token(user):
    """Create a one-time reset token for `user` and return it (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    PasswordReset.create(
        token_hash=hash_token(token),
        user=user,
        expires_at=utcnow() + datetime.timedelta(seconds=current_app.config["PASSWORD_RESET_VALID_SECONDS"]),
    )
    return token


def find_reset(token):
    """The unused, unexpired reset for `token`, or None."""
    return (
        PasswordReset.select(PasswordReset, User)
        .join(User)
        .where(
            PasswordReset.token_hash == hash_token(token or ""),
            PasswordReset.used_at.is_null(),
            PasswordReset.expires_at > utcnow(),
            User.is_active == True,  # noqa: E712
        )
        .first()
    )

