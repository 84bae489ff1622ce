"""Signing in and out, throttling, password resets, the account page."""
import datetime
import re

import pytest
from helpers import TEST_PASSWORD

from bonsclics.models.accounts import LoginSession, User
from bonsclics.models.system import AuditLog


def _login(client, email, password, **kwargs):
    return client.post("/account/login", data={"email": email, "password": password}, **kwargs)


def test_login_page_works_without_javascript(client):
    html = client.get("/account/login").get_data(as_text=True)
    assert 'action="/account/login' in html and 'method="post"' in html
    assert 'autocomplete="current-password"' in html


def test_login_and_logout(client, world):
    response = _login(client, "PRO@test.test ", TEST_PASSWORD)
    assert response.status_code == 303
    assert client.get("/account/").status_code == 200
    assert LoginSession.select().where(LoginSession.user == world["pro"]).count() == 1
    assert AuditLog.select().where(AuditLog.action == "login").count() == 1
    response = client.post("/account/logout")
    assert response.status_code == 303
    assert LoginSession.select().count() == 0
    assert client.get("/account/").status_code == 302


def test_every_signed_in_page_has_a_sign_out_button(login):
    from helpers import crawl

    pages = crawl(login("pro"), start=("/account/",), limit=60, skip=("/logout",))
    html_pages = {url: r for url, r in pages.items() if r.status_code == 200 and r.mimetype == "text/html"}
    missing = [url for url, r in html_pages.items() if 'action="/account/logout"' not in r.get_data(as_text=True)]
    assert len(html_pages) >= 20 and missing == []


def test_a_stolen_cookie_is_refused_after_logout(app, world):
    thief = app.test_client()
    victim = app.test_client()
    _login(victim, "pro@test.test", TEST_PASSWORD)
    cookie = victim.get_cookie("session")
    thief.set_cookie("session", cookie.value)
    assert thief.get("/account/").status_code == 200
    victim.post("/account/logout")
    assert thief.get("/account/").status_code == 302


def test_wrong_password_keeps_email_and_explains(client, world):
    response = _login(client, "pro@test.test", "pas le bon mot de passe")
    assert response.status_code == 401
    html = response.get_data(as_text=True)
    assert "L&#39;adresse mail ou le mot de passe est incorrect." in html
    assert 'value="pro@test.test"' in html
    assert "<title>Erreur : Se connecter" in html
    assert 'href="#password"' in html  # the error summary links to the field
    assert 'aria-describedby="password-error"' in html


def test_empty_form_gives_messages_not_a_crash(client):
    response = _login(client, "", "")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Saisissez votre adresse mail." in html and "Saisissez votre mot de passe." in html


def test_unknown_email_gets_the_same_answer(client, world):
    known = _login(client, "pro@test.test", "mauvais mot de passe 1").get_data(as_text=True)
    unknown = _login(client, "personne@test.test", "mauvais mot de passe 1").get_data(as_text=True)
    message = "L&#39;adresse mail ou le mot de passe est incorrect."
    assert message in known and message in unknown


def test_growing_delays_after_failures_are_stored_in_the_database(app, client, world):
    now = [datetime.datetime(2026, 1, 5, 10, 0, 0)]
    app.config["NOW"] = lambda: now[0]
    for _ in range(3):
        assert _login(client, "pro@test.test", "mauvais mot de passe").status_code == 401
    assert _login(client, "pro@test.test", "mauvais mot de passe").status_code == 401  # 4th: 2 s delay starts
    # Even the right password is refused while the delay runs, from any client.
    other = app.test_client()
    response = _login(other, "pro@test.test", TEST_PASSWORD)
    assert response.status_code == 429
    assert "Trop d&#39;essais" in response.get_data(as_text=True)
    now[0] += datetime.timedelta(seconds=3)
    assert _login(client, "pro@test.test", "mauvais mot de passe").status_code == 401  # 5th: 4 s
    now[0] += datetime.timedelta(seconds=3)
    assert _login(other, "pro@test.test", TEST_PASSWORD).status_code == 429  # 4 s not over yet
    now[0] += datetime.timedelta(seconds=2)
    assert _login(other, "pro@test.test", TEST_PASSWORD).status_code == 303


def test_disabled_account_cannot_sign_in_and_loses_its_sessions(app, client, world):
    _login(client, "pro@test.test", TEST_PASSWORD)
    User.update(is_active=False).where(User.id == world["pro"].id).execute()
    assert client.get("/account/").status_code == 302
    assert _login(app.test_client(), "pro@test.test", TEST_PASSWORD).status_code == 401


def test_next_only_follows_local_paths(client, world):
    response = _login(client, "pro@test.test", TEST_PASSWORD, query_string={"next": "https://evil.example/"})
    assert "evil" not in response.headers["Location"]
    client.post("/account/logout")
    response = _login(client, "pro@test.test", TEST_PASSWORD, query_string={"next": "/accessibility"})
    assert response.headers["Location"].endswith("/accessibility")


def test_password_reset_by_one_time_link(app, client, world):
    response = client.post("/account/forgot-password", data={"email": "pro@test.test"})
    assert response.status_code == 200
    outbox = app.extensions["outbox"]
    assert len(outbox) == 1 and outbox[0]["To"] == "pro@test.test"
    link = re.search(r"http://localhost(/account/reset/\S+)", outbox[0].get_content()).group(1)
    # The link refuses a weak password and keeps nothing.
    weak = client.post(link, data={"password": "azertyuiop123", "confirm": "azertyuiop123"})
    assert weak.status_code == 400 and "trop courant" in weak.get_data(as_text=True)
    new_password = "une phrase tout à fait nouvelle"
    assert client.post(link, data={"password": new_password, "confirm": new_password}).status_code == 303
    # Used once: the second time it is refused.
    assert client.get(link).status_code == 404
    assert _login(client, "pro@test.test", new_password).status_code == 303


