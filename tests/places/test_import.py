"""Importing files in the national standard: checked row by row, all or nothing, updates by id."""
from html import unescape
import io
import json

import pytest
from helpers import parse, text_of

from bonsclics.models.places import Place, PlaceTag
from bonsclics.models.system import AuditLog
from bonsclics.places import standard

HEADER = ",".join(standard.field_names())


def _csv(*rows):
    """A CSV file of the standard from rows given as {field: value} (other cells empty)."""
    lines = [HEADER]
    for row in rows:
        lines.append(",".join('"%s"' % str(row.get(name, "")).replace('"', '""') for name in standard.field_names()))
    return ("\n".join(lines) + "\n").encode()


def _row(number, **overrides):
    row = {"id": f"ext-{number}", "pivot": "43493312300029", "nom": f"Lieu importé {number}", "commune": "Reims",
           "code_postal": "51100", "adresse": f"{number} rue du Standard", "date_maj": "2024-04-02",
           "latitude": "49.25", "longitude": "4.03", "services": "Aide aux démarches administratives",
           "horaires": "Mo-Fr 09:00-12:00"}
    row.update(overrides)
    return row


def _upload(client, data, filename="lieux.csv", owner=None, world=None):
    owner = owner or f"n{world['network'].id}"
    return client.post("/places/import", data={"file": (io.BytesIO(data), filename), "owner": owner},
                       content_type="multipart/form-data")


def _report(response):
    """The rows of the rejection table: (line, field, value, message)."""
    document, _ = parse(response.get_data(as_text=True))
    table = next(t for t in document.iter("table") if t.get("class") == "report")
    return [tuple(text_of(td) for td in tr.iter("td")) for tr in table.iter("tr") if tr.find("td") is not None]


def test_the_standard_example_imports_cleanly(login, world, example_csv):
    client = login("coordinator")
    response = _upload(client, example_csv, "exemple-valide.csv", world=world)
    assert response.status_code == 303
    place = Place.get(Place.source_id == "structure-1")
    assert place.nom == "Anonymal" and place.commune == "Reims" and place.departement == "51"
    assert place.network_id == world["network"].id and place.structure_id is None
    assert place.values("services") == ["Maîtrise des outils numériques du quotidien",
                                        "Insertion professionnelle via le numérique", "Loisirs et créations numériques"]
    assert place.latitude == 43.52609 and str(place.date_maj) == "2024-04-02"
    assert place.kinds_of_help == "mediation"  # guessed from the services, managers correct it
    assert place.updated_by_id == world["coordinator"].id
    assert PlaceTag.select().where(PlaceTag.place == place, PlaceTag.facet == "service").count() == 3
    assert AuditLog.select().where(AuditLog.action == "places-imported").count() == 1
    page = client.get("/places/manage").get_data(as_text=True)
    assert "Import réussi : 1 lieux ajoutés, 0 mis à jour, 0 inchangés." in page
    # The imported place is public at once, with its hours in plain words.
    html = client.get(f"/places/{place.id}").get_data(as_text=True)
    assert "Lundi à vendredi : 9 h – 12 h et 14 h – 18 h 30" in html and "Samedi : 8 h 30 – 12 h" in html


def test_reimporting_updates_by_id_instead_of_duplicating(login, world, example_csv):
    client = login("coordinator")
    _upload(client, example_csv, world=world)
    _upload(client, example_csv, world=world)
    assert Place.select().count() == 1
    assert "0 lieux ajoutés, 0 mis à jour, 1 inchangés" in client.get("/places/manage").get_data(as_text=True)
    changed = example_csv.replace(b'"Anonymal"', b'"Anonymal (nouveau nom)"').replace(b'"+33180059880"', b'"+33180059881"')
    _upload(client, changed, world=world)
    place = Place.get()
    assert Place.select().count() == 1
    assert place.nom == "Anonymal (nouveau nom)" and place.telephone == "+33180059881" and place.nom_key == "anonymal nouveau nom"
    assert "0 lieux ajoutés, 1 mis à jour, 0 inchangés" in client.get("/places/manage").get_data(as_text=True)


