"""Managing places: who may edit which place, the form's checks against the standard, who and when."""
import datetime
from html import unescape

import pytest
from helpers import sign_in

from bonsclics.models.places import Place, PlaceHours
from bonsclics.models.system import AuditLog


def _form(place=None, **overrides):
    """Valid form data for a place of structure A (or `owner`)."""
    data = {
        "nom": "Centre social Lille", "adresse": "1 place du Test", "code_postal": "59000", "commune": "Lille",
        "code_insee": "59350", "latitude": "50.6292", "longitude": "3.0573", "telephone": "+33320000001",
        "horaires": "Mo-Fr 09:00-12:00,14:00-17:00; PH off", "pivot": "12345678900012",
        "services": ["Aide aux démarches administratives"], "kinds_of_help": ["assistance"],
        "frais_a_charge": ["Gratuit"], "languages": ["fr", "ar"],
    }
    data.update(overrides)
    return data


def _owner(world, name="structure_a"):
    return f"s{world[name].id}"


def test_manager_edits_a_place_of_their_structure(login, world, around_lille, clock):
    client = login("manager")
    place = around_lille["centre"]
    page = client.get(f"/places/{place.id}/edit")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'value="Centre social Lille"' in html and 'value="Mo-Fr 09:00-12:00,14:00-17:00; PH off"' in html
    assert f'<option selected value="{_owner(world)}">' in html
    response = client.post(f"/places/{place.id}/edit", data=_form(
        owner=_owner(world), nom="Centre social de Lille-Centre", telephone="03 20 12 34 56",
        horaires="Mo-Fr 09:00-12:00; Sa 10:00-12:00"))
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/places/{place.id}")
    place = Place.get_by_id(place.id)
    assert place.nom == "Centre social de Lille-Centre" and place.telephone == "+33320123456"
    assert place.languages == "fr|ar"
    assert place.updated_by_id == world["manager"].id
    assert place.updated_at == datetime.datetime(2026, 3, 2, 9, 0) and place.date_maj == datetime.date(2026, 3, 2)
    assert AuditLog.select().where(AuditLog.action == "place-updated", AuditLog.object_id == str(place.id),
                                   AuditLog.actor_id == world["manager"].id).exists()
    # The search index follows: Saturday morning is now an opening span.
    assert PlaceHours.select().where(PlaceHours.place == place, PlaceHours.day == 5).count() == 1
    shown = client.get(f"/places/{place.id}").get_data(as_text=True)
    assert "Lundi à vendredi : 9 h – 12 h" in shown and "Samedi : 10 h – 12 h" in shown
    assert "Fiche mise à jour le 2 mars 2026." in shown and "Modifier cette fiche" in shown


def test_a_manager_of_another_structure_cannot_edit_even_by_guessing_ids(app, world, around_lille, manager_b):
    client = sign_in(app.test_client(), manager_b)
    theirs, other = around_lille["roubaix"], around_lille["centre"]
    assert client.get(f"/places/{theirs.id}/edit").status_code == 200
    assert client.get(f"/places/{other.id}/edit").status_code == 403
    response = client.post(f"/places/{other.id}/edit", data=_form(owner=_owner(world, "structure_b"), nom="Pris"))
    assert response.status_code == 403
    assert Place.get_by_id(other.id).nom == "Centre social Lille"
    assert client.get("/places/99999/edit").status_code == 404
    assert client.post("/places/99999/edit", data=_form()).status_code == 404
    # Nor can they hand their own place over to structure A.
    moved = client.post(f"/places/{theirs.id}/edit", data=_form(owner=_owner(world, "structure_a")))
    assert moved.status_code == 400 and "Choisissez une valeur de la liste." in moved.get_data(as_text=True)
    assert Place.get_by_id(theirs.id).structure_id == world["structure_b"].id
    # Their list shows only their structure's places, and no "Edit" link on others' pages.
    listed = client.get("/places/manage").get_data(as_text=True)
    assert "France Services Roubaix" in listed and "Médiathèque de Lens" in listed and "Centre social Lille" not in listed
    assert "Modifier cette fiche" not in client.get(f"/places/{other.id}").get_data(as_text=True)


