"""Template helpers: pictograms, content texts in the person's language, dates, links."""
import datetime
import re
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.dates import format_time as babel_format_time
from flask import request, session, url_for
from flask_babel import get_locale
from markupsafe import Markup, escape

from . import content


def easy_read():
    """True when the person chose the easy-to-read French mode."""
    return session.get("reading") == "easy"


def icon(name, css_class="icon"):
    """A pictogram as inline SVG, hidden from screen readers (the text beside it speaks)."""
    inner = content.pictograms().get(name) or content.pictograms()["question"]
    return Markup(
        f'<svg class="{escape(css_class)}" viewBox="0 0 24 24" aria-hidden="true" focusable="false" '
        f'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" '
        f'stroke-linejoin="round">{inner}</svg>'
    )


def tr(value):
    """A content text in the current language (a LocalText: text, lang, fallback)."""
    return content.pick(value, str(get_locale()), easy_read())


def illustration(name, alt):
    """An illustration as inline SVG with its text alternative, or '' when missing."""
    svg = content.illustration(name)
    if not svg:
        return Markup("")
    label = escape(alt)
    svg = re.sub(r"<svg\b", f'<svg role="img" aria-label="{label}" focusable="false" class="illustration"', svg, count=1)
    return Markup(svg)


def url_with_lang(code):
    """The current page's URL with `?lang=code` (the language switcher's links)."""
    args = request.args.to_dict(flat=False)
    args["lang"] = [code]
    if request.endpoint and request.method == "GET":
        try:
            return url_for(request.endpoint, **(request.view_args or {}), **args)
        except Exception:  # an endpoint needing values it cannot rebuild: go home
            pass
    return url_for("pages.home", lang=code)


def local_datetime(value, tz="Europe/Paris"):
    """A naive UTC datetime from the database, as an aware datetime in `tz`."""
    return value.replace(tzinfo=datetime.timezone.utc).astimezone(ZoneInfo(tz))


def format_datetime(value, tz="Europe/Paris", fmt="EEEE d MMMM y, HH:mm"):
    """A stored (naive UTC) datetime written for people, in their language and the place's zone."""
    if value is None:
        return ""
    return babel_format_datetime(local_datetime(value, tz), fmt, locale=str(get_locale()))


def format_date(value, fmt="long"):
    """A date written for people, in their language."""
    if value is None:
        return ""
    return babel_format_date(value, fmt, locale=str(get_locale()))


def format_time(value, tz="Europe/Paris"):
    """The local time of a stored datetime ("14:00")."""
    return babel_format_time(local_datetime(value, tz), "HH:mm", locale=str(get_locale()))


# The learner's main menu: (endpoint, pictogram, label). Areas appear once their blueprint exists.
def main_menu():
    """The main menu's items for the current request."""
    from flask import current_app
    from flask_babel import gettext as _

    items = (
        ("pages.home", "home", _("Accueil")),
        ("diagnostic.start", "diagnostic", _("Faire le point")),
        ("learning.index", "learn", _("Apprendre")),
        ("practice.index", "practice", _("S'entraîner")),
        ("places.search", "place", _("Trouver un lieu")),
        ("agenda.index", "calendar", _("Ateliers")),
    )
    menu = []
    for endpoint, pictogram, label in items:
        if endpoint in current_app.view_functions:
            blueprint = endpoint.split(".")[0]
            current = request.blueprint == blueprint if blueprint != "pages" else request.endpoint == endpoint
            menu.append({"url": url_for(endpoint), "icon": pictogram, "label": label, "current": current})
    return menu


def _remember_reading_mode():
    """`?reading=easy` or `?reading=standard` switches the easy-to-read mode, like a language."""
    mode = request.args.get("reading")
    if mode in ("easy", "standard") and session.get("reading") != mode:
        session["reading"] = mode


def role_label(role):
    """A role's name for people."""
    from flask_babel import gettext as _

    labels = {
        "admin": _("administrateur·rice de la plateforme"),
        "coordinator": _("coordinateur·rice de réseau"),
        "manager": _("responsable de structure"),
        "pro": _("professionnel·le"),
        "volunteer": _("bénévole"),
    }
    return labels.get(role, role)


def listen_url(text, lang):
    """The URL of the spoken clip of `text` in `lang`."""
    from flask import current_app

    from .listen.logic import token_for

    return url_for("listen.clip", token=token_for(current_app.config["SECRET_KEY"], text, lang))


def server_voice(lang):
    """True when the server can speak `lang` (espeak-ng and lame installed, a voice exists)."""
    from flask import current_app

    from .listen.logic import has_server_voice

    return has_server_voice(lang, current_app.config["ESPEAK_COMMAND"])


def _language_now():
    """The current request's Language (for the template global below)."""
    from .i18n import current_language

    return current_language()


def init_app(app):
    """Register the helpers in Jinja."""
    from werkzeug.local import LocalProxy

    from .i18n import html_lang

    # Macros imported without context (`{% from "_macros/ui.html" import text %}`) only see
    # globals, not the context processor's values: give them the request's language too.
    app.add_template_global(LocalProxy(_language_now), "current_language")
    app.add_template_global(LocalProxy(lambda: html_lang(_language_now().code)), "html_lang")
    app.add_template_global(icon)
    app.add_template_global(tr)
    app.add_template_filter(tr, "tr")  # `values | map('tr')` in _macros/ui.html
    app.add_template_global(illustration)
    app.add_template_global(url_with_lang)
    app.add_template_global(easy_read)
    app.add_template_global(main_menu)
    app.add_template_global(role_label)
    app.add_template_global(listen_url)
    app.add_template_global(server_voice)
    app.before_request(_remember_reading_mode)
    app.add_template_filter(content.render_rich, "rich")
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_time, "time")
