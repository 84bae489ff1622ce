"""The page-hygiene checker itself: it must catch each broken rule."""
import pytest
from helpers import check_page

GOOD = """<!doctype html><html lang="fr" dir="ltr"><head><meta charset="utf-8"><title>Accueil — site</title>
<link rel="stylesheet" href="/static/app.css"></head><body><main><h1>Accueil</h1>
<form action="/x" method="post"><label for="a">A</label><input id="a" name="a"></form>
<a href="/p" hx-get="/p">p</a></main></body></html>"""


def test_a_clean_page_passes():
    assert check_page(GOOD, language="fr") == []


@pytest.mark.parametrize(
    "change, expected",
    [
        (('lang="fr"', 'lang="en"'), "expected 'fr'"),
        (('dir="ltr"', 'dir="rtl"'), "dir="),
        (("<h1>Accueil</h1>", "<h1>Accueil</h1><h1>Encore</h1>"), "2 <h1>"),
        (("<h1>Accueil</h1>", ""), "0 <h1>"),
        (("<title>Accueil — site</title>", "<title>Autre</title>"), "does not start with the h1"),
        (('action="/x" ', ""), "without action"),
        (('method="post"', ""), "without method"),
        (('<label for="a">A</label>', ""), "has no label"),
        (('id="a"', 'id="a"><p id="a"></p'), "duplicate ids"),
        (('hx-get="/p"', 'hx-get="/q"'), "differs"),
        (('<a href="/p" hx-get="/p">p</a>', '<div hx-get="/p">p</div>'), "works only with JavaScript"),
        (('<a href="/p" hx-get="/p">p</a>', '<form action="/p" method="post" hx-delete="/p"></form>'), "destructive"),
        (('href="/static/app.css"', 'href="https://cdn.example.org/app.css"'), "another origin"),
        (("</form>", '</form><div class="table-wrap"><table></table></div>'), "table-wrap without tabindex"),
        (("<main>", '<main style="color:red">'), "inline style"),
        (("</main>", "</main><script>alert(1)</script>"), "inline <script>"),
        (("<main>", "<main onclick=\"x()\">"), "event handler"),
        (("<main>", "<main><span></div>"), "parse error"),
        (("<main>", "<div>"), "no <main>"),
    ],
)
def test_each_rule_catches_its_fault(change, expected):
    old, new = change
    page = GOOD.replace(old, new)
    assert page != GOOD
    problems = check_page(page, language="fr")
    assert any(expected in p for p in problems), problems


def test_rtl_languages_need_rtl():
    page = GOOD.replace('lang="fr" dir="ltr"', 'lang="ar" dir="ltr"')
    assert any("expected 'rtl'" in p for p in check_page(page, language="ar"))
    assert check_page(page.replace('dir="ltr"', 'dir="rtl"'), language="ar") == []
