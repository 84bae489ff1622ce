"""The professional space's rules, shared by its views and by other areas.

`assignments_for_code(resume_code)` is what the learning area's "My path"
reads to show what helpers gave a person to do.
"""
import datetime
import importlib
import importlib.util
import secrets

from peewee import JOIN

from .. import content
from ..db import utcnow
from ..models.accounts import Structure
from ..models.learners import Learner
from ..models.pro import Assignment, GroupMember, LearnerGroup, LiveSession

LIVE_SESSION_HOURS = 4
INVITATION_DAYS = 7


# --- Who sees what ------------------------------------------------------------------------

def managed_structures(user):
    """Structures `user` may manage: all (admin), their network's (coordinator), theirs as manager."""
    if user.is_admin:
        return list(Structure.select().order_by(Structure.name))
    ids = set(user.structure_ids(("manager",)))
    query = Structure.select().order_by(Structure.name)
    if user.is_coordinator and user.network_id:
        return list(query.where((Structure.network == user.network_id) | (Structure.id.in_(list(ids)))))
    return list(query.where(Structure.id.in_(list(ids)))) if ids else []


def member_structures(user):
    """Structures where `user` is a member (any role): the only ones whose learners they see."""
    return [m.structure for m in user.memberships_list()]


def learner_for(user, learner_id):
    """The learner with this id if `user` works in its structure, else None.

    Learner records are seen only by the members of the structure that holds
    the person's consent: not by coordinators or admins of the platform.
    """
    ids = user.structure_ids()
    if not ids:
        return None
    return Learner.get_or_none((Learner.id == learner_id) & (Learner.structure.in_(ids)))


def group_for(user, group_id):
    """The group with this id if `user` works in its structure, else None."""
    ids = user.structure_ids()
    if not ids:
        return None
    return LearnerGroup.get_or_none((LearnerGroup.id == group_id) & (LearnerGroup.structure.in_(ids)))


def live_session_for(user, session_id):
    """A live session `user` may run: one of a structure they work in."""
    ids = user.structure_ids()
    if not ids:
        return None
    return LiveSession.get_or_none((LiveSession.id == session_id) & (LiveSession.structure.in_(ids)))


# --- Catalogues ---------------------------------------------------------------------------

def lesson_choices():
    """(id, title) of every learner lesson, in catalogue order."""
    from ..learning import catalogue

    return [(lesson["id"], lesson["title"]) for lesson in catalogue.learner_lessons()]


def practice_choices():
    """(id, title) of every practice path."""
    from ..practice import catalogue

    return [(path["id"], path["title"]) for path in catalogue.all_paths().values()]


def item_title(kind, item_id):
    """The content title of a lesson or practice path (a text mapping), or the id when unknown."""
    from ..learning import catalogue as lessons
    from ..practice import catalogue as paths

    found = lessons.lesson(item_id) if kind == "lesson" else paths.path(item_id) if kind == "practice" else None
    return found["title"] if found else item_id


def item_choices():
    """Every lesson then every practice path as ("lesson:id", title) pairs."""
    return [(f"lesson:{i}", t) for i, t in lesson_choices()] + [(f"practice:{i}", t) for i, t in practice_choices()]


def split_item(value):
    """("lesson", id) from "lesson:id", or None when the item is unknown."""
    kind, _, item_id = (value or "").partition(":")
    known = {f"lesson:{i}" for i, _t in lesson_choices()} | {f"practice:{i}" for i, _t in practice_choices()}
    return (kind, item_id) if value in known else None


def activity_themes():
    """The shared vocabulary of themes: the five competences, then the diagnostic's needs."""
    themes = [(c["id"], c["title"]) for c in content.competences()]
    questions = content.load_yaml("diagnostic/questions.yaml")
    needs = next((q for q in questions.get("situation", []) if q["id"] == "needs"), {"options": []})
    seen = {theme_id for theme_id, _ in themes}
    for option in needs["options"]:
        if option["id"] not in seen:
            themes.append((option["id"], option["label"]))
    return themes


# --- Assignments ----------------------------------------------------------------------------

def learner_group_ids(learner):
    """Ids of the groups a learner belongs to."""
    return [m.group_id for m in GroupMember.select(GroupMember.group).where(GroupMember.learner == learner)]


def assignments_for_learner(learner):
    """What was given to a learner, directly or through their groups, newest first, without repeats.

    A list of dicts: kind, item_id, title (a content text), at, group (name or None).
    """
    groups = learner_group_ids(learner)
    condition = Assignment.learner == learner
    if groups:
        condition |= Assignment.group.in_(groups)
    rows = (Assignment.select(Assignment, LearnerGroup).join(LearnerGroup, on=(Assignment.group == LearnerGroup.id),
                                                            join_type=JOIN.LEFT_OUTER)
            .where(condition).order_by(Assignment.at.desc(), Assignment.id.desc()))
    found, seen = [], set()
    for row in rows:
        key = (row.kind, row.item_id)
        if key in seen:
            continue
        seen.add(key)
        found.append({"id": row.id, "kind": row.kind, "item_id": row.item_id, "title": item_title(row.kind, row.item_id),
                      "at": row.at, "group": row.group.name if row.group_id else None})
    return found


