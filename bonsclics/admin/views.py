"""Platform administration: networks, accounts and the audit journal (admins only)."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from .. import key_age
from ..accounts import second_factor
from ..db import write_transaction
from ..mail import send_mail
from ..models.accounts import ROLE_ADMIN, ROLE_COORDINATOR, ROLE_MEMBER, LoginSession, Network, User
from ..models.system import AuditLog
from ..security import audit, roles_required
from .forms import AccountRoleForm, NetworkForm, RemoveSecondFactorForm

bp = Blueprint("admin", __name__, url_prefix="/admin")
PAGE_SIZE = 50


@bp.get("/")
@roles_required(ROLE_ADMIN)
def index():
    """What the platform holds, in figures, and where to manage it."""
    counts = {
        "networks": Network.select().count(),
        "accounts": User.select().count(),
        "active_sessions": LoginSession.select().count(),
    }
    return render_template("admin/index.html", counts=counts, reminders=_security_reminders())


def _security_reminders():
    """What the administrators should fix in the set-up, in plain words."""
    reminders = key_age.warnings()
    if current_app.config["ENV_PRODUCTION"] and not current_app.config["CLAMD_ADDRESS"]:
        reminders.append(_("Les pièces jointes ne passent pas par un antivirus : réglez CLAMD_ADDRESS (docs/deploy.md)."))
    return reminders


@bp.route("/networks", methods=["GET", "POST"])
@roles_required(ROLE_ADMIN)
def networks():
    """List the networks and create one."""
    form = NetworkForm()
    status = 200
    if form.validate_on_submit():
        if Network.select().where(Network.slug == form.slug.data).exists():
            form.slug.errors.append(_("Cet identifiant est déjà pris."))
        else:
            network = Network.create(name=form.name.data.strip(), slug=form.slug.data,
                                     departements="|".join(form.departements.codes))
            audit("network-created", "network", network.id)
            flash(_("Réseau créé."), "success")
            return redirect(url_for("admin.networks"), 303)
    if request.method == "POST":
        status = 400
    rows = Network.select().order_by(Network.name)
    return render_template("admin/networks.html", form=form, networks=rows, form_has_errors=bool(form.errors)), status


def _role_form(user, formdata=None):
    """The role form of an account, with the networks as choices."""
    form = AccountRoleForm(formdata=formdata, prefix=f"u{user.id}", role=user.role,
                           network=str(user.network_id or ""))
    form.role.choices = [
        SelectChoice(ROLE_MEMBER, _("membre de structures")),
        SelectChoice(ROLE_COORDINATOR, _("coordinateur·rice de réseau")),
        SelectChoice(ROLE_ADMIN, _("administrateur·rice de la plateforme")),
    ]
    form.network.choices = [SelectChoice("", _("aucun"))] + [
        SelectChoice(str(n.id), n.name) for n in Network.select().order_by(Network.name)
    ]
    return form


@bp.get("/accounts")
@roles_required(ROLE_ADMIN)
def accounts():
    """Accounts, searchable by email."""
    query = (request.args.get("q") or "").strip().lower()[:100]
    users = User.select().order_by(User.email)
    if query:
        users = users.where(User.email.contains(query))
    page = max(1, request.args.get("page", 1, type=int) or 1)
    rows = list(users.paginate(page, PAGE_SIZE))
    return render_template("admin/accounts.html", users=rows, query=query, page=page,
                           forms={u.id: _role_form(u) for u in rows}, more=len(rows) == PAGE_SIZE)


@bp.post("/accounts/<int:user_id>/role")
@roles_required(ROLE_ADMIN)
def change_role(user_id):
    """Change an account's global role (and the network it coordinates)."""
    user = User.get_or_none(User.id == user_id) or abort(404)
    form = _role_form(user, request.form)
    if not form.validate():
        flash(_("Rôle non modifié : choisissez un rôle de la liste."), "error")
        return redirect(url_for("admin.accounts", q=user.email), 303)
    if form.role.data == ROLE_COORDINATOR and not form.network.data:
        flash(_("Un·e coordinateur·rice doit avoir un réseau."), "error")
        return redirect(url_for("admin.accounts", q=user.email), 303)
    with write_transaction():
        user.role = form.role.data
        user.network = int(form.network.data) if form.role.data == ROLE_COORDINATOR else None
        user.save()
        audit("role-changed", "user", user.id, detail=f"{user.role}:{user.network_id or ''}")
    flash(_("Rôle enregistré."), "success")
    return redirect(url_for("admin.accounts", q=user.email), 303)


