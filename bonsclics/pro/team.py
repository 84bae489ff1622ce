"""Structures and teams: invitations, roles, removals, engagements, joining a network."""
import secrets

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts import auth
from ..accounts.passwords import hash_password
from ..choices import options
from ..db import utcnow, write_transaction
from ..mail import send_mail
from ..models.accounts import ENGAGEMENTS, LoginSession, Membership, Network, Structure, User, hash_token
from ..models.base import join_values
from ..models.places import Place
from ..models.pro import Invitation, TrainingCompletion
from ..security import audit, login_required, public, rate_limit
from . import logic
from .forms import AcceptInvitationForm, EngagementsForm, InviteForm, JoinNetworkForm, RoleForm
from .views import bp

# Kinds of help a place may show that match a structure's engagements ("orientation" has none).
PLACE_KINDS = ("assistance", "mediation", "nudge", "equipment")


def _structure_or_404(structure_id):
    """A structure the current user works in or manages, else 404 (never reveal others)."""
    structure = Structure.get_or_none(Structure.id == structure_id)
    if structure is None or not (current_user.works_in(structure.id) or current_user.can_manage_structure(structure)):
        abort(404)
    return structure


def _managed_or_403(structure_id):
    """A structure the current user may manage; 404 when they cannot see it, 403 when they only work there."""
    structure = _structure_or_404(structure_id)
    if not current_user.can_manage_structure(structure):
        abort(403)
    return structure


@bp.get("/structures")
@login_required
def structures():
    """The structures I work in, and those I manage (a coordinator: the whole network)."""
    mine = {m.structure_id for m in current_user.memberships_list()}
    managed = logic.managed_structures(current_user)
    listed = {s.id: s for s in managed}
    for membership in current_user.memberships_list():
        listed.setdefault(membership.structure_id, membership.structure)
    requests = []
    if current_user.is_coordinator and current_user.network_id:
        requests = list(Structure.select().where(Structure.join_requested == current_user.network_id))
    elif current_user.is_admin:
        requests = list(Structure.select().where(Structure.join_requested.is_null(False)))
    rows = sorted(listed.values(), key=lambda s: s.name.lower())
    return render_template("pro/structures.html", structures=rows, mine=mine, join_requests=requests)


def _places_out_of_step(structure):
    """The structure's places whose kinds of help differ from its engagements."""
    wanted = {e for e in structure.engagement_list if e in PLACE_KINDS}
    out = []
    for place in Place.select().where(Place.structure == structure).order_by(Place.nom):
        shown = {k for k in place.values("kinds_of_help") if k in PLACE_KINDS}
        if shown != wanted:
            out.append(place)
    return out


def _structure_page(structure, invite_form=None, engagements_form=None, join_form=None, status=200):
    """The structure page with its forms (some may carry errors)."""
    manage = current_user.can_manage_structure(structure)
    members = list(Membership.select(Membership, User).join(User).where(Membership.structure == structure)
                   .order_by(User.name, User.email))
    invitations = list(Invitation.select().where(Invitation.structure == structure, Invitation.used_at.is_null(),
                                                 Invitation.expires_at > utcnow()).order_by(Invitation.created_at.desc()))
    training = {}
    if manage and members:
        for row in TrainingCompletion.select().where(TrainingCompletion.user.in_([m.user_id for m in members])):
            training.setdefault(row.user_id, []).append(row)
    invite_form = invite_form or InviteForm(prefix="invite")
    engagements_form = engagements_form or EngagementsForm(prefix="eng", engagements=structure.engagement_list)
    join_form = join_form or _join_form()
    forms = {m.id: RoleForm(prefix=f"m{m.id}", role=m.role) for m in members}
    return render_template(
        "pro/structure.html", structure=structure, manage=manage, members=members, invitations=invitations,
        invite_form=invite_form, engagements_form=engagements_form, join_form=join_form, role_forms=forms,
        training=training, training_total=len(logic.training_lessons()),
        places_out_of_step=_places_out_of_step(structure) if manage else [],
        form_has_errors=bool(invite_form.errors or engagements_form.errors or join_form.errors),
    ), status


