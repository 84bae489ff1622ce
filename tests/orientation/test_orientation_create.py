"""Creating an orientation: consent rules, prefilling, and every invalid input refused clearly."""
import datetime
from html import unescape

import pytest
from orientation_helpers import form_data, outbox

from bonsclics.models.learners import Learner
from bonsclics.models.orientation import Orientation


def _post(client, **overrides):
    return client.post("/orientations/new", data=form_data(**overrides))


def _errors_page(response):
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<title>Erreur :" in html and 'class="error-summary"' in html
    return unescape(html)


def test_an_empty_form_explains_each_missing_answer(app, login, places):
    html = _errors_page(login("pro").post("/orientations/new", data={"action": "send"}))
    for message in ("Dites si la personne est d'accord.", "Cochez au moins un genre d'aide ou un service.",
                    "Saisissez un code postal.", "Saisissez le code postal puis cherchez des lieux."):
        assert message in html, message
    assert Orientation.select().count() == 0 and outbox(app) == []


@pytest.mark.parametrize("overrides, message", [
    ({"person_name": ""}, "Saisissez un prénom ou des initiales."),
    ({"person_name": "A" * 41}, "40 caractères au plus."),
    ({"consent_how": ""}, "Dites comment la personne a donné son accord."),
    ({"consent_how": "pigeon"}, "Choisissez une réponse de la liste."),
    ({"consent": "peut-être"}, "Choisissez une réponse de la liste."),
    ({"contact_phone": "", "contact_email": ""}, "Donnez un téléphone ou une adresse mail pour la contacter."),
    ({"contact_phone": "12"}, "Saisissez un numéro de téléphone complet"),
    ({"contact_phone": "06 12 34 56 78 ext abc"}, "Saisissez un numéro de téléphone complet"),
    ({"contact_email": "awa@"}, "Saisissez une adresse mail complète"),
    ({"kinds_of_help": [], "services": []}, "Cochez au moins un genre d'aide ou un service."),
    ({"kinds_of_help": ["piratage"]}, "Choisissez une réponse de la liste."),
    ({"services": ["Un service inventé"]}, "Choisissez une réponse de la liste."),
    ({"need_details": "x" * 1001}, "1000 caractères au plus."),
    ({"language": "klingon"}, "Choisissez une réponse de la liste."),
    ({"days": ["9"]}, "Choisissez une réponse de la liste."),
    ({"mobility": "téléportation"}, "Choisissez une réponse de la liste."),
    ({"urgency": ""}, "Choisissez une réponse de la liste."),
    ({"postcode": "ABCDE"}, "Saisissez un code postal à 5 chiffres"),
    ({"postcode": "5900"}, "Saisissez un code postal à 5 chiffres"),
    ({"place": ""}, "Choisissez un lieu parmi les suggestions."),
    ({"place": "999999"}, "Choisissez un lieu dans la liste."),
    ({"place": "abc"}, "Choisissez un lieu dans la liste."),
    ({"sender_structure": "999"}, "Choisissez une réponse de la liste."),
])
def test_invalid_inputs_are_refused_and_nothing_is_saved(login, places, overrides, message):
    overrides.setdefault("place", str(places["b"].id))
    html = _errors_page(_post(login("pro"), **overrides))
    assert message in html, message
    assert "Votre téléphone" in html  # what was typed is kept
    assert Orientation.select().count() == 0


def test_looking_for_places_with_a_bad_postcode_only_flags_the_postcode(login, places):
    response = login("pro").post("/orientations/new", data={"action": "suggest", "postcode": "hello"})
    html = _errors_page(response)
    assert "Saisissez un code postal à 5 chiffres" in html
    assert "Dites si la personne" not in html


def test_a_place_chosen_earlier_stays_choosable_after_a_new_search(login, places, monkeypatch):
    monkeypatch.setattr("bonsclics.orientation.create.CANDIDATES", 1)
    response = _post(login("pro"), action="suggest", postcode="80000", place=str(places["b"].id))
    html = response.get_data(as_text=True)
    assert "Espace C" in html and "Médiathèque B (choisi avant)" in html


def test_without_consent_no_name_and_no_contact_are_kept(login, places):
    client = login("pro")
    response = _post(client, consent="no", consent_how="", place=str(places["b"].id))
    assert response.status_code == 303
    orientation = Orientation.get()
    assert (orientation.person_name, orientation.contact_phone, orientation.contact_email) == ("", "", "")
    assert not orientation.consent_given and orientation.consent_at is None and orientation.consent_shared == ""
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Orientation anonyme" in page and "ni son prénom ni ses coordonnées" in page


def test_a_person_who_does_not_want_to_be_contacted_leaves_no_contact(login, places):
    assert _post(login("pro"), wants_contact="", place=str(places["b"].id)).status_code == 303
    orientation = Orientation.get()
    assert orientation.person_name == "Awa" and orientation.contact_phone == "" and not orientation.shares_contact
    assert orientation.values("consent_shared") == ["name"]


