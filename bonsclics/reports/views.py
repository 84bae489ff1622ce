"""Reports: a network's and a structure's indicators, their CSV tables, the printable page.

The public page of a network and its JSON live in `public.py`; the impact
question (learner and helper sides) in `impact.py`; both add routes to `bp`.
"""
import csv
import io

from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import htmx
from ..db import utcnow
from ..models.accounts import ROLE_COORDINATOR, Structure
from ..security import audit, login_required, roles_required
from ..ui import local_datetime
from . import access, logic, report
from .figures import Scope
from .forms import FilterForm, PrintForm

bp = Blueprint("reports", __name__, url_prefix="/reports")


def today():
    """Today's date in France."""
    return local_datetime(utcnow()).date()


@bp.get("/")
@login_required
def index():
    """The reports this helper may read: their network's, their structures'."""
    networks, structures = access.readable(current_user)
    return render_template("reports/index.html", networks=networks, structures=structures)


# --- Filters --------------------------------------------------------------------------------

def filter_form(network=None):
    """The filter form read from the query string, its lists filled for this report."""
    form = FilterForm(formdata=request.args)
    form.public.choices = [("", _("Tous les publics"))] + list(report.profile_labels().items())
    form.grain.choices = [("", _("Choix automatique"))] + [(g, str(label)) for g, label in report.GRAIN_LABELS.items()]
    if network is None:
        del form.departement
        del form.structure
    else:
        structures = Structure.select(Structure.id, Structure.name, Structure.departement).where(
            Structure.network == network.id).order_by(Structure.name)
        departements = sorted(set(network.departement_list) | {s.departement for s in structures if s.departement})
        form.departement.choices = [("", _("Tous"))] + [(d, d) for d in departements]
        form.structure.choices = [("", _("Toutes"))] + [(str(s.id), s.name) for s in structures]
    return form


def read_filters(form, network=None, structure=None):
    """(scope, grain) from a valid form, or (None, None) after adding the errors to the form."""
    asked = any(request.args.get(name) for name in ("start", "end", "departement", "structure", "public", "grain"))
    if asked and not form.validate():
        return None, None
    start, end = logic.default_period(today())
    start = getattr(form.start, "date", None) or start
    end = getattr(form.end, "date", None) or end
    if end < start:
        form.end.errors = [_("La fin de la période doit venir après son début.")]
        return None, None
    grain = form.grain.data or logic.suggested_grain(start, end)
    if structure is not None:
        return Scope(start, end, [structure.id], [], form.public.data or ""), grain
    query = Structure.select(Structure.id).where(Structure.network == network.id)
    departements = network.departement_list
    if form.departement.data:
        query = query.where(Structure.departement == form.departement.data)
        departements = [form.departement.data]
    if form.structure.data:
        query = query.where(Structure.id == int(form.structure.data))
        departements = []
    return Scope(start, end, [s.id for s in query], departements, form.public.data or ""), grain


def _query_args():
    """The filters of this request, to carry into the CSV and print links."""
    return {k: v for k, v in request.args.items() if k in ("start", "end", "departement", "structure", "public", "grain")}


def _render(template, owner, form, scope, grain, whole_network):
    """The report page, or the form with its errors (400) when a filter is wrong."""
    context = {"owner": owner, "owner_kind": "network" if whole_network else "structure", "form": form,
               "args": _query_args(), "threshold": report.threshold(), "scope": scope, "grain": grain}
    if scope is None:
        return render_template(template, sections=[], form_has_errors=True, **context), 400
    sections = report.build(scope, grain, whole_network=whole_network)
    return htmx.render(template, "reports/_sections.html", sections=sections, form_has_errors=False, **context)


# --- A network's report --------------------------------------------------------------------

@bp.get("/network/<int:network_id>")
@roles_required(ROLE_COORDINATOR)
def network(network_id):
    """Every indicator of a network for a period, with filters, charts and tables."""
    owner = access.network_or_404(current_user, network_id)
    form = filter_form(owner)
    scope, grain = read_filters(form, network=owner)
    audit("report-viewed", "network", owner.id)
    return _render("reports/network.html", owner, form, scope, grain, True)


@bp.get("/network/<int:network_id>/<key>.csv")
@roles_required(ROLE_COORDINATOR)
def network_csv(network_id, key):
    """One table of the network's report as CSV, with the same filters."""
    owner = access.network_or_404(current_user, network_id)
    scope, grain = read_filters(filter_form(owner), network=owner)
    return _csv(scope, grain, key, True, f"reseau-{owner.id}", ("network", owner.id))


# --- A structure's report ------------------------------------------------------------------

@bp.get("/structure/<int:structure_id>")
@login_required
def structure(structure_id):
    """The same indicators for one structure, and the link to its printable report."""
    owner = access.structure_or_404(current_user, structure_id)
    form = filter_form()
    scope, grain = read_filters(form, structure=owner)
    audit("report-viewed", "structure", owner.id)
    return _render("reports/structure.html", owner, form, scope, grain, False)


@bp.get("/structure/<int:structure_id>/<key>.csv")
@login_required
def structure_csv(structure_id, key):
    """One table of the structure's report as CSV."""
    owner = access.structure_or_404(current_user, structure_id)
    scope, grain = read_filters(filter_form(), structure=owner)
    return _csv(scope, grain, key, False, f"structure-{owner.id}", ("structure", owner.id))


@bp.get("/structure/<int:structure_id>/print")
@login_required
def structure_print(structure_id):
    """The one-page activity report for funders and partners: period, figures, charts, a short text."""
    owner = access.structure_or_404(current_user, structure_id)
    form = filter_form()
    scope, grain = read_filters(form, structure=owner)
    text_form = PrintForm(formdata=request.args)
    if scope is None or (request.args.get("text") and not text_form.validate()):
        return render_template("reports/print.html", owner=owner, form=form, text_form=text_form, scope=None,
                               args=_query_args(), form_has_errors=True, threshold=report.threshold()), 400
    figures = report.print_figures(scope, logic.print_grain(scope.start, scope.end))
    audit("report-printed", "structure", owner.id)
    return render_template("reports/print.html", owner=owner, form=form, text_form=text_form, scope=scope,
                           args=_query_args(), printed=figures, generated=today(), threshold=report.threshold())


def _csv(scope, grain, key, whole_network, name, audited):
    """A table as a CSV download (separator ";" and a BOM, as French spreadsheets expect)."""
    if scope is None:
        abort(400)
    table = next((t for s in report.build(scope, grain, whole_network) for t in s["tables"] if t.key == key), None)
    if table is None:
        abort(404)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([table.title, f"{scope.start.isoformat()} – {scope.end.isoformat()}"])
    writer.writerows(table.csv_rows())
    audit("report-exported", audited[0], audited[1], detail=key)
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}-{key}.csv"'})


@bp.app_template_global("reports_csv_url")
def csv_url(owner_kind, owner_id, key, args):
    """The CSV link of a table, with the report's filters."""
    endpoint = "reports.network_csv" if owner_kind == "network" else "reports.structure_csv"
    ids = {"network_id": owner_id} if owner_kind == "network" else {"structure_id": owner_id}
    return url_for(endpoint, key=key, **ids, **args)


from . import impact, public  # noqa: E402,F401  (their routes join bp)
