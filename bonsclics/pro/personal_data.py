"""The pro space's rows about a learner, for the rights of access and erasure."""
from ..models.pro import Assignment, GroupMember


def export_learner(learner):
    """The learner's group memberships and what was given to them."""
    from ..personal_data import row

    return {
        "groupmember": [row(m) for m in GroupMember.select().where(GroupMember.learner == learner)],
        "assignment": [row(a) for a in Assignment.select().where(Assignment.learner == learner)],
    }


def erase_learner(learner):
    """Remove the learner from groups and delete what was given to them."""
    GroupMember.delete().where(GroupMember.learner == learner).execute()
    Assignment.delete().where(Assignment.learner == learner).execute()


def export_code(resume_code):
    """Nothing here follows a resume code alone."""
    return {}


def erase_code(resume_code):
    """Nothing here follows a resume code alone."""
