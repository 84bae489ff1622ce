"""Demo figures for the reports: enough help given, diagnostics and impact answers to pass the small-count rule.

Spread over the last six months in the demo structures, so a coordinator sees
bars and lines rather than "< 5" everywhere. Idempotent: nothing is added
once the demo network has impact answers.
"""
import datetime
import random

from ..db import utcnow, write_transaction
from ..models.base import join_values
from ..models.diagnostic import DiagnosticResult, count_finished
from ..models.learners import ResumeCode
from ..models.pro import Activity, ActivityTheme
from ..models.reports import ImpactAnswer

THEMES = (["services", "caf"], ["device"], ["email"], ["security"], ["internet", "health"], ["services", "taxes"])
SERVICES = ("practice:caf-declaration", "practice:ameli-attestation", "practice:franceconnect", "practice:impots-declaration")


def seed(context):
    """Add about 120 help records, 24 diagnostics and 36 impact answers to the demo structures."""
    structures = context["structures"]
    if ImpactAnswer.select().where(ImpactAnswer.structure.in_([s.id for s in structures])).exists():
        return
    rng = random.Random(2026)
    now = utcnow()
    recorder = context["accounts"].get("pro@demo.test")
    with write_transaction():
        for number in range(120):
            structure = structures[number % 3]
            date = (now - datetime.timedelta(days=rng.randrange(1, 180))).date()
            themes = rng.choice(THEMES)
            activity = Activity.create(structure=structure, recorded_by=recorder, date=date,
                                       duration_minutes=rng.choice((15, 30, 45, 60)), mode="individual",
                                       place_type="onsite", themes=join_values(themes),
                                       autonomy=rng.choice(("for", "with", "with", "alone")), sent_to="none")
            for theme in themes:
                ActivityTheme.create(activity=activity, theme=theme, structure=structure, date=date)
        for number in range(24):
            structure = structures[number % 2]
            finished = now - datetime.timedelta(days=rng.randrange(1, 180))
            levels = [rng.randrange(4) for _ in range(5)]
            result = DiagnosticResult.create(
                resume_code=ResumeCode.issue(), structure=structure, bank_version=1, assisted=True,
                started_at=finished, updated_at=finished, finished_at=finished,
                profile=("assistance", "mediation", "nudge")[min(2, sum(levels) // 5)],
                level_device=levels[0], level_internet=levels[1], level_email=levels[2], level_security=levels[3],
                level_services=levels[4], departement=structure.departement)
            count_finished(result)
        for number in range(36):
            structure = structures[number % 3]
            ImpactAnswer.create(structure=structure, departement=structure.departement, service=SERVICES[number % 4],
                                answer=rng.choice(("alone", "with-help", "with-help", "not-yet")), via="learner",
                                answered_at=now - datetime.timedelta(days=rng.randrange(1, 180)))