def test_rejected_rows_are_reported_precisely_and_nothing_is_imported(login, world):
    client = login("coordinator")
    _upload(client, _csv(_row(1)), world=world)
    before = {p.source_id: p.nom for p in Place.select()}
    data = _csv(
        _row(1, nom="Nom changé"),          # line 2: valid (an update)
        _row(2),                              # line 3: valid (new)
        _row(3, code_postal="5110"),          # line 4
        _row(4, services="Aide aux démarches administratives|Cours de cuisine", telephone="03 26 00 00 00"),  # line 5
        _row(5, nom="", date_maj="02/04/2024"),   # line 6
        _row(6, latitude="49,25"),            # line 7
        _row(2, nom="Doublon"),               # line 8
    )
    response = _upload(client, data, world=world)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Rien n'a été importé : 5 lignes à corriger" in html and "2 lignes sur 7 sont correctes" in html
    report = _report(response)
    assert ("4", "code_postal", "5110", "Le code postal s'écrit avec 5 chiffres, par exemple 59000.") in report
    assert any(r[:3] == ("5", "services", "Aide aux démarches administratives|Cours de cuisine")
               and "Valeur inconnue : « Cours de cuisine »" in r[3] for r in report)
    assert ("6", "nom", "", "Ce champ est obligatoire et il est vide.") in report
    assert any(r[:3] == ("6", "date_maj", "02/04/2024") and "AAAA-MM-JJ" in r[3] for r in report)
    assert any(r[:3] == ("7", "latitude", "49,25") and "avec un point" in r[3] for r in report)
    assert any(r[:3] == ("8", "id", "ext-2") and "ligne 3" in r[3] for r in report)
    # A French phone number is understood and is not a problem.
    assert not any(r[0] == "5" and r[1] == "telephone" for r in report)
    # Nothing was written: not the valid new row, not the valid update.
    assert {p.source_id: p.nom for p in Place.select()} == before
    # What was chosen stays chosen.
    assert f'<option selected value="n{world["network"].id}">' in html


def test_line_numbers_count_lines_inside_quoted_cells(login, world):
    client = login("coordinator")
    data = _csv(_row(1, presentation_detail="Première ligne\nDeuxième ligne\nTroisième"), _row(2, code_postal="ABCDE"))
    report = _report(_upload(client, data, world=world))
    assert report[0][:2] == ("5", "code_postal")


def test_json_and_semicolon_files(login, world):
    client = login("coordinator")
    items = [dict(_row(1), latitude=49.25, longitude=4.03, services=["Aide aux démarches administratives",
                                                                       "Utilisation sécurisée du numérique"])]
    response = _upload(client, json.dumps(items).encode(), "lieux.json", world=world)
    assert response.status_code == 303
    place = Place.get(Place.source_id == "ext-1")
    assert place.services == "Aide aux démarches administratives|Utilisation sécurisée du numérique"
    semicolons = _csv(_row(2)).decode().replace('","', '";"').replace(",", ";").encode()
    assert _upload(client, semicolons, world=world).status_code == 303
    assert Place.select().where(Place.source_id == "ext-2").exists()
    bad = _upload(client, json.dumps([_row(3), "pas un lieu", _row(4, pivot="12")]).encode(), "l.json", world=world)
    assert bad.status_code == 400
    report = _report(bad)
    assert report[0][0] == "2" and "Chaque élément" in report[0][3]
    assert report[1][:2] == ("3", "pivot") and "Élément" in bad.get_data(as_text=True)
    assert not Place.select().where(Place.source_id == "ext-3").exists()


