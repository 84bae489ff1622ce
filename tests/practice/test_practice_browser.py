"""The imitation in a real browser at 360 px, JavaScript on and off, French and Arabic: axe finds nothing
on the states the link crawler cannot reach (errors, hint, helper mode, feedback, summary)."""
import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from bonsclics import PROJECT_ROOT, create_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = os.path.join(PROJECT_ROOT, "node_modules", "axe-core", "axe.min.js")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The app on its own database, served in a thread."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        pytest.skip("Playwright is not installed")
    if not (os.path.exists(CHROMIUM) and os.path.exists(AXE)):
        if os.environ.get("BONSCLICS_REQUIRE_BROWSER"):
            pytest.fail("Chromium or axe-core is missing")
        pytest.skip("Chromium or axe-core is missing")
    if os.environ.get("BONSCLICS_TEST_DATABASE_URL"):
        pytest.skip("browser tests run on the SQLite pass only")
    folder = tmp_path_factory.mktemp("practice-live")
    app = create_app({"SECRET_KEY": "practice-browser-tests-0123456789", "DATABASE_URL": f"sqlite:///{folder}/live.db",
                      "RATELIMIT_ENABLED": False, "AUDIO_CACHE_FOLDER": str(folder / "audio")})
    from bonsclics.db import migrate

    with app.app_context():
        migrate()
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def chromium(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def _axe(page):
    page.add_script_tag(path=AXE)
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


def _check(page, label, problems):
    """Run axe and the 360 px overflow check on the current page state."""
    violations = _axe(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    if violations or width > 360:
        problems[label] = violations + ([f"page is {width}px wide"] if width > 360 else [])


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_imitation_states_have_no_axe_violations(chromium, server, language, javascript):
    context = chromium.new_context(viewport={"width": 360, "height": 640}, bypass_csp=True, locale="fr-FR")
    page = context.new_page()
    if not javascript:  # the app's scripts blocked, as in a browser without JS (axe still runs)
        page.route("**/*.js*", lambda route: route.abort())
    base = f"{server}/practice/caf-declaration"
    problems = {}

    page.goto(f"{base}/screen/login?lang={language}")
    page.click("button[value=submit]")
    page.wait_for_selector("#error-summary")
    assert page.locator("#field-identifiant-plain").is_visible()
    _check(page, "errors", problems)

    page.click("button[value=hint]")
    page.wait_for_selector("#practice-hint")
    _check(page, "hint", problems)

    page.goto(f"{base}/screen/login?aide=1")
    assert page.locator("#field-identifiant-expected").is_visible()
    _check(page, "helper mode", problems)
    page.goto(f"{base}/screen/login?aide=0")

    page.fill("#field-identifiant", "2850375999999")
    page.fill("#field-mot_de_passe", "Lilas-Bleu-85")
    page.click("button[value=submit]")
    page.wait_for_url("**/screen/verification-code")
    page.fill("#field-code", "418207")
    page.click("button[value=submit]")
    page.wait_for_url("**/screen/choose-quarter")
    page.check("#answer-done")
    page.click("button[value=submit]")
    page.wait_for_selector(".feedback--wrong")
    _check(page, "wrong choice", problems)
    page.check("#answer-current")
    page.click("button[value=submit]")
    page.wait_for_selector(".feedback--right")
    _check(page, "right choice", problems)

    for url in (f"{base}/summary", f"{base}/practise", f"{base}/card", f"{server}/practice/"):
        page.goto(url)
        _check(page, url, problems)
    page.goto(f"{base}/summary")
    assert "indice utilisé" in page.locator("main").inner_text() or language == "ar"
    context.close()
    assert problems == {}


@pytest.mark.browser
def test_the_banner_is_printed(chromium, server):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/practice/caf-declaration/card")
    page.emulate_media(media="print")
    assert page.locator(".practice-banner").is_visible()
    assert not page.locator(".site-header").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1  # one A4 page
    context.close()