def test_coordinators_edit_their_network_only(login, world, around_lille):
    coordinator = login("coordinator")
    for key in ("centre", "roubaix", "lens"):
        assert coordinator.get(f"/places/{around_lille[key].id}/edit").status_code == 200
    assert coordinator.get(f"/places/{around_lille['amiens'].id}/edit").status_code == 403
    other = login("coordinator_c")
    assert other.get(f"/places/{around_lille['centre'].id}/edit").status_code == 403
    amiens = around_lille["amiens"]
    response = other.post(f"/places/{amiens.id}/edit", data=_form(owner=_owner(world, "structure_c"), nom="Amiens",
                                                                  code_postal="80000", commune="Amiens", code_insee=""))
    assert response.status_code == 303 and Place.get_by_id(amiens.id).departement == "80"


def test_admin_edits_every_place(login, world, around_lille):
    admin = login("admin")
    for place in around_lille.values():
        assert admin.get(f"/places/{place.id}/edit").status_code == 200


@pytest.mark.parametrize("role", ["pro", "volunteer", "pro_b", "pro_c"])
def test_other_roles_cannot_manage(login, world, around_lille, role):
    client = login(role)
    place = around_lille["centre"]
    assert client.get("/places/manage").status_code == 403
    assert client.get("/places/new").status_code == 403
    assert client.get(f"/places/{place.id}/edit").status_code == 403
    assert client.post(f"/places/{place.id}/edit", data=_form(owner=_owner(world))).status_code == 403
    assert Place.get_by_id(place.id).nom == "Centre social Lille"
    assert "Gérer les lieux" not in client.get("/places/").get_data(as_text=True)


def test_visitors_are_sent_to_login(client, around_lille):
    assert client.get(f"/places/{around_lille['centre'].id}/edit").status_code == 302
    assert client.get("/places/manage").status_code == 302


@pytest.mark.parametrize("hours, message", [
    ("Mo-Fr 9h-12h", "Heure non valide : « 9h-12h »"),
    ("Lu-Ve 09:00-12:00", "Jour non reconnu : « Lu-Ve »"),
    ("Mo-Fr 09:00-12:00; SH off", "Les vacances scolaires (SH) ne sont pas prises en charge."),
    ("Fr 22:00-02:00", "Découpez-la sur deux jours"),
])
def test_opening_hours_are_refused_with_a_clear_message(login, world, around_lille, hours, message):
    client = login("manager")
    place = around_lille["centre"]
    response = client.post(f"/places/{place.id}/edit", data=_form(owner=_owner(world), horaires=hours, nom="Autre nom"))
    assert response.status_code == 400
    html = unescape(response.get_data(as_text=True))
    assert html.count(message) == 2  # next to the field and in the summary
    assert f'value="{hours}"' in html and 'value="Autre nom"' in html
    assert "<title>Erreur : " in html
    assert Place.get_by_id(place.id).nom == "Centre social Lille"


@pytest.mark.parametrize("changes, field, message", [
    ({"nom": ""}, "nom", "Donnez le nom du lieu."),
    ({"nom": "x" * 256}, "nom", "255 caractères au plus."),
    ({"code_postal": "5900"}, "code_postal", "Le code postal s'écrit avec 5 chiffres"),
    ({"code_insee": "ABCDE"}, "code_insee", "Le code INSEE s'écrit avec 5 caractères"),
    ({"telephone": "12"}, "telephone", "Écrivez un numéro de téléphone français"),
    ({"longitude": ""}, "longitude", "Indiquez la latitude et la longitude, ou aucune des deux."),
    ({"latitude": "nord"}, "latitude", "Écrivez un nombre"),
    ({"latitude": "123"}, "latitude", "Ce nombre doit être entre -90 et 90."),
    ({"courriels": "accueil@lille.fr, pas-une-adresse"}, "courriels", "Adresse mail non valide : « pas-une-adresse »"),
    ({"site_web": "www.lille.fr"}, "site_web", "Elle doit commencer par https://"),
    ({"prise_rdv": "javascript:alert(1)"}, "prise_rdv", "commence par https://"),
    ({"presentation_resume": "x" * 281}, "presentation_resume", "280 caractères au plus."),
    ({"services": ["Cours de cuisine"]}, "services", "Cochez des valeurs de la liste."),
    ({"pivot": "123"}, "pivot", "Écrivez le SIRET (14 chiffres)"),
    ({"owner": "s99999"}, "owner", "Choisissez une valeur de la liste."),
])
def test_bad_input_is_refused_next_to_its_field(login, world, around_lille, changes, field, message):
    client = login("manager")
    place = around_lille["centre"]
    response = client.post(f"/places/{place.id}/edit", data=_form(**{"owner": _owner(world), **changes}))
    assert response.status_code == 400
    html = unescape(response.get_data(as_text=True))
    assert f'id="{field}-error"' in html and message in html
    assert Place.get_by_id(place.id).updated_at == around_lille["centre"].updated_at


