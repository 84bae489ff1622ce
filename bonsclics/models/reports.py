"""The impact question: after practising an online service, did the person then do it for real?

One answer per person and service. It is asked to the person on their next
visit (with their resume code) or recorded by a helper from a learner record.
`structure` is kept (the helper's or the learner's structure) so reports can
count answers per structure; when the person's data is erased the answer stays
as an anonymous figure (its links to the code and the record are emptied).
"""
from peewee import CharField, DateTimeField, ForeignKeyField

from ..db import utcnow
from .accounts import Structure, User
from .base import BaseModel
from .learners import Learner, ResumeCode

IMPACT_ALONE = "alone"
IMPACT_WITH_HELP = "with-help"
IMPACT_NOT_YET = "not-yet"
IMPACT_ANSWERS = (IMPACT_ALONE, IMPACT_WITH_HELP, IMPACT_NOT_YET)
IMPACT_VIA = ("learner", "helper")


class ImpactAnswer(BaseModel):
    """"Have you done it for real since?" for one service ("practice:caf-declaration", "lesson:...")."""

    resume_code = ForeignKeyField(ResumeCode, null=True, backref="impact_answers", on_delete="SET NULL")
    learner = ForeignKeyField(Learner, null=True, backref="impact_answers", on_delete="SET NULL")
    structure = ForeignKeyField(Structure, null=True, backref="+", on_delete="SET NULL")
    departement = CharField(default="", max_length=3)  # where an answer without a structure counts
    service = CharField(max_length=80)
    answer = CharField(max_length=16)  # IMPACT_ANSWERS
    via = CharField(max_length=16, default="learner")  # IMPACT_VIA
    recorded_by = ForeignKeyField(User, null=True, backref="+", on_delete="SET NULL")
    answered_at = DateTimeField(default=utcnow, index=True)

    class Meta:
        indexes = ((("structure", "answered_at"), False), (("service", "answered_at"), False))


MODELS = [ImpactAnswer]
