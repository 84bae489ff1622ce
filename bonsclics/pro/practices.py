"""Good practices: a shared library per network, with tags, attachments and comments."""
from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from peewee import JOIN

from ..choices import options
from ..db import write_transaction
from ..models.accounts import Network, User
from ..models.base import join_values
from ..models.pro import GoodPractice, PracticeAttachment, PracticeComment
from ..security import audit, login_required
from . import uploads
from .forms import AttachmentForm, CommentForm, PracticeForm, tag_list
from .views import bp

PAGE_SIZE = 30


def readable_networks():
    """Networks whose library the current user reads: all for admins, else those they work in."""
    if current_user.is_admin:
        return list(Network.select().order_by(Network.name))
    ids = current_user.network_ids()
    return list(Network.select().where(Network.id.in_(list(ids) or [0])).order_by(Network.name))


def practice_or_404(practice_id):
    """A post of a network the current user belongs to; any other id is a 404."""
    practice = GoodPractice.get_or_none(GoodPractice.id == practice_id)
    if practice is None or practice.network_id not in {n.id for n in readable_networks()}:
        abort(404)
    return practice


def _practice_form(formdata=None):
    """The new-post form with the user's networks."""
    form = PracticeForm(formdata=formdata, prefix="gp")
    form.network.choices = options((n.id, n.name) for n in readable_networks())
    return form


def _read_upload(field_name, form_field):
    """(bytes, filename, mimetype) of an uploaded file, None when none was sent; errors go on the field."""
    upload = request.files.get(field_name)
    if upload is None or not upload.filename:
        return None
    limit = current_app.config["UPLOAD_MAX_BYTES"]
    data = upload.read(limit + 1)
    try:
        mimetype = uploads.check(data, upload.filename, limit)
    except uploads.UploadRefused as refused:
        form_field.errors = list(form_field.errors or []) + [str(refused)]
        return False
    return data, uploads.clean_filename(upload.filename), mimetype


def _attach(practice, upload):
    """Store an accepted file and record it (inside the caller's transaction)."""
    data, filename, mimetype = upload
    stored = uploads.store(data)
    return PracticeAttachment.create(practice=practice, filename=filename, stored_name=stored, mimetype=mimetype,
                                     size=len(data), uploaded_by=current_user.id)


@bp.route("/practices", methods=["GET", "POST"])
@login_required
def practices():
    """The good practices of my networks (filter by tag), and a form to share one."""
    networks = readable_networks()
    form = _practice_form(request.form if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if not networks:
            abort(403)
        valid = form.validate()
        upload = _read_upload("gp-attachment", form.attachment)
        if valid and upload is not False:
            with write_transaction():
                practice = GoodPractice.create(network=int(form.network.data), author=current_user.id,
                                               title=form.title.data, body=form.body.data,
                                               tags=join_values(tag_list(form.tags.data)))
                if upload:
                    _attach(practice, upload)
                audit("good-practice-posted", "goodpractice", practice.id)
            flash(_("Bonne pratique partagée avec le réseau."), "success")
            return redirect(url_for("pro.practice", practice_id=practice.id), 303)
        status = 400
    tag = (request.args.get("tag") or "").strip().lower()[:30]
    page = max(1, request.args.get("page", 1, type=int) or 1)
    posts = (GoodPractice.select(GoodPractice, Network).join(Network)
             .where(GoodPractice.network.in_([n.id for n in networks] or [0])).order_by(GoodPractice.created_at.desc()))
    if tag:
        posts = posts.where((GoodPractice.tags == tag) | GoodPractice.tags.startswith(tag + "|")
                            | GoodPractice.tags.endswith("|" + tag) | GoodPractice.tags.contains("|" + tag + "|"))
    rows = list(posts.paginate(page, PAGE_SIZE))
    return render_template("pro/practices.html", posts=rows, form=form, tag=tag, page=page, networks=networks,
                           more=len(rows) == PAGE_SIZE, form_has_errors=bool(form.errors)), status


def _practice_page(practice, comment_form=None, attachment_form=None, status=200):
    """A post, its attachments and comments."""
    comments = list(PracticeComment.select(PracticeComment, User).join(User, join_type=JOIN.LEFT_OUTER)
                    .where(PracticeComment.practice == practice).order_by(PracticeComment.created_at))
    comment_form = comment_form or CommentForm(prefix="c")
    attachment_form = attachment_form or AttachmentForm(prefix="a")
    return render_template(
        "pro/practice.html", practice=practice, comments=comments, attachments=list(practice.attachments),
        comment_form=comment_form, attachment_form=attachment_form,
        may_attach=practice.author_id == current_user.id or current_user.is_admin,
        max_mb=round(current_app.config["UPLOAD_MAX_BYTES"] / 1024 / 1024, 1),
        form_has_errors=bool(comment_form.errors or attachment_form.errors),
    ), status


@bp.get("/practices/<int:practice_id>")
@login_required
def practice(practice_id):
    """A good practice with its attachments and comments."""
    return _practice_page(practice_or_404(practice_id))


@bp.post("/practices/<int:practice_id>/comments")
@login_required
def comment_practice(practice_id):
    """Comment on a good practice."""
    practice = practice_or_404(practice_id)
    form = CommentForm(prefix="c")
    if not form.validate_on_submit():
        return _practice_page(practice, comment_form=form, status=400)
    with write_transaction():
        comment = PracticeComment.create(practice=practice, author=current_user.id, body=form.body.data)
        audit("good-practice-commented", "goodpractice", practice.id, detail=f"comment:{comment.id}")
    flash(_("Commentaire ajouté."), "success")
    return redirect(url_for("pro.practice", practice_id=practice.id) + "#comments", 303)


@bp.post("/practices/<int:practice_id>/attachments")
@login_required
def attach_to_practice(practice_id):
    """Add a PDF or image to one's own post."""
    practice = practice_or_404(practice_id)
    if practice.author_id != current_user.id and not current_user.is_admin:
        abort(403)
    form = AttachmentForm(prefix="a")
    form.validate_on_submit()
    upload = _read_upload("a-attachment", form.attachment)
    if upload is None:
        form.attachment.errors = [_("Choisissez un fichier.")]
    if not upload:
        return _practice_page(practice, attachment_form=form, status=400)
    with write_transaction():
        attachment = _attach(practice, upload)
        audit("good-practice-attachment", "goodpractice", practice.id, detail=f"attachment:{attachment.id}")
    flash(_("Pièce jointe ajoutée."), "success")
    return redirect(url_for("pro.practice", practice_id=practice.id), 303)


@bp.get("/practices/attachments/<int:attachment_id>")
@login_required
def attachment(attachment_id):
    """Download an attachment (members of the post's network only), never shown inline."""
    found = PracticeAttachment.get_or_none(PracticeAttachment.id == attachment_id) or abort(404)
    practice_or_404(found.practice_id)
    try:
        path = uploads.path_of(found.stored_name)
        response = send_file(path, mimetype=found.mimetype, as_attachment=True, download_name=found.filename,
                             max_age=0, conditional=False)
    except (FileNotFoundError, ValueError):
        abort(404)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
