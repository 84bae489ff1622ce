"""Second factor pages: the code step of signing in, setting it up, recovery codes, switching it off."""
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..qr import qr_svg
from ..security import audit, login_required, public, rate_limit
from . import auth, second_factor, totp
from .forms import CurrentPasswordForm, EnrolCodeForm, LoginCodeForm
from .views import bp, home_for, wait_message


@bp.route("/login/code", methods=["GET", "POST"])
@public
@rate_limit("login", limit=30, window_seconds=300)
def login_code():
    """Second step of signing in: a one-time code, or a recovery code, within five minutes of the password."""
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    user, next_url = second_factor.pending_user()
    if user is None:
        flash(_("Pour votre sécurité, recommencez en saisissant votre mot de passe."), "info")
        return redirect(url_for("accounts.login"), 303)
    form = LoginCodeForm()
    status = 200
    if form.validate_on_submit():
        wait = auth.seconds_to_wait(user.email)
        if wait:
            form.code.errors.append(wait_message(wait))
            status = 429
        else:
            used = second_factor.check_code(user, form.code.data)
            if used is None:
                auth.record_failure(user.email)
                audit("second-factor-refused", "user", user.id, actor=user)
                form.code.errors.append(_("Ce code ne convient pas. Saisissez le code affiché maintenant par l'application."))
                status = 401
            else:
                auth.clear_failures(user.email)
                auth.start_session(user)
                if used == "recovery":
                    flash(
                        _("Code de secours utilisé. Il vous en reste %(n)s.", n=second_factor.unused_recovery_codes(user)),
                        "info",
                    )
                return redirect(next_url or home_for(user), 303)
    elif request.method == "POST":
        status = 400
    form.code.data = ""
    return render_template("accounts/login_code.html", form=form, form_has_errors=bool(form.errors)), status


def _qr_svg(uri):
    """The setup address as an inline SVG QR code."""
    return qr_svg(uri, _("QR code à scanner avec l'application d'authentification"))


def _enrol_page(form, status=200):
    """The setup page: QR code, the secret in groups of 4 and the confirmation form."""
    secret = second_factor.enrolment_secret()
    uri = totp.provisioning_uri(secret, current_user.email, current_app.config["SITE_NAME"])
    return (
        render_template(
            "accounts/second_factor_setup.html",
            form=form,
            qr=_qr_svg(uri),
            secret=totp.grouped(secret),
            required=second_factor.required_for(current_user),
            form_has_errors=bool(form.errors),
        ),
        status,
    )


def _manage_page(off_form=None, renew_form=None, status=200):
    """The page of an account whose second factor is on: recovery codes left, renew them, switch off."""
    off_form = off_form or CurrentPasswordForm(prefix="off")
    renew_form = renew_form or CurrentPasswordForm(prefix="renew")
    for form in (off_form, renew_form):
        form.current.data = ""
    return (
        render_template(
            "accounts/second_factor.html",
            off_form=off_form,
            renew_form=renew_form,
            codes_left=second_factor.unused_recovery_codes(current_user),
            required=second_factor.required_for(current_user),
            form_has_errors=bool(off_form.errors or renew_form.errors),
        ),
        status,
    )


@bp.route("/second-factor", methods=["GET", "POST"], endpoint="second_factor")
@login_required
@rate_limit("second-factor-setup", limit=20, window_seconds=600)
def setup_second_factor():
    """Set up the second factor (confirmed by a first code), or see it when it is on."""
    if current_user.has_second_factor:
        return _manage_page()
    form = EnrolCodeForm()
    if form.validate_on_submit():
        codes = second_factor.enable(current_user, form.code.data)
        if codes is not None:
            return render_template("accounts/recovery_codes.html", codes=codes, first_time=True)
        form.code.errors.append(_("Ce code ne convient pas. Vérifiez que l'heure du téléphone est juste, puis saisissez le nouveau code."))
    status = 400 if request.method == "POST" else 200
    form.code.data = ""
    return _enrol_page(form, status)


def _password_confirmed(form):
    """True when the form holds the signed-in user's current password (an error is added otherwise)."""
    if not form.validate_on_submit():
        return False
    if auth.passwords.check_password(current_user.password_hash, form.current.data):
        return True
    form.current.errors.append(_("Ce n'est pas votre mot de passe actuel."))
    return False


@bp.post("/second-factor/off")
@login_required
@rate_limit("second-factor-change", limit=10, window_seconds=3600)
def second_factor_off():
    """Switch the second factor off, after the current password (not allowed when the role requires it)."""
    if not current_user.has_second_factor:
        return redirect(url_for("accounts.second_factor"), 303)
    if second_factor.required_for(current_user):
        abort(403)  # the page shows no button for it
    form = CurrentPasswordForm(prefix="off")
    if not _password_confirmed(form):
        return _manage_page(off_form=form, status=400)
    second_factor.disable(current_user)
    flash(_("La double vérification est désactivée."), "success")
    return redirect(url_for("accounts.account"), 303)


@bp.post("/second-factor/recovery-codes")
@login_required
@rate_limit("second-factor-change", limit=10, window_seconds=3600)
def renew_recovery_codes():
    """New recovery codes, after the current password: the old ones stop working."""
    if not current_user.has_second_factor:
        return redirect(url_for("accounts.second_factor"), 303)
    form = CurrentPasswordForm(prefix="renew")
    if not _password_confirmed(form):
        return _manage_page(renew_form=form, status=400)
    codes = second_factor.new_recovery_codes(current_user)
    return render_template("accounts/recovery_codes.html", codes=codes, first_time=False)
