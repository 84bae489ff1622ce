"""A live server with the demo data, and headless Chromium driven by Playwright.

Browser tests run when Chromium and axe-core are installed (the test command
installs both); with BONSCLICS_REQUIRE_BROWSER=1 a missing browser is an error,
not a skip.
"""
import os
import signal
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


# The longest browser test takes about two minutes on a busy 2-core machine.
STALL_SECONDS = int(os.environ.get("BONSCLICS_BROWSER_STALL_SECONDS", "300"))


def pytest_collection_modifyitems(items):
    """A browser test whose Chromium was stopped by the watchdog runs once more (a second stall fails)."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.flaky(reruns=1, only_rerun=["TargetClosedError", "Connection closed", "has been closed"]))


def _descendants(root):
    """Every process started, directly or not, by process `root`."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


@pytest.fixture
def playwright(browser_ready):
    """Playwright's driver for one test, watched: after STALL_SECONDS the driver and its Chromium are killed.

    Rarely, on a loaded machine, a Playwright call never returned while Chromium sat idle with
    nothing pending. Killing the processes makes that call raise TargetClosedError, naming the
    call in the report, and the test runs once more instead of blocking the whole run.
    """
    from playwright.sync_api import sync_playwright

    before = set(_descendants(os.getpid()))

    def stop_stalled_browser():
        print(f"\nbrowser test still running after {STALL_SECONDS} s: stopping its Chromium", file=sys.stderr)
        for pid in _descendants(os.getpid()):
            if pid not in before:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

    watchdog = threading.Timer(STALL_SECONDS, stop_stalled_browser)
    watchdog.daemon = True
    with sync_playwright() as driver:
        watchdog.start()
        try:
            yield driver
        finally:
            watchdog.cancel()


@pytest.fixture
def browser(playwright):
    """A fresh headless Chromium for each test (about a second to start)."""
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
    yield chromium
    _close(chromium)


def _close(closable):
    """Close a browser or a context that the watchdog may already have stopped."""
    from playwright.sync_api import Error

    try:
        closable.close()
    except Error:
        pass


@pytest.fixture
def phone(browser):
    """A 360x640 phone, JavaScript on."""
    context = browser.new_context(viewport={"width": 360, "height": 640}, bypass_csp=True, locale="fr-FR")
    yield context
    _close(context)


@pytest.fixture
def phone_no_js(browser):
    """A 360x640 phone with JavaScript off."""
    context = browser.new_context(viewport={"width": 360, "height": 640}, java_script_enabled=False, locale="fr-FR")
    yield context
    _close(context)
