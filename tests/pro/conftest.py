"""Fixtures of the pro space: learners and groups in structures A and B."""
import pytest

@pytest.fixture
def people(app, world):
    """A learner in structure A (with a group) and one in structure B."""
    from bonsclics.db import utcnow
    from bonsclics.models.learners import Learner
    from bonsclics.models.pro import GroupMember, LearnerGroup

    now = utcnow()
    a = Learner.create(structure=world["structure_a"], pseudonym="Awa", consent_at=now, consent_by=world["pro"])
    b = Learner.create(structure=world["structure_b"], pseudonym="Bruno", consent_at=now, consent_by=world["pro_b"])
    group = LearnerGroup.create(structure=world["structure_a"], name="Atelier du mardi")
    GroupMember.create(group=group, learner=a)
    group_b = LearnerGroup.create(structure=world["structure_b"], name="Groupe B")
    return {"a": a, "b": b, "group": group, "group_b": group_b}

