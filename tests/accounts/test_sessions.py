"""A helper sees the devices where they are signed in and signs them out."""
from helpers import TEST_PASSWORD

from bonsclics.accounts.devices import device_label
from bonsclics.models.accounts import LoginSession
from bonsclics.models.system import AuditLog

PHONE = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"
LAPTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0"


def _sign_in(app, user_agent):
    client = app.test_client()
    response = client.post(
        "/account/login", data={"email": "pro@test.test", "password": TEST_PASSWORD},
        headers={"User-Agent": user_agent},
    )
    assert response.status_code == 303
    return client


def test_device_names_in_plain_words(app):
    with app.test_request_context():
        assert device_label(PHONE) == "Chrome sur Android"
        assert device_label(LAPTOP) == "Firefox sur Windows"
        assert device_label("") == "Appareil inconnu"


def test_the_account_page_lists_my_sessions_and_marks_this_device(app, world):
    phone = _sign_in(app, PHONE)
    laptop = _sign_in(app, LAPTOP)
    html = laptop.get("/account/").get_data(as_text=True)
    assert "Chrome sur Android" in html and "Firefox sur Windows</strong> — cet appareil" in html
    phone_row = LoginSession.get(LoginSession.user_agent == PHONE)
    laptop_row = LoginSession.get(LoginSession.user_agent == LAPTOP)
    # A button for the other device only, as a POST form that works without JavaScript.
    assert f'action="/account/sessions/{phone_row.id}/end"' in html
    assert f'action="/account/sessions/{laptop_row.id}/end"' not in html
    assert "Déconnecter tous les autres appareils" in html
    assert phone.get("/account/").status_code == 200


def test_ending_a_session_really_signs_that_device_out(app, world):
    phone = _sign_in(app, PHONE)
    laptop = _sign_in(app, LAPTOP)
    phone_row = LoginSession.get(LoginSession.user_agent == PHONE)
    response = laptop.post(f"/account/sessions/{phone_row.id}/end")
    assert response.status_code == 303
    assert LoginSession.get_or_none(LoginSession.id == phone_row.id) is None
    assert phone.get("/account/").status_code == 302  # sent to the login page
    assert laptop.get("/account/").status_code == 200
    entry = AuditLog.get(AuditLog.action == "session-ended")
    assert entry.object_id == str(phone_row.id) and entry.actor_id == world["pro"].id


def test_ending_all_other_sessions_keeps_this_one(app, world):
    others = [_sign_in(app, PHONE), _sign_in(app, PHONE)]
    laptop = _sign_in(app, LAPTOP)
    assert laptop.post("/account/sessions/end-others").status_code == 303
    assert [s.user_agent for s in LoginSession.select()] == [LAPTOP]
    assert all(other.get("/account/").status_code == 302 for other in others)
    assert laptop.get("/account/").status_code == 200
    assert AuditLog.select().where(AuditLog.action == "other-sessions-ended").count() == 1


def test_a_user_cannot_end_another_users_session(app, world, login):
    victim = _sign_in(app, PHONE)
    victim_row = LoginSession.get(LoginSession.user == world["pro"])
    attacker = login("pro_b")
    own = LoginSession.get(LoginSession.user == world["pro_b"])
    for session_id in (victim_row.id, victim_row.id + 1000, own.id):  # another's, none, and its own current one
        assert attacker.post(f"/account/sessions/{session_id}/end").status_code == 404
    attacker.post("/account/sessions/end-others")
    assert LoginSession.get_or_none(LoginSession.id == victim_row.id) is not None
    assert victim.get("/account/").status_code == 200
    assert attacker.get("/account/").status_code == 200


def test_ending_a_session_needs_a_signed_in_post_with_csrf(app, world):
    row_client = _sign_in(app, PHONE)
    row = LoginSession.get(LoginSession.user_agent == PHONE)
    assert app.test_client().post(f"/account/sessions/{row.id}/end").status_code == 302  # to the login page
    assert row_client.get(f"/account/sessions/{row.id}/end").status_code == 405
    app.config["WTF_CSRF_ENABLED"] = True
    assert row_client.post("/account/sessions/end-others").status_code == 400
    assert LoginSession.select().count() == 1


def test_the_user_agent_is_stored_truncated(app, world):
    _sign_in(app, "X" * 1000)
    assert len(LoginSession.get().user_agent) == 160


def test_an_older_database_gets_the_new_columns(app):
    from playhouse.migrate import migrate as run

    from bonsclics.db import MIGRATIONS, is_sqlite, migrate
    from bonsclics.extensions import db
    from bonsclics.models.system import SchemaMigration

    new_columns = {"loginsession": {"user_agent"}, "user": {"totp_secret", "totp_last_step"}}
    with app.app_context(), db.connection_context():
        from playhouse.migrate import PostgresqlMigrator, SqliteMigrator

        migrator = SqliteMigrator(db.obj) if is_sqlite() else PostgresqlMigrator(db.obj)
        for table, columns in new_columns.items():
            for column in columns:
                run(migrator.drop_column(table, column))
        SchemaMigration.delete().execute()
    with app.app_context():
        migrate()
        migrate()  # safe to run again
    with app.app_context(), db.connection_context():
        for table, columns in new_columns.items():
            assert columns <= {c.name for c in db.get_columns(table)}
        assert {m.name for m in SchemaMigration.select()} >= {name for name, _ in MIGRATIONS}
