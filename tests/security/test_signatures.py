"""Signed cookies and links use HMAC-SHA-256; what was signed before with SHA-1 keeps working."""
import hashlib
import re

from itsdangerous import URLSafeSerializer

from bonsclics.models.learners import ResumeCode
from bonsclics.security import signer


def _sha1_signed(app, salt, value):
    return URLSafeSerializer(app.config["SECRET_KEY"], salt=salt).dumps(value)  # itsdangerous's SHA-1 default


def test_new_signatures_are_sha256_and_old_sha1_ones_still_read(app):
    with app.app_context():
        token = signer("agenda-booking").dumps(42)
        sha256 = URLSafeSerializer(app.config["SECRET_KEY"], salt="agenda-booking",
                                   signer_kwargs={"digest_method": hashlib.sha256})
        assert sha256.loads(token) == 42
        assert len(token.rsplit(".", 1)[1]) == 43  # 32 bytes of HMAC-SHA-256, base64 without padding
        assert signer("agenda-booking").loads(_sha1_signed(app, "agenda-booking", 42)) == 42


def test_the_session_cookie_is_signed_with_sha256(app, client):
    client.get("/?lang=ar")  # the language choice is kept in the session
    value = client.get_cookie("session").value
    assert len(value.rsplit(".", 1)[1]) == 43


def test_a_resume_cookie_signed_with_sha1_still_finds_the_person(app, client):
    with app.app_context():
        code = ResumeCode.issue()
    client.set_cookie("bc_resume", _sha1_signed(app, "resume-code", code.code))
    assert code.pretty in client.get("/code").get_data(as_text=True)


def test_a_session_cookie_signed_with_sha1_still_reads(app, client):
    from flask.sessions import SecureCookieSessionInterface

    old = SecureCookieSessionInterface().get_signing_serializer(app).dumps({"lang": "ar"})
    client.set_cookie("session", old)
    assert 'lang="ar"' in client.get("/").get_data(as_text=True)


def test_a_replaced_key_kept_as_fallback_still_reads_then_stops(app, client):
    with app.app_context():
        code = ResumeCode.issue()
        old_cookie = signer("resume-code").dumps(code.code)
    old_key = app.config["SECRET_KEY"]
    app.config.update(SECRET_KEY="a-brand-new-key-of-more-than-32-characters", SECRET_KEY_FALLBACKS=[old_key])
    client.set_cookie("bc_resume", old_cookie)
    assert code.pretty in client.get("/code").get_data(as_text=True)
    app.config["SECRET_KEY_FALLBACKS"] = []  # the rotation period is over
    other = app.test_client()
    other.set_cookie("bc_resume", old_cookie)
    assert code.pretty not in other.get("/code").get_data(as_text=True)


def _csrf_token(client):
    page = client.get("/account/login").get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def test_csrf_tokens_are_signed_with_sha256_and_sha1_ones_still_read(app, world):
    from helpers import TEST_PASSWORD
    from itsdangerous import URLSafeTimedSerializer

    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    token = _csrf_token(client)
    assert len(token.rsplit(".", 1)[1]) == 43  # HMAC-SHA-256, base64 without padding
    with client.session_transaction() as session:
        raw = session["csrf_token"]
    old = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="wtf-csrf-token").dumps(raw)  # Flask-WTF's SHA-1 default
    assert len(old.rsplit(".", 1)[1]) == 27
    form = {"email": "pro@test.test", "password": TEST_PASSWORD}
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.post("/account/login", data={**form, "csrf_token": forged}).status_code == 400
    assert client.post("/account/login", data={**form, "csrf_token": old}).status_code == 303