def assignments_for_code(resume_code):
    """What helpers gave the person holding `resume_code` (empty while the code is not linked to a record)."""
    if resume_code is None or resume_code.learner_id is None:
        return []
    learner = Learner.get_or_none(Learner.id == resume_code.learner_id)
    return assignments_for_learner(learner) if learner else []


# --- Progress from the other areas --------------------------------------------------------

def _area_progress(area, learner):
    """Rows of `<area>.logic.progress_for_learner(learner)` when that area provides it, else None."""
    name = f"bonsclics.{area}.logic"
    if importlib.util.find_spec(name) is None:
        return None
    function = getattr(importlib.import_module(name), "progress_for_learner", None)
    return function(learner) if function else None


def progress_status(learner):
    """{(kind, item id): "done" | "in-progress"} from the learning and practice areas, when they exist."""
    status = {}
    for row in _area_progress("learning", learner) or []:
        lesson = row.get("lesson") or {}
        status[("lesson", lesson.get("id"))] = "done" if row.get("status") == "done" else "in-progress"
    for row in _area_progress("practice", learner) or []:
        status[("practice", row.get("path_id"))] = "done" if row.get("completed_at") else "in-progress"
    return status


def most_failed_lessons(learners, limit=5):
    """Lessons with the most wrong answers among `learners` (when the learning area counts them).

    Returns (rows, available): rows are dicts lesson, attempts, failures; `available`
    is False when the learning area gives no counts yet.
    """
    totals = {}
    available = False
    for learner in learners:
        rows = _area_progress("learning", learner)
        if rows is None:
            continue
        available = True
        for row in rows:
            lesson = row.get("lesson") or {}
            entry = totals.setdefault(lesson.get("id"), {"lesson": lesson, "attempts": 0, "failures": 0})
            entry["attempts"] += row.get("attempts", 0)
            entry["failures"] += row.get("failures", 0)
    ranked = sorted((e for e in totals.values() if e["failures"]), key=lambda e: (-e["failures"], -e["attempts"]))
    return ranked[:limit], available


# --- Live workshops -------------------------------------------------------------------------

def open_sessions():
    """Live sessions still open now."""
    now = utcnow()
    return LiveSession.select().where(LiveSession.closed_at.is_null(), LiveSession.expires_at > now)


def new_join_code():
    """A 4-digit code no open session uses (call inside a write transaction)."""
    taken = {s.join_code for s in open_sessions().select(LiveSession.join_code)}
    if len(taken) >= 9000:
        raise RuntimeError("no free join code")
    while True:
        code = f"{secrets.randbelow(9000) + 1000}"
        if code not in taken:
            return code


def session_for_code(code):
    """The open session with this join code, or None."""
    code = (code or "").strip()
    if not (len(code) == 4 and code.isdecimal()):
        return None
    code = f"{int(code):04d}"  # digits typed on an Arabic or Persian keyboard are the same code
    return open_sessions().where(LiveSession.join_code == code).first()


def live_expiry(now=None):
    """When a session opened now stops accepting learners."""
    return (now or utcnow()) + datetime.timedelta(hours=LIVE_SESSION_HOURS)


def invitation_expiry(now=None):
    """When an invitation sent now stops working."""
    return (now or utcnow()) + datetime.timedelta(days=INVITATION_DAYS)


# --- Helpers' training and volunteers --------------------------------------------------

def training_lessons():
    """The lessons of the helpers' training path, in order."""
    from ..learning import catalogue

    return catalogue.lessons_of_theme(catalogue.HELPER_THEME)


def candidate_departements(user):
    """Départements whose volunteer candidates `user` sees: None for all (admin), else a set."""
    if user.is_admin:
        return None
    codes = set()
    if user.is_coordinator and user.network:
        codes.update(user.network.departement_list)
    codes.update(s.departement for s in managed_structures(user) if s.departement)
    return codes


def candidates_for(user):
    """Volunteer candidates of `user`'s area (coordinators: their network; managers: their structures)."""
    from ..models.pro import VolunteerCandidate

    query = VolunteerCandidate.select().order_by(VolunteerCandidate.created_at.desc())
    codes = candidate_departements(user)
    if codes is None:
        return query
    return query.where(VolunteerCandidate.departement.in_(sorted(codes) or [""]))