def test_commas_and_french_numbers_are_accepted(login, world, around_lille):
    client = login("manager")
    place = around_lille["centre"]
    response = client.post(f"/places/{place.id}/edit", data=_form(
        owner=_owner(world), latitude="50,63", longitude="3,06", courriels="a@lille.fr, b@lille.fr",
        site_web="https://lille.fr\nhttps://social.example/lille", telephone="0590 12 34 56"))
    assert response.status_code == 303
    place = Place.get_by_id(place.id)
    assert (place.latitude, place.longitude) == (50.63, 3.06)
    assert place.courriels == "a@lille.fr|b@lille.fr" and place.site_web == "https://lille.fr|https://social.example/lille"
    assert place.telephone == "+590590123456"


def test_manager_adds_a_place_to_their_structure(login, world, clock):
    client = login("manager")
    page = client.get("/places/new").get_data(as_text=True)
    assert f'value="{_owner(world)}"' in page and f'value="{_owner(world, "structure_b")}"' not in page
    response = client.post("/places/new", data=_form(owner=_owner(world), nom="Nouveau lieu"))
    assert response.status_code == 303
    place = Place.get(Place.nom == "Nouveau lieu")
    assert place.structure_id == world["structure_a"].id and place.network_id == world["network"].id
    assert place.source_id.startswith("bonsclics-") and place.updated_by_id == world["manager"].id
    assert AuditLog.select().where(AuditLog.action == "place-created", AuditLog.object_id == str(place.id)).exists()
    found = client.get("/places/?where=59000&help=assistance&when=now").get_data(as_text=True)
    assert "Nouveau lieu" in found
    refused = client.post("/places/new", data=_form(owner=_owner(world, "structure_b"), nom="Ailleurs"))
    assert refused.status_code == 400 and not Place.select().where(Place.nom == "Ailleurs").exists()


def test_coordinator_sees_places_not_updated_for_six_months(login, world, around_lille, clock):
    Place.update(updated_at=datetime.datetime(2025, 8, 1)).where(Place.id == around_lille["lens"].id).execute()
    Place.update(updated_at=datetime.datetime(2026, 1, 1)).where(Place.id != around_lille["lens"].id).execute()
    client = login("coordinator")
    html = client.get("/places/manage").get_data(as_text=True)
    assert "1 lieu n'a pas été mis à jour depuis plus de 6 mois." in unescape(html)
    assert "à vérifier" in html and 'href="/places/manage?stale=1"' in html
    stale = client.get("/places/manage?stale=1").get_data(as_text=True)
    assert "Médiathèque de Lens" in stale and "Centre social Lille" not in stale
    # Saving the record unchanged confirms it: it leaves the list.
    lens = Place.get_by_id(around_lille["lens"].id)
    data = _form(owner=f"s{lens.structure_id}", nom=lens.nom, commune="Lens", code_postal="62300", code_insee="62498",
                 latitude="50.4321", longitude="2.8333", horaires=lens.horaires)
    assert client.post(f"/places/{lens.id}/edit", data=data).status_code == 303
    assert "pas été mis à jour" not in unescape(client.get("/places/manage").get_data(as_text=True))
    # The other network's coordinator sees only theirs.
    other = login("coordinator_c").get("/places/manage").get_data(as_text=True)
    assert "Amiens Numérique" in other and "Médiathèque de Lens" not in other


def test_manage_search_and_links(login, world, around_lille):
    client = login("coordinator")
    html = client.get("/places/manage?q=Roubaix").get_data(as_text=True)
    assert "France Services Roubaix" in html and "Centre social Lille" not in html
    assert 'href="/places/import"' in html and 'href="/places/new"' in html
    assert 'href="/places/manage"' in client.get("/places/").get_data(as_text=True)
    assert 'href="/places/import"' not in login("manager").get("/places/manage").get_data(as_text=True)
