"""A network's public page (headline figures and directory) and the same figures as stable JSON.

The JSON has its own small blueprint (`/reports/api/...`), kept apart from the
HTML views. Its shape is versioned: fields are only ever added.
"""
from flask import Blueprint, jsonify, render_template, url_for
from flask_babel import gettext as _

from ..models.accounts import Network, Structure
from ..models.places import Place
from ..security import public
from . import figures, logic, report
from .views import bp, today

api = Blueprint("api", __name__, url_prefix="/api")
JSON_VERSION = 1


def network_by_slug(slug):
    """The network with this slug, or 404."""
    from flask import abort

    return Network.get_or_none(Network.slug == slug) or abort(404)


def network_scope(network):
    """The whole network over the last twelve months."""
    start, end = logic.default_period(today())
    ids = [s.id for s in Structure.select(Structure.id).where(Structure.network == network.id)]
    return figures.Scope(start, end, ids, network.departement_list)


def headline(network):
    """The public figures: [(key, label, what it counts, Cell)], small counts masked."""
    scope = network_scope(network)
    threshold = report.threshold()
    count = lambda value: logic.count(value, threshold)  # noqa: E731
    places = figures.query_structures(scope)
    workshops = figures.query_workshops(scope)["kinds"]
    activity = figures.query_activity(scope)["autonomy"]
    _rows, impact, answers, _data = report.impact_rows(scope)
    return scope, [
        ("structures", _("Structures"), _("structures membres du réseau"),
         logic.Cell(sum(s for s, _p in places.values()), 0)),
        ("places", _("Lieux"), _("lieux d'aide au numérique dans l'annuaire"), logic.Cell(sum(p for _s, p in places.values()), 0)),
        ("diagnostics", _("Diagnostics"), _("diagnostics terminés sur 12 mois"), count(figures.query_diagnostics(scope)["total"])),
        ("help_given", _("Accompagnements"), _("aides notées dans le journal d'activité sur 12 mois"),
         count(sum(n for n, _m in activity.values()))),
        ("sessions", _("Séances"), _("ateliers et permanences tenus sur 12 mois"), count(sum(v[0] for v in workshops.values()))),
        ("attendance", _("Présences"), _("personnes présentes aux séances sur 12 mois"), count(sum(v[3] for v in workshops.values()))),
        ("impact_share", _("Démarche faite pour de vrai"),
         _("part des personnes qui, après un entraînement, ont fait la vraie démarche (seules ou aidées)"), impact),
        ("impact_answers", _("Réponses"), _("réponses à la question sur la vraie démarche"), answers),
    ]


def directory(network):
    """The network's structures and their places, by name."""
    structures = list(Structure.select().where(Structure.network == network.id).order_by(Structure.name))
    places = {}
    for place in (Place.select(Place.id, Place.nom, Place.commune, Place.structure)
                  .where(Place.structure.in_([s.id for s in structures] or [0])).order_by(Place.nom)):
        places.setdefault(place.structure_id, []).append(place)
    return [(s, places.get(s.id, [])) for s in structures]


@bp.get("/public/<slug>")
@public
def public_page(slug):
    """A network's headline figures and directory, for its partners and the press."""
    network = network_by_slug(slug)
    scope, figures_ = headline(network)
    return render_template("reports/public.html", network=network, scope=scope, figures=figures_,
                           directory=directory(network), threshold=report.threshold(),
                           json_url=url_for("reports.api.network_figures", slug=slug))


@api.get("/networks/<slug>.json")
@public
def network_figures(slug):
    """The public figures as JSON (version 1): masked counts are the text "< 5"."""
    network = network_by_slug(slug)
    scope, figures_ = headline(network)
    response = jsonify({
        "version": JSON_VERSION,
        "network": {"name": network.name, "slug": network.slug, "departements": network.departement_list},
        "period": {"start": scope.start.isoformat(), "end": scope.end.isoformat()},
        "small_count_threshold": report.threshold(),
        "figures": {key: {"value": cell.export(), "unit": "percent" if key == "impact_share" else "count",
                          "label": label, "counts": what} for key, label, what, cell in figures_},
        "structures": [{"name": s.name, "departement": s.departement, "places": len(places)}
                       for s, places in directory(network)],
    })
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


bp.register_blueprint(api)
