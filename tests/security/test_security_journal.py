"""Security events in the audit journal: failed and throttled logins, refused access, rate-limit refusals.

Entries hold ids and route names only: never a typed address, a password or a URL (which may hold a token).
"""
import datetime

from helpers import TEST_PASSWORD

from bonsclics.models.system import AuditLog


def _entries(action):
    return list(AuditLog.select().where(AuditLog.action == action).order_by(AuditLog.id))


def _login(client, email, password):
    return client.post("/account/login", data={"email": email, "password": password})


def test_failed_logins_are_journaled_without_the_typed_address(app, client, world):
    app.config["NOW"] = lambda: datetime.datetime(2026, 1, 5, 10, 0, 0)
    assert _login(client, "pro@test.test", "pas le bon mot de passe").status_code == 401
    assert _login(client, "personne@test.test", "pas le bon mot de passe").status_code == 401
    known, unknown = _entries("login-failed")
    assert (known.object_type, known.object_id, known.actor_id) == ("user", str(world["pro"].id), None)
    assert unknown.object_id is None and known.request_id
    for entry in (known, unknown):
        assert "test.test" not in entry.detail and "mot de passe" not in entry.detail


def test_a_login_refused_while_throttled_is_journaled(app, client, world):
    app.config["NOW"] = lambda: datetime.datetime(2026, 1, 5, 10, 0, 0)
    for _ in range(4):
        _login(client, "pro@test.test", "mauvais mot de passe")
    assert _login(client, "pro@test.test", TEST_PASSWORD).status_code == 429
    assert len(_entries("login-throttled")) == 1
    assert _entries("login-failed")[-1].object_id == str(world["pro"].id)


def test_refused_access_is_journaled_with_who_and_which_route(login, world):
    volunteer = login("volunteer")
    assert volunteer.get("/admin/").status_code == 403
    [entry] = _entries("access-refused")
    assert (entry.actor_id, entry.object_type, entry.object_id, entry.detail) == (
        world["volunteer"].id, "route", "admin.index", "403 GET")


def test_rate_limit_refusals_are_journaled_without_the_url(client):
    statuses = [client.post("/agenda/cancel", data={"code": "ZZZZZZ"}).status_code for _ in range(21)]
    assert statuses[-1] == 429
    [entry] = _entries("rate-limited")
    assert (entry.object_id, entry.detail, entry.actor_id) == ("agenda.cancel_by_code", "agenda-code POST", None)
    assert "ZZZZZZ" not in entry.detail and "127.0.0.1" not in entry.detail


def test_a_route_rate_limit_is_journaled_too(app, client):
    app.config["NOW"] = lambda: datetime.datetime(2026, 1, 5, 10, 0, 0)
    statuses = [_login(client, f"p{n}@test.test", "x").status_code for n in range(31)]
    assert statuses[-1] == 429
    assert [(e.object_id, e.detail) for e in _entries("rate-limited")] == [("accounts.login", "login POST")]


def test_a_form_posted_without_its_csrf_token_is_journaled(app, login):
    app.config["WTF_CSRF_ENABLED"] = True
    assert login("pro").post("/account/", data={"action": "preferences", "pref-locale": "en"}).status_code == 400
    [entry] = _entries("csrf-refused")
    assert (entry.object_id, entry.detail) == ("accounts.account", "400 POST") and entry.actor_id is not None
