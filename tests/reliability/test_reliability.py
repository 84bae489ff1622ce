"""Reliability: several workers writing at once, a worker killed mid-write, backups while writing."""
import datetime
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from bonsclics import PROJECT_ROOT, create_app
from bonsclics.db import migrate

HERE = os.path.dirname(__file__)
PG = bool(os.environ.get("BONSCLICS_TEST_DATABASE_URL"))


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _prepare(path):
    url = f"sqlite:///{path}"
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "x" * 40, "TESTING": True})
    with app.app_context():
        migrate()
    return url


def _start_gunicorn(url, workers=4):
    """gunicorn on a free loopback port; its log goes to a file (a full pipe would block it)."""
    port = _free_port()
    log = open(url[len("sqlite:///"):] + ".log", "w")
    env = dict(os.environ, FLASK_TEST_DB=url, PYTHONPATH=os.pathsep.join([HERE, PROJECT_ROOT]))
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
         "--graceful-timeout", "2", "--log-level", "warning", "writer_app:make()"],
        env=env, cwd=HERE, stdout=log, stderr=log,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start, see " + log.name)


def _post(base, token):
    request = urllib.request.Request(f"{base}/_write/{token}", data=b"", method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_until(condition, seconds=30):
    """Poll `condition` until it holds or `seconds` pass (a loaded machine boots workers slowly)."""
    deadline = time.time() + seconds
    while not condition() and time.time() < deadline:
        time.sleep(0.1)


def _count(path, where="action = 'test-write'"):
    connection = sqlite3.connect(path)
    try:
        return {row[0] for row in connection.execute(f"SELECT object_id FROM auditlog WHERE {where}")}
    finally:
        connection.close()


@pytest.mark.slow
@pytest.mark.skipif(PG, reason="SQLite locking behaviour")
def test_four_workers_writing_at_once_never_fail(tmp_path):
    path = tmp_path / "busy.db"
    process, base = _start_gunicorn(_prepare(path))
    statuses = []
    try:
        def client(number):
            for i in range(100):
                statuses.append(_post(base, f"{number}-{i}"))

        threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        process.terminate()
        process.wait(10)
    assert statuses.count(200) == 800, {s: statuses.count(s) for s in set(statuses)}
    assert len(_count(path)) == 800


@pytest.mark.slow
@pytest.mark.skipif(PG, reason="SQLite file checks")
def test_killing_a_worker_loses_nothing_acknowledged(tmp_path):
    path = tmp_path / "kill.db"
    process, base = _start_gunicorn(_prepare(path), workers=3)
    acknowledged = []
    stop = threading.Event()
    try:
        def client(number):
            i = 0
            while not stop.is_set():
                token = f"{number}-{i}"
                if _post(base, token) == 200:
                    acknowledged.append(token)
                i += 1

        threads = [threading.Thread(target=client, args=(n,)) for n in range(6)]
        for thread in threads:
            thread.start()
        _wait_until(lambda: len(acknowledged) >= 30)  # every worker booted and writing
        workers = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
        assert workers, "no gunicorn workers found"
        os.kill(int(workers[0]), signal.SIGKILL)
        before = len(acknowledged)
        _wait_until(lambda: len(acknowledged) >= before + 30)  # writes go on after the kill
        stop.set()
        for thread in threads:
            thread.join()
    finally:
        process.terminate()
        process.wait(10)
    stored = _count(path)
    assert len(acknowledged) > 60
    assert set(acknowledged) <= stored, f"{len(set(acknowledged) - stored)} acknowledged writes lost"
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()


@pytest.mark.skipif(PG, reason="SQLite online backup; PostgreSQL uses pg_dump")
def test_backup_and_restore_while_the_app_writes(tmp_path):
    from bonsclics import personal_data
    from bonsclics.maintenance import backup, integrity_problems, restore
    from bonsclics.models.accounts import Structure
    from bonsclics.models.learners import Learner
    from bonsclics.security import audit

    path = tmp_path / "live.db"
    app = create_app({"DATABASE_URL": f"sqlite:///{path}", "SECRET_KEY": "x" * 40, "TESTING": True,
                      "ERASURE_JOURNAL": str(tmp_path / "erasures.jsonl")})
    with app.app_context():
        migrate()
        structure = Structure.create(name="S")
        kept = Learner.create(structure=structure, pseudonym="Reste", consent_at=datetime.datetime(2026, 1, 1))
        erased = Learner.create(structure=structure, pseudonym="Efface", consent_at=datetime.datetime(2026, 1, 1))

    stop, errors, written = threading.Event(), [], []

    def writer():
        with app.app_context():
            i = 0
            while not stop.is_set():
                try:
                    audit("test-write", "token", f"w{i}")
                    written.append(i)
                except Exception as error:  # any "database is locked" would land here
                    errors.append(repr(error))
                i += 1
                time.sleep(0.002)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        time.sleep(0.3)
        with app.app_context():
            backup(str(tmp_path / "copy.db"))
            time.sleep(0.3)
            with app.test_request_context():
                personal_data.erase_learner(Learner.get_by_id(erased.id))
            time.sleep(0.2)
            reapplied = restore(str(tmp_path / "copy.db"))
        time.sleep(0.3)
    finally:
        stop.set()
        thread.join()
    assert errors == []
    assert integrity_problems(str(tmp_path / "copy.db")) == ""
    assert integrity_problems(str(path)) == ""
    assert reapplied == 1
    with app.app_context():
        assert Learner.get_or_none(Learner.id == kept.id) is not None
        assert Learner.get_or_none(Learner.id == erased.id) is None  # the erasure survived the restore
    backed_up = _count(str(tmp_path / "copy.db"))
    assert 0 < len(backed_up) < len(written)


def test_backup_command_refuses_nothing_and_reports(runner, tmp_path):
    result = runner.invoke(args=["backup", str(tmp_path / "b.db")])
    assert result.exit_code == 0 and "Sauvegarde faite" in result.output
    assert (tmp_path / "b.db.json").exists()
    bad = tmp_path / "broken.db"
    bad.write_bytes(b"this is not a database" * 100)
    result = runner.invoke(args=["restore", str(bad)])
    assert result.exit_code != 0