def test_reset_for_unknown_address_says_the_same_and_sends_nothing(app, client):
    response = client.post("/account/forgot-password", data={"email": "inconnu@test.test"})
    assert response.status_code == 200 and "Regardez vos mails" in response.get_data(as_text=True)
    assert app.extensions.get("outbox", []) == []


def test_reset_link_expires(app, client, world):
    client.post("/account/forgot-password", data={"email": "pro@test.test"})
    link = re.search(r"http://localhost(\S+)", app.extensions["outbox"][0].get_content()).group(1)
    app.config["NOW"] = datetime.datetime.utcnow() + datetime.timedelta(hours=2)
    assert client.get(link).status_code == 404


def test_changing_password_ends_other_sessions(app, world):
    laptop, phone = app.test_client(), app.test_client()
    _login(laptop, "pro@test.test", TEST_PASSWORD)
    _login(phone, "pro@test.test", TEST_PASSWORD)
    new_password = "une autre phrase bien longue"
    response = laptop.post(
        "/account/",
        data={"action": "password", "pw-current": TEST_PASSWORD, "pw-password": new_password, "pw-confirm": new_password},
    )
    assert response.status_code == 303
    assert laptop.get("/account/").status_code == 200
    assert phone.get("/account/").status_code == 302


def test_change_password_errors_are_shown_and_nothing_changes(login, world):
    client = login("pro")
    response = client.post(
        "/account/", data={"action": "password", "pw-current": "faux", "pw-password": "court", "pw-confirm": "autre"}
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "au moins 12 caractères" in html
    assert User.get_by_id(world["pro"].id).password_hash == world["pro"].password_hash


def test_language_preference_is_saved_on_the_account(login, world):
    client = login("pro")
    response = client.post("/account/", data={"action": "preferences", "pref-locale": "ar"})
    assert response.status_code == 303
    assert User.get_by_id(world["pro"].id).locale == "ar"
    bad = client.post("/account/", data={"action": "preferences", "pref-locale": "xx"})
    assert bad.status_code == 400


@pytest.mark.parametrize(
    "password, ok",
    [
        ("court", False),
        ("azertyuiop123", False),
        ("aaaaaaaaaaaaaaaa", False),
        ("x" * 129, False),
        ("cheval agrafe pile correcte", True),
        ("Ma grand-mère habite à Roubaix depuis 1962", True),
    ],
)
def test_password_policy(app, password, ok):
    from bonsclics.accounts.passwords import password_problem

    assert (password_problem(password) is None) is ok


def test_the_product_and_site_names_make_a_password_easy_to_guess(app):
    from zxcvbn import zxcvbn

    from bonsclics.accounts.passwords import context_words, password_problem

    app.config["SITE_NAME"] = "Numérique solidaire"
    with app.app_context():
        assert {"bonsclics", "numérique", "numerique", "solidaire"} <= set(context_words())
        for password in ("bonsclics2026!", "NumeriqueSolidaire2026"):
            assert zxcvbn(password)["score"] >= 3  # strong for a stranger...
            assert password_problem(password) is not None, password  # ...not here
        assert password_problem("solidaire cheval agrafe pile") is None  # a name among other words is fine
        assert password_problem("8472 9164 3321 5580") is None


def test_passwords_are_hashed_with_argon2id(password_hash):
    assert password_hash.startswith("$argon2id$")


def test_one_address_is_slowed_down_only_after_many_failures(app, world):
    """An office behind one address: other accounts still sign in after a colleague's typos."""
    client = app.test_client()
    for i in range(5):
        assert _login(client, f"inconnu{i}@test.test", "mauvais mot de passe").status_code == 401
    assert _login(client, "pro@test.test", TEST_PASSWORD).status_code == 303


def test_a_forged_host_never_reaches_a_reset_link(app, client, world):
    from bonsclics.config import _pin_site_url

    app.config["SITE_URL"] = "https://aide.example.org"
    _pin_site_url(app.config)
    forged = client.post("/account/forgot-password", data={"email": "pro@test.test"},
                         headers={"Host": "evil.example"})
    assert forged.status_code == 400 and app.extensions.get("outbox", []) == []
    genuine = client.post("/account/forgot-password", data={"email": "pro@test.test"},
                          headers={"Host": "aide.example.org"})
    assert genuine.status_code == 200
    assert re.search(r"https://aide\.example\.org/account/reset/\S+", app.extensions["outbox"][0].get_content())


def test_a_session_used_all_along_still_ends_after_its_absolute_lifetime(app, world):
    client = app.test_client()
    _login(client, "pro@test.test", TEST_PASSWORD)
    start = datetime.datetime.utcnow()
    for hours in (10, 20, 30):  # used every ten hours: never idle for long
        app.config["NOW"] = start + datetime.timedelta(hours=hours)
        assert client.get("/account/").status_code == 200
    app.config["NOW"] = start + datetime.timedelta(days=7, minutes=1)
    assert client.get("/account/").status_code == 302
    with app.app_context():
        assert LoginSession.select().count() == 0
