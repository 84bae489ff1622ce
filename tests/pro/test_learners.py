"""Learner follow-up: records with consent, codes, notes, assignments, groups — never across structures."""
import pytest
from helpers import page_text
from pro_roles import ROLES

from bonsclics.models.learners import Learner, LearnerNote, ResumeCode
from bonsclics.models.pro import Assignment, GroupMember, LearnerGroup
from bonsclics.models.system import AuditLog
from bonsclics.pro.logic import assignments_for_code

SEES_A = {"manager", "pro", "volunteer"}


@pytest.mark.parametrize("role", ROLES)
def test_learner_records_stay_in_their_structure(login, people, role):
    """Only members of structure A see A's learner and group, also by typing ids."""
    client = login(role)
    a, group = people["a"], people["group"]
    expected = 200 if role in SEES_A else 404
    assert client.get(f"/pro/learners/{a.id}").status_code == expected
    assert client.get(f"/pro/groups/{group.id}").status_code == expected
    assert client.get(f"/pro/learners/{a.id}/data.json").status_code == expected
    listing = page_text(client.get("/pro/learners"))
    assert ("Awa" in listing) == (role in SEES_A)
    assert ("Bruno" in listing) == (role == "pro_b")
    for url, data in [
        (f"/pro/learners/{a.id}/notes", {"note-text": "x"}),
        (f"/pro/learners/{a.id}/assign", {"assign-item": "lesson:start-mouse"}),
        (f"/pro/learners/{a.id}/code", {"code-code": "AAAA-AAAA"}),
        (f"/pro/groups/{group.id}/assign", {"assign-item": "lesson:start-mouse"}),
        (f"/pro/groups/{group.id}/members", {"member-learner": str(people["b"].id)}),
    ]:
        if role not in SEES_A:
            assert client.post(url, data=data).status_code == 404, url
    if role not in SEES_A:
        assert LearnerNote.select().count() == 0 and Assignment.select().count() == 0


def test_unknown_ids_are_not_found(login, people):
    client = login("pro")
    assert client.get("/pro/learners/99999").status_code == 404
    assert client.get("/pro/groups/99999").status_code == 404


def test_anonymous_cannot_see_records(client, people):
    assert client.get(f"/pro/learners/{people['a'].id}").status_code == 302


def test_create_a_record_with_consent(login, world):
    client = login("volunteer")
    assert client.get("/pro/learners/new").status_code == 200
    refused = client.post("/pro/learners/new", data={"structure": str(world["structure_a"].id), "pseudonym": "Lina",
                                                      "consent_how": "in-person"})
    assert refused.status_code == 400 and "Sans l'accord de la personne" in page_text(refused) and 'value="Lina"' in page_text(refused)
    assert Learner.select().count() == 0
    ok = client.post("/pro/learners/new", data={"structure": str(world["structure_a"].id), "pseudonym": " Lina ",
                                                 "phone": "06 12 34 56 78", "consent_how": "phone", "consent": "y"})
    assert ok.status_code == 303
    learner = Learner.get()
    assert learner.pseudonym == "Lina" and learner.consent_how == "phone" and learner.consent_by_id == world["volunteer"].id
    assert learner.structure_id == world["structure_a"].id and learner.consent_at is not None
    assert AuditLog.select().where(AuditLog.action == "learner-created", AuditLog.object_id == str(learner.id)).exists()
    page = page_text(client.get(f"/pro/learners/{learner.id}"))
    assert "Lina" in page and "au téléphone" in page


@pytest.mark.parametrize("data, message", [
    ({"pseudonym": "", "consent": "y"}, "Écrivez un prénom ou un pseudonyme"),
    ({"pseudonym": "x" * 61, "consent": "y"}, "60 caractères au plus"),
    ({"pseudonym": "Lina", "phone": "123", "consent": "y"}, "10 chiffres"),
    ({"pseudonym": "Lina", "email": "lina@", "consent": "y"}, "adresse mail complète"),
    ({"pseudonym": "Lina", "consent_how": "pigeon", "consent": "y"}, "Choisissez une réponse de la liste"),
    ({"pseudonym": "Lina", "structure": "999", "consent": "y"}, "Choisissez une réponse de la liste"),
])
def test_record_form_errors(login, world, data, message):
    payload = {"structure": str(world["structure_a"].id), "consent_how": "in-person", **data}
    response = login("pro").post("/pro/learners/new", data=payload)
    assert response.status_code == 400 and message in page_text(response)
    assert Learner.select().count() == 0


