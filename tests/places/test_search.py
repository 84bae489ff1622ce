"""Searching places: by postcode, town or département, filters, distance order, open now, htmx."""
import datetime
import gzip
import re

import pytest
from helpers import parse, text_of

from bonsclics.models.places import Place


def _results(response):
    """(name, distance text, status text) of each listed place, in order."""
    document, _ = parse(response.get_data(as_text=True))
    items = []
    for item in document.iter("li"):
        if item.get("class") != "place":
            continue
        name = text_of(item.find(".//h3"))
        distance = next((text_of(p) for p in item.iter("p") if p.get("class") == "place__distance"), None)
        status = next(text_of(p) for p in item.iter("p") if p.get("class") == "place__status")
        items.append((name, distance, status))
    return items


def test_postcode_and_kind_of_help_without_javascript(client, around_lille, clock):
    response = client.get("/places/?where=59000&help=assistance")
    assert response.status_code == 200
    results = _results(response)
    assert [name for name, _d, _s in results] == [
        "Centre social Lille", "France Services Roubaix", "CCAS Armentières", "Amiens Numérique"]
    distances = [d for _n, d, _s in results]
    assert distances[0] == "À moins de 1 km"
    assert distances[1] == "À 11 km" and distances[2] == "À 14 km" and distances[3] == "À 98 km"
    statuses = [s for _n, _d, s in results]
    assert statuses[0] == "Ouvert maintenant jusqu'à 12 h"
    assert statuses[1] == "Fermé ouvre aujourd'hui à 13 h"
    assert statuses[2] == "Horaires non renseignés : appelez avant de venir."
    assert statuses[3] == "Ouvert maintenant jusqu'à 20 h"
    html = response.get_data(as_text=True)
    assert 'href="tel:+33320000001"' in html and "03 20 00 00 01" in html
    assert "https://www.openstreetmap.org/directions?route=%3B50.62920%2C3.05730" in html
    assert "Du plus proche au plus loin." in html
    counted = client.get("/places/?where=59000&help=assistance&radius=20").get_data(as_text=True)
    assert "3 lieux, du plus proche au plus loin." in counted


def test_next_opening_in_a_few_days(client, around_lille, clock):
    clock(datetime.datetime(2026, 3, 7, 17, 30))  # Saturday 18:30 in Paris
    statuses = dict((n, s) for n, _d, s in _results(client.get("/places/?where=59000")))
    assert statuses["Centre social Lille"] == "Fermé ouvre lundi 9 mars à 9 h"
    assert statuses["France Services Roubaix"] == "Fermé ouvre lundi 9 mars à 13 h"
    assert statuses["Médiathèque de Lens"] == "Fermé ouvre mardi 10 mars à 10 h"


def test_open_now_filter_reads_each_place_in_its_time_zone(client, make_place, clock):
    make_place(nom="Paris matin", horaires="Mo-Fr 09:00-12:00")
    make_place(nom="Réunion matin", commune="Saint-Denis", code_postal="97400", code_insee="97411",
               latitude=-20.8821, longitude=55.4507, horaires="Mo-Fr 09:00-12:00")
    assert Place.get(Place.nom == "Réunion matin").timezone == "Indian/Reunion"
    # 09:00 UTC is 10:00 in Paris and 13:00 in Réunion.
    names = [n for n, _d, _s in _results(client.get("/places/?when=now"))]
    assert names == ["Paris matin"]
    clock(datetime.datetime(2026, 3, 2, 6, 0))  # 07:00 in Paris, 10:00 in Réunion
    names = [n for n, _d, _s in _results(client.get("/places/?when=now"))]
    assert names == ["Réunion matin"]


