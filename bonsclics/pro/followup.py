"""Learner follow-up: records created with consent, resume codes, notes, assignments, the record page."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import personal_data
from ..areas import area_modules
from ..choices import options
from ..db import utcnow, write_transaction
from ..models.accounts import Structure
from ..models.learners import Learner, LearnerNote, ResumeCode, normalise_code
from ..models.pro import Assignment, GroupMember, LearnerGroup
from ..security import audit, login_required, too_many
from ..ui import tr
from . import logic
from .forms import AssignForm, LearnerForm, LinkCodeForm, NoteForm
from .views import bp

PAGE_SIZE = 50


def learner_or_404(learner_id):
    """A learner of a structure the current user works in; any other id is a 404."""
    learner = logic.learner_for(current_user, learner_id)
    if learner is None:
        abort(404)
    return learner


def structure_choices(structures):
    """(id, name) choices for a structure field."""
    return options((s.id, s.name) for s in structures)


def item_choices_for_form():
    """Lessons and practice paths as choices, in the person's language."""
    lessons = [(f"lesson:{i}", _("Leçon : %(t)s", t=tr(t).text)) for i, t in logic.lesson_choices()]
    paths = [(f"practice:{i}", _("Démarche : %(t)s", t=tr(t).text)) for i, t in logic.practice_choices()]
    return options([("", _("Choisissez…"))] + lessons + paths)


def assign_form(formdata=None):
    """The form to give a lesson or practice path."""
    form = AssignForm(formdata=formdata, prefix="assign")
    form.item.choices = item_choices_for_form()
    return form


def viewer_role(learner):
    """The current user's role in the learner's structure."""
    return next((m.role for m in current_user.memberships_list() if m.structure_id == learner.structure_id), None)


@bp.get("/learners")
@login_required
def learners():
    """The learners followed by my structures, searchable by first name or pseudonym."""
    ids = current_user.structure_ids()
    query = (request.args.get("q") or "").strip()[:60]
    rows = Learner.select(Learner, Structure).join(Structure).where(Learner.structure.in_(ids or [0]))
    if query:
        rows = rows.where(Learner.pseudonym.contains(query))
    page = max(1, request.args.get("page", 1, type=int) or 1)
    found = list(rows.order_by(Learner.pseudonym).paginate(page, PAGE_SIZE))
    groups = list(LearnerGroup.select().where(LearnerGroup.structure.in_(ids or [0])).order_by(LearnerGroup.name))
    return render_template("pro/learners.html", learners=found, query=query, page=page, groups=groups,
                           more=len(found) == PAGE_SIZE, member=bool(ids))


def _learner_form(formdata=None):
    """The new-record form, with the user's structures."""
    form = LearnerForm(formdata=formdata)
    form.structure.choices = structure_choices(logic.member_structures(current_user))
    return form


