"""Database set-up: the URL, per-request connections, pragmas, schema migrations.

This is also the one module allowed to know the difference between SQLite and
PostgreSQL (`is_sqlite`, `write_transaction`, `command_lock`).
"""
import datetime
import os
import uuid
from contextlib import contextmanager
from urllib.parse import urlparse

from flask import current_app
from peewee import SqliteDatabase
from playhouse.db_url import parse as parse_db_url
from playhouse.pool import PooledPostgresqlDatabase

from .extensions import db


def make_database(url, busy_timeout_ms=5000):
    """Build the peewee database for a `sqlite:///path` or `postgresql://` URL."""
    scheme = urlparse(url).scheme
    if scheme == "sqlite":
        path = url[len("sqlite:///"):]
        if path and path != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        return SqliteDatabase(
            path,
            timeout=busy_timeout_ms / 1000,
            # Writers take the lock when their transaction starts, so two
            # workers never deadlock upgrading a read lock to a write lock.
            lock_type="IMMEDIATE",
            pragmas={
                "journal_mode": "wal",
                "foreign_keys": 1,
                "busy_timeout": busy_timeout_ms,
                "synchronous": "normal",
                "cache_size": -8000,
            },
        )
    if scheme in ("postgres", "postgresql"):
        params = parse_db_url(url)
        return PooledPostgresqlDatabase(
            params.pop("database"), max_connections=16, stale_timeout=300, timeout=10, **params
        )
    raise RuntimeError(f"Unsupported database URL {url!r}: use sqlite:/// or postgresql://")


def init_app(app):
    """Bind the database to the app and open/close a connection around each request."""
    db.initialize(make_database(app.config["DATABASE_URL"], app.config["SQLITE_BUSY_TIMEOUT_MS"]))

    @app.before_request
    def _connect():
        db.connect(reuse_if_open=True)

    @app.teardown_appcontext
    def _close(exc):
        if not db.is_closed():
            db.close()


def is_sqlite():
    """True when the app runs on SQLite."""
    return isinstance(db.obj, SqliteDatabase)


def write_transaction():
    """A transaction for writes (BEGIN IMMEDIATE on SQLite, plain BEGIN elsewhere)."""
    return db.atomic()


def lock_rows(query):
    """Add `FOR UPDATE` on PostgreSQL; SQLite's IMMEDIATE transaction already serialises writers."""
    return query if is_sqlite() else query.for_update()


def all_models():
    """Every model of the app, in dependency order."""
    from .models import ALL_MODELS

    return ALL_MODELS


def _add_column(table, model_name, field_name):
    """A migration adding a model's field to `table`, unless the table was just created with it."""

    def apply(migrator):
        from playhouse.migrate import migrate as run

        from . import models

        if field_name in {column.name for column in db.get_columns(table)}:
            return
        field = getattr(models.accounts, model_name)._meta.fields[field_name]
        run(migrator.add_column(table, field.column_name, field))

    return apply


# Column and index changes to apply to existing databases, in order. New tables and
# new indexes need no entry: `migrate` creates whatever is missing. Each entry is
# (name, function(migrator)); names are recorded once applied.
MIGRATIONS = [
    ("loginsession-user-agent", _add_column("loginsession", "LoginSession", "user_agent")),
    ("user-totp-secret", _add_column("user", "User", "totp_secret")),
    ("user-totp-last-step", _add_column("user", "User", "totp_last_step")),
    # It led SQLite to read every theme row of the country for one network's report.
    ("drop-activitytheme-theme-date", lambda migrator: db.execute_sql("DROP INDEX IF EXISTS activitytheme_theme_date")),
]


def migrate():
    """Create missing tables and indexes, then apply pending column migrations."""
    from playhouse.migrate import PostgresqlMigrator, SqliteMigrator

    from .models.system import SchemaMigration

    with db.connection_context():
        db.create_tables(all_models(), safe=True)
        applied = {m.name for m in SchemaMigration.select(SchemaMigration.name)}
        migrator = SqliteMigrator(db.obj) if is_sqlite() else PostgresqlMigrator(db.obj)
        for name, apply in MIGRATIONS:
            if name in applied:
                continue
            with db.atomic():
                apply(migrator)
                SchemaMigration.create(name=name, applied_at=utcnow())
        _install_guards()


_SQLITE_GUARDS = [
    f"CREATE TRIGGER IF NOT EXISTS auditlog_no_{verb.lower()} BEFORE {verb} ON auditlog "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    for verb in ("UPDATE", "DELETE")
]


def _install_guards():
    """Database triggers that keep the audit journal append-only."""
    if is_sqlite():
        for statement in _SQLITE_GUARDS:
            db.execute_sql(statement)
        return
    db.execute_sql(
        "CREATE OR REPLACE FUNCTION auditlog_append_only() RETURNS trigger AS $$ "
        "BEGIN IF TG_OP = 'DELETE' AND current_setting('bonsclics.audit_purge', true) = 'on' "
        "THEN RETURN OLD; END IF; RAISE EXCEPTION 'the audit log is append-only'; END $$ LANGUAGE plpgsql"
    )
    db.execute_sql("DROP TRIGGER IF EXISTS auditlog_guard ON auditlog")
    db.execute_sql(
        "CREATE TRIGGER auditlog_guard BEFORE UPDATE OR DELETE ON auditlog "
        "FOR EACH ROW EXECUTE FUNCTION auditlog_append_only()"
    )


def purge_audit_before(cutoff):
    """Delete audit entries older than `cutoff` (retention), the only deletion allowed."""
    from .models.system import AuditLog

    with write_transaction():
        if is_sqlite():
            db.execute_sql("DROP TRIGGER IF EXISTS auditlog_no_delete")
        else:
            db.execute_sql("SET LOCAL bonsclics.audit_purge = 'on'")
        deleted = AuditLog.delete().where(AuditLog.at < cutoff).execute()
        if is_sqlite():
            db.execute_sql(_SQLITE_GUARDS[1])
    return deleted


def utcnow():
    """The current time in UTC, naive: every datetime in the database is naive UTC."""
    now = current_app.config.get("NOW") if _has_app() else None
    if now is not None:
        return now() if callable(now) else now
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def _has_app():
    """True inside an application context."""
    from flask import has_app_context

    return has_app_context()


@contextmanager
def command_lock(name, ttl_seconds=3600):
    """Hold a named lock in the database so two runs of a command never overlap.

    Yields True when the lock was taken, False when another run holds it.
    """
    from .models.system import CommandLock

    holder = uuid.uuid4().hex
    now = utcnow()
    with write_transaction():
        CommandLock.delete().where(CommandLock.name == name, CommandLock.expires_at < now).execute()
        CommandLock.insert(
            name=name, holder=holder, expires_at=now + datetime.timedelta(seconds=ttl_seconds)
        ).on_conflict_ignore().execute()
        taken = CommandLock.select().where(CommandLock.name == name, CommandLock.holder == holder).exists()
    try:
        yield taken
    finally:
        if taken:
            CommandLock.delete().where(CommandLock.name == name, CommandLock.holder == holder).execute()
