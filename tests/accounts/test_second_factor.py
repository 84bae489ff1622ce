"""The second factor: setting it up, the code step of signing in, recovery codes, roles that require it."""
import calendar
import datetime
import re

import pytest
from helpers import TEST_PASSWORD

from bonsclics.accounts import totp
from bonsclics.accounts.second_factor import ENROL_KEY
from bonsclics.config import DEFAULTS
from bonsclics.models.accounts import LoginSession, RecoveryCode, User
from bonsclics.models.system import AuditLog

START = datetime.datetime(2026, 3, 2, 9, 0, 0)


@pytest.fixture
def clock(app):
    """The app's clock, moved by the test."""
    now = [START]
    app.config["NOW"] = lambda: now[0]
    return now


def _unix(moment):
    return calendar.timegm(moment.utctimetuple())


def _login(client, password=TEST_PASSWORD, **kwargs):
    return client.post("/account/login", data={"email": "pro@test.test", "password": password}, **kwargs)


def _enrol(client, clock):
    """Set the second factor up through the pages; returns the secret and the recovery codes."""
    page = client.get("/account/second-factor").get_data(as_text=True)
    with client.session_transaction() as session:
        secret = session[ENROL_KEY]
    assert totp.grouped(secret) in page and "<svg" in page
    response = client.post("/account/second-factor", data={"code": totp.code_at(secret, _unix(clock[0]))})
    assert response.status_code == 200
    codes = re.findall(r"<code>([A-Z0-9-]{17})</code>", response.get_data(as_text=True))
    return secret, codes


@pytest.fixture
def enrolled(app, world, login, clock):
    """The pro's account with a second factor: (secret, recovery codes)."""
    secret, codes = _enrol(login("pro"), clock)
    LoginSession.delete().execute()  # the browser that set it up is gone
    clock[0] += datetime.timedelta(minutes=1)
    return secret, codes


def test_setting_it_up_needs_a_right_code_first(app, world, login, clock):
    client = login("pro")
    page = client.get("/account/second-factor").get_data(as_text=True)
    assert 'autocomplete="one-time-code"' in page and 'inputmode="numeric"' in page
    with client.session_transaction() as session:
        secret = session[ENROL_KEY]
    # The same secret on reload, so the QR code already scanned stays right.
    assert totp.grouped(secret) in client.get("/account/second-factor").get_data(as_text=True)
    for wrong, message in (("", "Saisissez le code à 6 chiffres"), ("12a456", "Le code a 6 chiffres"), ("000000", "Ce code ne convient pas")):
        response = client.post("/account/second-factor", data={"code": wrong})
        assert response.status_code == 400 and message in response.get_data(as_text=True)
        assert User.get_by_id(world["pro"].id).totp_secret is None
    response = client.post("/account/second-factor", data={"code": totp.code_at(secret, _unix(clock[0]))})
    assert response.status_code == 200
    codes = re.findall(r"<code>([A-Z0-9-]{17})</code>", response.get_data(as_text=True))
    assert len(codes) == 10
    user = User.get_by_id(world["pro"].id)
    assert user.totp_secret == secret
    stored = {r.code_hash for r in RecoveryCode.select().where(RecoveryCode.user == user)}
    assert len(stored) == 10 and not any(code in h for code in codes for h in stored)  # hashes only
    assert AuditLog.select().where(AuditLog.action == "second-factor-enabled").count() == 1
    # Shown once: the page now manages it and never shows the codes again.
    page = client.get("/account/second-factor").get_data(as_text=True)
    assert "Il vous reste 10 codes de secours." in page and codes[0] not in page


def test_login_with_a_second_factor_creates_no_session_before_the_code(app, client, enrolled, clock):
    secret, _ = enrolled
    response = _login(client)
    assert response.status_code == 303 and response.headers["Location"].endswith("/account/login/code")
    assert LoginSession.select().count() == 0
    # Nothing else is reachable while the code is pending.
    assert client.get("/account/").status_code == 302
    assert client.get("/pro/").status_code == 302
    page = client.get("/account/login/code").get_data(as_text=True)
    assert 'autocomplete="one-time-code"' in page and 'inputmode="numeric"' in page
    response = client.post("/account/login/code", data={"code": totp.code_at(secret, _unix(clock[0]))})
    assert response.status_code == 303
    assert LoginSession.select().count() == 1
    assert client.get("/account/").status_code == 200


def test_a_code_already_used_is_refused(app, enrolled, clock):
    secret, _ = enrolled
    code = totp.code_at(secret, _unix(clock[0]))
    first = app.test_client()
    _login(first)
    assert first.post("/account/login/code", data={"code": code}).status_code == 303
    second = app.test_client()
    _login(second)
    response = second.post("/account/login/code", data={"code": code})
    assert response.status_code == 401 and "Ce code ne convient pas" in response.get_data(as_text=True)
    assert LoginSession.select().count() == 1
    # Nor an older one of the window.
    older = totp.code_at(secret, _unix(clock[0]) - 30)
    assert second.post("/account/login/code", data={"code": older}).status_code == 401