def _join_form(formdata=None):
    """The form to ask to join a network, with every network as a choice."""
    form = JoinNetworkForm(formdata=formdata, prefix="join")
    form.network.choices = options([("", _("Choisissez un réseau"))] + [
        (n.id, n.name) for n in Network.select().order_by(Network.name)])
    return form


@bp.get("/structures/<int:structure_id>")
@login_required
def structure(structure_id):
    """A structure: its team, pending invitations, engagements and network."""
    return _structure_page(_structure_or_404(structure_id))


@bp.post("/structures/<int:structure_id>/invite")
@login_required
def invite(structure_id):
    """Send a single-use invitation link by mail."""
    structure = _managed_or_403(structure_id)
    form = InviteForm(prefix="invite")
    if not form.validate_on_submit():
        return _structure_page(structure, invite_form=form, status=400)
    email = auth.normalise_email(form.email.data)
    existing = User.get_or_none(User.email == email)
    if existing is not None and existing.works_in(structure.id):
        form.email.errors.append(_("Cette personne fait déjà partie de l'équipe."))
        return _structure_page(structure, invite_form=form, status=400)
    token = secrets.token_urlsafe(32)
    with write_transaction():
        invitation = Invitation.create(structure=structure, email=email, role=form.role.data, token_hash=hash_token(token),
                                       invited_by=current_user.id, expires_at=logic.invitation_expiry())
        audit("member-invited", "structure", structure.id, detail=f"invitation:{invitation.id}:{invitation.role}")
    link = url_for("pro.accept_invitation", token=token, _external=True)
    send_mail(email, _("Invitation à rejoindre %(name)s", name=structure.name), _(
        "Bonjour,\n\n%(who)s vous invite à rejoindre l'équipe de %(name)s sur %(site)s.\n\n"
        "Pour accepter, ouvrez ce lien (valable %(days)s jours, une seule fois) :\n%(link)s\n\n"
        "Si vous ne connaissez pas cette structure, ignorez ce message.",
        who=current_user.display_name, name=structure.name, site=request.host, days=logic.INVITATION_DAYS, link=link))
    flash(_("Invitation envoyée à %(email)s.", email=email), "success")
    return redirect(url_for("pro.structure", structure_id=structure.id), 303)


@bp.post("/structures/<int:structure_id>/invitations/<int:invitation_id>/remove")
@login_required
def cancel_invitation(structure_id, invitation_id):
    """Withdraw an invitation not used yet."""
    structure = _managed_or_403(structure_id)
    invitation = Invitation.get_or_none(Invitation.id == invitation_id, Invitation.structure == structure) or abort(404)
    with write_transaction():
        invitation.delete_instance()
        audit("invitation-cancelled", "structure", structure.id, detail=f"invitation:{invitation_id}")
    flash(_("Invitation annulée."), "success")
    return redirect(url_for("pro.structure", structure_id=structure.id), 303)


def _membership_or_404(structure, membership_id):
    """A membership of this structure."""
    return Membership.get_or_none(Membership.id == membership_id, Membership.structure == structure) or abort(404)


@bp.post("/structures/<int:structure_id>/members/<int:membership_id>/role")
@login_required
def change_member_role(structure_id, membership_id):
    """Change a member's role in the structure."""
    structure = _managed_or_403(structure_id)
    membership = _membership_or_404(structure, membership_id)
    form = RoleForm(prefix=f"m{membership.id}")
    if not form.validate_on_submit():
        flash(_("Rôle non modifié : choisissez un rôle de la liste."), "error")
        return redirect(url_for("pro.structure", structure_id=structure.id), 303)
    if membership.user_id == current_user.id and not current_user.is_admin and not current_user.is_coordinator:
        flash(_("Vous ne pouvez pas changer votre propre rôle : demandez à un·e autre responsable."), "error")
        return redirect(url_for("pro.structure", structure_id=structure.id), 303)
    with write_transaction():
        before = membership.role
        membership.role = form.role.data
        membership.save()
        audit("member-role-changed", "user", membership.user_id, detail=f"structure:{structure.id}:{before}->{membership.role}")
    flash(_("Rôle enregistré."), "success")
    return redirect(url_for("pro.structure", structure_id=structure.id), 303)


