"""axe-core on every page, in French and Arabic, with JavaScript on and off, on a 360 px phone."""
import pytest
from browsing import AXE, block_scripts, sign_in
from helpers import crawl

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def _pages(live_app, as_pro=False):
    """The URLs to check: every route reachable by links, two URLs per route at most (helpers: theirs only)."""
    client = live_app.test_client()
    start = ("/",)
    if as_pro:
        from helpers import sign_in as sign_in_client

        from bonsclics.models.accounts import User

        with live_app.app_context():
            sign_in_client(client, User.get(User.email == "pro@demo.test"))
        start = ("/account/",)
    urls = set(crawl(client, start=start, per_endpoint=2, limit=120, skip=("/logout",)))
    if as_pro:
        urls -= set(_pages(live_app))  # the public pages have their own test
    return sorted(urls)


def _axe(page):
    """Run axe on the page and return its violations."""
    page.add_script_tag(path=AXE)
    result = page.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def _check_all(context, base, urls, language, javascript, page=None):
    """axe on each URL, in `page` (the signed-in one) or a new page of `context`; with javascript=False
    the app's scripts are blocked, as in a browser without JS."""
    page = page or context.new_page()
    if not javascript:
        block_scripts(page)
    problems = {}
    for url in urls:
        separator = "&" if "?" in url else "?"
        response = page.goto(f"{base}{url}{separator}lang={language}")
        assert response.status < 400, url
        assert javascript or page.evaluate("typeof window.htmx") == "undefined", url  # scripts really off
        violations = _axe(page)
        if violations:
            problems[url] = violations
    page.close()
    return problems


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_public_pages_have_no_axe_violations(live_app, live_server, phone, language, javascript):
    urls = _pages(live_app)
    assert len(urls) >= 5
    assert _check_all(phone, live_server, urls, language, javascript) == {}


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "ar"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_helper_pages_have_no_axe_violations(live_app, live_server, phone, language, javascript):
    urls = _pages(live_app, as_pro=True)
    page = phone.new_page()
    sign_in(page, live_server)
    assert _check_all(phone, live_server, urls, language, javascript, page) == {}


@pytest.mark.browser
def test_axe_does_find_a_violation(live_server, phone):
    """The check can fail: an unlabelled field is reported."""
    page = phone.new_page()
    page.goto(f"{live_server}/accessibility")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text>')")
    assert any(v.startswith("label") for v in _axe(page))


LEARNER_PAGES = ["/", "/diagnostic/", "/learning/", "/learning/start-touchscreen", "/learning/start-touchscreen/step/1",
                 "/practice/caf-declaration", "/practice/caf-declaration/watch-out", "/places/", "/agenda/"]


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fa_AF", "ps"])
def test_learner_pages_in_dari_and_pashto_are_mirrored_and_pass_axe(live_server, phone, language):
    page = phone.new_page()
    page.goto(f"{live_server}/?lang={language}")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert _check_all(phone, live_server, LEARNER_PAGES, language, javascript=False, page=page) == {}


@pytest.mark.browser
@pytest.mark.parametrize("language, javascript", [("fr", True), ("ar", False)], ids=["fr-js", "ar-nojs"])
def test_reports_pass_axe_and_fit_a_small_phone(live_app, live_server, browser, phone, language, javascript):
    from bonsclics.models.accounts import Network

    with live_app.app_context():
        network = Network.select().order_by(Network.id).first()
        structure = network.structures.first()
    urls = [f"/reports/network/{network.id}", f"/reports/public/{network.slug}"]
    if structure is not None:
        urls += [f"/reports/structure/{structure.id}", f"/reports/structure/{structure.id}/print"]
    page = phone.new_page()
    sign_in(page, live_server, email="coordinator@demo.test")
    assert _check_all(phone, live_server, urls, language, javascript, page) == {}
    narrow = phone.new_page()
    narrow.set_viewport_size({"width": 320, "height": 640})
    for url in urls:
        narrow.goto(f"{live_server}{url}?lang={language}")
        width = narrow.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, (url, width)
    narrow.close()


@pytest.mark.browser
@pytest.mark.parametrize("language, javascript", [("fr", True), ("ar", False)], ids=["fr-js", "ar-nojs"])
def test_administration_pages_pass_axe(live_app, live_server, phone, language, javascript):
    from bonsclics.accounts import totp
    from bonsclics.models.accounts import User

    with live_app.app_context():
        someone, _ = User.get_or_create(email="two-factor@demo.test",
                                        defaults={"name": "Deux", "password_hash": "x", "totp_secret": totp.new_secret()})
    urls = ["/admin/", "/admin/networks", "/admin/accounts", "/admin/audit", f"/admin/accounts/{someone.id}/second-factor"]
    page = phone.new_page()
    sign_in(page, live_server, email="admin@demo.test")
    page.goto(f"{live_server}/admin/accounts?q=two-factor")
    assert page.locator("h1").inner_text() == "Comptes"  # signed in, not sent back to the login page
    assert page.locator(f"a[href='/admin/accounts/{someone.id}/second-factor']").count() == 1
    assert _check_all(phone, live_server, urls, language, javascript, page) == {}
    narrow = phone.new_page()
    narrow.set_viewport_size({"width": 320, "height": 640})
    for url in urls:
        narrow.goto(f"{live_server}{url}?lang={language}")
        assert narrow.evaluate("document.documentElement.scrollWidth") <= 320, url
    narrow.close()