def test_wrong_codes_are_throttled_and_audited(app, client, enrolled, clock):
    secret, _ = enrolled
    _login(client)
    for _ in range(4):
        response = client.post("/account/login/code", data={"code": "000000"})
        assert response.status_code == 401
    # A delay now runs: even the right code waits, as with passwords.
    response = client.post("/account/login/code", data={"code": totp.code_at(secret, _unix(clock[0]))})
    assert response.status_code == 429 and "Trop d&#39;essais" in response.get_data(as_text=True)
    assert AuditLog.select().where(AuditLog.action == "second-factor-refused").count() == 4
    assert LoginSession.select().count() == 0


def test_the_pending_step_expires_after_five_minutes(app, client, enrolled, clock):
    secret, _ = enrolled
    _login(client)
    clock[0] += datetime.timedelta(minutes=5, seconds=1)
    response = client.post("/account/login/code", data={"code": totp.code_at(secret, _unix(clock[0]))})
    assert response.status_code == 303 and response.headers["Location"].endswith("/account/login")
    assert LoginSession.select().count() == 0
    assert client.get("/account/login/code").status_code == 303  # nothing pending without a password


def test_recovery_codes_work_once_and_wrong_ones_are_refused(app, enrolled, clock):
    _, codes = enrolled
    client = app.test_client()
    _login(client)
    assert client.post("/account/login/code", data={"code": "AAAA-BBBB-CCCC"}).status_code == 401
    response = client.post("/account/login/code", data={"code": codes[0].lower().replace("-", " ")})
    assert response.status_code == 303 and LoginSession.select().count() == 1
    assert AuditLog.select().where(AuditLog.action == "recovery-code-used").count() == 1
    again = app.test_client()
    _login(again)
    assert again.post("/account/login/code", data={"code": codes[0]}).status_code == 401
    assert LoginSession.select().count() == 1


def test_empty_or_long_codes_give_messages_not_a_crash(app, client, enrolled):
    _login(client)
    response = client.post("/account/login/code", data={"code": ""})
    assert response.status_code == 400 and "Saisissez le code." in response.get_data(as_text=True)
    assert client.post("/account/login/code", data={"code": "9" * 500}).status_code == 400


def test_turning_it_off_needs_the_current_password(app, world, enrolled, login):
    client = login("pro")
    response = client.post("/account/second-factor/off", data={"off-current": "pas le bon mot de passe"})
    assert response.status_code == 400 and "Ce n&#39;est pas votre mot de passe actuel." in response.get_data(as_text=True)
    assert User.get_by_id(world["pro"].id).has_second_factor
    assert client.post("/account/second-factor/off", data={"off-current": TEST_PASSWORD}).status_code == 303
    assert not User.get_by_id(world["pro"].id).has_second_factor
    assert RecoveryCode.select().count() == 0
    assert AuditLog.select().where(AuditLog.action == "second-factor-disabled").count() == 1
    assert _login(app.test_client()).headers["Location"].endswith("/pro/")


def test_new_recovery_codes_replace_the_old_ones(app, world, enrolled, login):
    _, old = enrolled
    client = login("pro")
    assert client.post("/account/second-factor/recovery-codes", data={"renew-current": "faux"}).status_code == 400
    response = client.post("/account/second-factor/recovery-codes", data={"renew-current": TEST_PASSWORD})
    new = re.findall(r"<code>([A-Z0-9-]{17})</code>", response.get_data(as_text=True))
    assert len(new) == 10 and not set(new) & set(old)
    other = app.test_client()
    _login(other)
    assert other.post("/account/login/code", data={"code": old[1]}).status_code == 401
    assert other.post("/account/login/code", data={"code": new[1]}).status_code == 303


def test_admins_must_set_it_up_by_default(app, world, clock):
    assert DEFAULTS["SECOND_FACTOR_REQUIRED_ROLES"] == ["admin"]
    app.config["SECOND_FACTOR_REQUIRED_ROLES"] = ["admin"]
    client = app.test_client()
    response = client.post("/account/login", data={"email": "admin@test.test", "password": TEST_PASSWORD})
    assert response.headers["Location"].endswith("/account/second-factor")
    # Nothing else is reachable until it is set up.
    for path in ("/admin/", "/account/", "/pro/"):
        response = client.get(path)
        assert response.status_code == 303 and response.headers["Location"].endswith("/account/second-factor")
    assert "Votre rôle demande" in client.get("/account/second-factor").get_data(as_text=True)
    _enrol(client, clock)
    assert client.get("/admin/").status_code == 200
    # And it cannot be switched off.
    assert client.post("/account/second-factor/off", data={"off-current": TEST_PASSWORD}).status_code == 403
    # Other roles are not asked.
    assert _login(app.test_client()).headers["Location"].endswith("/pro/")
