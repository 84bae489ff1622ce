"""A place's page, its printable sheet and the printable guide with QR codes."""
import datetime
import gzip
import re

from helpers import check_page

from bonsclics.models.agenda import Event


def _weight(response):
    return len(gzip.compress(response.get_data(), 6))


def test_place_page_has_what_a_person_needs(client, around_lille, clock):
    place = around_lille["roubaix"]
    Event.create(place=place, title="Créer son adresse mail", starts_at=datetime.datetime(2026, 3, 10, 13, 0),
                 ends_at=datetime.datetime(2026, 3, 10, 15, 0))
    Event.create(place=place, title="Atelier passé", starts_at=datetime.datetime(2026, 2, 10, 13, 0),
                 ends_at=datetime.datetime(2026, 2, 10, 15, 0))
    response = client.get(f"/places/{place.id}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>France Services Roubaix</h1>" in html
    assert "Faire une démarche avec vous · Apprendre à utiliser le numérique" in html
    assert "Fermé</span> ouvre aujourd&#39;hui à 13 h" in html
    assert "Lundi à vendredi : 13 h – 17 h" in html
    assert 'href="tel:+33320000001"' in html and "openstreetmap.org/directions" in html
    assert "Illettrisme" in html and "Langues étrangères (autres)" in html and "Gratuit" in html
    assert "Créer son adresse mail" in html and "mardi 10 mars 2026, 14:00" in html
    assert "Atelier passé" not in html
    assert "Fiche mise à jour le" in html and f'href="/places/{place.id}/print"' in html
    assert _weight(response) < 14 * 1024


def test_unknown_place_is_not_found(client):
    assert client.get("/places/12345").status_code == 404
    assert client.get("/places/12345/print").status_code == 404


def test_printable_sheet_has_a_qr_code_within_the_csp(client, around_lille):
    place = around_lille["centre"]
    response = client.get(f"/places/{place.id}/print")
    html = response.get_data(as_text=True)
    assert check_page(html, language="fr") == []
    svg = re.search(r"<svg role=\"img\" focusable=\"false\" viewBox=\"[^\"]+\" class=\"qr\">.*?</svg>", html, re.S)
    assert svg, "the QR code is inline SVG"
    assert "style" not in svg.group(0) and "href" not in svg.group(0)
    assert f"<title>QR code vers la page de {place.nom}</title>" in svg.group(0)
    assert f"http://localhost/places/{place.id}" in html


def test_qr_code_reads_back_as_the_place_url(app, around_lille):
    """The QR code encodes the absolute URL of the place's page."""
    import segno

    from bonsclics.places.views import _qr

    place = around_lille["centre"]
    with app.test_request_context("/"):
        svg = str(_qr(place))
        expected = segno.make_qr(f"http://localhost/places/{place.id}", error="m")
    assert re.search(r'd="([^"]+)"', svg).group(1) in expected.svg_inline(scale=1, omitsize=True, lineclass=None)


def test_guide_is_a_booklet_of_the_search(client, make_place, clock):
    for number in range(30):
        make_place(nom=f"Espace numérique {number:02d}", latitude=50.6 + number / 1000,
                   presentation_resume="Un accueil sans rendez-vous.")
    response = client.get("/places/guide?where=59000&help=assistance")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.count('class="guide__place"') == 20 and html.count('class="qr"') == 20
    assert "Espace numérique 15" in html and "Lundi à vendredi : 9 h – 12 h et 14 h – 17 h" in html
    assert "Imprimé le 2 mars 2026" in html
    assert _weight(response) < 14 * 1024
    assert 'href="/places/guide?where=59000&amp;help=assistance"' in client.get("/places/?where=59000&help=assistance").get_data(as_text=True)
    assert client.get("/places/guide?help=nope").status_code == 400


def test_pages_in_arabic_are_right_to_left(client, around_lille, clock):
    place = around_lille["centre"]
    for url in ("/places/?lang=ar", f"/places/{place.id}?lang=ar", f"/places/{place.id}/print?lang=ar",
                "/places/guide?lang=ar", "/places/open-data?lang=ar"):
        response = client.get(url)
        assert response.status_code == 200
        assert '<html lang="ar" dir="rtl">' in response.get_data(as_text=True)
    # Day names come from the language: "الاثنين" is Monday.
    assert "الاثنين" in client.get(f"/places/{place.id}?lang=ar").get_data(as_text=True)