def test_a_volunteer_sends_and_a_manager_of_several_structures_chooses_which(app, login, places, world):
    from bonsclics.models.accounts import Membership

    assert _post(login("volunteer"), place=str(places["b"].id)).status_code == 303
    Membership.create(user=world["manager"], structure=world["structure_b"], role="pro")
    client = login("manager")
    assert "Au nom de quelle structure ?" in client.get("/orientations/new").get_data(as_text=True)
    assert _post(client, place=str(places["a"].id), sender_structure=str(world["structure_b"].id)).status_code == 303
    assert Orientation.select().order_by(Orientation.id.desc()).get().sender_structure_id == world["structure_b"].id


@pytest.mark.parametrize("role, status", [("coordinator", 403), ("admin", 403)])
def test_only_members_of_a_structure_send_orientations(login, places, role, status):
    assert login(role).get("/orientations/new").status_code == status


def test_from_a_learner_record_the_form_is_prefilled(login, places, world):
    learner = Learner.create(structure=world["structure_a"], pseudonym="Samira", phone="0611223344",
                             locale="ar", consent_at=datetime.datetime(2026, 1, 1))
    client = login("pro")
    html = client.get(f"/orientations/new?learner={learner.id}").get_data(as_text=True)
    assert 'value="Samira"' in html and 'value="0611223344"' in html
    assert '<option selected value="ar">' in html or 'value="ar" selected' in html
    assert _post(client, learner_id=str(learner.id), place=str(places["b"].id)).status_code == 303
    assert Orientation.get().learner_id == learner.id


@pytest.mark.parametrize("value", ["abc", "999999", "-1"])
def test_an_unknown_learner_is_not_found(login, places, value):
    assert login("pro").get(f"/orientations/new?learner={value}").status_code == 404


def test_another_structures_learner_is_not_found_even_when_posted(login, places, world):
    learner = Learner.create(structure=world["structure_b"], pseudonym="Secret", consent_at=datetime.datetime(2026, 1, 1))
    client = login("pro")
    assert client.get(f"/orientations/new?learner={learner.id}").status_code == 404
    assert _post(client, learner_id=str(learner.id), place=str(places["b"].id)).status_code == 404
    assert Orientation.select().count() == 0


def _diagnostic(world, helper=None, learner=None, finished=True):
    from bonsclics.diagnostic.logic import COMPETENCES
    from bonsclics.models.diagnostic import DiagnosticResult
    from bonsclics.models.learners import ResumeCode

    result = DiagnosticResult(resume_code=ResumeCode.issue(), bank_version=1, profile="mediation", helper=helper,
                              learner=learner, finished_at=datetime.datetime(2026, 1, 2) if finished else None)
    result.set_levels(dict.fromkeys(COMPETENCES, 2) | {"email": 0})
    result.save()
    return result


def test_an_unknown_or_unfinished_diagnostic_is_not_found(login, places, world):
    client = login("pro")
    unfinished = _diagnostic(world, helper=world["pro"], finished=False)
    for value in ("5", "abc", str(unfinished.id)):
        assert client.get(f"/orientations/new?diagnostic={value}").status_code == 404
    assert _post(client, diagnostic_id="5", place=str(places["b"].id)).status_code == 404
    assert Orientation.select().count() == 0


def test_a_diagnostic_result_prefills_the_summary(app, login, places, world):
    mine = _diagnostic(world, helper=world["pro"])
    other = Learner.create(structure=world["structure_b"], pseudonym="B", consent_at=datetime.datetime(2026, 1, 1))
    theirs = _diagnostic(world, learner=other)
    alone = _diagnostic(world)  # taken alone, never attached: no helper may use it
    client = login("pro")
    html = unescape(client.get(f"/orientations/new?diagnostic={mine.id}").get_data(as_text=True))
    assert "Prêt·e à apprendre" in html and "Utiliser le mail 0/3" in html and "Naviguer sur internet 2/3" in html
    for hidden in (theirs, alone):
        assert client.get(f"/orientations/new?diagnostic={hidden.id}").status_code == 404
    assert _post(client, diagnostic_id=str(theirs.id), place=str(places["b"].id)).status_code == 404
    assert _post(client, diagnostic_id=str(mine.id), place=str(places["b"].id)).status_code == 303
    assert Orientation.get().diagnostic_result_id == mine.id


def test_the_diagnostic_result_page_offers_an_orientation(login, world):
    mine = _diagnostic(world, helper=world["pro"])
    html = login("pro").get(f"/diagnostic/result/{mine.id}").get_data(as_text=True)
    assert f'href="/orientations/new?diagnostic={mine.id}"' in html


def test_the_new_form_in_arabic(login, places):
    response = login("pro").get("/orientations/new?lang=ar")
    assert response.headers["Content-Language"] == "ar"
    assert 'dir="rtl"' in response.get_data(as_text=True)

