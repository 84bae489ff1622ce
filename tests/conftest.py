"""Fixtures: an app on a temporary database, clients that check every page, one client per role.

The database is a temporary SQLite file, or the PostgreSQL server named by
BONSCLICS_TEST_DATABASE_URL (the test command sets it for the second run).
"""
import gzip
import os
import shutil
import sys

import pytest
from flask.testing import FlaskClient

sys.path.insert(0, os.path.dirname(__file__))

from helpers import TEST_PASSWORD, assert_clean_page, sign_in  # noqa: E402,F401

from bonsclics import create_app  # noqa: E402

PG_URL = os.environ.get("BONSCLICS_TEST_DATABASE_URL", "")


class CheckedClient(FlaskClient):
    """A test client that runs the page-hygiene checks on every HTML page it receives."""

    check_pages = True

    def open(self, *args, **kwargs):
        """Send the request, then check the HTML it returns."""
        response = super().open(*args, **kwargs)
        if self.check_pages and response.mimetype == "text/html" and response.status_code not in (204, 301, 302, 303):
            headers = kwargs.get("headers") or {}
            fragment = str(dict(headers).get("HX-Request", "")).lower() == "true" if headers else False
            fragment = fragment or getattr(self, "htmx", False)
            body = response.get_data()
            if response.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            assert_clean_page(
                body.decode("utf-8"),
                language=response.headers.get("Content-Language"),
                fragment=fragment,
            )
        return response


class HtmxClient(CheckedClient):
    """A client whose every request comes from htmx."""

    htmx = True

    def open(self, *args, **kwargs):
        """Add the HX-Request header."""
        headers = dict(kwargs.pop("headers", None) or {})
        headers.setdefault("HX-Request", "true")
        return super().open(*args, headers=headers, **kwargs)


@pytest.fixture(scope="session")
def template_database(tmp_path_factory):
    """A database with the schema already created, copied for each test (SQLite) or reused (PostgreSQL)."""
    if PG_URL:
        app = create_app({"TESTING": True, "DATABASE_URL": PG_URL, "SECRET_KEY": "test"})
        from bonsclics.db import all_models, migrate
        from bonsclics.extensions import db

        with app.app_context():
            with db.connection_context():
                db.drop_tables(all_models(), cascade=True, safe=True)
            migrate()
        return PG_URL
    path = tmp_path_factory.mktemp("template") / "template.db"
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{path}", "SECRET_KEY": "test"})
    from bonsclics.db import migrate

    with app.app_context():
        migrate()
    from bonsclics.extensions import db

    db.close()
    return str(path)


def _truncate_all():
    """Empty every table of the PostgreSQL test database between tests."""
    from bonsclics.db import all_models
    from bonsclics.extensions import db

    tables = ", ".join(f'"{m._meta.table_name}"' for m in all_models() if m._meta.table_name != "schemamigration")
    with db.connection_context():
        db.execute_sql("ALTER TABLE auditlog DISABLE TRIGGER auditlog_guard")
        db.execute_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        db.execute_sql("ALTER TABLE auditlog ENABLE TRIGGER auditlog_guard")


@pytest.fixture
def app(tmp_path, template_database):
    """The app on a fresh database, with CSRF off (one test keeps it on: see csrf_app)."""
    if PG_URL:
        url = PG_URL
    else:
        path = tmp_path / "test.db"
        shutil.copy(template_database, path)
        url = f"sqlite:///{path}"
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "DATABASE_URL": url,
            "WTF_CSRF_ENABLED": False,
            "UPLOAD_FOLDER": str(tmp_path / "uploads"),
            "AUDIO_CACHE_FOLDER": str(tmp_path / "audio"),
            "ERASURE_JOURNAL": str(tmp_path / "erasures.jsonl"),
            "SERVER_NAME": "localhost",
            # Tests sign admins in without a second factor; tests/accounts/test_second_factor.py sets it.
            "SECOND_FACTOR_REQUIRED_ROLES": [],
        }
    )
    app.test_client_class = CheckedClient
    if PG_URL:
        with app.app_context():
            _truncate_all()
    # No app context stays pushed during a test: each request must get its own,
    # as in production (otherwise `g` and the login cache leak between requests).
    yield app
    from bonsclics.extensions import db

    if not db.is_closed():
        db.close()
    if PG_URL:
        db.obj.close_all()


@pytest.fixture
def client(app):
    """A browser without JavaScript."""
    return app.test_client()


@pytest.fixture
def htmx_client(app):
    """A browser where htmx sends the requests."""
    app.test_client_class = HtmxClient
    client = app.test_client()
    app.test_client_class = CheckedClient
    return client


@pytest.fixture
def runner(app):
    """The CLI runner."""
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def password_hash():
    """The argon2id hash of TEST_PASSWORD, computed once."""
    from bonsclics.accounts.passwords import hash_password

    return hash_password(TEST_PASSWORD)


@pytest.fixture
def world(app, password_hash):
    """Two networks, three structures and one account per role (structure A unless said).

    Keys: network, other_network, structure_a, structure_b (same network),
    structure_c (other network), admin, coordinator, manager, pro, volunteer,
    pro_b (structure B), pro_c (structure C), coordinator_c.
    """
    from bonsclics.models.accounts import Membership, Network, Structure, User

    network = Network.create(name="Réseau test", slug="test", departements="59|62")
    other = Network.create(name="Autre réseau", slug="autre", departements="80")
    a = Structure.create(name="Structure A", network=network, departement="59", email="a@test.test")
    b = Structure.create(name="Structure B", network=network, departement="62", email="b@test.test")
    c = Structure.create(name="Structure C", network=other, departement="80", email="c@test.test")

    def user(email, role="member", structure=None, structure_role=None, network_=None):
        account = User.create(email=email, name=email.split("@")[0], password_hash=password_hash, role=role, network=network_)
        if structure is not None:
            Membership.create(user=account, structure=structure, role=structure_role)
        return account

    return {
        "network": network, "other_network": other,
        "structure_a": a, "structure_b": b, "structure_c": c,
        "admin": user("admin@test.test", "admin"),
        "coordinator": user("coordinator@test.test", "coordinator", network_=network),
        "coordinator_c": user("coordinator-c@test.test", "coordinator", network_=other),
        "manager": user("manager@test.test", structure=a, structure_role="manager"),
        "pro": user("pro@test.test", structure=a, structure_role="pro"),
        "volunteer": user("volunteer@test.test", structure=a, structure_role="volunteer"),
        "pro_b": user("pro-b@test.test", structure=b, structure_role="pro"),
        "pro_c": user("pro-c@test.test", structure=c, structure_role="pro"),
    }


@pytest.fixture
def login(app, world):
    """login("pro") returns a new client signed in as that account of `world`."""

    def make(name):
        return sign_in(app.test_client(), world[name])

    return make
