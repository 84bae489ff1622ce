"""Security for every request: headers, who may use each route, rate limits, audit journal.

Every view declares its access with one of the decorators below (`public`,
`login_required`, `roles_required`); a test walks the URL map and fails on a
view without a declaration.
"""
import datetime
import functools
import hashlib
import logging
import secrets

from flask import abort, current_app, g, has_app_context, request
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user
from itsdangerous import URLSafeSerializer, URLSafeTimedSerializer

from .db import utcnow, write_transaction

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "media-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)


# --- Who may use a route -------------------------------------------------------------

def public(view):
    """Anyone may use this view, without an account."""
    view.access = "public"
    return view


def login_required(view):
    """Any signed-in helper may use this view."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_authenticated:
            return current_app.login_manager.unauthorized()
        return view(*args, **kwargs)

    wrapper.access = "login"
    return wrapper


def roles_required(*roles):
    """Only signed-in helpers holding one of `roles` (admins always) may use this view."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()
            if not (current_user.roles & (set(roles) | {"admin"})):
                abort(403)
            return view(*args, **kwargs)

        wrapper.access = tuple(roles)
        return wrapper

    return decorator


# --- Headers ---------------------------------------------------------------------------

def _security_headers(response):
    """Strict headers on every response; personal pages are never cached."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "same-origin"
    headers["X-Frame-Options"] = "DENY"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), payment=(), geolocation=(self)"
    if current_app.config["SERVED_OVER_HTTPS"]:
        headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
    if request.endpoint != "static" and "Cache-Control" not in headers:
        headers["Cache-Control"] = "no-store" if _shows_personal_data() else "private, no-cache"
    headers["X-Request-Id"] = g.get("request_id", "")
    return response


def _shows_personal_data():
    """Whether this response may show someone's data: a signed-in helper, a person known by their
    resume code, or a page that said so with `personal_page()` (a booking card, an orientation link)."""
    signed_in = current_user and getattr(current_user, "is_authenticated", False)
    return bool(signed_in or g.get("resume_code") is not None or g.get("personal_page"))


def personal_page():
    """Mark this response as showing a person's data: no browser or proxy keeps a copy (shared computers)."""
    g.personal_page = True


