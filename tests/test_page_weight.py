"""Every page stays light: HTML at most 14 KB compressed, a cold first view at most 50 KB."""
import gzip
import re

import pytest
from helpers import crawl

HTML_BUDGET = 14 * 1024
FIRST_VIEW_BUDGET = 50 * 1024


@pytest.fixture
def demo(app):
    """The demo network, as `make run` serves it."""
    from bonsclics.demo import seed

    with app.app_context():
        seed("cheval agrafe pile correcte")


def _compressed_size(body):
    return len(gzip.compress(body, compresslevel=6))


def _assets(client, html):
    """Compressed size of each CSS, JS and image file a page loads."""
    urls = re.findall(r'<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]+href|script[^>]+src|img[^>]+src)="([^"]+)"', html)
    urls += re.findall(r'<script[^>]+data-htmx="([^"]+)"', html)  # loaded by app.js once the page has shown
    sizes = {}
    for url in urls:
        response = client.get(url.replace("&amp;", "&"))
        assert response.status_code == 200, url
        sizes[url] = _compressed_size(response.data)
    return sizes


def _check(client, pages):
    report = {}
    for url, response in pages.items():
        html = response.get_data()
        html_size = _compressed_size(html)
        first_view = html_size + sum(_assets(client, html.decode()).values())
        report[url] = (html_size, first_view)
    too_heavy = {u: s for u, s in report.items() if s[0] > HTML_BUDGET or s[1] > FIRST_VIEW_BUDGET}
    assert not too_heavy, f"over budget (html, first view) in bytes: {too_heavy}"
    return report


def test_public_pages_fit_the_budget(client, demo):
    pages = crawl(client, start=("/", "/account/login"), limit=150)
    assert len(pages) >= 5
    _check(client, pages)


def test_the_first_view_counts_htmx_loaded_after_the_first_paint(client):
    assets = _assets(client, client.get("/").get_data(as_text=True))
    assert any("htmx.min.js" in url for url in assets) and any("app.js" in url for url in assets)


def test_helper_pages_fit_the_budget(login, demo):
    client = login("pro")
    pages = crawl(client, start=("/account/",), limit=150, skip=("/logout",))
    assert pages
    _check(client, pages)


def test_budget_check_fails_on_a_heavy_page(app, client):
    """The check itself can fail: a page with 60 KB of incompressible text is refused."""
    import os

    @app.get("/lourd")
    def heavy():
        from flask import render_template_string

        noise = os.urandom(30000).hex()
        return render_template_string('{% extends "base.html" %}{% block title %}Lourd{% endblock %}{% block content %}<h1>Lourd</h1><p>{{ n }}</p>{% endblock %}', n=noise)

    heavy.access = "public"
    with pytest.raises(AssertionError, match="over budget"):
        _check(client, {"/lourd": client.get("/lourd")})
