"""Languages: which ones exist, how one is chosen for a request, and text direction.

Precedence: `?lang=` (saved for next time) > the saved choice > the account's
language > the browser's Accept-Language > French.
"""
from collections import namedtuple

from flask import current_app, g, has_request_context, request, session
from flask_babel import get_locale
from flask_login import current_user

Language = namedtuple("Language", "code name direction")

# Each language is named in its own language, as the switcher shows it.
LANGUAGES = (
    Language("fr", "Français", "ltr"),
    Language("en", "English", "ltr"),
    Language("ar", "العربية", "rtl"),
    Language("uk", "Українська", "ltr"),
    Language("ru", "Русский", "ltr"),
    Language("fa_AF", "دری", "rtl"),
    Language("ps", "پښتو", "rtl"),
    Language("ti", "ትግርኛ", "ltr"),
)
LANGUAGE_CODES = tuple(lang.code for lang in LANGUAGES)
DEFAULT_LOCALE = "fr"


def language(code):
    """The Language for `code`, or French."""
    for lang in LANGUAGES:
        if lang.code == code:
            return lang
    return LANGUAGES[0]


def select_locale():
    """Pick the locale of the current request (see the module docstring); the default one for commands."""
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    asked = request.args.get("lang")
    if asked in LANGUAGE_CODES:
        if session.get("lang") != asked:
            session["lang"] = asked
        return asked
    saved = session.get("lang")
    if saved in LANGUAGE_CODES:
        return saved
    if current_user and getattr(current_user, "is_authenticated", False):
        if current_user.locale in LANGUAGE_CODES:
            return current_user.locale
    # Accept-Language uses dashes ("fa-AF") where our codes use underscores.
    best = request.accept_languages.best_match([c.replace("_", "-") for c in LANGUAGE_CODES])
    return best.replace("-", "_") if best else DEFAULT_LOCALE


def current_language():
    """The Language of the current request."""
    if "language" not in g:
        g.language = language(str(get_locale()))
    return g.language


def html_lang(code):
    """The BCP 47 tag for `<html lang>`: "fa-AF" for "fa_AF"."""
    return code.replace("_", "-")


def add_content_language(response):
    """Tell clients (and tests) which language the page is in."""
    if response.mimetype == "text/html":
        response.headers["Content-Language"] = html_lang(current_language().code)
    return response


def template_context():
    """Values every template gets: the language, its direction, the switcher's links."""
    lang = current_language()
    return {
        "current_language": lang,
        "html_lang": html_lang(lang.code),
        "text_direction": lang.direction,
        "languages": LANGUAGES,
    }