def test_a_pro_cannot_file_a_learner_in_another_structure(login, world):
    response = login("pro").post("/pro/learners/new", data={
        "structure": str(world["structure_b"].id), "pseudonym": "X", "consent_how": "in-person", "consent": "y"})
    assert response.status_code == 400 and Learner.select().count() == 0


def test_coordinators_without_membership_cannot_create(login, world):
    assert login("coordinator").get("/pro/learners/new").status_code == 403


def test_link_a_resume_code(app, login, people):
    code = ResumeCode.create(code="K7QMKTXP")
    client = login("pro")
    url = f"/pro/learners/{people['a'].id}/code"
    unknown = client.post(url, data={"code-code": "ZZZZ-ZZZZ"})
    assert unknown.status_code == 400 and "Ce code est inconnu" in page_text(unknown)
    empty = client.post(url, data={"code-code": ""})
    assert empty.status_code == 400 and "Écrivez le code" in page_text(empty)
    assert client.post(url, data={"code-code": "k7qm-ktxp"}).status_code == 303
    assert ResumeCode.get_by_id(code.id).learner_id == people["a"].id
    assert "K7QM-KTXP" in page_text(client.get(f"/pro/learners/{people['a'].id}"))
    # The same code cannot join a record of structure B.
    taken = login("pro_b").post(f"/pro/learners/{people['b'].id}/code", data={"code-code": "K7QMKTXP"})
    assert taken.status_code == 400 and "déjà relié à une autre fiche" in page_text(taken)
    assert client.post(f"/pro/learners/{people['a'].id}/codes/{code.id}/remove").status_code == 303
    assert ResumeCode.get_by_id(code.id).learner_id is None


def test_notes_and_private_notes(login, people):
    url = f"/pro/learners/{people['a'].id}"
    pro = login("pro")
    assert pro.post(url + "/notes", data={"note-text": ""}).status_code == 400
    long = pro.post(url + "/notes", data={"note-text": "x" * 2001})
    assert long.status_code == 400 and "2000 caractères" in page_text(long)
    assert pro.post(url + "/notes", data={"note-text": "Vient le mardi"}).status_code == 303
    assert pro.post(url + "/notes", data={"note-text": "Situation délicate", "note-private": "y"}).status_code == 303
    assert LearnerNote.select().count() == 2
    assert "Situation délicate" in page_text(pro.get(url))
    volunteer_view = page_text(login("volunteer").get(url))
    assert "Vient le mardi" in volunteer_view and "Situation délicate" not in volunteer_view
    login("volunteer").post(url + "/notes", data={"note-text": "Note bénévole", "note-private": "y"})
    assert LearnerNote.get(LearnerNote.text == "Note bénévole").private is False


def test_assignments_reach_my_path_through_the_code(login, people):
    a, group = people["a"], people["group"]
    code = ResumeCode.create(code="AAAABBBB", learner=a)
    other_code = ResumeCode.create(code="CCCCDDDD")
    pro = login("pro")
    bad = pro.post(f"/pro/learners/{a.id}/assign", data={"assign-item": "lesson:does-not-exist"})
    assert bad.status_code == 400 and "Choisissez une réponse de la liste" in page_text(bad)
    assert pro.post(f"/pro/learners/{a.id}/assign", data={"assign-item": "lesson:start-mouse"}).status_code == 303
    assert pro.post(f"/pro/groups/{group.id}/assign", data={"assign-item": "practice:caf-declaration"}).status_code == 303
    found = assignments_for_code(code)
    assert {(x["kind"], x["item_id"]) for x in found} == {("lesson", "start-mouse"), ("practice", "caf-declaration")}
    assert next(x for x in found if x["kind"] == "practice")["group"] == "Atelier du mardi"
    assert assignments_for_code(other_code) == [] and assignments_for_code(None) == []
    page = page_text(pro.get(f"/pro/learners/{a.id}"))
    assert "Utiliser la souris" in page or "souris" in page
    assignment = Assignment.get(Assignment.learner == a)
    assert login("pro_b").post(f"/pro/learners/{a.id}/assignments/{assignment.id}/remove").status_code == 404
    assert pro.post(f"/pro/learners/{a.id}/assignments/{assignment.id}/remove").status_code == 303
    assert not Assignment.select().where(Assignment.learner == a).exists()


