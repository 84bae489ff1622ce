"""Demo diagnostics: a few people of each profile, and one learner followed over three months.

Idempotent: each demo diagnostic belongs to a fixed resume code, and is
created only when that code has none.
"""
import datetime

from ..db import utcnow
from ..models.diagnostic import DiagnosticResult
from ..models.learners import Learner, ResumeCode
from . import logic
from .bank import load_bank
from .progress import complete

# (code, days ago, situation, highest difficulty passed per competence, self answer, département, assisted)
PEOPLE = [
    ("DEM2AAAA", 40, {"equipment": ["smartphone"], "needs": ["family", "health"], "autonomy": "done-for-me"},
     {"device": 1, "internet": 0, "email": 0, "security": 1, "services": 0}, "no", "59", True),
    ("DEM2CCCC", 25, {"equipment": ["smartphone"], "needs": ["caf", "housing"], "autonomy": "with-help"},
     {"device": 3, "internet": 2, "email": 1, "security": 1, "services": 1}, "with-help", "62", False),
    ("DEM2DDDD", 12, {"equipment": ["smartphone", "computer"], "needs": ["jobs", "taxes"], "autonomy": "alone"},
     {"device": 3, "internet": 3, "email": 3, "security": 2, "services": 3}, "alone", "80", False),
    ("DEM2EEEE", 5, {"equipment": ["tablet"], "needs": ["identity", "school"], "autonomy": "with-help"},
     {"device": 2, "internet": 2, "email": 2, "security": 0, "services": 1}, "with-help", "59", False),
]
LEARNER = "Awa (démo)"
LEARNER_CODES = [  # the same person, three months apart: progress side by side
    ("DEM2FFFF", 95, {"device": 1, "internet": 0, "email": 0, "security": 0, "services": 0}, "no"),
    ("DEM2GGGG", 7, {"device": 3, "internet": 2, "email": 1, "security": 2, "services": 1}, "with-help"),
]


def _respond(situation, ability, self_answer):
    """A scripted person: given situation answers, passes every task up to their ability."""

    def respond(screen):
        question = screen.question
        if screen.part == "situation":
            if screen.id in situation:
                return situation[screen.id], None, False
            first = question["options"][0]["id"]
            return ([first] if question["kind"] == "choose-many" else first), None, False
        if screen.part == "self":
            return self_answer, None, False
        return "", question["difficulty"] <= ability[question["competence"]], False

    return respond


def _diagnose(code, days_ago, situation, ability, self_answer, departement="", assisted=False, **links):
    """One finished demo diagnostic for `code`, unless the code already has one."""
    resume_code, _ = ResumeCode.get_or_create(code=code)
    if DiagnosticResult.select().where(DiagnosticResult.resume_code == resume_code).exists():
        return None
    bank = load_bank()
    answers_situation, answers = logic.play(bank, _respond(situation, ability, self_answer), variant=len(code))
    when = utcnow() - datetime.timedelta(days=days_ago)
    result = DiagnosticResult.create(
        resume_code=resume_code, bank_version=bank.version, variant=len(code), assisted=assisted,
        departement=departement, started_at=when - datetime.timedelta(minutes=9), **links,
    )
    complete(result, answers_situation, answers, finished_at=when)
    return result


def seed(context):
    """Add the demo diagnostics to the demo network (called by `flask --app app seed-demo`)."""
    structure = context["structures"][0]
    helper = context["accounts"].get("pro@demo.test")
    for code, days, situation, ability, self_answer, departement, assisted in PEOPLE:
        _diagnose(code, days, situation, ability, self_answer, departement, assisted)
    learner = Learner.get_or_none(Learner.structure == structure, Learner.pseudonym == LEARNER)
    if learner is None:
        learner = Learner.create(structure=structure, pseudonym=LEARNER, consent_at=utcnow() - datetime.timedelta(days=95),
                                 consent_by=helper, consent_how="in-person")
    situation = {"equipment": ["smartphone"], "needs": ["caf", "health"], "autonomy": "with-help"}
    for code, days, ability, self_answer in LEARNER_CODES:
        _diagnose(code, days, situation, ability, self_answer, structure.departement, True,
                  learner=learner, structure=structure, helper=helper, attached_by=helper,
                  attached_at=utcnow() - datetime.timedelta(days=days))
