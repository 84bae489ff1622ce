"""What other areas use: personal data, the learner record section, demo data, the agenda
link, suggestions, and the htmx fragment of the lists."""
import datetime
from types import SimpleNamespace

from flask import render_template

from bonsclics import personal_data
from bonsclics.models.learners import Learner
from bonsclics.models.orientation import Orientation
from bonsclics.orientation import logic
from bonsclics.orientation.learner import learner_section


def _learner(world, structure="structure_a"):
    return Learner.create(structure=world[structure], pseudonym="Samira", consent_at=datetime.datetime(2026, 1, 1))


def test_export_and_erasure_of_a_learners_orientations(app, send, places, world):
    learner = _learner(world)
    orientation = send(places["b"], learner_id=str(learner.id), person_name="Samira")
    with app.test_request_context("/"):
        exported = personal_data.export_learner(learner)
        assert exported["orientation"][0]["person_name"] == "Samira"
        assert [e["kind"] for e in exported["orientationevent"]] == ["created"]
        personal_data.erase_learner(learner)
    kept = Orientation.get_by_id(orientation.id)
    assert kept.learner_id is None and kept.person_name == "" and kept.contact_phone == ""
    assert kept.anonymised_at is not None and kept.status == "sent"


def test_the_learner_record_section_lists_orientations_with_their_status(app, login, send, places, world):
    learner = _learner(world)
    send(places["b"], learner_id=str(learner.id))
    with app.test_request_context("/"):
        section = learner_section(learner, world["pro"])
        assert section["title"] == "Orientations" and len(section["orientations"]) == 1
        assert section["new_url"] == f"/orientations/new?learner={learner.id}"
        html = render_template(section["template"], section=section)
        assert "Envoyée, en attente de réponse" in html and "Médiathèque B" in html
        assert "Envoyée, en attente de réponse" in render_template(section["template"], **section)
        assert learner_section(learner, world["pro_b"]) is None
        assert learner_section(learner, world["pro_c"]) is None


def test_demo_orientations_are_seeded_once(app):
    from bonsclics.demo import seed

    with app.app_context():
        seed("cheval agrafe pile correcte")
        first = Orientation.select().count()
        seed("cheval agrafe pile correcte")
        assert Orientation.select().count() == first >= 4
        statuses = {o.status for o in Orientation.select()}
    assert {"sent", "appointment", "refused", "done"} <= statuses


def test_the_orientation_page_links_to_the_agenda_when_it_exists(app, login, send, places):
    if "agenda.index" not in app.view_functions:
        def agenda_index():
            return "agenda"

        agenda_index.access = "public"
        app.add_url_rule("/agenda/", "agenda.index", agenda_index)
    orientation = send(places["b"])
    with app.test_request_context("/"):
        from flask import url_for

        agenda_url = url_for("agenda.index")
    page = login("pro").get(f"/orientations/{orientation.id}").get_data(as_text=True)
    assert f'href="{agenda_url}"' in page and "Voir les ateliers de l" in page


def test_lists_answer_htmx_with_the_fragment(app, htmx_client, send, places, world):
    from helpers import sign_in

    send(places["b"])
    sign_in(htmx_client, world["pro"])
    response = htmx_client.get("/orientations/?page=1")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in html and 'id="orientation-list"' in html


def test_a_slip_without_a_place_still_renders(login, send, places):
    orientation = send(places["b"])
    Orientation.update(place=None).where(Orientation.id == orientation.id).execute()
    html = login("pro").get(f"/orientations/{orientation.id}/slip").get_data(as_text=True)
    assert "n'existe plus dans l'annuaire" in html.replace("&#39;", "'")


def _place(name, kinds="", services="", hours="Mo-Fr 09:00-17:00", languages="fr", support="", accessibility=""):
    return SimpleNamespace(nom=name, kinds_of_help=kinds, services=services, horaires=hours, languages=languages,
                           prise_en_charge_specifique=support, accessibility=accessibility)


def test_suggestions_put_the_best_match_first_then_the_nearest():
    near = _place("Proche", kinds="equipment", hours="Sa 10:00-12:00")
    far = _place("Loin mais adapté", kinds="mediation", languages="fr|ar", support="Surdité")
    unknown = _place("Horaires illisibles", kinds="mediation", hours="sunrise-sunset")
    criteria = logic.Criteria(kinds=["mediation"], days=[1], language="ar", specific_support=["Surdité"])
    ranked = logic.suggest([(near, 0.5), (unknown, 2.0), (far, 12.0)], criteria)
    assert [s.place.nom for s in ranked] == ["Loin mais adapté", "Horaires illisibles", "Proche"]
    assert ranked[0].checks == {"need": True, "days": True, "language": True, "support": True}
    assert ranked[1].checks["days"] is None and ranked[2].misses == ["need", "days", "language", "support"]
    walking = logic.suggest([(far, 12.0), (near, 0.5)], logic.Criteria(mobility="near"))
    assert walking[0].place.nom == "Proche" and walking[1].checks == {"near": False}


def test_figures_helpers():
    counts = logic.counts_by_status(["sent", "done", "done", "bogus"])
    assert counts["done"] == 2 and counts["sent"] == 1 and counts["expired"] == 0 and "bogus" not in counts
    start = datetime.datetime(2026, 1, 1)
    pairs = [(start, start + datetime.timedelta(hours=h)) for h in (2, 10, 30)] + [(start, None)]
    assert logic.median_hours_to_first_answer(pairs) == 10
    assert logic.median_hours_to_first_answer([(start, None)]) is None
