"""Exports in the national standard: valid against the schema file, round trip with the import."""
import csv
import io
import json

import pytest
from frictionless import Resource, Schema, system

from bonsclics.models.places import Place
from bonsclics.places import standard


def _frictionless_errors(path):
    """Frictionless' report on a file, checked against the standard's schema file."""
    with system.use_context(trusted=True):
        schema = Schema.from_descriptor(standard.SCHEMA_PATH)
        report = Resource(path=str(path), schema=schema).validate()
    return report.flatten(["rowNumber", "fieldName", "type", "note"])


def _import(client, world, data, filename="lieux.csv"):
    response = client.post("/places/import", data={"file": (io.BytesIO(data), filename), "owner": f"n{world['network'].id}"},
                           content_type="multipart/form-data")
    assert response.status_code == 303, response.get_data(as_text=True)[-3000:]


@pytest.fixture
def network_places(login, world, example_csv, around_lille):
    """The standard's example imported next to places made in the app."""
    _import(login("coordinator"), world, example_csv)


def test_exported_csv_validates_against_the_schema(client, network_places, tmp_path):
    response = client.get("/places/export.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    path = tmp_path / "export.csv"
    path.write_bytes(response.data)
    assert _frictionless_errors(path) == []
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 6 and list(rows[0]) == list(standard.field_names())
    example = next(r for r in rows if r["id"] == "structure-1")
    assert example["services"] == ("Maîtrise des outils numériques du quotidien|Insertion professionnelle via le "
                                   "numérique|Loisirs et créations numériques")
    assert example["latitude"] == "43.52609" and example["date_maj"] == "2024-04-02"


def test_a_known_bad_file_does_fail_the_check(tmp_path, example_csv):
    path = tmp_path / "bad.csv"
    path.write_bytes(example_csv.replace(b'"51100"', b'"5110"'))
    errors = _frictionless_errors(path)
    assert errors and errors[0][1] == "code_postal"


def test_exported_json_validates_and_matches_the_csv(client, network_places, tmp_path):
    response = client.get("/places/export.json")
    assert response.mimetype == "application/json"
    items = response.get_json()
    path = tmp_path / "export.json"
    path.write_bytes(response.data)
    assert _frictionless_errors(path) == []
    example = next(i for i in items if i["id"] == "structure-1")
    assert example["latitude"] == 43.52609 and example["complement_adresse"] == "Le patio du bois de l'Aulne"
    lille = next(i for i in items if i["nom"] == "Centre social Lille")
    assert lille["site_web"] is None
    csv_ids = [r["id"] for r in csv.DictReader(io.StringIO(client.get("/places/export.csv").get_data(as_text=True)))]
    assert [i["id"] for i in items] == csv_ids


def test_round_trip_export_then_import_changes_nothing(login, world, client, network_places):
    first = client.get("/places/export.csv?network=test").data
    before = {p.source_id: (p.nom, p.horaires, p.updated_at) for p in Place.select()}
    coordinator = login("coordinator")
    _import(coordinator, world, first, "export.csv")
    assert "0 lieux ajoutés, 0 mis à jour, 5 inchangés" in coordinator.get("/places/manage").get_data(as_text=True)
    assert {p.source_id: (p.nom, p.horaires, p.updated_at) for p in Place.select()} == before
    assert client.get("/places/export.csv?network=test").data == first
    # The JSON export imports just as well.
    _import(coordinator, world, client.get("/places/export.json?network=test").data, "export.json")
    assert Place.select().count() == 6


def test_round_trip_into_an_empty_network(login, world, client, network_places, password_hash):
    exported = client.get("/places/export.csv?network=test").data
    rows = list(csv.DictReader(io.StringIO(exported.decode())))
    Place.delete().execute()
    _import(login("coordinator"), world, exported)
    again = list(csv.DictReader(io.StringIO(client.get("/places/export.csv?network=test").get_data(as_text=True))))
    assert sorted(again, key=lambda r: r["id"]) == sorted(rows, key=lambda r: r["id"])


def test_incomplete_places_are_left_out(client, make_place, tmp_path):
    make_place(nom="Complet")
    make_place(nom="Sans SIRET", pivot="")
    response = client.get("/places/export.csv")
    assert response.headers["X-Places-Left-Out"] == "1"
    assert "Sans SIRET" not in response.get_data(as_text=True)
    path = tmp_path / "export.csv"
    path.write_bytes(response.data)
    assert _frictionless_errors(path) == []


def test_exports_carry_the_licence_and_follow_the_search(client, around_lille):
    response = client.get("/places/export.csv?where=59000&help=assistance&radius=20")
    assert 'rel="license"' in response.headers["Link"] and "etalab" in response.headers["Link"]
    assert response.headers["X-Licence"] == "Licence Ouverte (etalab-2.0)"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    names = [r["nom"] for r in csv.DictReader(io.StringIO(response.get_data(as_text=True)))]
    assert names == ["Centre social Lille", "France Services Roubaix", "CCAS Armentières"]
    by_network = client.get("/places/export.json?network=autre").get_json()
    assert [i["nom"] for i in by_network] == ["Amiens Numérique"]
    assert client.get("/places/export.csv?help=nope").status_code == 400
    assert client.get("/places/export.csv?network=nope").status_code == 404


def test_schema_and_open_data_page(client, around_lille):
    schema = client.get("/places/schema.json")
    assert json.loads(schema.data)["version"] == "v1.0.2"
    html = client.get("/places/open-data").get_data(as_text=True)
    assert "Licence Ouverte (etalab-2.0)" in html and 'rel="license noopener"' in html
    assert 'href="/places/export.csv"' in html and 'href="/places/export.json?network=autre"' in html
    assert "http://localhost/places/export.csv" in html
    assert 'href="/places/open-data"' in client.get("/places/").get_data(as_text=True)
