"""Filters: invalid values give a clear message next to the field, never a 500."""
import pytest
from report_period import PERIOD


@pytest.mark.parametrize("args, message", [
    ({"start": "hier"}, "Saisissez une date comme 12/03/2026."),
    ({"start": "2026-05-01", "end": "2026-01-01"}, "La fin de la période doit venir après son début."),
    ({"start": "2010-01-01", "end": "2026-01-01"}, "Choisissez une période de cinq ans au plus."),
    ({"departement": "99"}, "Choisissez un département de la liste."),
    ({"structure": "3"}, "Choisissez une structure de la liste."),  # structure C: other network
    ({"structure": "abc"}, "Choisissez une structure de la liste."),
    ({"public": "everyone"}, "Choisissez un public de la liste."),
    ({"grain": "decade"}, "Choisissez semaine, mois, trimestre ou année."),
])
def test_invalid_filters_are_explained(login, dataset, args, message):
    response = login("coordinator").get(f"/reports/network/{dataset['network'].id}", query_string=args)
    assert response.status_code == 400
    html = response.get_data(as_text=True).replace("&#39;", "'")
    assert html.count(message) == 2  # in the summary and next to the field
    assert "<title>Erreur :" in html
    for value in args.values():
        assert f'value="{value}"' in html or f'<option selected value="{value}"' in html or value in html


def test_invalid_filters_on_csv_and_print_are_400(login, dataset):
    client = login("manager")
    structure_id = dataset["structure_a"].id
    assert client.get(f"/reports/structure/{structure_id}/impact.csv", query_string={"end": "x"}).status_code == 400
    response = client.get(f"/reports/structure/{structure_id}/print", query_string={"text": "x" * 700})
    assert response.status_code == 400
    assert "Le texte est trop long" in response.get_data(as_text=True)


def test_filters_are_kept_in_the_csv_links(login, dataset):
    html = login("coordinator").get(f"/reports/network/{dataset['network'].id}",
                                    query_string={**PERIOD, "public": "nudge"}).get_data(as_text=True)
    assert "diagnostic-profiles.csv?start=2026-01-01&amp;end=2026-06-14&amp;public=nudge" in html


def test_default_period_is_the_last_twelve_months(login, dataset):
    html = login("coordinator").get(f"/reports/network/{dataset['network'].id}").get_data(as_text=True)
    assert "du 1 juin 2025 au 15 juin 2026" in html
