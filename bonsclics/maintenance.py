"""Keeping an installation healthy: backups, restores, retention purges, moving to PostgreSQL."""
import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from urllib.parse import urlparse

from flask import current_app

from .areas import area_modules
from .db import is_sqlite, make_database, purge_audit_before, utcnow
from .extensions import db


class MaintenanceError(RuntimeError):
    """A maintenance step failed; the message says what to do."""


def sqlite_path(url):
    """The file of a `sqlite:///path` URL."""
    return url[len("sqlite:///"):]


# --- Backups --------------------------------------------------------------------------

def backup(destination):
    """Copy the live database to `destination`, consistently, while the app keeps running.

    SQLite: the online backup API, then `PRAGMA integrity_check` on the copy.
    PostgreSQL: `pg_dump --format=custom`. A `.json` file beside the copy records
    when it was taken (restores use it to re-apply later erasures).
    """
    url = current_app.config["DATABASE_URL"]
    taken_at = utcnow()
    destination = os.path.abspath(destination)
    os.makedirs(os.path.dirname(destination), exist_ok=True)
    if urlparse(url).scheme == "sqlite":
        partial = destination + ".partial"
        source = sqlite3.connect(sqlite_path(url), timeout=30)
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        problems = integrity_problems(partial)
        if problems:
            os.remove(partial)
            raise MaintenanceError(f"the copy is damaged: {problems}")
        os.replace(partial, destination)
    else:
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", destination, url])
    with open(destination + ".json", "w", encoding="utf-8") as handle:
        json.dump({"taken_at": taken_at.isoformat(), "database": urlparse(url).scheme}, handle)
    return taken_at


def integrity_problems(path):
    """'' when SQLite's integrity check passes on `path`, else what it reports."""
    connection = sqlite3.connect(path)
    try:
        rows = [r[0] for r in connection.execute("PRAGMA integrity_check").fetchall()]
    finally:
        connection.close()
    return "" if rows == ["ok"] else "; ".join(rows)


def backup_time(path):
    """When a backup was taken (from its .json file, else the file's modification time)."""
    meta = path + ".json"
    if os.path.exists(meta):
        with open(meta, encoding="utf-8") as handle:
            return datetime.datetime.fromisoformat(json.load(handle)["taken_at"])
    return datetime.datetime.utcfromtimestamp(os.path.getmtime(path))


def restore(source):
    """Put a backup back in place of the live database, then erase again what was erased since.

    SQLite: the online backup API writes the copy into the live file under
    SQLite's own locks, so running workers see either the old or the restored
    database, never a mix.
    """
    from .personal_data import reapply_erasures

    source = os.path.abspath(source)
    if not os.path.exists(source):
        raise MaintenanceError(f"no backup at {source}")
    url = current_app.config["DATABASE_URL"]
    if urlparse(url).scheme == "sqlite":
        problems = integrity_problems(source)
        if problems:
            raise MaintenanceError(f"the backup is damaged, nothing was changed: {problems}")
        if not db.is_closed():
            db.close()
        backup_connection = sqlite3.connect(source)
        live = sqlite3.connect(sqlite_path(url), timeout=60)
        try:
            backup_connection.backup(live)
        finally:
            backup_connection.close()
            live.close()
    else:
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--dbname", url, source])
    with db.connection_context():
        return reapply_erasures(backup_time(source))


def _run(command):
    """Run an external tool, turning a failure into a MaintenanceError."""
    if shutil.which(command[0]) is None:
        raise MaintenanceError(f"{command[0]} is not installed")
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise MaintenanceError(result.stderr.strip() or f"{command[0]} failed")


# --- Retention ------------------------------------------------------------------------

