"""The helper's side: assisted mode, attaching with consent, a learner's diagnostics, the "repérage"."""
import datetime

import pytest
from diagnostic_support import fields_for, screen_id, walk

from bonsclics.models.diagnostic import DiagnosticResult
from bonsclics.models.learners import Learner, ResumeCode
from bonsclics.models.system import AuditLog


def assisted(login, who="pro", helped_tasks=False, notes=None):
    """A helper runs a whole diagnostic in assisted mode; returns (client, result URL)."""
    client = login(who)
    assert client.post("/diagnostic/assisted", data={}).status_code == 303
    for _ in range(30):
        html = client.get("/diagnostic/question").get_data(as_text=True)
        current = screen_id(html)
        data = fields_for(current, helped=helped_tasks and not current.startswith(("equip", "internet-a", "email-a", "needs", "lang", "auto")))
        if notes is not None:
            data["notes"] = notes
        response = client.post("/diagnostic/question", data=data)
        assert response.status_code == 303, response.get_data(as_text=True)[:300]
        if "/result/" in response.headers["Location"]:
            return client, response.headers["Location"]
    raise AssertionError("never finished")


def test_the_helper_page_is_reachable_and_offers_assisted_mode(login):
    client = login("pro")
    start = client.get("/diagnostic/").get_data(as_text=True)
    assert 'href="/diagnostic/pro"' in start and 'href="/diagnostic/screening"' in start
    html = client.get("/diagnostic/pro").get_data(as_text=True)
    assert 'action="/diagnostic/assisted"' in html and "Aucun diagnostic pour le moment." in html


def test_anonymous_visitors_cannot_use_the_helper_pages(client, world):
    for url in ("/diagnostic/pro", "/diagnostic/screening", "/diagnostic/learner/1"):
        assert client.get(url).status_code in (302, 401)
    assert client.post("/diagnostic/assisted").status_code in (302, 401)
    assert client.post("/diagnostic/result/1/attach").status_code in (302, 401)


def test_assisted_mode_marks_help_keeps_notes_and_gives_the_person_their_own_code(app, login, world):
    client = login("pro")
    client.post("/diagnostic/assisted", data={})
    html = client.get("/diagnostic/question").get_data(as_text=True)
    assert 'name="notes"' in html and 'name="helped"' not in html  # situation: nothing to mark
    client, url = assisted(login, helped_tasks=True, notes="Vient pour la CAF.")
    html = client.get(url).get_data(as_text=True)
    assert "Pour l'accompagnant·e" in html and "Vient pour la CAF." in html
    assert "15 réponses données avec de l'aide" in html  # 5 self-assessments and 10 tasks
    with app.app_context():
        result = DiagnosticResult.get(DiagnosticResult.finished_at.is_null(False))
        assert result.helper_id == world["pro"].id and result.structure_id == world["structure_a"].id
        assert result.departement == "59" and result.assisted
        assert result.helped_count == 15 and set(result.levels.values()) == {0}  # helped = not yet
        assert result.helper_notes == "Vient pour la CAF."
        assert ResumeCode.select().count() == 2  # one per person, none for the helper
    # The helper's browser keeps no code: the next visitor on it does not see the person's result.
    assert client.get_cookie("bc_resume") is None


def test_assisted_notes_too_long_are_refused(app, login):
    client = login("pro")
    client.post("/diagnostic/assisted", data={})
    response = client.post("/diagnostic/question", data={**fields_for("equipment"), "notes": "n" * 2001})
    assert response.status_code == 400 and "2000 caractères" in response.get_data(as_text=True)


def test_a_pro_attaches_a_result_to_a_new_learner_with_consent(app, login, world):
    client, url = assisted(login)
    result_id = int(url.rsplit("/", 1)[1])
    refused = client.post(f"{url}/attach", data={"attach-learner": "new", "attach-pseudonym": "Awa",
                                                 "attach-structure": str(world["structure_a"].id),
                                                 "attach-consent_how": "in-person"})
    assert refused.status_code == 400
    assert "Cochez la case seulement si la personne a donné son accord." in refused.get_data(as_text=True)
    no_name = client.post(f"{url}/attach", data={"attach-learner": "new", "attach-consent": "y",
                                                 "attach-consent_how": "phone",
                                                 "attach-structure": str(world["structure_a"].id)})
    assert no_name.status_code == 400 and "Écrivez un prénom" in no_name.get_data(as_text=True)
    with app.app_context():
        assert Learner.select().count() == 0 and DiagnosticResult.get().learner_id is None
    done = client.post(f"{url}/attach", data={"attach-learner": "new", "attach-pseudonym": "Awa",
                                              "attach-structure": str(world["structure_a"].id),
                                              "attach-consent": "y", "attach-consent_how": "phone"})
    assert done.status_code == 303
    with app.app_context():
        learner = Learner.get()
        assert (learner.pseudonym, learner.structure_id, learner.consent_how) == ("Awa", world["structure_a"].id, "phone")
        assert learner.consent_by_id == world["pro"].id and learner.consent_at is not None
        result = DiagnosticResult.get()
        assert result.learner_id == learner.id and result.attached_by_id == world["pro"].id
        actions = {(a.action, a.object_id) for a in AuditLog.select()}
        assert ("learner-created", str(learner.id)) in actions and ("diagnostic-attached", str(learner.id)) in actions
        assert "Awa" not in "".join(a.detail for a in AuditLog.select())
    page = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Diagnostics de Awa" in page and f"/diagnostic/result/{result_id}" in page


