"""Groups of learners ("Tuesday workshop"): members, assignments, progress of the whole group."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..choices import options
from ..db import utcnow, write_transaction
from ..models.learners import Learner
from ..models.pro import Assignment, GroupMember, LearnerGroup
from ..security import audit, login_required
from . import logic
from .followup import assign_form, structure_choices
from .forms import GroupForm, GroupMemberForm
from .views import bp


def group_or_404(group_id):
    """A group of a structure the current user works in; any other id is a 404."""
    group = logic.group_for(current_user, group_id)
    if group is None:
        abort(404)
    return group


def _group_form(formdata=None):
    """The new-group form, with the user's structures."""
    form = GroupForm(formdata=formdata, prefix="group")
    form.structure.choices = structure_choices(logic.member_structures(current_user))
    return form


@bp.route("/groups", methods=["GET", "POST"])
@login_required
def groups():
    """My structures' groups, and a form to create one."""
    ids = current_user.structure_ids()
    form = _group_form(request.form if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not ids:
            abort(403)
        if form.validate():
            with write_transaction():
                group = LearnerGroup.create(structure=int(form.structure.data), name=form.name.data,
                                            created_by=current_user.id)
                audit("group-created", "learnergroup", group.id)
            flash(_("Groupe créé."), "success")
            return redirect(url_for("pro.group", group_id=group.id), 303)
        status = 400
    rows = list(LearnerGroup.select().where(LearnerGroup.structure.in_(ids or [0])).order_by(LearnerGroup.name))
    return render_template("pro/groups.html", groups=rows, form=form, member=bool(ids),
                           form_has_errors=bool(form.errors)), status


def _member_form(group, formdata=None):
    """The form to add one of the structure's learners who is not in the group yet."""
    form = GroupMemberForm(formdata=formdata, prefix="member")
    inside = GroupMember.select(GroupMember.learner).where(GroupMember.group == group)
    candidates = Learner.select().where(Learner.structure == group.structure_id, Learner.id.not_in(inside)).order_by(Learner.pseudonym)
    form.learner.choices = options([("", _("Choisissez…"))] + [(learner.id, learner.pseudonym) for learner in candidates])
    return form


def _group_page(group, member_form=None, assign=None, status=200):
    """The group page: members with the state of each assignment, and the lessons most often failed."""
    members = list(Learner.select().join(GroupMember).where(GroupMember.group == group).order_by(Learner.pseudonym))
    assignments = list(Assignment.select().where(Assignment.group == group).order_by(Assignment.at.desc()))
    rows = []
    for learner in members:
        states = logic.progress_status(learner)
        rows.append({"learner": learner, "states": [states.get((a.kind, a.item_id), "todo") for a in assignments]})
    failed, failed_available = logic.most_failed_lessons(members)
    member_form = member_form or _member_form(group)
    assign = assign or assign_form()
    audit("group-viewed", "learnergroup", group.id)
    return render_template(
        "pro/group.html", group=group, members=members, assignments=assignments, rows=rows,
        titles={a.id: logic.item_title(a.kind, a.item_id) for a in assignments}, failed=failed,
        failed_available=failed_available, member_form=member_form, assign_form=assign,
        form_has_errors=bool(member_form.errors or assign.errors),
    ), status


@bp.get("/groups/<int:group_id>")
@login_required
def group(group_id):
    """A group: members, what was given to all, where each person is."""
    return _group_page(group_or_404(group_id))


@bp.post("/groups/<int:group_id>/members")
@login_required
def add_group_member(group_id):
    """Add a learner of the same structure to the group."""
    group = group_or_404(group_id)
    form = _member_form(group, request.form)
    if not form.validate_on_submit():
        return _group_page(group, member_form=form, status=400)
    with write_transaction():
        GroupMember.create(group=group, learner=int(form.learner.data))
        Learner.update(last_activity_at=utcnow()).where(Learner.id == int(form.learner.data)).execute()
        audit("group-member-added", "learnergroup", group.id, detail=f"learner:{form.learner.data}")
    flash(_("Personne ajoutée au groupe."), "success")
    return redirect(url_for("pro.group", group_id=group.id), 303)


@bp.post("/groups/<int:group_id>/members/<int:learner_id>/remove")
@login_required
def remove_group_member(group_id, learner_id):
    """Take a learner out of the group."""
    group = group_or_404(group_id)
    with write_transaction():
        count = GroupMember.delete().where(GroupMember.group == group, GroupMember.learner == learner_id).execute()
        if not count:
            abort(404)
        audit("group-member-removed", "learnergroup", group.id, detail=f"learner:{learner_id}")
    flash(_("Personne retirée du groupe."), "success")
    return redirect(url_for("pro.group", group_id=group.id), 303)


@bp.post("/groups/<int:group_id>/assign")
@login_required
def assign_to_group(group_id):
    """Give a lesson or practice path to every member of the group (and to those who join later)."""
    group = group_or_404(group_id)
    form = assign_form(request.form)
    if not form.validate_on_submit():
        return _group_page(group, assign=form, status=400)
    kind, item_id = logic.split_item(form.item.data)
    with write_transaction():
        Assignment.create(group=group, kind=kind, item_id=item_id, assigned_by=current_user.id)
        audit("assignment-added", "learnergroup", group.id, detail=f"{kind}:{item_id}")
    flash(_("C'est donné à tout le groupe."), "success")
    return redirect(url_for("pro.group", group_id=group.id), 303)


@bp.post("/groups/<int:group_id>/assignments/<int:assignment_id>/remove")
@login_required
def remove_group_assignment(group_id, assignment_id):
    """Take back something given to the group."""
    group = group_or_404(group_id)
    with write_transaction():
        count = Assignment.delete().where(Assignment.id == assignment_id, Assignment.group == group).execute()
        if not count:
            abort(404)
        audit("assignment-removed", "learnergroup", group.id, detail=f"assignment:{assignment_id}")
    flash(_("Retiré du parcours du groupe."), "success")
    return redirect(url_for("pro.group", group_id=group.id), 303)
