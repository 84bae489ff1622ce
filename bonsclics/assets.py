"""Static files: fingerprinted URLs cached for a year, and gzip for text responses."""
import gzip
import hashlib
import os

from flask import request, url_for

_COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "text/calendar")


def static_url(filename):
    """The URL of a static file with its content hash, so it can be cached for a year."""
    from flask import current_app

    versions = current_app.extensions.setdefault("static_versions", {})
    if filename not in versions:
        path = os.path.join(current_app.static_folder, filename)
        try:
            with open(path, "rb") as handle:
                versions[filename] = hashlib.sha256(handle.read()).hexdigest()[:12]
        except OSError:
            versions[filename] = None
    version = versions[filename]
    return url_for("static", filename=filename, v=version) if version else None


def _compress(response):
    """Gzip text responses when the client accepts it (a reverse proxy may do it instead)."""
    if (
        response.status_code < 200
        or response.status_code in (204, 304)
        or "Content-Encoding" in response.headers
        or "gzip" not in request.headers.get("Accept-Encoding", "")
        or not (response.mimetype or "").startswith(_COMPRESSIBLE)
    ):
        return response
    response.direct_passthrough = False
    data = response.get_data()
    if len(data) < 500:
        return response
    response.set_data(gzip.compress(data, compresslevel=6))
    response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    return response


def _cache_static(response):
    """Fingerprinted static files never change: let browsers keep them for a year."""
    if request.endpoint == "static" and request.args.get("v"):
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


def init_app(app):
    """Register the helpers."""
    app.add_template_global(static_url)
    app.after_request(_cache_static)
    app.after_request(_compress)