@pytest.mark.parametrize("data, filename, message", [
    (b"", "vide.csv", "Le fichier est vide."),
    ("id,nom\nx,é".encode("latin-1"), "latin.csv", "Le fichier n'est pas en UTF-8"),
    (b"id,nom,commune\nx,y,z\n", "court.csv", "Colonnes obligatoires absentes : pivot, code_postal, adresse, date_maj"),
    (b"[1, 2", "casse.json", "Le fichier JSON n'est pas valide"),
    (b'{"id": "x"}', "objet.json", "Le fichier JSON doit contenir une liste de lieux"),
])
def test_unreadable_files_are_explained(login, world, data, filename, message):
    client = login("coordinator")
    response = _upload(client, data, filename, world=world)
    assert response.status_code == 400
    assert message in unescape(response.get_data(as_text=True))
    assert Place.select().count() == 0


def test_import_form_errors(login, world):
    client = login("coordinator")
    response = client.post("/places/import", data={"owner": "n999"}, content_type="multipart/form-data")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Choisissez un fichier CSV ou JSON." in html and "Choisissez une valeur de la liste." in html


def test_an_id_of_another_network_cannot_be_taken_over(login, world, make_place):
    make_place(source_id="ext-1", network=world["other_network"], structure=world["structure_c"], nom="Amiens")
    response = _upload(login("coordinator"), _csv(_row(1)), world=world)
    assert response.status_code == 400
    assert _report(response)[0][:2] == ("2", "id")
    assert Place.get(Place.source_id == "ext-1").nom == "Amiens"


def test_new_places_go_to_the_chosen_structure(login, world):
    client = login("coordinator")
    _upload(client, _csv(_row(1)), owner=f"s{world['structure_b'].id}", world=world)
    place = Place.get(Place.source_id == "ext-1")
    assert place.structure_id == world["structure_b"].id and place.network_id == world["network"].id
    # A coordinator cannot send places into another network's structure.
    response = _upload(client, _csv(_row(2)), owner=f"s{world['structure_c'].id}", world=world)
    assert response.status_code == 400 and not Place.select().where(Place.source_id == "ext-2").exists()


@pytest.mark.parametrize("role", ["manager", "pro", "volunteer"])
def test_only_coordinators_and_admins_import(login, world, role):
    client = login(role)
    assert client.get("/places/import").status_code == 403
    assert _upload(client, _csv(_row(1)), world=world).status_code == 403
    assert Place.select().count() == 0


def test_admin_imports_into_any_network(login, world):
    client = login("admin")
    response = _upload(client, _csv(_row(1)), owner=f"n{world['other_network'].id}", world=world)
    assert response.status_code == 303
    assert Place.get().network_id == world["other_network"].id


def test_unreadable_hours_are_kept_as_text_and_flagged(login, world):
    client = login("coordinator")
    _upload(client, _csv(_row(1, horaires="Mo-Fr 09:00-12:00; SH off")), world=world)
    assert "Horaires non compris, affichés tels quels : lignes 2." in client.get("/places/manage").get_data(as_text=True)
    place = Place.get()
    html = client.get(f"/places/{place.id}").get_data(as_text=True)
    assert "Mo-Fr 09:00-12:00; SH off" in html


def test_command_line_import(app, runner, world, example_csv, tmp_path):
    path = tmp_path / "lieux.csv"
    path.write_bytes(example_csv)
    dry = runner.invoke(args=["import-places", str(path), "--network", "test", "--dry-run"])
    assert dry.exit_code == 0 and "1 rows valid" in dry.output and Place.select().count() == 0
    done = runner.invoke(args=["import-places", str(path), "--network", "test"])
    assert done.exit_code == 0 and "1 created" in done.output
    path.write_bytes(example_csv.replace(b'"51100"', b'"511"'))
    refused = runner.invoke(args=["import-places", str(path), "--network", "test"])
    assert refused.exit_code != 0 and "code_postal" in refused.output
    assert runner.invoke(args=["import-places", str(path), "--network", "nope"]).exit_code != 0
