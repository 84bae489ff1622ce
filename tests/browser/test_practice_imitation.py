"""The imitation in a real browser at 360 px, JavaScript on and off, French and Arabic: axe finds nothing
on the states the link crawler cannot reach (errors, hint, helper mode, feedback, summary)."""
import pytest
from browsing import AXE, block_scripts

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


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
def test_imitation_states_have_no_axe_violations(live_server, phone, language, javascript):
    page = phone.new_page()
    if not javascript:  # the app's scripts blocked, as in a browser without JS (axe still runs)
        block_scripts(page)
    base = f"{live_server}/practice/caf-declaration"
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

    for url in (f"{base}/summary", f"{base}/practise", f"{base}/card", f"{live_server}/practice/"):
        page.goto(url)
        _check(page, url, problems)
    page.goto(f"{base}/summary")
    assert "indice utilisé" in page.locator("main").inner_text() or language == "ar"
    page.close()
    assert problems == {}


@pytest.mark.browser
def test_the_practice_card_prints_on_one_page_with_its_banner(live_server, phone_no_js):
    page = phone_no_js.new_page()
    page.goto(f"{live_server}/practice/caf-declaration/card")
    page.emulate_media(media="print")
    assert page.locator(".practice-banner").is_visible()
    assert not page.locator(".site-header").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1  # one A4 page
    page.close()