@bp.post("/accounts/<int:user_id>/active")
@roles_required(ROLE_ADMIN)
def set_active(user_id):
    """Disable an account (every session ends at once) or enable it again."""
    from flask_login import current_user

    user = User.get_or_none(User.id == user_id) or abort(404)
    active = request.form.get("active") == "1"
    if user.id == current_user.id and not active:
        flash(_("Vous ne pouvez pas désactiver votre propre compte."), "error")
        return redirect(url_for("admin.accounts", q=user.email), 303)
    with write_transaction():
        user.is_active = active
        user.save()
        if not active:
            LoginSession.end_all(user)
        audit("account-enabled" if active else "account-disabled", "user", user.id)
    flash(_("Compte réactivé.") if active else _("Compte désactivé : ses connexions sont fermées."), "success")
    return redirect(url_for("admin.accounts", q=user.email), 303)


@bp.post("/accounts/<int:user_id>/sessions/end")
@roles_required(ROLE_ADMIN)
def end_sessions(user_id):
    """Sign an account out everywhere (a lost phone, a shared computer), without disabling it."""
    from flask_login import current_user

    user = User.get_or_none(User.id == user_id) or abort(404)
    with write_transaction():
        ended = LoginSession.end_all(user, keep_token_hash=LoginSession.hash_of_current(current_user))
        audit("sessions-ended-by-admin", "user", user.id, detail=str(ended))
    flash(_("Connexions fermées : %(n)s.", n=ended), "success")
    return redirect(url_for("admin.accounts", q=user.email), 303)


@bp.route("/accounts/<int:user_id>/second-factor", methods=["GET", "POST"])
@roles_required(ROLE_ADMIN)
def remove_second_factor(user_id):
    """Remove the second factor of someone who lost both phone and recovery codes, once their identity is checked."""
    from flask_login import current_user

    user = User.get_or_none(User.id == user_id) or abort(404)
    if not user.has_second_factor:
        flash(_("Ce compte n'a pas de double vérification."), "error")
        return redirect(url_for("admin.accounts", q=user.email), 303)
    if user.id == current_user.id:
        abort(403)  # one's own second factor is switched off from "Mon compte", with the password
    form = RemoveSecondFactorForm()
    if form.validate_on_submit():
        second_factor.remove_for_lost_phone(user, form.identity_check.data)
        send_mail(
            user.email,
            _("Double vérification retirée"),
            _(
                "Bonjour,\n\nUn·e administrateur·rice de la plateforme a retiré la double vérification de votre "
                "compte, à votre demande. Vos connexions sont fermées. À la prochaine connexion, vous pourrez "
                "l'activer de nouveau avec votre nouveau téléphone.\n\n"
                "Si vous n'avez rien demandé, prévenez tout de suite votre structure."
            ),
        )
        flash(_("Double vérification retirée. La personne a reçu un message."), "success")
        return redirect(url_for("admin.accounts", q=user.email), 303)
    status = 400 if request.method == "POST" else 200
    return render_template("admin/remove_second_factor.html", account=user, form=form,
                           form_has_errors=bool(form.errors)), status


@bp.post("/sessions/end")
@roles_required(ROLE_ADMIN)
def end_every_session():
    """Sign every account out, except this administrator on this device (after a suspected leak)."""
    from flask_login import current_user

    with write_transaction():
        ended = LoginSession.end_everyone(keep_token_hash=LoginSession.hash_of_current(current_user))
        audit("all-sessions-ended", "loginsession", None, detail=str(ended))
    flash(_("Toutes les connexions sont fermées, sauf la vôtre : %(n)s.", n=ended), "success")
    return redirect(url_for("admin.index"), 303)


@bp.get("/audit")
@roles_required(ROLE_ADMIN)
def audit_log():
    """The audit journal, newest first (read only: it cannot be changed through the app)."""
    page = max(1, request.args.get("page", 1, type=int) or 1)
    action = (request.args.get("action") or "").strip()[:60]
    entries = AuditLog.select().order_by(AuditLog.id.desc())
    if action:
        entries = entries.where(AuditLog.action == action)
    rows = list(entries.paginate(page, PAGE_SIZE))
    return render_template("admin/audit.html", entries=rows, page=page, action=action, more=len(rows) == PAGE_SIZE)
