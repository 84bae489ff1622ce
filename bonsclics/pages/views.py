"""Public pages: home, accessibility statement, privacy notice, legal notice."""
from flask import Blueprint, current_app, render_template

from ..security import public

bp = Blueprint("pages", __name__)


@bp.get("/")
@public
def home():
    """The home page: what a person can do here, in big simple choices."""
    areas = [endpoint for endpoint in current_app.view_functions]
    return render_template("pages/home.html", areas=areas)


@bp.get("/accessibilite")
@public
def accessibility():
    """The accessibility statement (RGAA)."""
    return render_template("pages/accessibility.html")


@bp.get("/donnees-personnelles")
@public
def privacy():
    """The privacy notice, in plain words."""
    return render_template("pages/privacy.html")


@bp.get("/mentions-legales")
@public
def legal():
    """Who publishes this instance and who hosts it."""
    return render_template("pages/legal.html")
