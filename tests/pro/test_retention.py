"""Retention and personal data of the pro space; the demo data."""
import datetime

from bonsclics.models.accounts import LoginSession, Membership, User
from bonsclics.models.learners import Learner, ResumeCode
from bonsclics.models.pro import (
    Activity, Assignment, GroupMember, Invitation, LearnerGroup, LiveSession, TrainingCompletion, VolunteerCandidate,
)
from bonsclics.models.system import AuditLog


def _purge(app, now):
    from bonsclics.pro.retention import purge

    with app.app_context():
        return purge(now, app.config)


def test_inactive_learner_records_are_erased(app, people):
    days = app.config["RETENTION_INACTIVE_LEARNER_DAYS"]
    now = datetime.datetime.utcnow()
    old = now - datetime.timedelta(days=days + 1)
    Learner.update(last_activity_at=old).execute()
    # Bruno's code was used recently: his record stays.
    ResumeCode.create(code="AAAA2222", learner=people["b"], last_seen_at=now)
    Assignment.create(learner=people["a"], kind="lesson", item_id="start-mouse")
    counts = _purge(app, now)
    assert counts["pro-inactive-learners-erased"] == 1
    assert Learner.get_or_none(Learner.id == people["a"].id) is None
    assert Learner.get_or_none(Learner.id == people["b"].id) is not None
    assert GroupMember.select().count() == 0 and Assignment.select().count() == 0
    assert _purge(app, now)["pro-inactive-learners-erased"] == 0


def test_inactive_helpers_are_deactivated_and_anonymised(app, world):
    days = app.config["RETENTION_INACTIVE_HELPER_DAYS"]
    now = datetime.datetime.utcnow()
    volunteer = world["volunteer"]
    User.update(last_login_at=now - datetime.timedelta(days=days + 1)).where(User.id == volunteer.id).execute()
    User.update(last_login_at=now).where(User.id != volunteer.id).execute()
    LoginSession.open(volunteer)
    TrainingCompletion.create(user=volunteer, lesson_id="helpers-role")
    counts = _purge(app, now)
    assert counts["pro-inactive-helpers-anonymised"] == 1
    user = User.get_by_id(volunteer.id)
    assert not user.is_active and user.name == "" and "volunteer" not in user.email
    assert not Membership.select().where(Membership.user == user).exists()
    assert not LoginSession.select().where(LoginSession.user == user).exists()
    assert not TrainingCompletion.select().exists()
    assert AuditLog.select().where(AuditLog.action == "account-anonymised").count() == 1
    assert _purge(app, now)["pro-inactive-helpers-anonymised"] == 0
    assert User.get_by_id(world["admin"].id).is_active


def test_short_lived_rows_are_purged(app, world):
    now = datetime.datetime.utcnow()
    structure = world["structure_a"]
    Invitation.create(structure=structure, email="a@x.test", role="pro", token_hash="a" * 64, expires_at=now - datetime.timedelta(days=1))
    Invitation.create(structure=structure, email="b@x.test", role="pro", token_hash="b" * 64, expires_at=now + datetime.timedelta(days=1))
    LiveSession.create(structure=structure, join_code="1234", expires_at=now - datetime.timedelta(days=2))
    LiveSession.create(structure=structure, join_code="4321", expires_at=now + datetime.timedelta(hours=2))
    old = now - datetime.timedelta(days=app.config["RETENTION_INACTIVE_HELPER_DAYS"] + 1)
    VolunteerCandidate.create(name="Old", postcode="59000", departement="59", consent_at=old, created_at=old)
    counts = _purge(app, now)
    assert counts["pro-invitations"] == 1 and Invitation.get().email == "b@x.test"
    assert counts["pro-live-sessions"] == 1 and LiveSession.get().join_code == "4321"
    assert counts["pro-volunteer-candidates"] == 1


def test_the_purge_command_runs_the_pro_rules(runner, world):
    result = runner.invoke(args=["purge"])
    assert result.exit_code == 0 and "pro-inactive-learners-erased" in result.output


def test_demo_seed_is_idempotent(app):
    from bonsclics.demo import seed

    with app.app_context():
        seed("cheval agrafe pile correcte")
        counts = (LearnerGroup.select().count(), Learner.select().count(), Activity.select().count())
        seed("cheval agrafe pile correcte")
        assert (LearnerGroup.select().count(), Learner.select().count(), Activity.select().count()) == counts
    assert counts[0] >= 1 and counts[1] >= 3 and counts[2] >= 3
    assert all(learner.consent_at for learner in Learner.select())
