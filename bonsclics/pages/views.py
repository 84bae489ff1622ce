"""Public pages: home, accessibility statement, privacy notice, legal notice."""
from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from .. import personal_data, resume
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


@bp.get("/code/data.<any(json, csv):fmt>")
@public
def my_data(fmt):
    """Everything held about the person whose code is on this device, as JSON or CSV."""
    code = resume.current()
    if code is None:
        abort(404)
    data = personal_data.export_code(code)
    if fmt == "json":
        body, mimetype = personal_data.as_json(data), "application/json"
    else:
        body, mimetype = personal_data.as_csv(data), "text/csv"
    return Response(
        body, mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="mes-donnees-bonsclics.{fmt}"'},
    )


@bp.post("/code/erase")
@public
def erase_my_data():
    """Erase everything tied to the code on this device, after an explicit confirmation."""
    code = resume.current()
    if code is None:
        abort(404)
    if request.form.get("confirm") != "yes":
        flash(_("Cochez la case pour confirmer l'effacement."), "error")
        return redirect(url_for("pages.resume_code"), 303)
    personal_data.erase_code(code)
    resume.forget()
    flash(_("Vos données ont été effacées. Il ne reste que des chiffres globaux, sans votre code."), "success")
    return redirect(url_for("pages.home"), 303)
