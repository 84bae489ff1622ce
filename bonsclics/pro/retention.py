"""What the pro space keeps, and for how long: inactive learner records, inactive helper accounts,
used or expired invitations, finished live workshops, old volunteer offers."""
import datetime

from ..db import write_transaction
from ..models.accounts import ROLE_ADMIN, LoginSession, Membership, RecoveryCode, User
from ..models.learners import Learner, ResumeCode
from ..models.pro import Invitation, LiveSession, TrainingCompletion, VolunteerCandidate
from ..security import audit

ANONYMISED_DOMAIN = "anonymised.invalid"


def purge(now, config):
    """Erase or anonymise what is past its retention period; returns {label: count}."""
    from ..personal_data import erase_learner

    learner_cutoff = now - datetime.timedelta(days=config["RETENTION_INACTIVE_LEARNER_DAYS"])
    helper_cutoff = now - datetime.timedelta(days=config["RETENTION_INACTIVE_HELPER_DAYS"])
    counts = {}

    recently_seen = ResumeCode.select(ResumeCode.learner).where(
        ResumeCode.learner.is_null(False), ResumeCode.last_seen_at >= learner_cutoff)
    inactive = Learner.select().where(Learner.last_activity_at < learner_cutoff, Learner.id.not_in(recently_seen))
    counts["pro-inactive-learners-erased"] = 0
    for learner in list(inactive):
        erase_learner(learner)
        counts["pro-inactive-learners-erased"] += 1

    counts["pro-inactive-helpers-anonymised"] = 0
    idle_helpers = User.select().where(
        User.role != ROLE_ADMIN, ~User.email.endswith("@" + ANONYMISED_DOMAIN),
        (User.last_login_at < helper_cutoff) | (User.last_login_at.is_null() & (User.created_at < helper_cutoff)))
    for user in list(idle_helpers):
        anonymise_helper(user)
        counts["pro-inactive-helpers-anonymised"] += 1

    counts["pro-invitations"] = Invitation.delete().where(
        (Invitation.expires_at < now) | Invitation.used_at.is_null(False)).execute()
    finished = now - datetime.timedelta(days=1)
    counts["pro-live-sessions"] = LiveSession.delete().where(
        (LiveSession.expires_at < finished) | (LiveSession.closed_at < finished)).execute()
    counts["pro-volunteer-candidates"] = VolunteerCandidate.delete().where(
        VolunteerCandidate.created_at < helper_cutoff).execute()
    return counts


def anonymise_helper(user):
    """Deactivate a helper account and remove what identifies it; what it recorded stays, unsigned."""
    with write_transaction():
        LoginSession.end_all(user)
        Membership.delete().where(Membership.user == user).execute()
        TrainingCompletion.delete().where(TrainingCompletion.user == user).execute()
        RecoveryCode.delete().where(RecoveryCode.user == user).execute()
        User.update(email=f"account-{user.id}@{ANONYMISED_DOMAIN}", name="", password_hash="!", is_active=False,
                    locale="", network=None, totp_secret=None, totp_last_step=None).where(User.id == user.id).execute()
        audit("account-anonymised", "user", user.id, detail="inactive", actor=None)