def purge(now=None):
    """Delete or anonymise what is kept past its retention period; returns {what: count}.

    Each area purges its own tables (`<area>/retention.py`); this adds the
    platform's own short-lived rows and the audit journal.
    """
    from .models.accounts import LoginSession, PasswordReset
    from .models.learners import ResumeCode
    from .models.system import LoginThrottle, RateLimitHit
    from .personal_data import erase_code

    config = current_app.config
    now = now or utcnow()
    counts = {}
    for module in area_modules("retention"):
        for label, count in module.purge(now, config).items():
            counts[label] = counts.get(label, 0) + count
    day = datetime.timedelta(days=1)
    counts["rate-limit-hits"] = RateLimitHit.delete().where(RateLimitHit.at < now - day).execute()
    counts["login-throttles"] = (
        LoginThrottle.delete()
        .where(LoginThrottle.last_failure_at < now - day,
               (LoginThrottle.blocked_until.is_null()) | (LoginThrottle.blocked_until < now))
        .execute()
    )
    counts["password-resets"] = (
        PasswordReset.delete().where((PasswordReset.expires_at < now) | PasswordReset.used_at.is_null(False)).execute()
    )
    idle = datetime.timedelta(seconds=config["PERMANENT_SESSION_LIFETIME"])
    absolute = datetime.timedelta(seconds=config["SESSION_ABSOLUTE_LIFETIME"])
    counts["login-sessions"] = LoginSession.delete().where(
        (LoginSession.last_seen_at < now - idle) | (LoginSession.created_at < now - absolute)).execute()
    forgotten = now - datetime.timedelta(days=config["RETENTION_ANONYMOUS_DIAGNOSTIC_DAYS"])
    stale_codes = list(ResumeCode.select().where(ResumeCode.learner.is_null(), ResumeCode.last_seen_at < forgotten))
    for code in stale_codes:
        erase_code(code, journal=False)
    counts["anonymous-resume-codes"] = len(stale_codes)
    counts["audit-entries"] = purge_audit_before(now - datetime.timedelta(days=config["RETENTION_AUDIT_DAYS"]))
    return counts


# --- Growing into PostgreSQL ----------------------------------------------------------

def table_checksum(model):
    """Row count and a checksum of a table's content, independent of the database engine."""
    digest = hashlib.sha256()
    count = 0
    for values in model.select().order_by(*model._meta.sorted_fields[:1]).tuples().iterator():
        count += 1
        digest.update(repr(tuple(_comparable(v) for v in values)).encode())
    return count, digest.hexdigest()


def _comparable(value):
    """A value as both engines give it back (datetimes and floats normalised)."""
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, bool):
        return int(value)
    return value


def migrate_to(target_url, batch_size=500, log=print):
    """Copy the whole SQLite database into an empty PostgreSQL database, then verify it.

    Returns {table: rows}. Refuses a target that already holds rows.
    """
    from .db import all_models, migrate

    if not is_sqlite():
        raise MaintenanceError("migrate-to copies from SQLite: the current database is not SQLite")
    if urlparse(target_url).scheme not in ("postgres", "postgresql"):
        raise MaintenanceError("the target must be a postgresql:// URL")
    models = all_models()
    target = make_database(target_url)
    with target.bind_ctx(models):
        with target.connection_context():
            target.create_tables(models, safe=True)
            if any(model.select().exists() for model in models):
                raise MaintenanceError("the target database is not empty: use a new, empty database")
    copied = {}
    for model in models:
        rows = list(model.select().dicts().iterator())
        with target.bind_ctx([model]):
            with target.atomic():
                for start in range(0, len(rows), batch_size):
                    model.insert_many(rows[start:start + batch_size]).execute()
            _reset_sequence(target, model)
        copied[model._meta.table_name] = len(rows)
        log(f"{model._meta.table_name}: {len(rows)}")
    # Verify: same rows, same content, table by table.
    for model in models:
        expected = table_checksum(model)
        with target.bind_ctx([model]):
            actual = table_checksum(model)
        if expected != actual:
            raise MaintenanceError(f"{model._meta.table_name}: copy differs ({expected[0]} rows vs {actual[0]})")
    with target.bind_ctx(models):
        previous = db.obj
        db.initialize(target)
        try:
            migrate()  # triggers and indexes of the target
        finally:
            db.initialize(previous)
    target.close_all()
    return copied


def _reset_sequence(target, model):
    """Make PostgreSQL's id sequence continue after the copied ids."""
    pk = model._meta.primary_key
    if getattr(pk, "field_type", "") != "AUTO":
        return
    table = model._meta.table_name
    target.execute_sql(
        f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{pk.column_name}'), "
        f"COALESCE((SELECT MAX(\"{pk.column_name}\") FROM \"{table}\"), 0) + 1, false)"
    )

