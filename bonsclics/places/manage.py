"""Managing places: structure managers edit theirs, coordinators their network's, admins all."""
import datetime
import uuid
from zoneinfo import ZoneInfo

from flask import abort, flash, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import htmx
from ..choices import options
from ..db import utcnow, write_transaction
from ..models.accounts import ROLE_COORDINATOR, ROLE_MANAGER
from ..models.places import Place
from ..security import audit, roles_required
from . import access, standard
from .forms import PLACE_COLUMNS, ImportForm, PlaceForm
from .importer import FileProblem, import_file
from .views import bp

STALE_AFTER = datetime.timedelta(days=183)
MANAGE_PAGE_SIZE = 50
REPORT_LIMIT = 200


@bp.get("/manage")
@roles_required(ROLE_MANAGER, ROLE_COORDINATOR)
def manage():
    """The places this helper may edit, with those not updated for six months."""
    query = access.editable(current_user)
    stale_since = utcnow() - STALE_AFTER
    stale_count = query.where(Place.updated_at < stale_since).count()
    only_stale = request.args.get("stale") == "1"
    if only_stale:
        query = query.where(Place.updated_at < stale_since)
    words = (request.args.get("q") or "").strip()[:80]
    if words:
        query = query.where(Place.nom.contains(words) | Place.commune.contains(words) | (Place.code_postal == words))
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), 1000)
    places = list(query.order_by(Place.nom_key, Place.id).paginate(page, MANAGE_PAGE_SIZE + 1))
    return render_template(
        "places/manage.html", places=places[:MANAGE_PAGE_SIZE], more=len(places) > MANAGE_PAGE_SIZE, page=page,
        stale_count=stale_count, only_stale=only_stale, words=words, stale_since=stale_since,
        can_import=access.can_import(current_user), can_create=bool(access.owner_choices(current_user)),
    )


@bp.route("/new", methods=["GET", "POST"])
@roles_required(ROLE_MANAGER, ROLE_COORDINATOR)
def new():
    """Add a place to one of the structures (or the network) this helper manages."""
    choices = access.owner_choices(current_user)
    if not choices:
        abort(403)
    form = PlaceForm()
    form.owner.choices = options(choices)
    if request.method == "GET":
        form.languages.data = ["fr"]
        form.itinerance.data = ["Fixe"]
    if form.validate_on_submit() and _check_standard(form):
        place = Place(source_id=f"bonsclics-{uuid.uuid4().hex[:16]}", created_at=utcnow())
        with write_transaction():
            _fill(place, form)
            audit("place-created", "place", place.id)
        flash(_("Lieu ajouté. Il apparaît dès maintenant dans la recherche."), "success")
        return htmx.redirect_to(url_for("places.place", place_id=place.id))
    return _form_page(form, None)


@bp.route("/<int:place_id>/edit", methods=["GET", "POST"])
@roles_required(ROLE_MANAGER, ROLE_COORDINATOR)
def edit(place_id):
    """Change a place's record; saving it unchanged confirms it is up to date."""
    place = Place.get_or_none(Place.id == place_id) or abort(404)
    if not access.can_edit(current_user, place):
        abort(403)
    form = PlaceForm(obj=None if request.method == "POST" else _form_data(place))
    choices = access.owner_choices(current_user)
    current = access.owner_value(place)
    if current and current not in [value for value, _label in choices]:
        choices.insert(0, (current, place.structure.name if place.structure_id else place.network.name))
    form.owner.choices = options(choices)
    if form.validate_on_submit() and _check_standard(form, place):
        with write_transaction():
            _fill(place, form)
            audit("place-updated", "place", place.id)
        flash(_("Fiche enregistrée."), "success")
        return htmx.redirect_to(url_for("places.place", place_id=place.id))
    return _form_page(form, place)


def _form_page(form, place):
    """The place form, with status 400 when it came back with errors."""
    status = 400 if request.method == "POST" else 200
    return render_template("places/edit.html", form=form, place=place, form_has_errors=bool(form.errors)), status


class _Data:
    """Attributes for PlaceForm(obj=...): multi-valued columns as lists."""

    def __init__(self, values):
        self.__dict__.update(values)


def _form_data(place):
    """The place's values as the form expects them."""
    values = {}
    for name in PLACE_COLUMNS:
        value = getattr(place, name)
        field = getattr(PlaceForm, name)
        if field.field_class.__name__ == "Checkboxes":
            value = place.values(name)
        elif value is None:
            value = ""
        values[name] = str(value) if not isinstance(value, list) else value
    values["owner"] = access.owner_value(place)
    return _Data(values)


def _standard_row(form, place):
    """The standard's row the form would save (for the last check against the schema)."""
    row = {name: "" for name in standard.field_names()}
    for name in PLACE_COLUMNS:
        if name in row:
            field = getattr(form, name)
            row[name] = field.joined() if hasattr(field, "joined") else (field.data or "")
    row["id"] = place.source_id if place else "nouveau"
    row["date_maj"] = _today().isoformat()
    return row


def _check_standard(form, place=None):
    """Check the record against the schema itself; any problem lands on its field."""
    problems = standard.check_row(_standard_row(form, place))
    for name, _value, message in problems:
        field = getattr(form, name, None)
        if field is not None:
            field.errors = [*field.errors, message]
    return not problems


def _today():
    """Today's date in France (the standard's date_maj)."""
    return utcnow().replace(tzinfo=datetime.timezone.utc).astimezone(ZoneInfo("Europe/Paris")).date()


def _fill(place, form):
    """Copy the form into the place and save it, recording who and when."""
    for name in PLACE_COLUMNS:
        field = getattr(form, name)
        value = field.joined() if hasattr(field, "joined") else (field.data or "")
        if name in ("latitude", "longitude"):
            value = float(value) if value else None
        setattr(place, name, value)
    network, structure = access.owner_of(form.owner.data)
    place.network = network
    place.structure = structure
    place.date_maj = _today()
    place.updated_at = utcnow()
    place.updated_by = current_user.id
    place.save()


@bp.route("/import", methods=["GET", "POST"])
@roles_required(ROLE_COORDINATOR)
def import_places():
    """Import places from a CSV or JSON file in the national standard: all rows or none."""
    if not access.can_import(current_user):
        abort(403)
    form = ImportForm()
    form.owner.choices = options(access.owner_choices(current_user, for_import=True))
    report = None
    if form.validate_on_submit():
        network, structure = access.owner_of(form.owner.data)
        upload = form.file.data
        try:
            report = import_file(upload.filename, upload.read(), network, structure, current_user)
        except FileProblem as error:
            form.file.errors = [*form.file.errors, str(error)]
        if report is not None and report.accepted:
            audit("places-imported", "network", network.id,
                  detail=f"created={report.created} updated={report.updated} unchanged={report.unchanged}")
            flash(_("Import réussi : %(created)d lieux ajoutés, %(updated)d mis à jour, %(unchanged)d inchangés.",
                    created=report.created, updated=report.updated, unchanged=report.unchanged), "success")
            if report.unreadable_hours:
                flash(_("Horaires non compris, affichés tels quels : %(where)s %(positions)s.",
                        where=_("éléments") if report.json else _("lignes"),
                        positions=", ".join(str(p) for p in report.unreadable_hours[:20])), "info")
            return htmx.redirect_to(url_for("places.manage"))
    status = 400 if request.method == "POST" else 200
    has_errors = bool(form.errors) or bool(report and not report.accepted)
    return render_template("places/import.html", form=form, report=report, limit=REPORT_LIMIT,
                           form_has_errors=has_errors, required=standard.required_fields()), status
