"""Diagnostic results, in progress or finished, and the monthly counts that outlive them.

A result is tied to a resume code (never to a name). Columns meant for
reporting over many rows (profile, one level per competence, where and when)
are plain indexed columns; the answers themselves are JSON text, read only
to show one result. With the person's consent a helper attaches a result to
a learner record; anonymous results are deleted after the retention period,
their figures staying in DiagnosticMonthlyCount.
"""
import json

from peewee import (
    BooleanField,
    CharField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    SmallIntegerField,
    TextField,
)

from ..db import utcnow
from ..diagnostic.logic import COMPETENCES
from .accounts import Structure, User
from .base import BaseModel
from .learners import Learner, ResumeCode

LEVEL_FIELDS = {competence: f"level_{competence}" for competence in COMPETENCES}


class DiagnosticResult(BaseModel):
    """One diagnostic: in progress while `finished_at` is empty."""

    resume_code = ForeignKeyField(ResumeCode, backref="diagnostics", on_delete="CASCADE")
    learner = ForeignKeyField(Learner, null=True, backref="diagnostics", on_delete="SET NULL")
    structure = ForeignKeyField(Structure, null=True, backref="diagnostics", on_delete="SET NULL")
    helper = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")  # the helper of assisted mode
    assisted = BooleanField(default=False)  # taken with someone helping (signed-in helper or not)
    bank_version = IntegerField()
    variant = SmallIntegerField(default=0)  # which of the equivalent items are asked
    locale = CharField(default="fr", max_length=8)
    started_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow, index=True)  # retention counts from here
    finished_at = DateTimeField(null=True, index=True)
    profile = CharField(default="", max_length=16)
    level_device = SmallIntegerField(null=True)
    level_internet = SmallIntegerField(null=True)
    level_email = SmallIntegerField(null=True)
    level_security = SmallIntegerField(null=True)
    level_services = SmallIntegerField(null=True)
    needs = CharField(default="", max_length=200)  # pipe-separated, copied from the situation for reports
    departement = CharField(default="", max_length=3)
    postcode = CharField(default="", max_length=5)
    situation = TextField(default="{}")  # JSON: situation question id -> option id(s)
    answers = TextField(default="[]")  # JSON: scored answers, in the order given
    helper_notes = TextField(default="")
    attached_at = DateTimeField(null=True)
    attached_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")

    class Meta:
        indexes = (
            (("resume_code", "finished_at"), False),
            (("learner", "finished_at"), False),
            (("structure", "finished_at"), False),
            (("departement", "finished_at"), False),
            (("finished_at", "profile"), False),
        )

    @property
    def is_finished(self):
        """True once the last question was answered."""
        return self.finished_at is not None

    def situation_data(self):
        """The situation answers as a dict."""
        return _loads(self.situation, {})

    def answer_list(self):
        """The scored answers as a list of dicts."""
        return _loads(self.answers, [])

    def set_progress(self, situation, answers):
        """Store new answers (JSON) and the time of this activity."""
        self.situation = json.dumps(situation, ensure_ascii=False, sort_keys=True)
        self.answers = json.dumps(answers, ensure_ascii=False)
        self.needs = "|".join(situation.get("needs") or [])[:200]
        self.updated_at = utcnow()

    @property
    def levels(self):
        """The level of each competence (None before the end)."""
        return {competence: getattr(self, name) for competence, name in LEVEL_FIELDS.items()}

    def set_levels(self, levels):
        """Copy the levels into their columns."""
        for competence, name in LEVEL_FIELDS.items():
            setattr(self, name, levels.get(competence, 0))

    @property
    def helped_count(self):
        """How many answers the helper marked "answered with help"."""
        return sum(1 for answer in self.answer_list() if answer.get("helped"))


def _loads(text, default):
    """Parse stored JSON, falling back to `default` on anything unexpected."""
    try:
        value = json.loads(text or "")
    except ValueError:
        return default
    return value if isinstance(value, type(default)) else default


class DiagnosticMonthlyCount(BaseModel):
    """Finished diagnostics per month, place and profile: the figures kept after retention.

    Incremented when a diagnostic ends; never holds anything about one person.
    `structure_id` is a plain number (0: none) so the figures outlive a structure.
    """

    month = CharField(max_length=7)  # "2026-01"
    departement = CharField(default="", max_length=3)
    structure_id = IntegerField(default=0)
    profile = CharField(max_length=16)
    assisted = BooleanField(default=False)
    completed = IntegerField(default=0)
    sum_device = IntegerField(default=0)  # sums of levels, for average levels
    sum_internet = IntegerField(default=0)
    sum_email = IntegerField(default=0)
    sum_security = IntegerField(default=0)
    sum_services = IntegerField(default=0)

    class Meta:
        indexes = ((("month", "departement", "structure_id", "profile", "assisted"), True),)


def count_finished(result):
    """Add a finished result to its month's figures (an upsert: safe with several workers)."""
    key = {
        "month": result.finished_at.strftime("%Y-%m"),
        "departement": result.departement or "",
        "structure_id": result.structure_id or 0,
        "profile": result.profile,
        "assisted": bool(result.assisted),
    }
    sums = {f"sum_{c}": int(result.levels.get(c) or 0) for c in COMPETENCES}
    model = DiagnosticMonthlyCount
    update = {model.completed: model.completed + 1}
    update.update({getattr(model, name): getattr(model, name) + value for name, value in sums.items()})
    (model.insert(completed=1, **key, **sums)
     .on_conflict(conflict_target=[model.month, model.departement, model.structure_id, model.profile, model.assisted],
                  update=update)
     .execute())


def latest_result(resume_code):
    """The latest finished diagnostic of a resume code, or None."""
    if resume_code is None:
        return None
    return (DiagnosticResult.select()
            .where(DiagnosticResult.resume_code == resume_code, DiagnosticResult.finished_at.is_null(False))
            .order_by(DiagnosticResult.finished_at.desc(), DiagnosticResult.id.desc())
            .first())


def latest_level(resume_code):
    """The profile of a code's latest diagnostic (the agenda's "suitable for me"), or None."""
    result = latest_result(resume_code)
    return result.profile if result is not None else None


def results_of_learner(learner):
    """A learner's finished diagnostics, oldest first: attached to the record or taken with a linked code."""
    codes = ResumeCode.select(ResumeCode.id).where(ResumeCode.learner == learner)
    return list(
        DiagnosticResult.select()
        .where(DiagnosticResult.finished_at.is_null(False),
               (DiagnosticResult.learner == learner) | DiagnosticResult.resume_code.in_(codes))
        .order_by(DiagnosticResult.finished_at, DiagnosticResult.id)
    )


MODELS = [DiagnosticResult, DiagnosticMonthlyCount]
