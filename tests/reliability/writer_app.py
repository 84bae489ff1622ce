"""The app plus one route that writes a numbered row, for tests that run real gunicorn workers."""
import os

from bonsclics import create_app


def make():
    """The app on FLASK_TEST_DB, with a route that appends one audit entry per request."""
    from bonsclics.db import write_transaction
    from bonsclics.security import audit, public

    app = create_app({
        "DATABASE_URL": os.environ["FLASK_TEST_DB"], "SECRET_KEY": "reliability-tests-secret-key-000000",
        "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
    })

    @app.post("/_write/<token>")
    @public
    def write(token):
        """Write one row; answering 200 means it is committed."""
        with write_transaction():
            audit("test-write", "token", token)
        return "ok"

    return app
