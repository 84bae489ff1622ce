"""The small-count rule holds in every output: HTML tables, SVG charts, CSV and JSON."""
from report_period import PERIOD
from reports_support import csv_table, svg_of, table_html, texts


def test_small_counts_are_masked_in_the_page_and_its_charts(login, dataset):
    page = login("coordinator").get(f"/reports/network/{dataset['network'].id}", query_string=PERIOD)
    html = page.get_data(as_text=True)
    profiles = table_html(html, "diagnostic-profiles")
    assert "<td>6</td>" in profiles and profiles.count("<td>&lt; 5</td>") == 2
    assert "<td>3</td>" not in profiles
    chart = svg_of(html, "chart-profiles")
    assert texts(chart)[1::2] == ["6", "&lt; 5", "&lt; 5"]  # label, figure, label, figure...
    assert chart.count("<rect x=") == 1  # only the shown figure has a bar: a masked one draws nothing
    assert 'role="img"' in chart and "style=" not in html


def test_the_threshold_is_a_setting(app, login, dataset):
    app.config["SMALL_COUNT_THRESHOLD"] = 7
    rows = csv_table(login("coordinator").get(f"/reports/network/{dataset['network'].id}/diagnostic-profiles.csv",
                                              query_string=PERIOD))
    assert [row[1] for row in rows[1:]] == ["< 7", "< 7", "< 7"]


def test_shares_and_medians_on_few_cases_are_not_shown(app, login, dataset):
    app.config["SMALL_COUNT_THRESHOLD"] = 10
    client = login("manager")
    rows = csv_table(client.get(f"/reports/structure/{dataset['structure_a'].id}/impact.csv", query_string=PERIOD))
    assert rows[1][1:] == ["< 10", "< 10", "< 10", "< 10", "< 10 cas"]
    html = client.get(f"/reports/structure/{dataset['structure_a'].id}", query_string=PERIOD).get_data(as_text=True)
    assert "1 j 6 h" not in html and "&lt; 10 cas" in html


def test_csv_writes_masked_cells_as_text(login, dataset):
    rows = csv_table(login("manager").get(f"/reports/structure/{dataset['structure_a'].id}/workshops.csv",
                                          query_string=PERIOD))
    assert "< 5" in rows[1] and "2" not in rows[1][1:]


def test_public_json_is_stable_and_masked(client, dataset):
    data = client.get("/reports/api/networks/test.json").get_json()
    assert data["version"] == 1 and data["small_count_threshold"] == 5
    assert set(data["figures"]) >= {"structures", "places", "diagnostics", "help_given", "sessions", "attendance",
                                    "impact_share", "impact_answers"}
    assert data["figures"]["sessions"]["value"] == "< 5"  # two sessions held
    assert data["figures"]["diagnostics"]["value"] == 12
    assert data["figures"]["impact_share"] == {**data["figures"]["impact_share"], "value": 83, "unit": "percent"}
    assert {s["name"] for s in data["structures"]} == {"Structure A", "Structure B"}
    assert client.get("/reports/api/networks/nothing.json").status_code == 404


def test_public_page_shows_headline_figures_and_directory(client, dataset):
    html = client.get("/reports/public/test").get_data(as_text=True)
    assert "Réseau test" in html and "Centre social A" in html and "Structure B" in html
    assert "Lieu C" not in html
    assert "&lt; 5" in html
    assert client.get("/reports/public/nothing").status_code == 404