def test_groups(login, people, world):
    pro = login("pro")
    bad = pro.post("/pro/groups", data={"group-structure": str(world["structure_a"].id), "group-name": ""})
    assert bad.status_code == 400 and "Donnez un nom au groupe" in page_text(bad)
    other = pro.post("/pro/groups", data={"group-structure": str(world["structure_b"].id), "group-name": "Pirate"})
    assert other.status_code == 400 and not LearnerGroup.select().where(LearnerGroup.name == "Pirate").exists()
    ok = pro.post("/pro/groups", data={"group-structure": str(world["structure_a"].id), "group-name": "Jeudi"})
    assert ok.status_code == 303
    group = LearnerGroup.get(LearnerGroup.name == "Jeudi")
    # A learner of structure B cannot be added to a group of A.
    refused = pro.post(f"/pro/groups/{group.id}/members", data={"member-learner": str(people["b"].id)})
    assert refused.status_code == 400 and GroupMember.select().where(GroupMember.group == group).count() == 0
    assert pro.post(f"/pro/groups/{group.id}/members", data={"member-learner": str(people["a"].id)}).status_code == 303
    page = page_text(pro.get(f"/pro/groups/{group.id}"))
    assert "Awa" in page and "Où en est chacun" in page
    assert pro.post(f"/pro/groups/{group.id}/members/{people['a'].id}/remove").status_code == 303
    assert GroupMember.select().where(GroupMember.group == group).count() == 0


def test_record_shows_every_area_section(app, login, people, monkeypatch):
    """The record page renders what each area's learner.py returns."""
    import types

    from bonsclics.pro import followup

    fake = types.SimpleNamespace(learner_section=lambda learner, viewer: {
        "title": "Section de test", "template": "pro/_test_section.html", "who": learner.pseudonym})
    monkeypatch.setattr(followup, "area_modules", lambda name: [fake] if name == "learner" else [])
    import jinja2

    loader = app.jinja_loader
    app.jinja_loader = jinja2.ChoiceLoader([jinja2.DictLoader({"pro/_test_section.html": "<p>Progrès de {{ who }}</p>"}), loader])
    page = page_text(login("pro").get(f"/pro/learners/{people['a'].id}"))
    assert "Section de test" in page and "Progrès de Awa" in page


def test_group_progress_and_most_failed_use_the_areas_counts(login, people, monkeypatch):
    from bonsclics.pro import logic

    def fake(area, learner):
        if area == "learning":
            return [{"lesson": {"id": "start-mouse", "title": {"fr": "La souris"}}, "status": "done",
                     "attempts": 9, "failures": 4}]
        return None

    monkeypatch.setattr(logic, "_area_progress", fake)
    pro = login("pro")
    pro.post(f"/pro/groups/{people['group'].id}/assign", data={"assign-item": "lesson:start-mouse"})
    page = page_text(pro.get(f"/pro/groups/{people['group'].id}"))
    assert "✓ terminé" in page
    assert "La souris — 4 erreur(s) sur 9 réponse(s)" in page


def test_erase_a_record_at_the_persons_request(login, people):
    a = people["a"]
    ResumeCode.create(code="EEEEFFFF", learner=a)
    LearnerNote.create(learner=a, text="x")
    Assignment.create(learner=a, kind="lesson", item_id="start-mouse")
    assert login("volunteer").post(f"/pro/learners/{a.id}/erase", data={"confirm": "yes"}).status_code == 403
    pro = login("pro")
    assert pro.post(f"/pro/learners/{a.id}/erase").status_code == 303
    assert Learner.get_or_none(Learner.id == a.id) is not None
    assert pro.post(f"/pro/learners/{a.id}/erase", data={"confirm": "yes"}).status_code == 303
    assert Learner.get_or_none(Learner.id == a.id) is None
    assert not ResumeCode.select().where(ResumeCode.code == "EEEEFFFF").exists()
    assert Assignment.select().count() == 0 and GroupMember.select().count() == 0


def test_export_a_record(login, people):
    Assignment.create(learner=people["a"], kind="lesson", item_id="start-mouse")
    response = login("pro").get(f"/pro/learners/{people['a'].id}/data.json")
    data = response.get_json()
    assert data["learner"][0]["pseudonym"] == "Awa"
    assert data["assignment"][0]["item_id"] == "start-mouse"
    assert len(data["groupmember"]) == 1


def test_viewing_a_record_is_audited(login, people):
    login("pro").get(f"/pro/learners/{people['a'].id}")
    assert AuditLog.select().where(AuditLog.action == "learner-viewed", AuditLog.object_id == str(people["a"].id)).exists()
