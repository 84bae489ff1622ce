"""The factory, the configuration and the database set-up."""
import os

import pytest

from bonsclics import create_app
from bonsclics.config import DEV_SECRET_KEY
from bonsclics.extensions import db


def test_app_py_exposes_only_the_factory():
    import app as entry

    assert entry.create_app is create_app
    assert [name for name in vars(entry) if not name.startswith("_")] == ["create_app"]


def test_production_refuses_the_development_key(tmp_path):
    with pytest.raises(RuntimeError, match="secret key"):
        create_app({"ENV_PRODUCTION": True, "SECRET_KEY": DEV_SECRET_KEY, "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})
    with pytest.raises(RuntimeError, match="secret key"):
        create_app({"ENV_PRODUCTION": True, "SECRET_KEY": "short", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})
    with pytest.raises(RuntimeError, match="FLASK_SITE_URL"):
        create_app({"ENV_PRODUCTION": True, "SECRET_KEY": "x" * 40, "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})
    app = create_app({"ENV_PRODUCTION": True, "SECRET_KEY": "x" * 40, "DATABASE_URL": f"sqlite:///{tmp_path}/x.db",
                      "SITE_URL": "https://aide.example.org"})
    assert app.config["ENV_PRODUCTION"] is True
    with pytest.raises(RuntimeError, match="HTTPS"):
        create_app({"ENV_PRODUCTION": True, "SECRET_KEY": "x" * 40, "DATABASE_URL": f"sqlite:///{tmp_path}/x.db",
                    "SITE_URL": "https://aide.example.org", "SMS_HTTP_URL": "http://sms.example.org/send"})
    with pytest.raises(RuntimeError, match="full address"):
        create_app({"SITE_URL": "aide.example.org", "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})


def test_environment_variables_override_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("FLASK_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("FLASK_SITE_NAME", "Mon réseau")
    monkeypatch.setenv("FLASK_SMALL_COUNT_THRESHOLD", "10")
    monkeypatch.setenv("FLASK_DATABASE_URL", f"sqlite:///{tmp_path}/env.db")
    app = create_app()
    assert app.config["SITE_NAME"] == "Mon réseau"
    assert app.config["SMALL_COUNT_THRESHOLD"] == 10
    assert app.config["DATABASE_URL"].endswith("env.db")


def test_instance_config_file_is_read(tmp_path, monkeypatch):
    monkeypatch.setenv("FLASK_INSTANCE_PATH", str(tmp_path))
    (tmp_path / "config.py").write_text("SITE_NAME = 'Depuis le fichier'\n")
    app = create_app()
    assert app.config["SITE_NAME"] == "Depuis le fichier"
    assert app.config["DATABASE_URL"] == "sqlite:///" + os.path.join(str(tmp_path), "bonsclics.db")


def test_https_settings_harden_cookies(tmp_path):
    app = create_app({"SERVED_OVER_HTTPS": True, "DATABASE_URL": f"sqlite:///{tmp_path}/x.db"})
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-session"
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_sqlite_pragmas(app):
    from bonsclics.db import is_sqlite

    if not is_sqlite():
        pytest.skip("SQLite only")
    db.connect(reuse_if_open=True)
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_migrate_upgrades_an_existing_database_without_losing_rows(app):
    from bonsclics.db import MIGRATIONS, migrate
    from bonsclics.models.accounts import Network
    from bonsclics.models.system import SchemaMigration

    Network.create(name="Gardé", slug="garde")
    applied = []

    def add_column(migrator):
        applied.append(True)

    MIGRATIONS.append(("test-0001", add_column))
    try:
        migrate()
        migrate()  # a second run applies nothing twice
    finally:
        MIGRATIONS.pop()
    assert applied == [True]
    assert SchemaMigration.get_or_none(SchemaMigration.name == "test-0001") is not None
    assert Network.get(Network.slug == "garde").name == "Gardé"


def test_migrate_drops_the_theme_index_that_misled_reports(app):
    from bonsclics.db import migrate
    from bonsclics.models.system import SchemaMigration

    db.execute_sql("CREATE INDEX activitytheme_theme_date ON activitytheme (theme, date)")  # as older versions made it
    SchemaMigration.delete().where(SchemaMigration.name == "drop-activitytheme-theme-date").execute()
    migrate()
    assert "activitytheme_theme_date" not in {index.name for index in db.get_indexes("activitytheme")}
    assert "activitytheme_date_structure_id_theme" in {index.name for index in db.get_indexes("activitytheme")}


def test_audit_log_is_append_only(app):
    from peewee import IntegrityError, InternalError, OperationalError

    from bonsclics.db import purge_audit_before
    from bonsclics.models.system import AuditLog
    from bonsclics.security import audit
    import datetime

    audit("test", "thing", 1)
    entry = AuditLog.get()
    entry.action = "changed"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete_instance()
    # Even raw SQL is refused by the database trigger.
    with pytest.raises((IntegrityError, InternalError, OperationalError)):
        with db.atomic():
            AuditLog.update(action="changed").execute()
    with pytest.raises((IntegrityError, InternalError, OperationalError)):
        with db.atomic():
            AuditLog.delete().execute()
    assert AuditLog.get().action == "test"
    # Retention purge is the one allowed deletion, and the guard is back afterwards.
    assert purge_audit_before(datetime.datetime(2000, 1, 1)) == 0
    assert purge_audit_before(datetime.datetime(2999, 1, 1)) == 1
    audit("again", "thing", 2)
    with pytest.raises((IntegrityError, InternalError, OperationalError)):
        with db.atomic():
            AuditLog.delete().execute()


def test_command_lock_prevents_overlap(app):
    from bonsclics.db import command_lock

    with command_lock("job") as first:
        with command_lock("job") as second:
            assert first is True
            assert second is False
    with command_lock("job") as again:
        assert again is True


@pytest.mark.parametrize("url, refused", [
    ("postgresql://app:secret@db.example.org:5432/bonsclics", True),
    ("postgresql://app@db.example.org/bonsclics?sslmode=require", True),  # encrypted, but the server is not checked
    ("postgresql://app@db.example.org/bonsclics?sslmode=verify-full", False),
    ("postgres://app@10.0.0.5/bonsclics?sslmode=verify-ca", False),
    ("postgresql://app@localhost/bonsclics", False),
    ("postgresql:///bonsclics?host=/var/run/postgresql", False),
    ("sqlite:////srv/bonsclics/bonsclics.db", False),
])
def test_production_needs_checked_tls_to_a_remote_database(url, refused):
    from bonsclics.config import remote_database_without_tls

    assert remote_database_without_tls(url) is refused
    settings = {"ENV_PRODUCTION": True, "SECRET_KEY": "x" * 40, "SITE_URL": "https://aide.example.org", "DATABASE_URL": url}
    if refused:
        with pytest.raises(RuntimeError, match="sslmode=verify-full"):
            create_app(settings)


def test_production_needs_tls_to_a_remote_mail_server(tmp_path):
    settings = {"ENV_PRODUCTION": True, "SECRET_KEY": "x" * 40, "SITE_URL": "https://aide.example.org",
                "DATABASE_URL": f"sqlite:///{tmp_path}/x.db", "MAIL_SERVER": "smtp.example.org", "MAIL_USE_TLS": False}
    with pytest.raises(RuntimeError, match="MAIL_USE_TLS"):
        create_app(settings)
    assert create_app({**settings, "MAIL_SERVER": "localhost"}).config["MAIL_USE_TLS"] is False  # a local relay
    assert create_app({**settings, "MAIL_USE_TLS": True}).config["ENV_PRODUCTION"] is True


def test_secrets_can_come_from_systemd_credentials(tmp_path, monkeypatch):
    credentials = tmp_path / "credentials"
    credentials.mkdir()
    (credentials / "secret_key").write_text("k" * 64 + "\n")
    (credentials / "secret_key_fallbacks").write_text("old-key-one-" + "a" * 40 + "\nold-key-two-" + "b" * 40 + "\n")
    (credentials / "mail_password").write_text("smtp secret")
    monkeypatch.setenv("FLASK_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("FLASK_DATABASE_URL", f"sqlite:///{tmp_path}/c.db")
    monkeypatch.setenv("FLASK_SECRET_KEY", "from-the-environment-is-overridden-by-the-credential")
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(credentials))
    app = create_app()
    assert app.config["SECRET_KEY"] == "k" * 64
    assert app.config["SECRET_KEY_FALLBACKS"] == ["old-key-one-" + "a" * 40, "old-key-two-" + "b" * 40]
    assert app.config["MAIL_PASSWORD"] == "smtp secret"
    assert app.config["SMS_HTTP_TOKEN"] is None  # no file, the default stays
