"""Helper accounts: sign in, sign out, forgotten password, my account."""
from urllib.parse import urlparse

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..mail import send_mail
from ..models.accounts import User
from ..security import audit, login_required, public, rate_limit
from . import auth
from .forms import ChangePasswordForm, LoginForm, NewPasswordForm, PreferencesForm, ResetRequestForm

bp = Blueprint("accounts", __name__, url_prefix="/account")


def _safe_next(target):
    """Only follow `next` to a path on this site (no open redirect)."""
    if not target:
        return None
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def _home_for(user):
    """Where a helper lands after signing in."""
    if "pro.dashboard" in current_app.view_functions:
        return url_for("pro.dashboard")
    return url_for("accounts.account")


@bp.route("/login", methods=["GET", "POST"])
@public
@rate_limit("login", limit=30, window_seconds=300)
def login():
    """Sign in with email and password; failed attempts slow down further ones."""
    if current_user.is_authenticated:
        return redirect(_home_for(current_user))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        wait = auth.seconds_to_wait(form.email.data)
        if wait:
            audit("login-throttled", "user", None, actor=None)
            minutes = max(1, round(wait / 60))
            form.password.errors.append(
                _("Trop d'essais. Pour protéger votre compte, attendez %(n)s minute(s) avant de réessayer.", n=minutes)
                if wait >= 60
                else _("Trop d'essais. Attendez %(n)s secondes avant de réessayer.", n=wait)
            )
            status = 429
        else:
            user = auth.authenticate(form.email.data, form.password.data)
            if user is None:
                auth.record_failure(form.email.data)
                form.password.errors.append(_("L'adresse mail ou le mot de passe est incorrect."))
                status = 401
            else:
                auth.clear_failures(form.email.data)
                auth.start_session(user)
                return redirect(_safe_next(request.args.get("next")) or _home_for(user), 303)
    elif request.method == "POST":
        status = 400
    form.password.data = ""
    return render_template("accounts/login.html", form=form, form_has_errors=bool(form.errors)), status


@bp.post("/logout")
@login_required
def logout():
    """Sign out: the session ends on the server, so a copy of the cookie is worthless."""
    auth.end_session(current_user)
    flash(_("Vous êtes déconnecté·e."), "success")
    return redirect(url_for("pages.home"), 303)


@bp.route("/forgot-password", methods=["GET", "POST"])
@public
@rate_limit("password-reset", limit=5, window_seconds=3600)
def forgot_password():
    """Ask for a reset link; the answer is the same whether the account exists or not."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        user = User.get_or_none(User.email == auth.normalise_email(form.email.data))
        if user is not None and user.is_active:
            token = auth.create_reset_link_token(user)
            link = url_for("accounts.reset_password", token=token, _external=True)
            send_mail(
                user.email,
                _("Choisir un nouveau mot de passe"),
                _(
                    "Bonjour,\n\nPour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure, "
                    "une seule fois) :\n%(link)s\n\nSi vous n'avez rien demandé, ignorez ce message : "
                    "votre mot de passe ne change pas.",
                    link=link,
                ),
            )
            audit("password-reset-requested", "user", user.id, actor=user)
        return render_template("accounts/reset_sent.html")
    status = 400 if request.method == "POST" else 200
    return render_template("accounts/forgot.html", form=form, form_has_errors=bool(form.errors)), status


@bp.route("/reset/<token>", methods=["GET", "POST"])
@public
@rate_limit("password-reset-use", limit=10, window_seconds=3600)
def reset_password(token):
    """Choose a new password through a one-time link."""
    reset = auth.find_reset(token)
    if reset is None:
        return render_template("accounts/reset_invalid.html"), 404
    form = NewPasswordForm()
    form.email_hint = reset.user.email
    if form.validate_on_submit():
        auth.set_password(reset.user, form.password.data)
        flash(_("Votre mot de passe a été changé. Vous pouvez vous connecter."), "success")
        return redirect(url_for("accounts.login"), 303)
    status = 400 if request.method == "POST" else 200
    return render_template("accounts/reset.html", form=form, form_has_errors=bool(form.errors)), status


@bp.route("/", methods=["GET", "POST"])
@login_required
def account():
    """My account: language and password."""
    password_form = ChangePasswordForm(prefix="pw")
    password_form.email_hint = current_user.email
    preferences = PreferencesForm(prefix="pref", locale=current_user.locale or "fr")
    status = 200
    if request.method == "POST":
        if request.form.get("action") == "password":
            if password_form.validate_on_submit():
                if auth.passwords.check_password(current_user.password_hash, password_form.current.data):
                    auth.set_password(current_user, password_form.password.data, keep_current_session=True)
                    flash(_("Mot de passe changé. Vos autres connexions ont été fermées."), "success")
                    return redirect(url_for("accounts.account"), 303)
                password_form.current.errors.append(_("Ce n'est pas votre mot de passe actuel."))
            status = 400
        elif request.form.get("action") == "preferences":
            if preferences.validate_on_submit():
                current_user.locale = preferences.locale.data
                current_user.save()
                flash(_("Préférences enregistrées."), "success")
                return redirect(url_for("accounts.account", lang=current_user.locale), 303)
            status = 400
        else:
            abort(400)
    for field in (password_form.current, password_form.password, password_form.confirm):
        field.data = ""
    return (
        render_template(
            "accounts/account.html",
            password_form=password_form,
            preferences=preferences,
            form_has_errors=bool(password_form.errors or preferences.errors),
        ),
        status,
    )
