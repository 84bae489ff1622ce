"""The spoken clip of a text, for browsers without speech synthesis or without JavaScript."""
from flask import Blueprint, abort, current_app, send_file

from ..security import public, too_many
from . import logic

bp = Blueprint("listen", __name__, url_prefix="/listen")


@bp.get("/<token>.mp3")
@public
def clip(token):
    """The MP3 of a text the app rendered (signed token), made once and cached."""
    decoded = logic.read_token(current_app.config["SECRET_KEY"], token)
    if decoded is None:
        abort(404)
    lang, text = decoded
    folder, espeak = current_app.config["AUDIO_CACHE_FOLDER"], current_app.config["ESPEAK_COMMAND"]
    # Only making a new clip costs: limit that, not listening to cached ones.
    if not logic.is_cached(folder, lang, text) and too_many("listen-make", 200, 3600):
        abort(429)
    path = logic.clip_path(folder, lang, text, espeak)
    if path is None:
        abort(404)
    response = send_file(path, mimetype="audio/mpeg", max_age=365 * 24 * 3600, conditional=True)
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
