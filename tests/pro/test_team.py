"""Structures and teams: invitations, roles, removals, engagements, networks — for every role."""
import datetime
import re

import pytest
from helpers import page_text
from pro_roles import ROLES

from bonsclics.models.accounts import LoginSession, Membership, Structure, User
from bonsclics.models.places import Place
from bonsclics.models.pro import Invitation
from bonsclics.models.system import AuditLog


def _audited(action, object_id=None):
    query = AuditLog.select().where(AuditLog.action == action)
    if object_id is not None:
        query = query.where(AuditLog.object_id == str(object_id))
    return query.exists()


@pytest.mark.parametrize("role", ROLES)
def test_every_helper_has_a_dashboard(login, role):
    response = login(role).get("/pro/")
    assert response.status_code == 200
    assert "Tableau de bord" in page_text(response)


def test_anonymous_is_sent_to_login(client):
    response = client.get("/pro/")
    assert response.status_code == 302 and "/account/login" in response.headers["Location"]


def test_login_lands_on_the_dashboard(client, world):
    from helpers import TEST_PASSWORD

    response = client.post("/account/login", data={"email": "pro@test.test", "password": TEST_PASSWORD})
    assert response.headers["Location"].endswith("/pro/")


def test_dashboard_shows_my_structure_and_learners(login, world):
    page = page_text(login("pro").get("/pro/"))
    assert "Structure A" in page and "Personnes suivies" in page


@pytest.mark.parametrize("role, status", [
    ("admin", 200), ("coordinator", 200), ("manager", 200), ("pro", 200), ("volunteer", 200),
    ("coordinator_c", 404), ("pro_b", 404), ("pro_c", 404),
])
def test_who_sees_structure_a(login, world, role, status):
    assert login(role).get(f"/pro/structures/{world['structure_a'].id}").status_code == status


def test_only_managers_see_the_management_forms(login, world):
    url = f"/pro/structures/{world['structure_a'].id}"
    assert "Envoyer l'invitation" in page_text(login("manager").get(url))
    assert "Envoyer l'invitation" in page_text(login("coordinator").get(url))
    assert "Envoyer l'invitation" not in page_text(login("pro").get(url))


@pytest.mark.parametrize("role, status", [
    ("pro", 403), ("volunteer", 403), ("pro_b", 404), ("coordinator_c", 404), ("pro_c", 404),
])
def test_non_managers_cannot_invite(login, world, role, status):
    response = login(role).post(f"/pro/structures/{world['structure_a'].id}/invite",
                                data={"invite-email": "x@test.test", "invite-role": "pro"})
    assert response.status_code == status
    assert Invitation.select().count() == 0


def _invite(app, client, world, email="new@test.test", role="volunteer"):
    response = client.post(f"/pro/structures/{world['structure_a'].id}/invite",
                           data={"invite-email": email, "invite-role": role})
    assert response.status_code == 303
    message = app.extensions["outbox"][-1]
    return re.search(r"/pro/invitation/(\S+)", message.get_content()).group(1)


def test_invitation_by_single_use_link(app, login, world, client):
    manager = login("manager")
    token = _invite(app, manager, world)
    invitation = Invitation.get()
    assert invitation.token_hash != token and len(invitation.token_hash) == 64
    assert _audited("member-invited", world["structure_a"].id)
    page = client.get(f"/pro/invitation/{token}")
    assert page.status_code == 200 and "bénévole" in page_text(page)
    weak = client.post(f"/pro/invitation/{token}", data={"name": "Nina", "password": "azerty", "confirm": "azerty"})
    assert weak.status_code == 400 and "12 caractères" in page_text(weak) and 'value="Nina"' in page_text(weak)
    assert User.get_or_none(User.email == "new@test.test") is None
    done = client.post(f"/pro/invitation/{token}",
                       data={"name": "Nina", "password": "une phrase bien longue ici", "confirm": "une phrase bien longue ici"})
    assert done.status_code == 303 and done.headers["Location"].endswith("/pro/")
    user = User.get(User.email == "new@test.test")
    assert user.name == "Nina"
    assert Membership.get(Membership.user == user).role == "volunteer"
    assert client.get("/pro/").status_code == 200  # signed in
    again = app.test_client().get(f"/pro/invitation/{token}")
    assert again.status_code == 404 and "ne fonctionne plus" in page_text(again)


