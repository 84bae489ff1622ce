"""The activity log: one help given, recorded in a few taps; list, CSV export and import."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..choices import options
from ..db import utcnow, write_transaction
from ..models.accounts import Structure
from ..models.base import join_values
from ..models.pro import Activity, ActivityTheme
from ..security import audit, login_required
from ..ui import local_datetime, tr
from . import activity_csv, logic
from .followup import structure_choices
from .forms import ActivityForm, ActivityImportForm
from .views import bp

RECENT = 30


def today():
    """Today's date in France (where the help is given)."""
    return local_datetime(utcnow()).date()


def activity_structures():
    """Structures whose activity the current user may record or read: theirs and those they manage."""
    found = {s.id: s for s in logic.member_structures(current_user)}
    for structure in logic.managed_structures(current_user):
        found.setdefault(structure.id, structure)
    return sorted(found.values(), key=lambda s: s.name.lower())


def _activity_form(formdata=None):
    """The quick form, with today's date and the shared themes."""
    form = ActivityForm(formdata=formdata, prefix="act", date=today())
    form.today = today()
    form.structure.choices = structure_choices(logic.member_structures(current_user))
    form.themes.choices = options((theme_id, tr(label).text) for theme_id, label in logic.activity_themes())
    return form


def save_activity(structure_id, values):
    """Create one activity and its theme rows (inside the caller's transaction)."""
    activity = Activity.create(structure=structure_id, recorded_by=current_user.id, date=values["date"],
                               duration_minutes=values["duration_minutes"], mode=values["mode"],
                               place_type=values["place_type"], themes=join_values(values["themes"]),
                               autonomy=values["autonomy"], sent_to=values["sent_to"])
    for theme in values["themes"]:
        ActivityTheme.create(activity=activity, theme=theme, structure=structure_id, date=values["date"])
    return activity


@bp.route("/activity", methods=["GET", "POST"])
@login_required
def activity():
    """Record a help given (under 30 seconds on a phone), and see the last ones."""
    member_ids = current_user.structure_ids()
    form = _activity_form(request.form if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not member_ids:
            abort(403)
        if form.validate():
            with write_transaction():
                save_activity(int(form.structure.data), {
                    "date": form.date.date, "duration_minutes": int(form.duration.data), "mode": form.mode.data,
                    "place_type": form.place_type.data, "themes": form.themes.data, "autonomy": form.autonomy.data,
                    "sent_to": form.sent_to.data})
            flash(_("Accompagnement enregistré. Merci !"), "success")
            return redirect(url_for("pro.activity"), 303)
        status = 400
    visible = [s.id for s in activity_structures()]
    recent = list(Activity.select(Activity, Structure).join(Structure).where(Activity.structure.in_(visible or [0]))
                  .order_by(Activity.date.desc(), Activity.id.desc()).limit(RECENT))
    return render_template("pro/activity.html", form=form, recent=recent, structures=activity_structures(),
                           member=bool(member_ids), theme_labels=dict(logic.activity_themes()),
                           form_has_errors=bool(form.errors)), status


def _chosen_structure(structures):
    """The structure asked for in ?structure=, among those allowed (the first one by default)."""
    wanted = request.args.get("structure", type=int)
    if wanted is None:
        return structures[0] if structures else None
    return next((s for s in structures if s.id == wanted), None)


@bp.get("/activity/export.csv")
@login_required
def export_activity():
    """The activity of one structure as CSV (no personal data in it)."""
    structure = _chosen_structure(activity_structures()) or abort(404)
    rows = Activity.select().where(Activity.structure == structure).order_by(Activity.date, Activity.id)
    audit("activity-exported", "structure", structure.id)
    return Response(activity_csv.export(rows), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="activite-{structure.id}.csv"'})


def _import_form(formdata=None):
    """The import form, with the user's structures."""
    form = ActivityImportForm(formdata=formdata, prefix="imp")
    form.structure.choices = structure_choices(logic.member_structures(current_user))
    return form


@bp.route("/activity/import", methods=["GET", "POST"])
@login_required
def import_activity():
    """Import activities from a CSV file: everything or nothing, with the list of refused rows."""
    if not current_user.structure_ids():
        abort(403)
    form = _import_form(request.form if request.method == "POST" else None)
    problems, status = [], 200
    if request.method == "POST":
        upload = request.files.get("imp-file")
        if form.validate():
            data = upload.read(2 * 1024 * 1024 + 1) if upload else b""
            if not data:
                form.file.errors.append(_("Choisissez un fichier CSV."))
            elif len(data) > 2 * 1024 * 1024:
                form.file.errors.append(_("Le fichier est trop gros : 2 Mo au plus."))
            else:
                rows, problems = activity_csv.parse(data, {t for t, _label in logic.activity_themes()}, today())
                if problems:
                    form.file.errors.append(_("Rien n'a été importé : %(n)s problème(s), détaillés ci-dessous.", n=len(problems)))
                else:
                    structure_id = int(form.structure.data)
                    with write_transaction():
                        for row in rows:
                            save_activity(structure_id, row)
                        audit("activity-imported", "structure", structure_id, detail=str(len(rows)))
                    flash(_("%(n)s accompagnement(s) importé(s).", n=len(rows)), "success")
                    return redirect(url_for("pro.activity"), 303)
        status = 400
    return render_template("pro/activity_import.html", form=form, problems=problems[:200],
                           more_problems=max(0, len(problems) - 200), columns=activity_csv.COLUMNS,
                           theme_ids=[t for t, _label in logic.activity_themes()], form_has_errors=bool(form.errors)), status
