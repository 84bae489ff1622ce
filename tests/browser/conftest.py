"""A live server with the demo data, and headless Chromium driven by Playwright.

Browser tests run when Chromium and axe-core are installed (the test command
installs both); with BONSCLICS_REQUIRE_BROWSER=1 a missing browser is an error,
not a skip.
"""
import os
import sys
import threading

import pytest
from werkzeug.serving import make_server

from bonsclics import create_app

from browsing import AXE, BROWSER_ARGS, CHROMIUM, DEMO_PASSWORD


def _missing():
    """What is missing to run browser tests, or None."""
    if not os.path.exists(CHROMIUM):
        return "Chromium is not installed (apt-get install chromium)"
    if not os.path.exists(AXE):
        return "axe-core is not installed (make assets-dev)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e .[dev])"
    return None


@pytest.fixture(scope="session")
def browser_ready():
    """Skip (or fail, in CI) when the browser tools are missing."""
    missing = _missing()
    if missing:
        if os.environ.get("BONSCLICS_REQUIRE_BROWSER"):
            pytest.fail(missing)
        pytest.skip(missing)


@pytest.fixture(scope="session")
def live_app(tmp_path_factory, browser_ready):
    """The app on its own SQLite file with the demo network."""
    if os.environ.get("BONSCLICS_TEST_DATABASE_URL"):
        pytest.skip("browser tests run on the SQLite pass only")
    folder = tmp_path_factory.mktemp("live")
    app = create_app({"TESTING": False, "SECRET_KEY": "browser-tests-secret-key-0123456789",
                      "DATABASE_URL": f"sqlite:///{folder}/live.db", "RATELIMIT_ENABLED": False, "SECOND_FACTOR_REQUIRED_ROLES": [],
                      "UPLOAD_FOLDER": str(folder / "uploads"), "AUDIO_CACHE_FOLDER": str(folder / "audio"),
                      "ERASURE_JOURNAL": str(folder / "erasures.jsonl")})
    from bonsclics.db import migrate
    from bonsclics.demo import seed

    with app.app_context():
        migrate()
        seed(DEMO_PASSWORD)
    return app


@pytest.fixture(scope="session")
def live_server(live_app):
    """Serve the app on 127.0.0.1 on a free port, in a thread."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def playwright(browser_ready):
    """Playwright's driver, started once."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture
def browser(playwright):
    """A fresh headless Chromium for each test (about a second to start).

    A Chromium shared by the whole session twice stopped answering after a dozen
    long tests, with no request pending; a new one per test keeps them apart.
    """
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture
def phone(browser):
    """A 360x640 phone, JavaScript on."""
    context = browser.new_context(viewport={"width": 360, "height": 640}, bypass_csp=True, locale="fr-FR")
    yield context
    context.close()


@pytest.fixture
def phone_no_js(browser):
    """A 360x640 phone with JavaScript off."""
    context = browser.new_context(viewport={"width": 360, "height": 640}, java_script_enabled=False, locale="fr-FR")
    yield context
    context.close()