def test_invitation_expires(app, login, world):
    token = _invite(app, login("manager"), world)
    later = datetime.datetime.utcnow() + datetime.timedelta(days=8)
    app.config["NOW"] = later
    response = app.test_client().post(f"/pro/invitation/{token}", data={
        "name": "Late", "password": "une phrase bien longue ici", "confirm": "une phrase bien longue ici"})
    assert response.status_code == 404
    assert User.get_or_none(User.email == "new@test.test") is None


def test_invitation_of_an_existing_account_asks_to_sign_in(app, login, world):
    token = _invite(app, login("manager"), world, email="pro-b@test.test", role="pro")
    anonymous = app.test_client()
    assert "Connectez-vous" in page_text(anonymous.get(f"/pro/invitation/{token}"))
    assert anonymous.post(f"/pro/invitation/{token}").status_code == 200
    assert not world["pro_b"].works_in(world["structure_a"].id)
    invited = login("pro_b")
    assert invited.post(f"/pro/invitation/{token}").status_code == 303
    assert User.get_by_id(world["pro_b"].id).works_in(world["structure_a"].id)


def test_invite_form_errors(login, world):
    manager = login("manager")
    url = f"/pro/structures/{world['structure_a'].id}/invite"
    for data, message in [
        ({"invite-email": "", "invite-role": "pro"}, "Saisissez l'adresse mail"),
        ({"invite-email": "pas-une-adresse", "invite-role": "pro"}, "adresse mail complète"),
        ({"invite-email": "x@test.test", "invite-role": "chef"}, "Choisissez une réponse de la liste"),
        ({"invite-email": "pro@test.test", "invite-role": "pro"}, "déjà partie de l'équipe"),
    ]:
        response = manager.post(url, data=data)
        assert response.status_code == 400, data
        assert message in page_text(response)
    assert Invitation.select().count() == 0


def test_role_change_is_audited(login, world):
    membership = Membership.get(Membership.user == world["volunteer"])
    response = login("manager").post(
        f"/pro/structures/{world['structure_a'].id}/members/{membership.id}/role", data={f"m{membership.id}-role": "pro"})
    assert response.status_code == 303
    assert Membership.get_by_id(membership.id).role == "pro"
    assert _audited("member-role-changed", world["volunteer"].id)


def test_role_change_refuses_unknown_roles_and_self(login, world):
    manager = login("manager")
    volunteer = Membership.get(Membership.user == world["volunteer"])
    manager.post(f"/pro/structures/{world['structure_a'].id}/members/{volunteer.id}/role", data={f"m{volunteer.id}-role": "admin"})
    assert Membership.get_by_id(volunteer.id).role == "volunteer"
    own = Membership.get(Membership.user == world["manager"])
    manager.post(f"/pro/structures/{world['structure_a'].id}/members/{own.id}/role", data={f"m{own.id}-role": "volunteer"})
    assert Membership.get_by_id(own.id).role == "manager"


def test_membership_of_another_structure_is_not_found(login, world):
    other = Membership.get(Membership.user == world["pro_b"])
    response = login("manager").post(f"/pro/structures/{world['structure_a'].id}/members/{other.id}/remove")
    assert response.status_code == 404
    assert Membership.get_or_none(Membership.id == other.id) is not None


def test_removing_a_member_ends_their_sessions(login, world):
    victim = login("pro")
    assert victim.get("/pro/").status_code == 200
    membership = Membership.get(Membership.user == world["pro"])
    response = login("manager").post(f"/pro/structures/{world['structure_a'].id}/members/{membership.id}/remove")
    assert response.status_code == 303
    assert Membership.get_or_none(Membership.id == membership.id) is None
    assert LoginSession.select().where(LoginSession.user == world["pro"]).count() == 0
    assert victim.get("/pro/").status_code == 302
    assert _audited("member-removed", world["pro"].id)


