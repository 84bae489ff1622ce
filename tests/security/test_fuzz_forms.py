"""Every form, posted with arbitrary text: never a server error.

The forms are found by following links (as a visitor and as a professional),
so new forms are covered as soon as they are linked. Values include any
Unicode, right-to-left and zero-width characters, very long and empty values.
"""
import re

import pytest
from helpers import crawl, parse, sign_in
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

NASTY = st.sampled_from([
    "", " ", "\u200b", "\u202e\u0627\u0644\u0633\u0644\u0627\u0645", "\u200f‮", "x" * 20000, "0", "-1",
    "99999999999999999999", "1e309", "NaN", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd",
    "\x00", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀", "2026-02-30", "31/02/2026", "٣٤٥", "@", "a@b", "\r\n\r\n",
])
VALUES = st.one_of(NASTY, st.text(max_size=300))


def _forms(client, start):
    """(page url, action, fields) of every POST form reachable by links."""
    found = {}
    for url, response in crawl(client, start=start, per_endpoint=2, limit=120, skip=("/logout",)).items():
        document, _ = parse(response.get_data(as_text=True))
        for form in document.iter("form"):
            if form.get("method", "").lower() != "post":
                continue
            action = form.get("action")
            fields = {}
            for element in form.iter():
                name = element.get("name")
                if not name or name == "csrf_token":
                    continue
                if element.tag == "select":
                    fields[name] = [o.get("value") for o in element.iter("option")]
                elif element.get("type") in ("radio", "checkbox", "submit", "hidden") or element.tag == "button":
                    fields.setdefault(name, []).append(element.get("value") or "")
                else:
                    fields[name] = None
            found.setdefault(action, (url, fields))
    return found


def _fuzz(client, action, fields):
    """Post arbitrary values to one form and check the answer is never a 500."""

    @settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(st.data())
    def run(data):
        payload = {}
        for name, options in fields.items():
            if options and data.draw(st.booleans()):
                payload[name] = data.draw(st.sampled_from(options))
            else:
                payload[name] = data.draw(VALUES)
        response = client.post(action, data=payload)
        assert response.status_code < 500, (action, payload, response.status_code)

    run()


def _client_without_page_checks(client):
    client.check_pages = False  # error pages are checked elsewhere; here only the status matters
    return client


def test_visitor_forms_never_fail(app, world):
    client = _client_without_page_checks(app.test_client())
    app.config["RATELIMIT_ENABLED"] = False
    forms = _forms(client, ("/", "/account/login", "/code"))
    assert len(forms) >= 3
    for action, (_, fields) in forms.items():
        if re.search(r"/logout|/erase", action):
            continue
        _fuzz(client, action, fields)


def test_helper_forms_never_fail(app, world):
    app.config["RATELIMIT_ENABLED"] = False
    client = _client_without_page_checks(sign_in(app.test_client(), world["manager"]))
    forms = _forms(client, ("/account/", "/"))
    assert forms
    for action, (_, fields) in forms.items():
        if re.search(r"/logout|/erase|/remove|/delete", action):
            continue
        _fuzz(client, action, fields)
        # The session must survive the fuzzing (no form may log the helper out).
        assert client.get("/account/").status_code == 200
