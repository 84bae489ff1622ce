"""Helper accounts: sign in, sign out, forgotten password, my account and its sessions."""
import datetime

from urllib.parse import urlparse

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..db import utcnow

from ..mail import send_mail
from ..models.accounts import LoginSession, User
from ..security import audit, login_required, public, rate_limit
from . import auth, second_factor
from .devices import device_label
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


def wait_message(wait):
    """Why a sign-in attempt is refused while a delay after failures runs."""
    if wait >= 60:
        minutes = max(1, round(wait / 60))
        return _("Trop d'essais. Pour protéger votre compte, attendez %(n)s minute(s) avant de réessayer.", n=minutes)
    return _("Trop d'essais. Attendez %(n)s secondes avant de réessayer.", n=wait)


def home_for(user):
    """Where a helper lands after signing in (public name, used by the second factor's views)."""
    return _home_for(user)


def _home_for(user):
    """Where a helper lands after signing in."""
    if second_factor.required_for(user) and not user.has_second_factor:
        return url_for("accounts.second_factor")
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
            form.password.errors.append(wait_message(wait))
            status = 429
        else:
            user = auth.authenticate(form.email.data, form.password.data)
            if user is None:
                auth.record_failure(form.email.data)
                form.password.errors.append(_("L'adresse mail ou le mot de passe est incorrect."))
                status = 401
            else:
                auth.clear_failures(form.email.data)
                next_url = _safe_next(request.args.get("next"))
                if user.has_second_factor:
                    # No login session yet: only the code page knows about this person.
                    second_factor.begin_pending(user, next_url)
                    return redirect(url_for("accounts.login_code"), 303)
                auth.start_session(user)
                return redirect(next_url or _home_for(user), 303)
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
    """My account: language, password, second factor and the devices where I am signed in."""
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
            sessions=_live_sessions(current_user),
            current_token_hash=LoginSession.hash_of_current(current_user),
            device_label=device_label,
            form_has_errors=bool(password_form.errors or preferences.errors),
        ),
        status,
    )


def _live_sessions(user):
    """The user's sessions that are still valid (idle or too old ones wait for the purge), latest first."""
    now = utcnow()
    idle = now - datetime.timedelta(seconds=current_app.config["PERMANENT_SESSION_LIFETIME"])
    started = now - datetime.timedelta(seconds=current_app.config["SESSION_ABSOLUTE_LIFETIME"])
    return list(
        LoginSession.select()
        .where(LoginSession.user == user, LoginSession.last_seen_at > idle, LoginSession.created_at > started)
        .order_by(LoginSession.last_seen_at.desc(), LoginSession.id.desc())
    )


def _other_sessions(user):
    """The condition matching the user's sessions other than this browser's."""
    return (LoginSession.user == user) & (LoginSession.token_hash != LoginSession.hash_of_current(user))


@bp.post("/sessions/<int:session_id>/end")
@login_required
def end_session(session_id):
    """End one of my other sessions: that device is signed out at its next click."""
    # The user condition is in the query itself: another account's session id finds nothing.
    ended = LoginSession.delete().where(_other_sessions(current_user), LoginSession.id == session_id).execute()
    if not ended:
        abort(404)
    audit("session-ended", "loginsession", session_id)
    flash(_("Cet appareil est déconnecté."), "success")
    return redirect(url_for("accounts.account", _anchor="sessions"), 303)


@bp.post("/sessions/end-others")
@login_required
def end_other_sessions():
    """End every session of my account except this browser's."""
    ended = LoginSession.end_all(current_user, keep_token_hash=LoginSession.hash_of_current(current_user))
    audit("other-sessions-ended", "user", current_user.id, detail=f"count={ended}")
    flash(_("Vos autres appareils sont déconnectés."), "success")
    return redirect(url_for("accounts.account", _anchor="sessions"), 303)


# Pages a user who must set up a second factor may still open.
_OPEN_BEFORE_ENROLMENT = {"accounts.second_factor", "accounts.logout", "static"}


@bp.before_app_request
def _second_factor_first():
    """A signed-in user whose role requires a second factor reaches nothing else until it is set up."""
    if request.endpoint in _OPEN_BEFORE_ENROLMENT or not current_user.is_authenticated:
        return None
    if current_user.has_second_factor or not second_factor.required_for(current_user):
        return None
    return redirect(url_for("accounts.second_factor"), 303)


from . import second_factor_views  # noqa: E402,F401  (its routes belong to this blueprint)
