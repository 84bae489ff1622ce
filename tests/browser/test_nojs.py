"""End-to-end with JavaScript off: the home page's links, signing in and out."""
import pytest
from browsing import sign_in


@pytest.mark.browser
def test_every_link_of_the_home_page_works_without_javascript(live_server, phone_no_js):
    page = phone_no_js.new_page()
    page.goto(live_server + "/")
    assert page.locator("h1").count() == 1
    hrefs = [a.get_attribute("href") for a in page.locator("a[href^='/']").all()]
    assert len(hrefs) >= 8
    for href in sorted(set(hrefs)):
        response = page.goto(live_server + href)
        assert response.status == 200, href
        assert page.locator("h1").count() == 1, href


@pytest.mark.browser
def test_sign_in_and_out_without_javascript(live_server, phone_no_js):
    page = phone_no_js.new_page()
    sign_in(page, live_server, password="pas le bon mot de passe")
    assert page.title().startswith("Erreur : ")
    assert page.locator("#error-summary").is_visible()
    sign_in(page, live_server)
    assert "/login" not in page.url
    page.goto(live_server + "/account/")
    assert page.locator("h1").inner_text() == "Mon compte"
    page.click("text=Se déconnecter >> nth=-1")
    page.goto(live_server + "/account/")
    assert "/account/login" in page.url


@pytest.mark.browser
def test_arabic_page_is_mirrored(live_server, phone_no_js):
    page = phone_no_js.new_page()
    page.goto(live_server + "/?lang=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    # The brand sits at the right edge in a right-to-left layout.
    box = page.locator(".brand").bounding_box()
    assert box["x"] + box["width"] > 360 / 2


@pytest.mark.browser
def test_nothing_overflows_at_320_pixels(browser, live_server):
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    for path in ("/", "/account/login", "/privacy", "/?lang=ar"):
        page.goto(live_server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, (path, width)
    context.close()