def test_a_pro_attaches_to_an_existing_learner_of_their_structure_only(app, login, world):
    with app.app_context():
        mine = Learner.create(structure=world["structure_a"], pseudonym="Lina", consent_at=datetime.datetime(2026, 1, 1))
        theirs = Learner.create(structure=world["structure_b"], pseudonym="Théo", consent_at=datetime.datetime(2026, 1, 1))
    client, url = assisted(login)
    form = client.get(url).get_data(as_text=True)
    assert "Lina" in form and "Théo" not in form
    tampered = client.post(f"{url}/attach", data={"attach-learner": str(theirs.id), "attach-consent": "y",
                                                  "attach-consent_how": "in-person"})
    assert tampered.status_code == 400 and "Choisissez une fiche dans la liste" in tampered.get_data(as_text=True)
    for bad in ("", "abc", "999999", "-1"):
        assert client.post(f"{url}/attach", data={"attach-learner": bad, "attach-consent": "y",
                                                  "attach-consent_how": "in-person"}).status_code == 400
    ok = client.post(f"{url}/attach", data={"attach-learner": str(mine.id), "attach-consent": "y",
                                            "attach-consent_how": "in-person"})
    assert ok.status_code == 303
    with app.app_context():
        assert DiagnosticResult.get().learner_id == mine.id
        assert Learner.select().count() == 2


def test_a_learners_diagnostics_side_by_side(app, login, world):
    client, first = assisted(login, helped_tasks=True)
    with app.app_context():
        learner = Learner.create(structure=world["structure_a"], pseudonym="Lina", consent_at=datetime.datetime(2026, 1, 1))
    client.post(f"{first}/attach", data={"attach-learner": str(learner.id), "attach-consent": "y", "attach-consent_how": "in-person"})
    client, second = assisted(login)
    client.post(f"{second}/attach", data={"attach-learner": str(learner.id), "attach-consent": "y", "attach-consent_how": "in-person"})
    html = client.get(f"/diagnostic/learner/{learner.id}").get_data(as_text=True)
    assert "2 diagnostics, du plus ancien au plus récent." in html
    assert html.count("0 sur 3 — À découvrir") == 5 and html.count("3 sur 3 — Autonome") == 5
    assert html.index(first) < html.index(second)
    with app.test_request_context():
        assert AuditLog.select().where(AuditLog.action == "learner-diagnostics-viewed").count() == 1
        from bonsclics.diagnostic.learner import learner_section

        section = learner_section(learner, world["pro"])
        assert section["count"] == 2 and section["template"] == "diagnostic/_learner_section.html"


@pytest.mark.parametrize("who", ["pro_b", "pro_c", "coordinator", "admin"])
def test_other_structures_never_see_a_learners_diagnostics(app, login, world, who):
    client, url = assisted(login)
    with app.app_context():
        learner = Learner.create(structure=world["structure_a"], pseudonym="Lina", consent_at=datetime.datetime(2026, 1, 1))
    client.post(f"{url}/attach", data={"attach-learner": str(learner.id), "attach-consent": "y", "attach-consent_how": "in-person"})
    other = login(who)
    assert other.get(f"/diagnostic/learner/{learner.id}").status_code == 404
    assert other.get(url).status_code == 404
    assert other.post(f"{url}/notes", data={"notes-notes": "x"}).status_code == 404
    assert other.post(f"{url}/attach", data={"attach-learner": "new"}).status_code == 404
    assert "Lina" not in other.get("/diagnostic/pro").get_data(as_text=True)
    colleague = login("volunteer")
    assert colleague.get(f"/diagnostic/learner/{learner.id}").status_code == 200
    assert colleague.get(url).status_code == 200


def test_a_helper_cannot_see_an_anonymous_result_of_someone_else(app, login, client):
    from diagnostic_support import start

    start(client)
    _count, _seen, response = walk(client)
    url = response.request.path
    assert login("pro").get(url).status_code == 404


def test_notes_are_saved_and_checked(app, login):
    client, url = assisted(login)
    assert client.post(f"{url}/notes", data={"notes-notes": "x" * 2001}).status_code == 400
    assert client.post(f"{url}/notes", data={"notes-notes": "  À revoir en janvier.  "}).status_code == 303
    with app.app_context():
        assert DiagnosticResult.get().helper_notes == "À revoir en janvier."


def test_screening_suggests_what_to_propose(app, login):
    client = login("pro")
    html = client.get("/diagnostic/screening").get_data(as_text=True)
    assert "<h1>Repérage en entretien</h1>" in html and html.count('type="radio"') == 15
    answers = {"q_phone_internet": "no", "q_email": "no", "q_procedures_alone": "done-for-me",
               "q_accounts": "no", "q_reading": "very-hard"}
    html = client.post("/diagnostic/screening", data=answers).get_data(as_text=True)
    assert "Faire la démarche avec la personne, maintenant" in html
    easy = {"q_phone_internet": "yes-often", "q_email": "uses-it", "q_procedures_alone": "alone",
            "q_accounts": "yes", "q_reading": "a-bit-hard"}
    html = client.post("/diagnostic/screening", data=easy).get_data(as_text=True)
    assert "Proposer le diagnostic complet" in html and 'action="/diagnostic/assisted"' in html
    with app.app_context():
        assert DiagnosticResult.select().count() == 0  # nothing is recorded


@pytest.mark.parametrize("data", [{}, {"q_email": "maybe"}, {"q_phone_internet": "x" * 3000}])
def test_screening_explains_missing_or_unknown_answers(login, data):
    response = login("pro").post("/diagnostic/screening", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "<title>Erreur :" in html
    assert "Choisissez une réponse à cette question." in html or "Choisissez une des réponses proposées." in html
