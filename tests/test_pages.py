"""The public pages, the layout and the language rules."""
import pytest


@pytest.mark.parametrize("path", ["/", "/accessibility", "/privacy", "/legal"])
def test_public_pages_render_in_french_by_default(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "fr"
    html = response.get_data(as_text=True)
    assert '<html lang="fr" dir="ltr">' in html
    assert 'href="#main"' in html and 'id="main"' in html


def test_arabic_is_right_to_left_and_remembered(client):
    response = client.get("/?lang=ar")
    html = response.get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html
    assert "الرئيسية" in html or "العربية" in html
    # The choice is saved: the next page without ?lang stays in Arabic.
    again = client.get("/accessibility")
    assert again.headers["Content-Language"] == "ar"


def test_english_from_the_browser_when_nothing_is_saved(client):
    response = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert response.headers["Content-Language"] == "en"
    assert "Step by step" in response.get_data(as_text=True) or "step by step" in response.get_data(as_text=True)


def test_query_beats_saved_choice_and_browser(client):
    client.get("/?lang=ar")
    response = client.get("/?lang=en", headers={"Accept-Language": "fr"})
    assert response.headers["Content-Language"] == "en"


def test_unknown_language_falls_back_to_french(client):
    response = client.get("/?lang=xx", headers={"Accept-Language": "de"})
    assert response.headers["Content-Language"] == "fr"


def test_language_switcher_is_plain_links_in_their_own_language(client):
    html = client.get("/accessibility").get_data(as_text=True)
    assert '<a href="/accessibility?lang=ar" lang="ar" hreflang="ar">العربية</a>' in html
    assert '<a href="/accessibility?lang=en" lang="en" hreflang="en">English</a>' in html
    assert 'aria-current="true">Français</a>' in html


def test_switcher_keeps_the_query_string(client):
    html = client.get("/?reading=easy").get_data(as_text=True)
    assert "reading=easy" in html and "lang=ar" in html


@pytest.mark.parametrize("code, path, method", [(404, "/nulle-part", "get"), (405, "/account/logout", "get")])
def test_error_pages_in_the_persons_language(client, code, path, method):
    response = getattr(client, method)(path + "?lang=ar")
    assert response.status_code == code
    html = response.get_data(as_text=True)
    assert 'dir="rtl"' in html and "<h1>" in html


def test_error_pages_are_fragments_for_htmx(htmx_client):
    response = htmx_client.get("/nulle-part")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "<html" not in html and 'id="error-page"' in html


def test_unexpected_errors_give_a_calm_500(app, client):
    @app.get("/boom")
    def boom():
        raise RuntimeError("boom")

    boom.access = "public"
    response = client.get("/boom")
    assert response.status_code == 500
    assert "Un problème est survenu" in response.get_data(as_text=True)


def test_vary_on_hx_request(client):
    assert "HX-Request" in client.get("/").headers["Vary"]


def test_easy_read_mode_is_switchable(client):
    html = client.get("/?reading=easy").get_data(as_text=True)
    assert "Lecture normale" in html
    html = client.get("/?reading=standard").get_data(as_text=True)
    assert "Facile à lire" in html


def test_static_files_are_fingerprinted_and_cached(client):
    html = client.get("/").get_data(as_text=True)
    import re

    css = re.search(r'href="(/static/app\.css\?v=[0-9a-f]+)"', html).group(1)
    response = client.get(css)
    assert response.status_code == 200
    assert "immutable" in response.headers["Cache-Control"]
    assert "max-age=31536000" in response.headers["Cache-Control"]


def test_text_responses_are_compressed(client):
    import gzip

    response = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert b"<h1>" in gzip.decompress(response.data)
