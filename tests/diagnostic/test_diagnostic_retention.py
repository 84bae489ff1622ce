"""Anonymous diagnostics are kept only in aggregate after the retention period; access and erasure."""
import datetime

from diagnostic_support import start, walk

from bonsclics import personal_data
from bonsclics.diagnostic import retention
from bonsclics.maintenance import purge
from bonsclics.models.diagnostic import DiagnosticMonthlyCount, DiagnosticResult, latest_level
from bonsclics.models.learners import Learner, ResumeCode

DAY = datetime.timedelta(days=1)


def _finish(app, count=1):
    """Finish `count` diagnostics on fresh browsers; returns their result ids."""
    for _ in range(count):
        client = app.test_client()
        start(client)
        walk(client)
    with app.app_context():
        return [r.id for r in DiagnosticResult.select().order_by(DiagnosticResult.id)]


def _age(app, result_id, days):
    """Make a result (and its code) look `days` old."""
    with app.app_context():
        old = datetime.datetime.utcnow() - days * DAY
        DiagnosticResult.update(updated_at=old, finished_at=old).where(DiagnosticResult.id == result_id).execute()


def _figures():
    return sorted((c.profile, c.completed, c.sum_device) for c in DiagnosticMonthlyCount.select())


def test_purge_deletes_old_anonymous_diagnostics_and_keeps_the_figures(app, world):
    old, recent, attached, code_linked = _finish(app, 4)
    for result_id in (old, attached, code_linked):
        _age(app, result_id, 400)
    with app.app_context():
        learner = Learner.create(structure=world["structure_a"], pseudonym="Lina", consent_at=datetime.datetime(2026, 1, 1))
        DiagnosticResult.update(learner=learner).where(DiagnosticResult.id == attached).execute()
        linked = DiagnosticResult.get_by_id(code_linked).resume_code
        ResumeCode.update(learner=learner).where(ResumeCode.id == linked.id).execute()
        unfinished = DiagnosticResult.create(resume_code=ResumeCode.issue(), bank_version=1,
                                             updated_at=datetime.datetime.utcnow() - 400 * DAY)
        figures = _figures()
        assert sum(c for _p, c, _s in figures) == 4
        counts = retention.purge(datetime.datetime.utcnow(), app.config)
        assert counts == {"anonymous-diagnostics": 2}
        left = {r.id for r in DiagnosticResult.select()}
        assert left == {recent, attached, code_linked} and unfinished.id not in left
        assert _figures() == figures  # the monthly figures stay


def test_the_retention_period_comes_from_the_configuration(app):
    (result_id,) = _finish(app)
    _age(app, result_id, 40)
    with app.app_context():
        assert retention.purge(datetime.datetime.utcnow(), app.config) == {"anonymous-diagnostics": 0}
        app.config["RETENTION_ANONYMOUS_DIAGNOSTIC_DAYS"] = 30
        assert retention.purge(datetime.datetime.utcnow(), app.config) == {"anonymous-diagnostics": 1}


def test_the_central_purge_command_runs_the_diagnostic_purge(app, runner):
    (result_id,) = _finish(app)
    _age(app, result_id, 400)
    output = runner.invoke(args=["purge"]).output
    assert "anonymous-diagnostics: 1" in output
    with app.app_context():
        assert DiagnosticResult.select().count() == 0 and DiagnosticMonthlyCount.get().completed == 1
        assert purge()["anonymous-diagnostics"] == 0  # safe to run again


def test_the_person_exports_and_erases_their_diagnostics_with_their_code(app, client):
    start(client)
    walk(client)
    exported = client.get("/code/data.json").json
    assert exported["diagnosticresult"][0]["profile"] == "nudge"
    client.post("/code/erase", data={"confirm": "yes"})
    with app.app_context():
        assert DiagnosticResult.select().count() == 0
        assert DiagnosticMonthlyCount.get().completed == 1


def test_erasing_a_learner_erases_their_diagnostics(app, world):
    (result_id,) = _finish(app)
    with app.test_request_context():
        learner = Learner.create(structure=world["structure_a"], pseudonym="Lina", consent_at=datetime.datetime(2026, 1, 1))
        DiagnosticResult.update(learner=learner).where(DiagnosticResult.id == result_id).execute()
        assert len(personal_data.export_learner(learner)["diagnosticresult"]) == 1
        personal_data.erase_learner(learner)
        assert DiagnosticResult.select().count() == 0


def test_the_agenda_hook_gives_the_latest_profile(app, client):
    start(client)
    walk(client, self_answer="dont-know")
    with app.app_context():
        code = ResumeCode.get()
        assert latest_level(code) == "assistance"
        assert latest_level(None) is None


def test_demo_diagnostics_are_idempotent(app):
    from bonsclics.demo import seed

    with app.app_context():
        seed("cheval agrafe pile correcte")
        first = (DiagnosticResult.select().count(), _figures())
        seed("cheval agrafe pile correcte")
        assert (DiagnosticResult.select().count(), _figures()) == first
        assert first[0] >= 5
        learner = Learner.get(Learner.pseudonym == "Awa (démo)")
        assert DiagnosticResult.select().where(DiagnosticResult.learner == learner).count() == 2
        assert {r.profile for r in DiagnosticResult.select()} == {"assistance", "mediation", "nudge"}
