"""Demo data of the pro space: a group, learners who gave their consent, activity, a volunteer need."""
import datetime

from ..db import utcnow
from ..models.base import join_values
from ..models.learners import Learner, LearnerNote
from ..models.pro import Activity, ActivityTheme, Assignment, GroupMember, LearnerGroup, VolunteerNeed

LEARNERS = ("Fatima", "Jean-Pierre", "Mina", "Rosa")
# (days ago, minutes, mode, place, themes, autonomy, sent to)
ACTIVITIES = [
    (0, 20, "individual", "onsite", ["caf", "services"], "with", "none"),
    (1, 45, "group", "onsite", ["device"], "alone", "workshop"),
    (2, 15, "individual", "remote", ["email"], "with", "none"),
    (3, 30, "individual", "onsite", ["health", "services"], "for", "public-service"),
    (6, 60, "group", "onsite", ["security"], "with", "workshop"),
]


def seed(context):
    """Create (or find) the pro space's demo rows in the first demo structure (idempotent)."""
    structure = context["structures"][0]
    pro = context["accounts"].get("pro@demo.test")
    manager = context["accounts"].get("manager@demo.test")
    now = utcnow()
    group, _ = LearnerGroup.get_or_create(structure=structure, name="Atelier du mardi",
                                          defaults={"created_by": manager})
    for name in LEARNERS:
        learner = Learner.get_or_none(Learner.structure == structure, Learner.pseudonym == name)
        if learner is None:
            learner = Learner.create(structure=structure, pseudonym=name, consent_at=now, consent_by=pro,
                                     consent_how="in-person", created_at=now, last_activity_at=now)
            LearnerNote.create(learner=learner, author=pro, text="Première rencontre : souhaite apprendre à utiliser son téléphone.")
        GroupMember.get_or_create(group=group, learner=learner)
    Assignment.get_or_create(group=group, kind="lesson", item_id="start-smartphone", defaults={"assigned_by": pro})
    Assignment.get_or_create(group=group, kind="practice", item_id="caf-declaration", defaults={"assigned_by": pro})
    if not Activity.select().where(Activity.structure == structure).exists():
        today = now.date()
        for days, minutes, mode, place, themes, autonomy, sent_to in ACTIVITIES:
            date = today - datetime.timedelta(days=days)
            activity = Activity.create(structure=structure, recorded_by=pro, date=date, duration_minutes=minutes,
                                       mode=mode, place_type=place, themes=join_values(themes), autonomy=autonomy,
                                       sent_to=sent_to)
            for theme in themes:
                ActivityTheme.create(activity=activity, theme=theme, structure=structure, date=date)
    VolunteerNeed.get_or_create(
        structure=structure, title="Bénévoles pour l'atelier smartphone du mardi matin",
        defaults={"description": "Aider 6 personnes à prendre en main leur téléphone, avec une médiatrice. "
                                 "Pas besoin d'être expert : de la patience suffit.",
                  "departement": structure.departement, "created_by": manager})