def test_open_on_a_day_and_public_holidays(client, around_lille, clock):
    names = [n for n, _d, _s in _results(client.get("/places/?when=6"))]  # Sunday
    assert names == ["Amiens Numérique"]
    names = {n for n, _d, _s in _results(client.get("/places/?when=tomorrow"))}  # Tuesday
    assert names == {"Centre social Lille", "France Services Roubaix", "Médiathèque de Lens", "Amiens Numérique"}
    clock(datetime.datetime(2026, 4, 6, 9, 0))  # Easter Monday, 11:00 in Paris
    names = {n for n, _d, _s in _results(client.get("/places/?when=now"))}
    # "PH off" closes the centre on public holidays; the others have no holiday rule.
    assert names == {"Amiens Numérique"}
    names = {n for n, _d, _s in _results(client.get("/places/?when=today"))}
    assert "Centre social Lille" not in names and "France Services Roubaix" in names


def test_a_holiday_rule_can_open_a_closed_day(client, make_place, clock):
    make_place(nom="Ouvert les fériés", horaires="Sa 10:00-12:00; PH 10:00-12:00")
    clock(datetime.datetime(2026, 4, 6, 9, 0))  # Easter Monday 11:00
    assert [n for n, _d, _s in _results(client.get("/places/?when=now"))] == ["Ouvert les fériés"]
    clock(datetime.datetime(2026, 4, 13, 9, 0))  # the next Monday, not a holiday
    assert _results(client.get("/places/?when=now")) == []


def test_filters_narrow_the_results(client, around_lille, clock):
    def names(query):
        return {n for n, _d, _s in _results(client.get("/places/?" + query))}

    assert names("support=Illettrisme") == {"France Services Roubaix"}
    assert names("free=y&where=62") == set()
    assert names("where=62") == {"Médiathèque de Lens"}
    assert names("service=Acc%C3%A8s+internet+et+mat%C3%A9riel+informatique") == {"Médiathèque de Lens"}
    assert names("where=59000&radius=20") == {"Centre social Lille", "France Services Roubaix", "CCAS Armentières"}
    assert names("where=59000&radius=5") == {"Centre social Lille"}


def test_without_a_place_the_list_is_by_name(client, around_lille, clock):
    response = client.get("/places/")
    names = [n for n, d, _s in _results(response)]
    assert names == sorted(names, key=lambda n: n.replace("é", "e").lower())
    assert all(d is None for _n, d, _s in _results(response))
    assert "par ordre alphabétique" in response.get_data(as_text=True)


def test_town_names_with_or_without_accents(client, around_lille, clock):
    for where in ("armentieres", "Armentières", "ARMENTIERES (59)", "armen"):
        results = _results(client.get("/places/", query_string={"where": where}))
        assert results[0][0] == "CCAS Armentières", where
        assert results[0][1] == "À moins de 1 km"


def test_ambiguous_town_offers_choices(client, make_place, clock):
    make_place(nom="Saint-Denis 93", commune="Saint-Denis", code_postal="93200", code_insee="93066",
               latitude=48.9362, longitude=2.3574)
    make_place(nom="Saint-Denis 974", commune="Saint-Denis", code_postal="97400", code_insee="97411",
               latitude=-20.8821, longitude=55.4507)
    response = client.get("/places/?where=saint-denis")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Plusieurs villes correspondent" in html
    assert 'href="/places/?where=Saint-Denis+(93)"' in html and "Saint-Denis (974)" in html
    results = _results(client.get("/places/", query_string={"where": "Saint-Denis (974)"}))
    assert [n for n, _d, _s in results][0] == "Saint-Denis 974"


def test_unknown_postcode_falls_back_to_its_departement(client, around_lille, clock):
    response = client.get("/places/?where=59999")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Nous ne savons pas encore situer le code postal 59999" in html
    assert {n for n, _d, _s in _results(response)} == {"Centre social Lille", "France Services Roubaix", "CCAS Armentières"}