def test_coordinator_manages_their_network_only(login, world):
    coordinator = login("coordinator")
    page = page_text(coordinator.get("/pro/structures"))
    assert "Structure A" in page and "Structure B" in page and "Structure C" not in page
    membership = Membership.get(Membership.user == world["pro_c"])
    assert coordinator.post(f"/pro/structures/{world['structure_c'].id}/members/{membership.id}/remove").status_code == 404


def test_join_a_network(login, world):
    structure = world["structure_c"]
    Membership.update(role="manager").where(Membership.user == world["pro_c"]).execute()
    manager_c = login("pro_c")
    bad = manager_c.post(f"/pro/structures/{structure.id}/join", data={"join-network": "999"})
    assert bad.status_code == 400 and "Choisissez une réponse" in page_text(bad)
    ok = manager_c.post(f"/pro/structures/{structure.id}/join", data={"join-network": str(world["network"].id)})
    assert ok.status_code == 303
    assert Structure.get_by_id(structure.id).join_requested_id == world["network"].id
    # The other network's coordinator cannot answer; the requested network's coordinator can.
    assert login("coordinator_c").post(f"/pro/structures/{structure.id}/join-answer", data={"answer": "accept"}).status_code == 404
    coordinator = login("coordinator")
    assert "Structure C" in page_text(coordinator.get("/pro/structures"))
    assert coordinator.post(f"/pro/structures/{structure.id}/join-answer", data={"answer": "accept"}).status_code == 303
    structure = Structure.get_by_id(structure.id)
    assert structure.network_id == world["network"].id and structure.join_requested_id is None
    assert _audited("network-join-accepted", structure.id)


def test_engagements_and_places(login, world):
    import datetime as dt

    place = Place.create(source_id="p1", nom="Lieu A", commune="Lille", code_postal="59000", adresse="1 rue",
                         date_maj=dt.date.today(), structure=world["structure_a"], kinds_of_help="assistance|solidarity")
    manager = login("manager")
    url = f"/pro/structures/{world['structure_a'].id}"
    bad = manager.post(url + "/engagements", data={"eng-engagements": ["mediation", "cuisine"]})
    assert bad.status_code == 400 and "Choisissez une réponse de la liste" in page_text(bad)
    ok = manager.post(url + "/engagements", data={"eng-engagements": ["mediation", "equipment", "orientation"]})
    assert ok.status_code == 303
    assert Structure.get_by_id(world["structure_a"].id).engagements == "mediation|equipment|orientation"
    assert "Formation et médiation numérique, Accès à du matériel" in page_text(manager.get("/pro/structures"))
    page = page_text(manager.get(url))
    assert "Lieu A" in page and "Mettre à jour l'aide proposée" in page
    assert login("pro").post(url + "/places-sync").status_code == 403
    assert manager.post(url + "/places-sync").status_code == 303
    assert Place.get_by_id(place.id).kinds_of_help == "mediation|equipment|solidarity"
    assert "Mettre à jour l'aide proposée" not in page_text(manager.get(url))


def test_invitation_form_errors(app, login, world, client):
    token = _invite(app, login("manager"), world)
    url = f"/pro/invitation/{token}"
    for data, message in [
        ({"name": "", "password": "une phrase bien longue ici", "confirm": "une phrase bien longue ici"}, "Écrivez votre nom"),
        ({"name": "Nina", "password": "une phrase bien longue ici", "confirm": "autre phrase bien longue"}, "pas identiques"),
        ({"name": "x" * 101, "password": "une phrase bien longue ici", "confirm": "une phrase bien longue ici"}, "100 caractères"),
    ]:
        response = client.post(url, data=data)
        assert response.status_code == 400 and message in page_text(response)
    assert User.get_or_none(User.email == "new@test.test") is None
    assert client.get("/pro/invitation/not-a-real-token").status_code == 404


def test_list_pages_survive_odd_parameters(login, people):
    client = login("pro")
    for url in ("/pro/learners?page=abc&q=" + "x" * 500, "/pro/learners?q=%25_", "/pro/practices?page=-3&tag=" + "é" * 90,
                "/pro/resources?q=" + "a " * 300, "/pro/volunteer?dep=<script>", "/pro/activity/export.csv?structure=abc"):
        assert client.get(url).status_code in (200, 404), url
