"""Security rules that hold for every route: declared access, headers, CSRF, cookies, rate limits."""
import re

import pytest
from helpers import TEST_PASSWORD


def _sample_url(rule):
    """A URL for `rule` with placeholder values (enough to reach the view or its 404)."""
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", lambda m: "1", rule.rule)


def test_every_route_declares_who_may_use_it(app):
    undeclared = [
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and not hasattr(app.view_functions[rule.endpoint], "access")
    ]
    assert undeclared == []


def test_the_declaration_check_catches_a_bare_route(app):
    @app.get("/sans-declaration")
    def bare():
        return "x"

    missing = [r.endpoint for r in app.url_map.iter_rules() if r.endpoint != "static" and not hasattr(app.view_functions[r.endpoint], "access")]
    assert missing == ["bare"]


def test_every_route_sends_the_security_headers(app, client):
    checked = 0
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        response = client.get(_sample_url(rule))
        headers = response.headers
        csp = headers.get("Content-Security-Policy", "")
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "form-action 'self'" in csp, rule
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        checked += 1
    assert checked >= 5


def test_hsts_only_over_https(tmp_path):
    from bonsclics import create_app

    plain = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/a.db"})
    secure = create_app({"TESTING": True, "SERVED_OVER_HTTPS": True, "DATABASE_URL": f"sqlite:///{tmp_path}/b.db"})
    assert "Strict-Transport-Security" not in plain.test_client().get("/accessibility").headers
    assert "max-age=" in secure.test_client().get("/accessibility").headers["Strict-Transport-Security"]


def test_personal_pages_are_never_cached(login):
    response = login("pro").get("/account/")
    assert response.headers["Cache-Control"] == "no-store"


def test_a_persons_own_pages_are_never_cached(app, client):
    """Known by a resume code, a person's pages are not kept by the browser (a shared computer's next user)."""
    from bonsclics.models.learners import ResumeCode

    assert client.get("/code").headers["Cache-Control"] == "private, no-cache"  # nobody known yet
    with app.app_context():
        code = ResumeCode.issue()
    assert client.post("/code", data={"code": code.pretty}).status_code == 303
    for url in ("/code", "/learning/path", "/diagnostic/"):
        assert client.get(url).headers["Cache-Control"] == "no-store", url
    assert client.get("/accessibility").headers["Cache-Control"] == "private, no-cache"  # shows nothing of theirs


def test_over_https_the_persons_cookies_are_host_bound(app, login, world):
    """The resume-code and live-workshop cookies get the `__Host-` prefix and `Secure` over HTTPS."""
    from bonsclics.models.learners import ResumeCode
    from bonsclics.models.pro import LiveSession

    app.config["SERVED_OVER_HTTPS"] = True
    facilitator = login("pro")
    facilitator.post("/pro/live", data={"live-structure": str(world["structure_a"].id), "live-title": "Atelier"},
                     base_url="https://localhost")
    phone = app.test_client()
    joined = phone.post("/atelier", data={"code": LiveSession.get().join_code, "first_name": "Awa"},
                        base_url="https://localhost")
    assert joined.status_code == 303
    [live] = joined.headers.getlist("Set-Cookie")
    assert live.startswith("__Host-bc_live=") and "Secure" in live and "Path=/" in live and "Domain" not in live
    me = phone.get("/atelier/moi", base_url="https://localhost")
    assert me.status_code == 200 and "Awa" in me.get_data(as_text=True)
    assert me.headers["Cache-Control"] == "no-store"
    with app.app_context():
        code = ResumeCode.issue()
    found = phone.post("/code", data={"code": code.pretty}, base_url="https://localhost")
    [resume] = [cookie for cookie in found.headers.getlist("Set-Cookie") if "bc_resume" in cookie]
    assert resume.startswith("__Host-bc_resume=") and "Secure" in resume and "Path=/" in resume


def test_session_cookie_flags(client):
    client.get("/?lang=ar")
    cookie = client.get_cookie("session")
    assert cookie.http_only
    assert cookie.same_site == "Lax"


def test_csrf_is_enforced_when_enabled(app, world):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    refused = client.post("/account/login", data={"email": "pro@test.test", "password": TEST_PASSWORD})
    assert refused.status_code == 400
    assert "La page a expiré" in refused.get_data(as_text=True)
    page = client.get("/account/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    accepted = client.post("/account/login", data={"email": "pro@test.test", "password": TEST_PASSWORD, "csrf_token": token})
    assert accepted.status_code == 303
    # htmx sends the token as a header, taken from <body hx-headers>.
    page = client.get("/account/").get_data(as_text=True)
    header_token = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)
    response = client.post("/account/", data={"action": "preferences", "pref-locale": "en"}, headers={"X-CSRFToken": header_token})
    assert response.status_code == 303


def test_csrf_token_does_not_expire_after_an_hour(app):
    assert app.config["WTF_CSRF_TIME_LIMIT"] is None


def test_rate_limits_are_shared_between_workers(app, tmp_path):
    """Two app instances on one database (two gunicorn workers) count together."""
    from bonsclics import create_app

    other_worker = create_app(dict(app.config, TESTING=True))
    clients = [app.test_client(), other_worker.test_client()]
    statuses = [clients[i % 2].post("/account/forgot-password", data={"email": "x@test.test"}).status_code for i in range(7)]
    assert statuses[:5] == [200] * 5
    assert statuses[5:] == [429, 429]


def test_login_is_rate_limited_per_address(app):
    app.config["LOGIN_FREE_ATTEMPTS_PER_ADDRESS"] = 100
    client = app.test_client()
    statuses = [client.post("/account/login", data={"email": f"u{i}@test.test", "password": "x" * 12}).status_code for i in range(31)]
    assert statuses[-1] == 429 and 429 not in statuses[:30]


@pytest.mark.parametrize("path", ["/account/"])
def test_anonymous_visitors_are_sent_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/account/login" in response.headers["Location"]
