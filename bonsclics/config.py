"""Configuration: defaults here, then `instance/config.py`, then `FLASK_*` variables.

Every setting the app reads is listed in `DEFAULTS`; `docs/deploy.md` documents
each of them (a test keeps the two in step).
"""
import json
import os
from urllib.parse import parse_qs, urlsplit

DEV_SECRET_KEY = "dev-only-secret-key-change-me"

DEFAULTS = {
    # Security
    "SECRET_KEY": DEV_SECRET_KEY,
    "SECRET_KEY_FALLBACKS": [],  # former keys, still accepted when reading what they signed
    "SECRET_KEY_MAX_AGE_DAYS": 365,  # administrators are told to replace the key after this
    "SECRET_KEY_FALLBACK_DAYS": 180,  # ... and to drop the former keys this long after the change
    "ENV_PRODUCTION": False,
    "SERVED_OVER_HTTPS": False,  # Secure + __Host- cookies, HSTS, https links
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,
    "PERMANENT_SESSION_LIFETIME": 60 * 60 * 12,  # a helper's session ends after 12 hours without use...
    "SESSION_ABSOLUTE_LIFETIME": 60 * 60 * 24 * 7,  # ...and a week after signing in, used or not
    "WTF_CSRF_TIME_LIMIT": None,
    "MAX_CONTENT_LENGTH": 5 * 1024 * 1024,
    "TRUST_PROXY_HEADERS": 0,
    "SITE_URL": None,  # e.g. "https://aide.example.org": links in mails use it; other host names are refused
    "RATELIMIT_ENABLED": True,  # off only for load tests from a single address
    # Database
    "DATABASE_URL": None,  # defaults to sqlite:///<instance>/bonsclics.db
    "SQLITE_BUSY_TIMEOUT_MS": 5000,
    # Languages
    "BABEL_DEFAULT_LOCALE": "fr",
    "BABEL_DEFAULT_TIMEZONE": "Europe/Paris",
    # Mail and SMS
    "MAIL_SERVER": None,
    "MAIL_PORT": 587,
    "MAIL_USE_TLS": True,
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_SENDER": "bonsclics <ne-pas-repondre@bonsclics.invalid>",
    "SMS_SENDER": "log",  # "log" or "http"
    "SMS_HTTP_URL": None,
    "SMS_HTTP_TOKEN": None,
    # Public identity of this installation
    "SITE_NAME": "bonsclics",
    "PUBLISHER_NAME": "Association gestionnaire de cette instance",
    "PUBLISHER_CONTACT": "contact@bonsclics.invalid",
    # Rules and timers
    "LOGIN_FREE_ATTEMPTS": 3,  # per account
    "LOGIN_FREE_ATTEMPTS_PER_ADDRESS": 20,  # per client address (offices share one address)
    "LOGIN_MAX_DELAY_SECONDS": 15 * 60,
    "PASSWORD_RESET_VALID_SECONDS": 60 * 60,
    # Roles that must sign in with a second factor (helpers of other roles may choose to).
    "SECOND_FACTOR_REQUIRED_ROLES": ["admin"],
    "SMALL_COUNT_THRESHOLD": 5,
    "RETENTION_ANONYMOUS_DIAGNOSTIC_DAYS": 365,
    "RETENTION_CLOSED_ORIENTATION_DAYS": 730,
    "RETENTION_INACTIVE_LEARNER_DAYS": 730,
    "RETENTION_INACTIVE_HELPER_DAYS": 1095,
    "RETENTION_AUDIT_DAYS": 365,
    "ORIENTATION_REMINDER_DAYS": 10,
    "ORIENTATION_EXPIRY_DAYS": 30,
    "ORIENTATION_LINK_VALID_DAYS": 8,
    "REMINDER_HOURS_BEFORE": [48, 2],
    "UPLOAD_MAX_BYTES": 2 * 1024 * 1024,
    "UPLOAD_FOLDER": None,  # defaults to <instance>/uploads
    "CLAMD_ADDRESS": "",  # ClamAV's daemon, "/run/clamav/clamd.ctl" or "127.0.0.1:3310"; empty: no scan
    "ESPEAK_COMMAND": "espeak-ng",
    "AUDIO_CACHE_FOLDER": None,  # defaults to <instance>/audio
    "ERASURE_JOURNAL": None,  # defaults to <instance>/erasures.jsonl
}

# Settings whose environment value is parsed as JSON (numbers, booleans, lists).
_TYPED = {key for key, value in DEFAULTS.items() if isinstance(value, (bool, int, list))}


