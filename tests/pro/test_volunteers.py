"""Volunteers: the public page, candidates seen by their area's coordinators and managers, needs."""
import pytest
from helpers import page_text

from bonsclics.models.pro import VolunteerCandidate, VolunteerNeed

GOOD = {"name": "Sami", "email": "sami@example.org", "postcode": "59000", "availability": ["evening"],
        "skills": ["smartphone"], "languages": ["fr", "ar"], "consent": "y"}


def test_footer_links_to_the_public_page(client):
    assert "/pro/volunteer" in page_text(client.get("/"))


def test_offer_to_help(client):
    page = client.get("/pro/volunteer")
    assert page.status_code == 200 and "Devenir bénévole" in page_text(page)
    response = client.post("/pro/volunteer", data=GOOD)
    assert response.status_code == 200 and "Merci" in page_text(response)
    candidate = VolunteerCandidate.get()
    assert (candidate.name, candidate.departement, candidate.languages, candidate.availability) == ("Sami", "59", "fr|ar", "evening")
    assert candidate.consent_at is not None


@pytest.mark.parametrize("changes, message", [
    ({"consent": ""}, "Cochez la case"),
    ({"name": ""}, "Écrivez votre nom"),
    ({"postcode": "590"}, "5 chiffres"),
    ({"availability": []}, "au moins un moment"),
    ({"email": "", "phone": ""}, "Donnez un téléphone ou une adresse mail"),
    ({"phone": "12"}, "10 chiffres"),
    ({"languages": ["klingon"]}, "Choisissez une réponse de la liste"),
    ({"message": "x" * 1001}, "1000 caractères"),
])
def test_volunteer_form_errors(client, changes, message):
    response = client.post("/pro/volunteer", data={**GOOD, **changes})
    assert response.status_code == 400 and message in page_text(response)
    assert VolunteerCandidate.select().count() == 0


def test_the_public_form_is_rate_limited(client):
    for _ in range(5):
        client.post("/pro/volunteer", data=GOOD)
    assert client.post("/pro/volunteer", data=GOOD).status_code == 429
    assert VolunteerCandidate.select().count() == 5


@pytest.mark.parametrize("role, sees_59, sees_80", [
    ("admin", True, True), ("coordinator", True, False), ("coordinator_c", False, True),
    ("manager", True, False),
])
def test_candidates_of_my_area(client, login, world, role, sees_59, sees_80):
    client.post("/pro/volunteer", data=GOOD)
    client.post("/pro/volunteer", data={**GOOD, "name": "Zoé", "postcode": "80000"})
    page = page_text(login(role).get("/pro/volunteers"))
    assert ("Sami" in page) == sees_59 and ("Zoé" in page) == sees_80


@pytest.mark.parametrize("role", ["pro", "volunteer", "pro_b"])
def test_other_roles_do_not_see_candidates(login, role):
    assert login(role).get("/pro/volunteers").status_code == 403


def test_mark_contacted(client, login):
    client.post("/pro/volunteer", data=GOOD)
    candidate = VolunteerCandidate.get()
    assert login("coordinator_c").post(f"/pro/volunteers/{candidate.id}/contacted").status_code == 404
    manager = login("manager")
    assert manager.post(f"/pro/volunteers/{candidate.id}/contacted").status_code == 303
    assert VolunteerCandidate.get_by_id(candidate.id).contacted_at is not None
    assert "Sami est marqué·e comme contacté·e" in page_text(manager.get("/pro/volunteers"))
    assert "Sami" not in page_text(manager.get("/pro/volunteers"))
    assert "Sami" in page_text(manager.get("/pro/volunteers?all=1"))


def test_needs_are_shown_on_the_public_page(client, login, world):
    manager = login("manager")
    bad = manager.post("/pro/volunteers/needs", data={"need-structure": str(world["structure_a"].id), "need-title": ""})
    assert bad.status_code == 400 and "Écrivez en quelques mots" in page_text(bad)
    other = manager.post("/pro/volunteers/needs", data={"need-structure": str(world["structure_b"].id), "need-title": "X"})
    assert other.status_code == 400
    ok = manager.post("/pro/volunteers/needs", data={"need-structure": str(world["structure_a"].id),
                                                     "need-title": "Aide le jeudi", "need-description": "Atelier mail"})
    assert ok.status_code == 303
    need = VolunteerNeed.get()
    assert need.departement == "59"
    public = page_text(client.get("/pro/volunteer"))
    assert "Aide le jeudi" in public and "Structure A" in public
    assert "Aide le jeudi" not in page_text(client.get("/pro/volunteer?dep=80"))
    assert login("coordinator_c").post(f"/pro/volunteers/needs/{need.id}/close").status_code == 404
    assert manager.post(f"/pro/volunteers/needs/{need.id}/close").status_code == 303
    assert "Aide le jeudi" not in page_text(client.get("/pro/volunteer"))
