"""The structure's activity report prints on one A4 page, with the longest text allowed, in French and Arabic."""
import re

import pytest
from browsing import sign_in

LONGEST_TEXT = ("Notre structure accompagne chaque semaine des personnes âgées et des familles. " * 8)[:600]


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_structure_report_prints_on_one_a4_page(live_app, live_server, browser, language):
    from urllib.parse import quote

    from bonsclics.models.accounts import Network

    with live_app.app_context():
        structure = Network.select().order_by(Network.id).first().structures.first()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server, email="coordinator@demo.test")
    response = page.goto(f"{live_server}/reports/structure/{structure.id}/print?lang={language}"
                         f"&text={quote(LONGEST_TEXT)}")
    assert response.status == 200
    assert LONGEST_TEXT.strip()[:60] in page.content()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4")))
    context.close()
    assert pages == 1
