"""Public pages: home, accessibility statement, privacy notice, legal notice."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from .. import resume
from ..security import public
from .forms import ResumeCodeForm

bp = Blueprint("pages", __name__)


@bp.get("/")
@public
def home():
    """The home page: what a person can do here, in big simple choices."""
    areas = [endpoint for endpoint in current_app.view_functions]
    return render_template("pages/home.html", areas=areas)


@bp.get("/accessibility")
@public
def accessibility():
    """The accessibility statement (RGAA)."""
    return render_template("pages/accessibility.html")


@bp.get("/privacy")
@public
def privacy():
    """The privacy notice, in plain words."""
    return render_template("pages/privacy.html")


@bp.get("/legal")
@public
def legal():
    """Who publishes this instance and who hosts it."""
    return render_template("pages/legal.html")


def _after_resume():
    """Where a person goes once their code is found: their path, else the home page."""
    for endpoint in ("learning.my_path", "diagnostic.result_latest"):
        if endpoint in current_app.view_functions:
            return url_for(endpoint)
    return url_for("pages.home")


@bp.route("/code", methods=["GET", "POST"])
@public
def resume_code():
    """Type a resume code to find one's diagnostic and progress on this device."""
    form = ResumeCodeForm()
    status = 200
    if form.validate_on_submit():
        try:
            found = resume.lookup(form.code.data)
        except resume.TooManyLookups:
            form.code.errors.append(_("Trop d'essais depuis cet appareil. Attendez une heure, ou demandez de l'aide."))
            status = 429
        else:
            if found is not None:
                resume.remember(found)
                flash(_("Bon retour ! Votre parcours est retrouvé."), "success")
                return redirect(_after_resume(), 303)
            form.code.errors.append(_("Ce code est inconnu. Vérifiez chaque lettre et chaque chiffre."))
            status = 404
    elif request.method == "POST":
        status = 400
    return render_template("pages/code.html", form=form, code=resume.current(), form_has_errors=bool(form.errors)), status


@bp.post("/code/forget")
@public
def forget_code():
    """Forget the code on this device (shared computers): the progress stays with the code."""
    resume.forget()
    flash(_("Cet appareil a oublié votre code. Gardez-le bien pour reprendre plus tard."), "success")
    return redirect(url_for("pages.home"), 303)
