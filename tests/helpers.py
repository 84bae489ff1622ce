"""Page hygiene: checks applied to every HTML page the tests fetch.

`check_page` raises AssertionError with every problem found. The test client
in conftest.py calls it on each HTML response, so a page that breaks a rule
fails whichever test happened to load it.
"""
import html as html_entities
import re
from urllib.parse import urlparse

import html5lib

TEST_PASSWORD = "cheval agrafe pile correcte"
RTL_LANGUAGES = {"ar", "fa", "fa-AF", "ps"}
LABELLED_INPUT_TYPES = {"text", "email", "password", "tel", "search", "number", "date", "time", "url", "checkbox", "radio", "file", "datetime-local", "month"}
HX_VERBS = ("hx-get", "hx-post", "hx-put", "hx-patch", "hx-delete")
ASSET_ATTRIBUTES = (("link", "href"), ("script", "src"), ("img", "src"), ("audio", "src"), ("source", "src"),
                    ("iframe", "src"), ("video", "src"), ("embed", "src"), ("object", "data"))


def parse(html):
    """Parse as HTML5 and return (document, parse errors)."""
    parser = html5lib.HTMLParser(tree=html5lib.treebuilders.getTreeBuilder("etree"), namespaceHTMLElements=False)
    document = parser.parse(html)
    return document, parser.errors


def text_of(element):
    """The text content of an element, whitespace collapsed."""
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def _is_external(url):
    """True when a URL points to another origin."""
    parsed = urlparse(url.strip())
    return bool(parsed.netloc) or parsed.scheme in ("http", "https")


def check_page(html, language=None, fragment=False):
    """Return the list of hygiene problems of a page (empty when the page is clean).

    `language` is the expected `<html lang>`; `fragment` checks an htmx partial
    (no document-level rules).
    """
    problems = []
    document, errors = parse(html if not fragment else f"<!doctype html><html><body>{html}</body></html>")
    for position, code, data in errors:
        problems.append(f"HTML parse error {code} at {position} {data or ''}")
    elements = list(document.iter())

    if not fragment:
        root = document if document.tag == "html" else document.find(".//html")
        lang = root.get("lang") if root is not None else None
        if not lang:
            problems.append("<html> has no lang")
        elif language and lang != language:
            problems.append(f"<html lang={lang!r}>, expected {language!r}")
        expected_dir = "rtl" if lang in RTL_LANGUAGES else "ltr"
        if root is not None and root.get("dir") != expected_dir:
            problems.append(f"<html dir={root.get('dir')!r}> for lang {lang!r}, expected {expected_dir!r}")
        h1s = [e for e in elements if e.tag == "h1"]
        if len(h1s) != 1:
            problems.append(f"{len(h1s)} <h1> elements, expected exactly one")
        title = document.find(".//title")
        if title is None or not text_of(title):
            problems.append("no <title>")
        elif h1s:
            heading = text_of(h1s[0])
            title_text = text_of(title)
            if not (title_text.startswith(heading) or title_text.startswith(f"Erreur : {heading}")
                    or re.match(r"^[^:]{1,12}: " + re.escape(heading), title_text)):
                problems.append(f"title {title_text!r} does not start with the h1 {heading!r}")
        if document.find(".//main") is None:
            problems.append("no <main> landmark")

    ids = [e.get("id") for e in elements if e.get("id")]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        problems.append(f"duplicate ids: {sorted(duplicates)}")

    labels_for = {e.get("for") for e in elements if e.tag == "label"}
    labelled_inside = set()
    for label in (e for e in elements if e.tag == "label"):
        for inner in label.iter():
            if inner.tag in ("input", "select", "textarea"):
                labelled_inside.add(id(inner))

    for element in elements:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "form":
            if not element.get("action"):
                problems.append("a <form> without action")
            if element.get("method", "").lower() not in ("get", "post"):
                problems.append(f"a <form action={element.get('action')!r}> without method get/post")
        if tag in ("input", "select", "textarea"):
            kind = element.get("type", "text") if tag == "input" else tag
            if (tag != "input" or kind in LABELLED_INPUT_TYPES) and not (
                element.get("id") in labels_for or id(element) in labelled_inside
                or element.get("aria-label") or element.get("aria-labelledby")
            ):
                problems.append(f"<{tag} name={element.get('name')!r}> has no label")
        if "table-wrap" in element.get("class", "").split() and not (
            element.get("tabindex") == "0" and element.get("role") == "region"
            and (element.get("aria-label") or element.get("aria-labelledby"))
        ):
            problems.append("a scrolling .table-wrap without tabindex=0, role=region and a name (keyboard users cannot scroll it)")
        if tag == "img" and element.get("alt") is None:
            problems.append(f"<img src={element.get('src')!r}> without alt")
        if element.get("style") is not None:
            problems.append(f"inline style on <{tag}> (blocked by the CSP)")
        if tag == "style":
            problems.append("<style> element (blocked by the CSP)")
        if tag == "script" and not element.get("src"):
            problems.append("inline <script> (blocked by the CSP)")
        for attribute in element.keys():
            if attribute.startswith("on"):
                problems.append(f"event handler attribute {attribute} on <{tag}> (blocked by the CSP)")
            if attribute.startswith("hx-on"):
                problems.append(f"{attribute} on <{tag}> needs eval, which the CSP forbids")
        for verb in HX_VERBS:
            target = element.get(verb)
            if target is None:
                continue
            if verb in ("hx-put", "hx-patch", "hx-delete"):
                problems.append(f"{verb} on <{tag}>: destructive actions must be POST forms")
            elif tag == "a":
                if element.get("href") != target:
                    problems.append(f"<a {verb}={target!r}> whose href {element.get('href')!r} differs: no-JS users go elsewhere")
            elif tag == "form":
                method = element.get("method", "").lower()
                if element.get("action") != target or method != verb[3:]:
                    problems.append(f"<form {verb}={target!r}> must have action={target!r} method={verb[3:]!r}")
            else:
                links = [a.get("href") for a in element.iter("a")]
                if target not in links:
                    problems.append(f"<{tag} {verb}={target!r}> works only with JavaScript (no link to the same URL inside)")

    for tag, attribute in ASSET_ATTRIBUTES:
        for element in (e for e in elements if e.tag == tag):
            url = element.get(attribute)
            if url and _is_external(url):
                problems.append(f"<{tag} {attribute}={url!r}> loads from another origin")
    return problems