def load(app, test_config=None):
    """Fill `app.config` from defaults, the instance file, the environment and tests."""
    app.config.from_mapping(DEFAULTS)
    if test_config is None:
        app.config.from_pyfile(os.path.join(app.instance_path, "config.py"), silent=True)
        for key in DEFAULTS:
            raw = os.environ.get(f"FLASK_{key}")
            if raw is not None:
                app.config[key] = _parse(key, raw)
        app.config.update(read_credentials(os.environ.get("CREDENTIALS_DIRECTORY")))
    else:
        app.config.from_mapping(test_config)
    if not app.config["DATABASE_URL"]:
        app.config["DATABASE_URL"] = "sqlite:///" + os.path.join(app.instance_path, "bonsclics.db")
    for key, folder in (("UPLOAD_FOLDER", "uploads"), ("AUDIO_CACHE_FOLDER", "audio"), ("ERASURE_JOURNAL", "erasures.jsonl")):
        if not app.config[key]:
            app.config[key] = os.path.join(app.instance_path, folder)
    if app.config["SITE_URL"]:
        _pin_site_url(app.config)
    if app.config["SERVED_OVER_HTTPS"]:
        app.config.update(
            PREFERRED_URL_SCHEME="https",
            SESSION_COOKIE_SECURE=True,
            SESSION_COOKIE_NAME="__Host-session",
            REMEMBER_COOKIE_SECURE=True,
        )
    if app.config["ENV_PRODUCTION"]:
        _check_production(app.config)


# Settings that may come from systemd credentials, by file name (`LoadCredentialEncrypted=secret_key:...`).
CREDENTIALS = {"secret_key": "SECRET_KEY", "secret_key_fallbacks": "SECRET_KEY_FALLBACKS",
               "database_url": "DATABASE_URL", "mail_password": "MAIL_PASSWORD", "sms_http_token": "SMS_HTTP_TOKEN"}


def read_credentials(folder):
    """The secrets systemd hands the service as files in `$CREDENTIALS_DIRECTORY` (decrypted only for it).

    They never sit in the environment, where child processes and /proc would see them.
    Former keys are one per line.
    """
    found = {}
    for name, key in CREDENTIALS.items():
        path = os.path.join(folder or "", name)
        if folder and os.path.isfile(path):
            with open(path, encoding="utf-8") as handle:
                value = handle.read().strip()
            found[key] = value.split() if key == "SECRET_KEY_FALLBACKS" else value
    return found


def _parse(key, raw):
    """Turn an environment string into the type of the default value."""
    if key in _TYPED:
        try:
            return json.loads(raw)
        except ValueError:
            raise RuntimeError(f"FLASK_{key} must be JSON (a number, true/false or a list)") from None
    return raw


def _pin_site_url(config):
    """Answer only to the site's own host name, so a forged Host header never ends up in a mailed link."""
    site = urlsplit(config["SITE_URL"])
    if site.scheme not in ("http", "https") or not site.hostname:
        raise RuntimeError(f"SITE_URL must be a full address such as https://aide.example.org, not {config['SITE_URL']!r}.")
    config["TRUSTED_HOSTS"] = [site.hostname]
    config["SERVER_NAME"] = site.netloc  # external links name the site, whatever the request said
    config["PREFERRED_URL_SCHEME"] = site.scheme


def remote_database_without_tls(url):
    """True for a PostgreSQL URL naming another machine without asking for a verified TLS connection."""
    parts = urlsplit(url or "")
    if not parts.scheme.startswith("postgres"):
        return False
    query = parse_qs(parts.query)
    host = parts.hostname or (query.get("host") or [""])[0]
    if not host or host.startswith("/") or host in ("localhost", "127.0.0.1", "::1"):
        return False  # a Unix socket or this machine
    return (query.get("sslmode") or [""])[0] not in ("verify-full", "verify-ca")


def _check_production(config):
    """Refuse to start in production with unsafe settings."""
    if config["SECRET_KEY"] in (None, "", DEV_SECRET_KEY) or len(config["SECRET_KEY"]) < 32:
        raise RuntimeError(
            "Production needs a secret key of at least 32 characters: set FLASK_SECRET_KEY "
            "(for instance: python -c 'import secrets; print(secrets.token_hex(32))')."
        )
    if not config["SITE_URL"]:
        raise RuntimeError("Production needs the site's address, for the links sent by mail: "
                           "set FLASK_SITE_URL (for instance https://aide.example.org).")
    if remote_database_without_tls(config["DATABASE_URL"]):
        raise RuntimeError("A PostgreSQL server on another machine must be reached over checked TLS in production: "
                           "add ?sslmode=verify-full to FLASK_DATABASE_URL.")
    if config["MAIL_SERVER"] not in ("", None, "localhost", "127.0.0.1", "::1") and not config["MAIL_USE_TLS"]:
        raise RuntimeError("A mail server on another machine must be reached over TLS in production: "
                           "set FLASK_MAIL_USE_TLS=true.")
    if config["SMS_HTTP_URL"] and not config["SMS_HTTP_URL"].startswith("https://"):
        raise RuntimeError("The SMS gateway must be reached over HTTPS in production: "
                           "FLASK_SMS_HTTP_URL must start with https://.")
