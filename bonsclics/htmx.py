"""The one module that knows about htmx: full page or fragment from the same view."""
from flask import make_response, redirect, render_template
from htmx_flask import Htmx, request


def is_htmx():
    """True for any request sent by htmx."""
    return bool(request.htmx)


def wants_fragment():
    """True for an htmx request that wants a fragment (not a history restore, not boosted)."""
    headers = request.htmx
    return bool(headers) and not headers.history_restore_request and not headers.boosted


def render(page, fragment=None, status=200, **context):
    """Render `page`, or only `fragment` when htmx asks for it: one URL serves both."""
    template = fragment if fragment and wants_fragment() else page
    return make_response(render_template(template, **context), status)


def redirect_to(location):
    """A redirect after a POST: 303 for browsers, HX-Location-free full load for htmx."""
    if is_htmx():
        response = make_response("", 204)
        response.headers["HX-Redirect"] = location
        return response
    return redirect(location, 303)


def _add_vary(response):
    """Caches must keep full pages and fragments apart."""
    response.vary.add("HX-Request")
    return response


def init_app(app):
    """Give requests their `htmx` attribute and add `Vary: HX-Request` to every response."""
    Htmx(app)
    app.after_request(_add_vary)
