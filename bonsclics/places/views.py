"""Public pages of places: search, a place's page, printable sheet and guide, open data."""
import json

from flask import Blueprint, Response, abort, current_app, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.routing import BuildError

from .. import htmx
from ..db import utcnow
from ..ui import format_date
from ..models.accounts import Network
from ..models.places import Place
from ..qr import qr_svg
from ..security import public
from . import access, display, export, opening, standard, vocabulary
from .forms import SearchForm
from .search import Filters, Location, everything, locate, search as run_search

bp = Blueprint("places", __name__, url_prefix="/places")
PAGE_SIZE = 20
MAX_PAGE = 50
GUIDE_SIZE = 20
SEARCH_ARGS = ("where", "help", "service", "public", "support", "free", "when", "radius", "lat", "lon", "network")


@bp.app_template_global()
def place_label(field, value):
    """The label of a value of the standard or of the network's categories."""
    return vocabulary.label(field, value)


bp.add_app_template_filter(display.km, "km")
bp.add_app_template_filter(display.phone, "phone")
bp.add_app_template_filter(display.directions_url, "directions_url")


def search_form():
    """The filters from the URL (`postcode` is understood as `where`)."""
    args = request.args.copy()
    if "postcode" in args and not args.get("where"):
        args["where"] = args["postcode"]
    return SearchForm(formdata=args)


def criteria(form):
    """(filters, location, url args) from a validated search form; errors land on the form's fields."""
    filters = Filters(
        help=form.help.data or "", service=form.service.data or "", public=form.public.data or "",
        support=form.support.data or "", free=bool(form.free.data), when=form.when.data or "",
        radius_km=int(form.radius.data) if form.radius.data else None,
    )
    if form.network.data:
        network = Network.get_or_none(Network.slug == form.network.data) or abort(404)
        filters.network_id = network.id
    point = form.point()
    if point:
        location = Location(label=_("votre position"), lat=point[0], lon=point[1])
    else:
        location = locate(form.where.data)
        if location.error:
            form.where.errors = [*form.where.errors, location.error]
    args = {name: request.args[name] for name in SEARCH_ARGS if request.args.get(name)}
    if form.where.data and "where" not in args:
        args["where"] = form.where.data
    return filters, location, args


@bp.get("/")
@public
def search():
    """Find places near a postcode, a town or a département, by kind of help, public, opening..."""
    form = search_form()
    valid = form.validate()
    filters, location, args = criteria(form) if valid else (None, Location(), {})
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), MAX_PAGE)
    results, statuses = None, {}
    if valid and not form.errors:
        now = utcnow()
        results = run_search(filters, location, now, page, PAGE_SIZE)
        statuses = {r.place.id: opening.status(r.place, now) for r in results.results}
    has_errors = bool(form.errors)
    # htmx swaps only successful answers: its fragment shows the errors with a 200.
    status = 400 if has_errors and not htmx.wants_fragment() else 200
    can_manage = current_user.is_authenticated and bool(current_user.roles & {"admin", "coordinator", "manager"})
    return htmx.render(
        "places/search.html", "places/_results.html", status=status, form=form, results=results,
        statuses=statuses, location=location, args=args, page_number=page, page_size=PAGE_SIZE,
        form_has_errors=has_errors, can_manage=can_manage, htmx_fragment=htmx.wants_fragment(),
    )


@bp.get("/<int:place_id>")
@public
def place(place_id):
    """Everything a person or a helper needs to know about one place."""
    from ..agenda.logic import upcoming

    place = Place.get_or_none(Place.id == place_id) or abort(404)
    events = upcoming(place_ids=[place.id], limit=5)
    editable = current_user.is_authenticated and access.can_edit(current_user, place)
    return render_template("places/place.html", place=place, status=opening.status(place, utcnow()),
                           hours_lines=opening.described(place), events=events, event_url=_event_url,
                           can_edit=editable)


@bp.get("/<int:place_id>/print")
@public
def printable(place_id):
    """A one-page sheet of a place to print, with a QR code to its page."""
    place = Place.get_or_none(Place.id == place_id) or abort(404)
    return render_template("places/print.html", place=place, hours_lines=opening.described(place), qr=_qr)


@bp.get("/guide")
@public
def guide():
    """A search result as a printable booklet, each place with a QR code to its page."""
    form = search_form()
    if not form.validate():
        abort(400)
    filters, location, args = criteria(form)
    if form.errors:
        abort(400)
    results = everything(filters, location, utcnow(), limit=GUIDE_SIZE)
    lines = {r.place.id: opening.described(r.place) for r in results}
    return render_template("places/guide.html", results=results, location=location, hours_lines=lines,
                           args=args, qr=_qr, limit=GUIDE_SIZE, now_date=format_date(utcnow(), "long"))


@bp.get("/open-data")
@public
def open_data():
    """Where to download the places as open data, under which licence and standard."""
    networks = list(Network.select().order_by(Network.name))
    return render_template("places/open_data.html", networks=networks, licence=standard.licence(),
                           version=standard.version(), count=Place.select().count())


@bp.get("/export.csv")
@public
def export_csv():
    """The places (all, or those of a search) as CSV in the national standard."""
    rows, skipped = _export_rows()
    return _open_data_response(export.to_csv(rows), "text/csv; charset=utf-8", "lieux-mediation-numerique.csv", skipped)


@bp.get("/export.json")
@public
def export_json():
    """The places (all, or those of a search) as JSON in the national standard."""
    rows, skipped = _export_rows()
    body = json.dumps(export.to_json(rows), ensure_ascii=False, indent=None)
    return _open_data_response(body, "application/json", "lieux-mediation-numerique.json", skipped)


@bp.get("/schema.json")
@public
def schema():
    """The schema of the national standard the exports follow."""
    response = send_file(standard.SCHEMA_PATH, mimetype="application/json", max_age=86400)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _export_rows():
    """The standard's rows for the search in the URL."""
    form = search_form()
    if not form.validate():
        abort(400)
    filters, location, _args = criteria(form)
    if form.errors:
        abort(400)
    results = everything(filters, location, utcnow())
    return export.valid_rows(r.place for r in results)


def _open_data_response(body, mimetype, filename, skipped):
    """An open data file: downloadable, cacheable, usable from other sites, with its licence."""
    licence = standard.licence()
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Link"] = f'<{licence["path"]}>; rel="license", <{url_for("places.schema", _external=True)}>; rel="describedby"'
    response.headers["X-Licence"] = f'{licence["title"]} ({licence["name"]})'
    response.headers["X-Places-Left-Out"] = str(skipped)
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cache-Control"] = "public, max-age=600"
    return response


def _qr(place):
    """A QR code to the place's page, as inline SVG (no style, no external image)."""
    url = url_for("places.place", place_id=place.id, _external=True)
    return qr_svg(url, _("QR code vers la page de %(name)s", name=place.nom))


def _event_url(event):
    """The agenda's page of an event, when the agenda offers one."""
    if "agenda.event" not in current_app.view_functions:
        return None
    try:
        return url_for("agenda.event", event_id=event.id)
    except BuildError:
        return None


from . import manage  # noqa: E402,F401  (registers the management routes on `bp`)
