"""Shared pieces of the browser tests: where Chromium and axe are, how to sign in."""
import os
import shutil

from bonsclics import PROJECT_ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = os.path.join(PROJECT_ROOT, "node_modules", "axe-core", "axe.min.js")
DEMO_PASSWORD = "cheval agrafe pile correcte"
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def sign_in(page, base, email="pro@demo.test", password=DEMO_PASSWORD):
    """Fill the login form like a person would."""
    page.goto(f"{base}/account/login")
    page.fill("#email", email)
    page.fill("#password", password)
    # Wait for the answer page: closing a page while its form post was still loading, then opening a
    # new one in the same context, once left Playwright's new_page() waiting forever.
    with page.expect_navigation():
        page.click("main button[type=submit]")


def block_scripts(page):
    """Block the app's scripts in Chromium itself, as in a browser without JavaScript (axe can still be injected).

    Chromium drops the requests on its own (CDP `Network.setBlockedURLs`): no request
    waits on a Python route handler, so nothing can stall between the two.
    """
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.setBlockedURLs", {"urls": ["*.js", "*.js?*"]})
    return session
