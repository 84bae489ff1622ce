"""Error pages in the person's language, as fragments for htmx requests."""
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from . import htmx
from .security import audit_refusal

# What to tell a person for each error, in plain words.
MESSAGES = {
    400: (_l("La demande n'a pas pu être comprise"), _l("Revenez à la page précédente et réessayez.")),
    403: (_l("Accès refusé"), _l("Vous n'avez pas le droit de voir cette page avec ce compte.")),
    404: (_l("Page introuvable"), _l("Cette page n'existe pas ou plus. Vérifiez l'adresse, ou repartez de l'accueil.")),
    405: (_l("Action impossible"), _l("Cette page ne peut pas être utilisée de cette façon. Repartez de l'accueil.")),
    413: (_l("Fichier trop lourd"), _l("Le fichier envoyé est trop lourd. Choisissez un fichier plus petit.")),
    429: (_l("Trop de demandes"), _l("Vous avez fait beaucoup de demandes en peu de temps. Attendez quelques minutes, puis réessayez.")),
    500: (_l("Un problème est survenu"), _l("Ce n'est pas de votre faute. Réessayez dans un moment. Si cela continue, prévenez la structure qui vous accompagne.")),
}
CSRF_MESSAGE = (
    _l("La page a expiré"),
    _l("Pour votre sécurité, ce formulaire doit être renvoyé. Revenez en arrière, rechargez la page et validez à nouveau."),
)


def render_error(code, title, message):
    """Render the error page (or fragment) with its status code."""
    try:
        return htmx.render(
            "errors/error.html", "errors/_error.html", status=code, code=code, title=title, message=message
        )
    except Exception:
        # The error page itself failed (a broken template, no database...): plain text.
        return f"{code} — {title}", code, {"Content-Type": "text/plain; charset=utf-8"}


def handle_http_error(error):
    """Any HTTP error raised by a view or by routing."""
    code = error.code or 500
    if code == 403:
        audit_refusal(403, "access-refused")
    title, message = MESSAGES.get(code, (error.name, error.description))
    return render_error(code, title, message)


def handle_csrf_error(error):
    """A form posted without a valid CSRF token."""
    audit_refusal(400, "csrf-refused")
    return render_error(400, *CSRF_MESSAGE)


def handle_unexpected(error):
    """An exception no view handled: log it, show a calm page."""
    from flask import current_app

    if isinstance(error, HTTPException):
        return handle_http_error(error)
    current_app.logger.exception("unhandled error")
    return handle_http_error(InternalServerError())


def init_app(app):
    """Register the handlers."""
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