def signer(salt, secret_key=None):
    """Sign values for links and cookies with HMAC-SHA-256; values signed before with HMAC-SHA-1 still read,
    so booking links already sent and resume-code cookies keep working."""
    keys = [secret_key] if secret_key else [*(current_app.config.get("SECRET_KEY_FALLBACKS") or []),
                                             current_app.config["SECRET_KEY"]]  # the current key signs; older ones still read
    return URLSafeSerializer(keys, salt=salt,
                             signer_kwargs={"digest_method": hashlib.sha256},
                             fallback_signers=[{"digest_method": hashlib.sha1}])


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed session cookie, with HMAC-SHA-256 (Flask's default is SHA-1), still reading SHA-1 ones."""

    digest_method = staticmethod(hashlib.sha256)

    def get_signing_serializer(self, app):
        """Flask's serializer, plus the former SHA-1 signature as a fallback for sessions already open."""
        serializer = super().get_signing_serializer(app)
        if serializer is not None:
            serializer.fallback_signers = [{"key_derivation": self.key_derivation, "digest_method": hashlib.sha1}]
        return serializer


class CsrfSerializer(URLSafeTimedSerializer):
    """What Flask-WTF signs CSRF tokens with: HMAC-SHA-256 instead of its SHA-1 default; tokens signed
    with SHA-1 (a form opened before an upgrade) still read.

    Flask-WTF offers no setting for the digest: it builds its serializer from the name
    `flask_wtf.csrf.URLSafeTimedSerializer`, which `init_app` points here.
    """

    def __init__(self, secret_key, salt=b"itsdangerous", **kwargs):
        kwargs.setdefault("signer_kwargs", {"digest_method": hashlib.sha256})
        kwargs.setdefault("fallback_signers", [{"digest_method": hashlib.sha1}])
        super().__init__(secret_key, salt=salt, **kwargs)


def cookie_name(name):
    """`__Host-` prefixed when served over HTTPS: the cookie is then bound to this host, secure and path `/`."""
    return f"__Host-{name}" if current_app.config["SERVED_OVER_HTTPS"] else name


def _start_request():
    """Give the request an id for the logs and the audit journal."""
    g.request_id = secrets.token_hex(8)


# --- Rate limits, shared by every worker through the database -------------------------

def client_address():
    """The client's address (behind a trusted proxy, ProxyFix has already set it)."""
    return request.remote_addr or "unknown"


def too_many(scope, limit, window_seconds, key=None):
    """Count one hit for `scope` and tell whether the limit over the window is exceeded."""
    from .models.system import RateLimitHit

    if not current_app.config["RATELIMIT_ENABLED"]:
        return False
    now = utcnow()
    full_key = f"{scope}:{key or client_address()}"
    since = now - datetime.timedelta(seconds=window_seconds)
    with write_transaction():
        count = RateLimitHit.select().where(RateLimitHit.key == full_key, RateLimitHit.at > since).count()
        if count >= limit:
            # The scope and route, not the key: it may be an address or an email.
            audit("rate-limited", "route", request.endpoint or "", detail=f"{scope} {request.method}")
            return True
        RateLimitHit.create(key=full_key, at=now)
    return False


def rate_limit(scope, limit, window_seconds, methods=("POST",)):
    """Refuse with 429 once a client sends more than `limit` `methods` requests in the window."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if request.method in methods:
                if too_many(scope, limit, window_seconds):
                    abort(429)
            return view(*args, **kwargs)

        return wrapper

    return decorator


def purge_rate_limits(older_than_seconds=86400):
    """Forget rate-limit hits older than a day (run by the purge command)."""
    from .models.system import RateLimitHit

    cutoff = utcnow() - datetime.timedelta(seconds=older_than_seconds)
    return RateLimitHit.delete().where(RateLimitHit.at < cutoff).execute()


# --- Audit journal ---------------------------------------------------------------------

def audit(action, object_type, object_id=None, detail="", actor=None):
    """Append an entry to the audit journal (ids only, never personal data)."""
    from .models.system import AuditLog

    if actor is None and current_user and getattr(current_user, "is_authenticated", False):
        actor = current_user
    entry = AuditLog.create(
        at=utcnow(),
        actor_id=actor.id if actor is not None else None,
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        detail=detail,
        request_id=g.get("request_id", "") if _in_request() else "",
    )
    # A copy goes to the log stream, which the server ships to another machine (docs/deploy.md): whoever
    # later controls the database cannot erase the trace there.
    logger = current_app.logger if has_app_context() else logging.getLogger(__package__)
    logger.info("audit", extra={"event": "audit", "audit": {
        "id": entry.id, "at": entry.at.isoformat(timespec="seconds") + "Z", "actor_id": entry.actor_id,
        "action": action, "object_type": object_type, "object_id": entry.object_id, "detail": detail}})


def audit_refusal(status, action):
    """Journal a refused request (403, a CSRF failure) with who asked and which route, never the URL
    (it may hold a token). Rate-limit refusals are journaled where they are decided, in `too_many`.
    """
    if not _in_request():
        return
    try:
        audit(action, "route", request.endpoint or "", detail=f"{status} {request.method}")
    except Exception:  # the refusal page must still be shown when the journal cannot be written
        current_app.logger.exception("audit journal not written")


def _in_request():
    """True when called while handling a request."""
    from flask import has_request_context

    return has_request_context()


def init_app(app):
    """Register the request id and the headers on every response."""
    import flask_wtf.csrf

    app.session_interface = SessionInterface()
    flask_wtf.csrf.URLSafeTimedSerializer = CsrfSerializer
    app.before_request(_start_request)
    app.after_request(_security_headers)
    if app.config["TRUST_PROXY_HEADERS"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = int(app.config["TRUST_PROXY_HEADERS"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