@bp.route("/learners/new", methods=["GET", "POST"])
@login_required
def new_learner():
    """Create a learner record, only with the person's consent."""
    if not current_user.structure_ids():
        abort(403)
    form = _learner_form(request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        now = utcnow()
        with write_transaction():
            learner = Learner.create(
                structure=int(form.structure.data), pseudonym=form.pseudonym.data, phone=form.phone.data or "",
                email=(form.email.data or "").lower(), consent_at=now, consent_by=current_user.id,
                consent_how=form.consent_how.data, created_at=now, last_activity_at=now,
            )
            audit("learner-created", "learner", learner.id, detail=f"consent:{learner.consent_how}")
        flash(_("Fiche créée pour %(name)s.", name=learner.pseudonym), "success")
        return redirect(url_for("pro.learner", learner_id=learner.id), 303)
    status = 400 if request.method == "POST" else 200
    return render_template("pro/learner_new.html", form=form, form_has_errors=bool(form.errors)), status


def other_sections(learner):
    """Every area's section of the record (diagnostic, lessons, practice, bookings...), rendered."""
    sections = []
    for module in area_modules("learner"):
        section = module.learner_section(learner, current_user)
        if not section:
            continue
        context = {k: v for k, v in section.items() if k not in ("title", "template")}
        sections.append({"title": section["title"], "html": render_template(section["template"], **context)})
    return sections


def _record_page(learner, code_form=None, note_form=None, assign=None, status=200):
    """The learner record page, with its forms (some may carry errors)."""
    role = viewer_role(learner)
    notes = LearnerNote.select().where(LearnerNote.learner == learner).order_by(LearnerNote.created_at.desc())
    if role == "volunteer":
        notes = notes.where(LearnerNote.private == False)  # noqa: E712
    groups = list(LearnerGroup.select().join(GroupMember).where(GroupMember.learner == learner).order_by(LearnerGroup.name))
    assignments = logic.assignments_for_learner(learner)
    code_form = code_form or LinkCodeForm(prefix="code")
    note_form = note_form or NoteForm(prefix="note")
    assign = assign or assign_form()
    audit("learner-viewed", "learner", learner.id)
    return render_template(
        "pro/learner.html", learner=learner, notes=list(notes), groups=groups, assignments=assignments,
        status_of=logic.progress_status(learner), codes=list(learner.resume_codes), sections=other_sections(learner),
        code_form=code_form, note_form=note_form, assign_form=assign, may_erase=role in ("manager", "pro"),
        form_has_errors=bool(code_form.errors or note_form.errors or assign.errors),
    ), status


@bp.get("/learners/<int:learner_id>")
@login_required
def learner(learner_id):
    """A learner's record: consent, codes, notes, groups, assignments and every area's progress."""
    return _record_page(learner_or_404(learner_id))


def _touch(learner):
    """The record was used today (retention counts from the last use)."""
    Learner.update(last_activity_at=utcnow()).where(Learner.id == learner.id).execute()


@bp.post("/learners/<int:learner_id>/code")
@login_required
def link_code(learner_id):
    """Link the resume code the person gives: their anonymous diagnostic and progress join the record."""
    learner = learner_or_404(learner_id)
    form = LinkCodeForm(prefix="code")
    if not form.validate_on_submit():
        return _record_page(learner, code_form=form, status=400)
    if too_many("pro-code-link", 30, 3600, key=f"user:{current_user.id}"):
        form.code.errors.append(_("Trop d'essais. Attendez une heure avant de relier un autre code."))
        return _record_page(learner, code_form=form, status=429)
    code = ResumeCode.get_or_none(ResumeCode.code == normalise_code(form.code.data))
    if code is None:
        form.code.errors.append(_("Ce code est inconnu. Vérifiez chaque lettre et chaque chiffre avec la personne."))
        return _record_page(learner, code_form=form, status=400)
    if code.learner_id and code.learner_id != learner.id:
        form.code.errors.append(_("Ce code est déjà relié à une autre fiche."))
        return _record_page(learner, code_form=form, status=400)
    with write_transaction():
        ResumeCode.update(learner=learner).where(ResumeCode.id == code.id).execute()
        _touch(learner)
        audit("learner-code-linked", "learner", learner.id, detail=f"resumecode:{code.id}")
    flash(_("Code relié : le parcours de la personne apparaît sur sa fiche."), "success")
    return redirect(url_for("pro.learner", learner_id=learner.id), 303)


@bp.post("/learners/<int:learner_id>/codes/<int:code_id>/remove")
@login_required
def unlink_code(learner_id, code_id):
    """Detach a resume code from the record (the code and its progress stay with the person)."""
    learner = learner_or_404(learner_id)
    with write_transaction():
        count = ResumeCode.update(learner=None).where(ResumeCode.id == code_id, ResumeCode.learner == learner).execute()
        if not count:
            abort(404)
        audit("learner-code-unlinked", "learner", learner.id, detail=f"resumecode:{code_id}")
    flash(_("Code détaché de la fiche."), "success")
    return redirect(url_for("pro.learner", learner_id=learner.id), 303)


@bp.post("/learners/<int:learner_id>/notes")
@login_required
def add_note(learner_id):
    """Add a note to the record."""
    learner = learner_or_404(learner_id)
    form = NoteForm(prefix="note")
    if not form.validate_on_submit():
        return _record_page(learner, note_form=form, status=400)
    private = bool(form.private.data) and viewer_role(learner) != "volunteer"
    with write_transaction():
        note = LearnerNote.create(learner=learner, author=current_user.id, text=form.text.data, private=private)
        _touch(learner)
        audit("learner-note-added", "learner", learner.id, detail=f"note:{note.id}")
    flash(_("Note ajoutée."), "success")
    return redirect(url_for("pro.learner", learner_id=learner.id) + "#notes", 303)


@bp.post("/learners/<int:learner_id>/assign")
@login_required
def assign_to_learner(learner_id):
    """Give the learner a lesson or a practice path (they see it on "My path" through their code)."""
    learner = learner_or_404(learner_id)
    form = assign_form(request.form)
    if not form.validate_on_submit():
        return _record_page(learner, assign=form, status=400)
    kind, item_id = logic.split_item(form.item.data)
    with write_transaction():
        Assignment.create(learner=learner, kind=kind, item_id=item_id, assigned_by=current_user.id)
        _touch(learner)
        audit("assignment-added", "learner", learner.id, detail=f"{kind}:{item_id}")
    flash(_("C'est donné : la personne le verra dans « Mon parcours »."), "success")
    return redirect(url_for("pro.learner", learner_id=learner.id) + "#assignments", 303)


@bp.post("/learners/<int:learner_id>/assignments/<int:assignment_id>/remove")
@login_required
def remove_learner_assignment(learner_id, assignment_id):
    """Take back something given to the learner."""
    learner = learner_or_404(learner_id)
    with write_transaction():
        count = Assignment.delete().where(Assignment.id == assignment_id, Assignment.learner == learner).execute()
        if not count:
            abort(404)
        audit("assignment-removed", "learner", learner.id, detail=f"assignment:{assignment_id}")
    flash(_("Retiré du parcours."), "success")
    return redirect(url_for("pro.learner", learner_id=learner.id) + "#assignments", 303)


@bp.get("/learners/<int:learner_id>/data.json")
@login_required
def learner_data(learner_id):
    """Everything held about the learner (right of access), as JSON to give to the person."""
    learner = learner_or_404(learner_id)
    data = personal_data.export_learner(learner)
    return Response(personal_data.as_json(data), mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="fiche-{learner.id}.json"'})


@bp.post("/learners/<int:learner_id>/erase")
@login_required
def erase_learner(learner_id):
    """Erase the record and everything tied to it, at the person's request (managers and professionals)."""
    learner = learner_or_404(learner_id)
    if viewer_role(learner) not in ("manager", "pro"):
        abort(403)
    if request.form.get("confirm") != "yes":
        flash(_("Cochez la case pour confirmer l'effacement."), "error")
        return redirect(url_for("pro.learner", learner_id=learner.id) + "#erase", 303)
    personal_data.erase_learner(learner)
    flash(_("La fiche et tout ce qui y était relié ont été effacés."), "success")
    return redirect(url_for("pro.learners"), 303)


from . import groups  # noqa: E402,F401  (group routes join bp)