@bp.post("/structures/<int:structure_id>/members/<int:membership_id>/remove")
@login_required
def remove_member(structure_id, membership_id):
    """Remove someone from the team: their sessions end at once."""
    structure = _managed_or_403(structure_id)
    membership = _membership_or_404(structure, membership_id)
    if membership.user_id == current_user.id:
        flash(_("Vous ne pouvez pas vous retirer vous-même : demandez à un·e autre responsable."), "error")
        return redirect(url_for("pro.structure", structure_id=structure.id), 303)
    with write_transaction():
        user = membership.user
        membership.delete_instance()
        LoginSession.end_all(user)
        audit("member-removed", "user", user.id, detail=f"structure:{structure.id}:{membership.role}")
    flash(_("%(name)s ne fait plus partie de l'équipe ; ses connexions sont fermées.", name=user.display_name), "success")
    return redirect(url_for("pro.structure", structure_id=structure.id), 303)


@bp.post("/structures/<int:structure_id>/engagements")
@login_required
def engagements(structure_id):
    """Save what the structure does for the network; then offer to update its places."""
    structure = _managed_or_403(structure_id)
    form = EngagementsForm(prefix="eng")
    if not form.validate_on_submit():
        return _structure_page(structure, engagements_form=form, status=400)
    chosen = [e for e in ENGAGEMENTS if e in form.engagements.data]
    with write_transaction():
        structure.engagements = join_values(chosen)
        structure.save()
        audit("engagements-changed", "structure", structure.id, detail=structure.engagements)
    flash(_("Engagements enregistrés."), "success")
    return redirect(url_for("pro.structure", structure_id=structure.id) + "#places", 303)


@bp.post("/structures/<int:structure_id>/places-sync")
@login_required
def sync_places(structure_id):
    """Show the structure's engagements on its places (other kinds of help, like solidarity, stay)."""
    structure = _managed_or_403(structure_id)
    wanted = [e for e in structure.engagement_list if e in PLACE_KINDS]
    count = 0
    with write_transaction():
        for place in _places_out_of_step(structure):
            extras = [k for k in place.values("kinds_of_help") if k not in PLACE_KINDS]
            place.kinds_of_help = join_values(wanted + extras)
            place.updated_at = utcnow()
            place.updated_by = current_user.id
            place.save()
            count += 1
        audit("places-kinds-synced", "structure", structure.id, detail=str(count))
    flash(_("%(n)s lieu(x) mis à jour.", n=count), "success")
    return redirect(url_for("pro.structure", structure_id=structure.id), 303)


@bp.post("/structures/<int:structure_id>/join")
@login_required
def ask_to_join(structure_id):
    """Ask a network's coordinator to take the structure in."""
    structure = _managed_or_403(structure_id)
    form = _join_form(request.form)
    if not form.validate_on_submit():
        return _structure_page(structure, join_form=form, status=400)
    network = Network.get_by_id(int(form.network.data))
    if structure.network_id == network.id:
        form.network.errors.append(_("La structure fait déjà partie de ce réseau."))
        return _structure_page(structure, join_form=form, status=400)
    with write_transaction():
        structure.join_requested = network
        structure.save()
        audit("network-join-requested", "structure", structure.id, detail=f"network:{network.id}")
    flash(_("Demande envoyée au réseau %(name)s.", name=network.name), "success")
    return redirect(url_for("pro.structure", structure_id=structure.id), 303)