def assert_clean_page(html, language=None, fragment=False):
    """Fail with every hygiene problem of the page."""
    problems = check_page(html, language, fragment)
    assert not problems, "Page hygiene problems:\n- " + "\n- ".join(problems)


def internal_links(html):
    """The site-internal GET links of a page (no static files, no anchors, no language variants)."""
    document, _ = parse(html)
    links = []
    for element in document.iter("a"):
        href = element.get("href") or ""
        parsed = urlparse(href)
        if parsed.scheme or parsed.netloc or not href.startswith("/"):
            continue
        if href.startswith("/static/") or "lang=" in parsed.query or "reading=" in parsed.query:
            continue
        links.append(href.split("#")[0])
    return links


def crawl(client, start=("/",), limit=200, skip=(), per_endpoint=None):
    """Visit the HTML pages reachable by links from `start`; returns {url: response}.

    With `per_endpoint`, at most that many URLs of each route are visited
    (one place page stands for thirty).
    """
    seen, queue, pages, per_route = set(), list(start), {}, {}
    adapter = client.application.url_map.bind("localhost")
    while queue and len(pages) < limit:
        url = queue.pop(0)
        if url in seen or any(part in url for part in skip):
            continue
        seen.add(url)
        if per_endpoint:
            try:
                endpoint = adapter.match(urlparse(url).path, method="GET")[0]
            except Exception:
                endpoint = url
            per_route[endpoint] = per_route.get(endpoint, 0) + 1
            if per_route[endpoint] > per_endpoint:
                continue
        response = client.get(url)
        if response.mimetype != "text/html" or response.status_code != 200:
            continue
        pages[url] = response
        queue.extend(link for link in internal_links(response.get_data(as_text=True)) if link not in seen)
    return pages


def sign_in(client, user):
    """Sign a test client in as `user` without the form (fast): a real server-side session."""
    from bonsclics.models.accounts import LoginSession

    token = LoginSession.open(user)
    with client.session_transaction() as session:
        session["_user_id"] = token
        session["_fresh"] = True
    return client


def page_text(response):
    """The response body as text, entities decoded (so apostrophes compare as typed)."""
    return html_entities.unescape(response.get_data(as_text=True))
