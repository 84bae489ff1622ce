"""Exercises shared by lessons, diagnostic tasks, practice paths and helper training."""
from flask_babel import lazy_gettext as _l

from .logic import DUPLICATE_RANK, EMPTY, INVALID

ERROR_MESSAGES = {
    EMPTY: _l("Choisissez une réponse avant de valider."),
    INVALID: _l("Cette réponse n'est pas dans la liste. Choisissez une des réponses proposées."),
    DUPLICATE_RANK: _l("Chaque numéro ne doit servir qu'une fois : donnez un numéro différent à chaque étape."),
}
EMPTY_TEXT_MESSAGE = _l("Écrivez votre réponse dans la case avant de valider.")
EMPTY_ORDER_MESSAGE = _l("Donnez un numéro à chaque étape avant de valider.")


def error_message(exercise, result):
    """The message explaining why an answer could not be checked, or ''."""
    if not result or not result.error:
        return ""
    if result.error == EMPTY and exercise["kind"] == "text":
        return EMPTY_TEXT_MESSAGE
    if result.error == EMPTY and exercise["kind"] == "order":
        return EMPTY_ORDER_MESSAGE
    return ERROR_MESSAGES[result.error]


def init_app(app):
    """Make the helpers available to templates."""
    from .logic import order_display

    app.add_template_global(error_message, "exercise_error")
    app.add_template_global(order_display, "order_display")