@bp.post("/structures/<int:structure_id>/join-answer")
@login_required
def answer_join_request(structure_id):
    """The coordinator of the requested network accepts or refuses a structure."""
    structure = Structure.get_or_none(Structure.id == structure_id) or abort(404)
    network_id = structure.join_requested_id
    allowed = current_user.is_admin or (current_user.is_coordinator and network_id and network_id == current_user.network_id)
    if not network_id or not allowed:
        abort(404)
    accept = request.form.get("answer") == "accept"
    with write_transaction():
        if accept:
            structure.network = network_id
        structure.join_requested = None
        structure.save()
        audit("network-join-accepted" if accept else "network-join-refused", "structure", structure.id,
              detail=f"network:{network_id}")
    flash(_("%(name)s fait maintenant partie du réseau.", name=structure.name) if accept
          else _("Demande de %(name)s refusée.", name=structure.name), "success")
    return redirect(url_for("pro.structures"), 303)


# --- Accepting an invitation (the invited person may have no account yet) ---------------

def _find_invitation(token):
    """The unused, unexpired invitation of this token, or None."""
    return Invitation.get_or_none(Invitation.token_hash == hash_token(token or ""), Invitation.used_at.is_null(),
                                  Invitation.expires_at > utcnow())


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@public
@rate_limit("invitation", limit=20, window_seconds=3600)
def accept_invitation(token):
    """Join a structure through an invitation link: choose a name and a password (or sign in first)."""
    invitation = _find_invitation(token)
    if invitation is None:
        return render_template("pro/invitation_invalid.html"), 404
    existing = User.get_or_none(User.email == invitation.email)
    form = AcceptInvitationForm()
    form.email_hint = invitation.email
    if existing is not None:
        signed_in_as_invitee = current_user.is_authenticated and current_user.id == existing.id
        if request.method == "POST" and signed_in_as_invitee:
            _use_invitation(invitation, existing)
            flash(_("Vous faites maintenant partie de %(name)s.", name=invitation.structure.name), "success")
            return redirect(url_for("pro.dashboard"), 303)
        return render_template("pro/invitation_existing.html", invitation=invitation, signed_in=signed_in_as_invitee,
                               token=token)
    if form.validate_on_submit():
        with write_transaction():
            user = User.create(email=invitation.email, name=form.name.data, password_hash=hash_password(form.password.data))
            _use_invitation(invitation, user)
        auth.start_session(user)
        flash(_("Bienvenue ! Votre compte est créé."), "success")
        return redirect(url_for("pro.dashboard"), 303)
    status = 400 if request.method == "POST" else 200
    form.password.data = form.confirm.data = ""
    return render_template("pro/invitation.html", invitation=invitation, form=form, token=token,
                           form_has_errors=bool(form.errors)), status


def _use_invitation(invitation, user):
    """Mark the invitation used and give `user` the role (once, whatever happens twice)."""
    with write_transaction():
        used = (Invitation.update(used_at=utcnow())
                .where(Invitation.id == invitation.id, Invitation.used_at.is_null()).execute())
        if not used:
            abort(404)
        membership = Membership.get_or_none(Membership.user == user, Membership.structure == invitation.structure_id)
        if membership is None:
            Membership.create(user=user, structure=invitation.structure_id, role=invitation.role)
        else:
            membership.role = invitation.role
            membership.save()
        audit("invitation-accepted", "user", user.id, detail=f"structure:{invitation.structure_id}:{invitation.role}",
              actor=user)


def engagement_labels():
    """Engagement ids with their labels, for templates."""
    from .forms import ENGAGEMENT_CHOICES

    return dict(ENGAGEMENT_CHOICES)


@bp.app_template_global("engagement_label")
@bp.app_template_filter("engagement_label")
def engagement_label(engagement_id):
    """The label of one engagement."""
    return engagement_labels().get(engagement_id, engagement_id)

