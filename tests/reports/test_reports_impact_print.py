"""The impact question (learner on "My path", helper on the record) and the one-page printed report."""
import datetime
import re

from report_period import NOW, PERIOD


def _finished_practice(app, days_ago=2, learner=None):
    from bonsclics.models.learners import ResumeCode
    from bonsclics.models.practice import PracticeProgress

    with app.app_context():
        code = ResumeCode.issue()
        if learner is not None:
            code.learner = learner
            code.save()
        PracticeProgress.create(resume_code=code, path_id="franceconnect", path_version=1, step_reached=5,
                                started_at=NOW - datetime.timedelta(days=days_ago),
                                completed_at=NOW - datetime.timedelta(days=days_ago))
        return code


def test_the_question_waits_for_the_next_visit_then_is_asked_once(app, client, world):
    from bonsclics.models.reports import ImpactAnswer

    app.config["NOW"] = NOW
    code = _finished_practice(app, days_ago=0)
    client.post("/code", data={"code": code.code})
    assert "Une question rapide" not in client.get("/learning/path").get_data(as_text=True)  # same day
    app.config["NOW"] = NOW + datetime.timedelta(days=1)
    page = client.get("/learning/path").get_data(as_text=True)
    assert "Une question rapide" in page and "FranceConnect" in page
    response = client.post("/reports/impact", data={"impact-service": "practice:franceconnect", "impact-answer": "with-help"})
    assert response.status_code == 303
    with app.app_context():
        answer = ImpactAnswer.get()
        assert (answer.service, answer.answer, answer.via, answer.resume_code_id) == (
            "practice:franceconnect", "with-help", "learner", code.id)
    assert "Une question rapide" not in client.get("/learning/path").get_data(as_text=True)


def test_a_wrong_answer_is_explained_and_later_puts_it_off(app, client, world):
    app.config["NOW"] = NOW
    code = _finished_practice(app)
    client.post("/code", data={"code": code.code})
    response = client.post("/reports/impact", data={"impact-service": "practice:franceconnect", "impact-answer": "maybe"})
    assert response.status_code == 400 and "Choisissez" in response.get_data(as_text=True)
    response = client.post("/reports/impact", data={"impact-service": "practice:franceconnect"})
    assert response.status_code == 400 and "Choisissez une réponse." in response.get_data(as_text=True)
    client.post("/reports/impact", data={"later": "1"})
    assert "Une question rapide" not in client.get("/learning/path").get_data(as_text=True)
    app.config["NOW"] = NOW + datetime.timedelta(days=8)
    assert "Une question rapide" in client.get("/learning/path").get_data(as_text=True)


def test_a_helper_records_it_from_the_learner_record(app, login, world):
    from bonsclics.models.learners import Learner
    from bonsclics.models.reports import ImpactAnswer

    with app.app_context():
        learner = Learner.create(structure=world["structure_a"], pseudonym="Awa", consent_at=NOW)
    client = login("pro")
    page = client.get(f"/pro/learners/{learner.id}").get_data(as_text=True)
    assert "La vraie démarche, faite ensuite ?" in page and f"/reports/impact/learner/{learner.id}" in page
    bad = client.post(f"/reports/impact/learner/{learner.id}", data={"impact-service": "", "impact-answer": "alone"})
    assert bad.status_code == 400 and "Choisissez la démarche." in bad.get_data(as_text=True)
    done = client.post(f"/reports/impact/learner/{learner.id}",
                       data={"impact-service": "practice:caf-declaration", "impact-answer": "alone"})
    assert done.status_code == 303
    client.post(f"/reports/impact/learner/{learner.id}",
                data={"impact-service": "practice:caf-declaration", "impact-answer": "with-help"})
    with app.app_context():
        answers = list(ImpactAnswer.select())
        assert [(a.answer, a.via, a.learner_id, a.structure_id) for a in answers] == [
            ("with-help", "helper", learner.id, world["structure_a"].id)]  # replaced, not added
    # Someone of another structure cannot record it.
    assert login("pro_b").post(f"/reports/impact/learner/{learner.id}",
                               data={"impact-service": "practice:caf-declaration", "impact-answer": "alone"}).status_code == 404


def test_erasure_keeps_the_answer_as_an_anonymous_figure(app, world):
    from bonsclics import personal_data
    from bonsclics.models.learners import Learner
    from bonsclics.models.reports import ImpactAnswer

    with app.test_request_context():
        learner = Learner.create(structure=world["structure_a"], pseudonym="Awa", consent_at=NOW)
        ImpactAnswer.create(learner=learner, structure=world["structure_a"], service="practice:caf-declaration",
                            answer="alone", via="helper")
        assert personal_data.export_learner(learner)["impactanswer"][0]["answer"] == "alone"
        personal_data.erase_learner(learner)
        answer = ImpactAnswer.get()
        assert answer.learner_id is None and answer.resume_code_id is None and answer.answer == "alone"


def test_print_page_is_one_a4_page(app, login, dataset):
    response = login("manager").get(f"/reports/structure/{dataset['structure_a'].id}/print",
                                    query_string={"start": "2022-01-01", "end": "2026-06-14", "text": "Merci à nos bénévoles."})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'class="report-print"' in html and "Merci à nos bénévoles." in html
    assert "Chiffres clés" in html and '<svg class="chart"' in html
    # Over four years and a half the evolution is given by year, so the page keeps its length.
    evolution = html[html.index('id="t-evolution"'):]
    assert len(re.findall(r"<tr><th scope=\"row\">", evolution[:evolution.index("</table>")])) <= 12
    css = open("static/app.css", encoding="utf-8").read()
    rules = css[css.index("/* Reports */"):]
    assert "@page" in rules and "size: A4" in rules and ".report-print" in rules
