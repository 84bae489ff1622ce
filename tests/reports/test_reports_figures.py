"""Indicator values on the known dataset (tests/reports/conftest.py), read from the CSV exports."""
import pytest
from report_period import PERIOD
from reports_support import csv_table, row_of


@pytest.fixture
def network_csv(login, dataset):
    client = login("coordinator")

    def get(key, **filters):
        return csv_table(client.get(f"/reports/network/{dataset['network'].id}/{key}.csv",
                                    query_string={**PERIOD, **filters}))

    return get


@pytest.fixture
def structure_csv(login, dataset):
    client = login("manager")

    def get(key, **filters):
        return csv_table(client.get(f"/reports/structure/{dataset['structure_a'].id}/{key}.csv",
                                    query_string={**PERIOD, **filters}))

    return get


PROFILE_ASSISTANCE = "A besoin qu'on fasse avec elle / avec lui"


def test_diagnostics_by_profile_count_the_network_and_its_area_only(network_csv):
    rows = network_csv("diagnostic-profiles")
    assert rows[0] == ["Profil", "Diagnostics"]
    # 6 in A (+1 before the period, not counted); C's 9 belong to the other network.
    assert row_of(rows, PROFILE_ASSISTANCE)[1] == "6"
    # 1 in A + 2 in B = 3, and 3 taken alone at home in the 59: below 5, masked.
    assert [row[1] for row in rows[1:]] == ["6", "< 5", "< 5"]


def test_average_level_per_competence_and_profile(network_csv):
    rows = network_csv("diagnostic-levels")
    assert rows[0][1] == "Tous" and rows[0][2] == PROFILE_ASSISTANCE
    levels = {row[0]: row[1:] for row in rows[1:]}
    assert len(levels) == 5
    # Every diagnostic: device 1, internet 2, email 0, security 3; averages on 3 cases are not shown.
    assert sorted(values[0] for values in levels.values()) == ["0.0", "1.0", "1.0", "2.0", "3.0"]
    assert all(values[1:] == [values[1], "< 5 cas", "< 5 cas"] for values in levels.values())


def test_public_filter_keeps_one_profile(network_csv):
    rows = network_csv("diagnostic-profiles", public="assistance")
    assert [row[1] for row in rows[1:]] == ["6", "0", "0"]


def test_structure_filter_and_departement_filter(network_csv):
    assert [row[1] for row in network_csv("diagnostic-profiles", departement="62")[1:]] == ["0", "< 5", "0"]
    rows = network_csv("help-autonomy", structure=str(1))
    assert row_of(rows, "Fait avec elle")[1:] == ["5", "150"]


def test_help_given_by_autonomy_and_theme(network_csv):
    autonomy = network_csv("help-autonomy")
    assert row_of(autonomy, "Fait avec elle")[1:] == ["5", "150"]
    assert row_of(autonomy, "Fait seule")[1:] == ["< 5", "90"]
    assert row_of(autonomy, "Fait pour la personne")[1:] == ["< 5", "30"]
    themes = network_csv("help-themes")
    assert [row[1] for row in themes[1:]] == ["8", "5", "< 5"]  # services, caf, email: most used first


def test_workshops_held_seats_attendance_no_shows(structure_csv):
    row = row_of(structure_csv("workshops"), "Atelier collectif")
    # Two held (the July one is still to come), 20 seats, 8 booked, 6 present, 2 absent.
    assert row[1:] == ["< 5", "20", "8", "6", "< 5"]


def test_orientations_by_status_and_median(login, dataset):
    rows = csv_table(login("coordinator").get(f"/reports/network/{dataset['network'].id}/orientations.csv",
                                              query_string=PERIOD))
    assert row_of(rows, "Aide faite")[1] == "5"
    assert row_of(rows, "Envoyée, en attente de réponse")[1] == "< 5"
    page = login("coordinator").get(f"/reports/network/{dataset['network'].id}", query_string=PERIOD)
    assert "1 j 6 h" in page.get_data(as_text=True)  # the middle of 10, 20, 30, 40, 50 hours


def test_lessons_and_practice_of_followed_people(structure_csv):
    lessons = structure_csv("lessons")
    assert lessons[1][1:] == ["5", "5", "80"]
    practice = structure_csv("practice")
    assert practice[1][0].startswith("CAF")
    assert practice[1][1:] == ["5", "5"]


def test_learners_helpers_and_structures(network_csv):
    assert row_of(network_csv("learners"), "Créées")[1] == "5"
    helpers = network_csv("helpers")
    assert row_of(helpers, "Professionnel·les")[1] == "< 5"
    structures = network_csv("structures")
    assert row_of(structures, "59")[1:] == ["1", "1"]  # structure counts are public: never masked
    by_structure = network_csv("by-structure")
    assert row_of(by_structure, "Structure A")[1:] == ["59", "5", "7", "8", "< 5"]
    assert all(row[0] != "Structure C" for row in by_structure)


def test_impact_share_per_service(structure_csv):
    row = structure_csv("impact")[1]
    assert row[0].startswith("CAF")
    assert row[1:] == ["6", "< 5", "< 5", "< 5", "83"]


def test_evolution_by_month_and_by_quarter(structure_csv):
    months = structure_csv("evolution", grain="month")
    assert months[0] == ["Mois", "Diagnostics", "Accompagnements", "Séances tenues", "Orientations"]
    assert row_of(months, "03/2026")[1:] == ["7", "0", "0", "6"]
    assert row_of(months, "04/2026")[2] == "8"
    quarters = structure_csv("evolution", grain="quarter")
    assert [row[0] for row in quarters[1:]] == ["T1 2026", "T2 2026"]
    assert row_of(quarters, "T1 2026")[1:] == ["7", "0", "< 5", "6"]
    weeks = structure_csv("evolution", grain="week")
    assert len(weeks) - 1 == 24
    assert row_of(structure_csv("evolution", grain="year"), "2026")[1] == "7"


def test_unknown_table_is_404(login, dataset):
    response = login("manager").get(f"/reports/structure/{dataset['structure_a'].id}/nothing.csv")
    assert response.status_code == 404
