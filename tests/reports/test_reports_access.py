"""Who reads which report: no one reads another structure's or network's, even by guessing ids."""
import pytest
from report_period import PERIOD

ALLOWED_NETWORK = {"admin", "coordinator"}
ALLOWED_STRUCTURE_A = {"admin", "coordinator", "manager", "pro", "volunteer"}
ROLES = ["admin", "coordinator", "coordinator_c", "manager", "pro", "volunteer", "pro_b", "pro_c"]


@pytest.mark.parametrize("role", ROLES)
def test_network_report_and_its_csv(login, dataset, role):
    client = login(role)
    network_id = dataset["network"].id
    page = client.get(f"/reports/network/{network_id}", query_string=PERIOD)
    export = client.get(f"/reports/network/{network_id}/diagnostic-profiles.csv", query_string=PERIOD)
    if role in ALLOWED_NETWORK:
        assert page.status_code == 200 and export.status_code == 200
    else:
        assert page.status_code in (403, 404) and export.status_code in (403, 404)
        assert "Rapport du réseau" not in page.get_data(as_text=True)


@pytest.mark.parametrize("role", ROLES)
def test_structure_report_print_and_csv(login, dataset, role):
    client = login(role)
    structure_id = dataset["structure_a"].id
    responses = [client.get(f"/reports/structure/{structure_id}{suffix}", query_string=PERIOD)
                 for suffix in ("", "/print", "/impact.csv")]
    expected = 200 if role in ALLOWED_STRUCTURE_A else 404
    assert [r.status_code for r in responses] == [expected] * 3


def test_unknown_ids_look_like_forbidden_ones(login, dataset):
    client = login("coordinator")
    assert client.get("/reports/network/9999").status_code == 404
    assert client.get(f"/reports/network/{dataset['other_network'].id}").status_code == 404
    assert client.get("/reports/structure/9999").status_code == 404
    assert client.get(f"/reports/structure/{dataset['structure_c'].id}").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, dataset):
    for url in ("/reports/", f"/reports/network/{dataset['network'].id}", f"/reports/structure/{dataset['structure_a'].id}"):
        assert client.get(url).status_code in (302, 401)


def test_home_lists_only_readable_reports(login, dataset):
    html = login("coordinator").get("/reports/").get_data(as_text=True)
    assert "Réseau test" in html and "Structure A" in html and "Structure C" not in html
    html = login("pro_b").get("/reports/").get_data(as_text=True)
    assert "Structure B" in html and "Structure A" not in html and "Réseau test" not in html


def test_reading_a_report_is_audited(app, login, dataset):
    from bonsclics.models.system import AuditLog

    login("manager").get(f"/reports/structure/{dataset['structure_a'].id}/impact.csv", query_string=PERIOD)
    with app.app_context():
        entry = AuditLog.select().where(AuditLog.action == "report-exported").get()
        assert entry.object_id == str(dataset["structure_a"].id) and entry.detail == "impact"