@pytest.mark.parametrize("query, message", [
    ("where=Nulle-Part-sur-Mer", "Nous ne connaissons pas de lieu à « Nulle-Part-sur-Mer »"),
    ("help=teleportation", "Choisissez une valeur de la liste."),
    ("when=8", "Choisissez une valeur de la liste."),
    ("radius=1000", "Choisissez une valeur de la liste."),
    ("where=" + "x" * 81, "80 caractères au plus."),
    ("lat=abc&lon=3", "Position non comprise."),
    ("lat=95&lon=3", "Position non comprise."),
])
def test_bad_search_input_is_explained(client, around_lille, query, message):
    response = client.get("/places/?" + query)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html and "<title>Erreur : " in html
    assert 'class="place"' not in html


def test_unknown_network_is_not_found(client, around_lille):
    assert client.get("/places/?network=nope").status_code == 404
    names = {n for n, _d, _s in _results(client.get("/places/?network=autre"))}
    assert names == {"Amiens Numérique"}


def test_browser_position(client, around_lille, clock):
    results = _results(client.get("/places/?lat=50.69&lon=3.17"))
    assert results[0][0] == "France Services Roubaix"
    assert "Lieux près de : votre position" in client.get("/places/?lat=50.69&lon=3.17").get_data(as_text=True)


def test_htmx_gets_the_results_fragment(htmx_client, client, around_lille, clock):
    response = htmx_client.get("/places/?where=59000&help=assistance")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<html" not in html and "<form" not in html
    assert 'id="results-status"' in html and 'hx-swap-oob="true"' in html and "Résultats mis à jour, du plus proche au plus loin." in html
    assert "1 lieu trouvé" in htmx_client.get("/places/?where=62&help=mediation").get_data(as_text=True)
    assert html.index("Centre social Lille") < html.index("Amiens Numérique")
    # Errors come back in the fragment with a 200 (htmx swaps only successful answers).
    bad = htmx_client.get("/places/?where=Nulle-Part")
    assert bad.status_code == 200 and "Nous ne connaissons pas de lieu" in bad.get_data(as_text=True)
    # The full page's form sends htmx to the same URL.
    page = client.get("/places/").get_data(as_text=True)
    assert 'action="/places/" hx-get="/places/" hx-target="#results"' in page


def test_paging(client, make_place, clock):
    for number in range(45):
        make_place(nom=f"Lieu {number:02d}", latitude=50.6 + number / 1000)
    first = client.get("/places/?where=59000")
    assert len(_results(first)) == 20 and "Lieux suivants" in first.get_data(as_text=True)
    third = client.get("/places/?where=59000&page=3")
    assert len(_results(third)) == 5 and "Lieux suivants" not in third.get_data(as_text=True)
    all_names = [n for page in (1, 2, 3) for n, _d, _s in _results(client.get(f"/places/?where=59000&page={page}"))]
    assert len(set(all_names)) == 45


def test_search_page_stays_light(client, make_place, clock):
    for number in range(25):
        make_place(nom=f"Espace numérique de la commune numéro {number}", latitude=50.6 + number / 500,
                   presentation_resume="Un accueil sans rendez-vous " * 8)
    response = client.get("/places/?where=59000", headers={"Accept-Encoding": "identity"})
    assert len(_results(response)) == 20
    assert len(gzip.compress(response.get_data(), 6)) < 14 * 1024


def test_nearby_keeps_its_signature(app, around_lille):
    from bonsclics.places.logic import nearby

    with app.app_context():
        found = nearby("59000", "assistance", limit=3)
        assert [p.nom for p, _km in found] == ["Centre social Lille", "France Services Roubaix", "CCAS Armentières"]
        assert found[0][1] == pytest.approx(0, abs=0.01) and 10.9 < found[1][1] < 11.1
        fallback = nearby("62999", None, limit=5)
        assert [(p.nom, km) for p, km in fallback] == [("Médiathèque de Lens", None)]
        assert nearby("62999", departement_fallback=False) == []


def test_the_menu_leads_to_the_search(client):
    html = client.get("/").get_data(as_text=True)
    assert re.search(r'href="/places/"', html)
