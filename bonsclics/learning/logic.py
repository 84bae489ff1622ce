"""Progress in the lessons: what a resume code has done, recording answers, theme attestations.

Progress follows the resume code (`resume.ensure()`), so it comes back on any
device where the code is typed. Nothing here knows about requests or templates.
"""
from flask_babel import lazy_gettext as _l

from ..db import utcnow, write_transaction
from ..models.learners import ResumeCode
from ..models.learning import ExerciseStat, LessonProgress
from . import catalogue

# Each theme's pictogram and name, as the catalogue and "My path" show them.
THEMES = {
    "start": {"pictogram": "phone", "title": _l("Pour commencer")},
    "internet": {"pictogram": "browser", "title": _l("Internet")},
    "email": {"pictogram": "email", "title": _l("Le mail")},
    "security": {"pictogram": "shield", "title": _l("La sécurité")},
    "helpers": {"pictogram": "together", "title": _l("Accompagner")},
}
LEVEL_LABELS = {
    "beginner": _l("Débutant"),
    "intermediate": _l("Intermédiaire"),
    "advanced": _l("Avancé"),
}
STATUS_LABELS = {
    "done": _l("Terminé"),
    "in-progress": _l("En cours"),
    "todo": _l("À faire"),
}

DONE, IN_PROGRESS, TODO = "done", "in-progress", "todo"


# --- Reading progress ------------------------------------------------------------------------

def progress_by_lesson(resume_code):
    """{lesson id: LessonProgress} of a resume code (empty without a code)."""
    if resume_code is None:
        return {}
    return {p.lesson_id: p for p in LessonProgress.select().where(LessonProgress.resume_code == resume_code)}


def status_of(progress):
    """"done", "in-progress" or "todo" for a LessonProgress or None."""
    if progress is None:
        return TODO
    return progress.status


def resume_step(lesson, progress):
    """The step to come back to in a lesson: where the person stopped, within the lesson's steps."""
    if progress is None or progress.completed_at:
        return 1
    return max(1, min(progress.current_step, catalogue.step_count(lesson)))


def lesson_rows(lessons, progresses):
    """Lessons with their progress and status, for lists and "My path"."""
    rows = []
    for lesson in lessons:
        progress = progresses.get(lesson["id"])
        rows.append({"lesson": lesson, "progress": progress, "status": status_of(progress),
                     "resume_step": resume_step(lesson, progress)})
    return rows


def theme_rows(progresses, themes=catalogue.THEMES):
    """Each learner theme with its lessons and whether all of them are done."""
    found = []
    for theme in themes:
        rows = lesson_rows(catalogue.lessons_of_theme(theme), progresses)
        found.append({"id": theme, **THEMES[theme], "lessons": rows,
                      "done": sum(row["status"] == DONE for row in rows),
                      "complete": bool(rows) and all(row["status"] == DONE for row in rows)})
    return found


def theme_complete(resume_code, theme):
    """True when every lesson of a learner theme is done with this code."""
    lessons = catalogue.lessons_of_theme(theme)
    if resume_code is None or not lessons:
        return False
    done = {p.lesson_id for p in LessonProgress.select().where(
        LessonProgress.resume_code == resume_code, LessonProgress.completed_at.is_null(False))}
    return all(lesson["id"] in done for lesson in lessons)


def recommended_lessons(resume_code):
    """Ids of the lessons the latest finished diagnostic of this code recommends, most useful first."""
    from ..diagnostic import logic as diagnostic_logic
    from ..models.diagnostic import latest_result

    result = latest_result(resume_code)
    if result is None:
        return []
    return diagnostic_logic.recommended_lessons(result.levels, catalogue.learner_lessons())


def recommended_rows(resume_code, progresses):
    """The recommended learner lessons, with their progress, in the diagnostic's order."""
    if resume_code is None:
        return []
    lessons = []
    for lesson_id in dict.fromkeys(recommended_lessons(resume_code)):
        found = catalogue.lesson(lesson_id)
        if found is not None and found["theme"] in catalogue.THEMES:
            lessons.append(found)
    return lesson_rows(lessons, progresses)


def next_lesson(lesson, progresses):
    """The next lesson of the same theme not done yet, or None."""
    siblings = catalogue.lessons_of_theme(lesson["theme"])
    later = siblings[siblings.index(lesson) + 1:] + siblings[:siblings.index(lesson)]
    return next((other for other in later if status_of(progresses.get(other["id"])) != DONE), None)


# --- Recording progress ----------------------------------------------------------------------

def _progress_for_update(resume_code, lesson):
    """The code's LessonProgress for `lesson`, created on first use (call inside a transaction)."""
    progress, _created = LessonProgress.get_or_create(
        resume_code=resume_code, lesson_id=lesson["id"], defaults={"lesson_version": lesson["version"]})
    if progress.lesson_version != lesson["version"]:
        # The lesson changed: its steps may have moved, so resume from where the person is now.
        progress.lesson_version = lesson["version"]
        progress.current_step = 1
    return progress


def _advance(progress, lesson, step_number):
    """Move past `step_number`; passing the last step completes the lesson (the first time)."""
    last = catalogue.step_count(lesson)
    progress.current_step = min(max(progress.current_step, step_number + 1), last)
    if step_number >= last and progress.completed_at is None:
        progress.completed_at = utcnow()


def record_step_passed(resume_code, lesson, step_number):
    """An explanation was read and the person went on: save where they are."""
    with write_transaction():
        progress = _progress_for_update(resume_code, lesson)
        _advance(progress, lesson, step_number)
        progress.updated_at = utcnow()
        progress.save()
    return progress


def record_answer(resume_code, lesson, step_number, correct):
    """A checked answer: count it for the person and for the exercise; a right one moves on."""
    with write_transaction():
        progress = _progress_for_update(resume_code, lesson)
        progress.attempts += 1
        if correct:
            _advance(progress, lesson, step_number)
        else:
            progress.failures += 1
        progress.updated_at = utcnow()
        progress.save()
        _count_exercise_answer(lesson, step_number, correct)
    return progress


def _count_exercise_answer(lesson, step_number, correct):
    """Add one answer to the exercise's anonymous counts (one row per lesson version and step)."""
    now = utcnow()
    failure = 0 if correct else 1
    (ExerciseStat
     .insert(lesson_id=lesson["id"], lesson_version=lesson["version"], step=step_number,
             attempts=1, failures=failure, updated_at=now)
     .on_conflict(conflict_target=[ExerciseStat.lesson_id, ExerciseStat.lesson_version, ExerciseStat.step],
                  update={ExerciseStat.attempts: ExerciseStat.attempts + 1,
                          ExerciseStat.failures: ExerciseStat.failures + failure,
                          ExerciseStat.updated_at: now})
     .execute())


# --- For helpers and reports -----------------------------------------------------------------

def progress_for_learner(learner):
    """A learner's progress over every resume code of their record, for their helpers.

    A list in catalogue order of the lessons they started: `lesson`, `status`,
    `started_at`, `completed_at`, `current_step`, `steps`, `attempts`,
    `failures`. The caller checks that the viewer may see this learner.
    """
    rows = (LessonProgress.select().join(ResumeCode)
            .where(ResumeCode.learner == learner))
    merged = {}
    for progress in rows:
        entry = merged.setdefault(progress.lesson_id, {
            "status": IN_PROGRESS, "started_at": progress.started_at, "completed_at": None,
            "current_step": 1, "attempts": 0, "failures": 0})
        entry["started_at"] = min(entry["started_at"], progress.started_at)
        if progress.completed_at:
            entry["status"] = DONE
            entry["completed_at"] = min(filter(None, (entry["completed_at"], progress.completed_at)))
        entry["current_step"] = max(entry["current_step"], progress.current_step)
        entry["attempts"] += progress.attempts
        entry["failures"] += progress.failures
    found = []
    for lesson_id, lesson in catalogue.all_lessons().items():
        if lesson_id in merged:
            found.append({"lesson": lesson, "steps": catalogue.step_count(lesson), **merged[lesson_id]})
    return found


def most_failed_exercises(limit=10, min_attempts=5):
    """The exercises answered wrong most often (share of wrong answers), for reports.

    Only exercises with at least `min_attempts` answers count, so one person's
    tries never stand out. Returns dicts: lesson, step, exercise, attempts,
    failures, rate (0 to 1).
    """
    found = []
    for stat in ExerciseStat.select().where(ExerciseStat.attempts >= min_attempts):
        lesson = catalogue.lesson(stat.lesson_id)
        if lesson is None or lesson["version"] != stat.lesson_version or stat.step > catalogue.step_count(lesson):
            continue
        found.append({"lesson": lesson, "step": stat.step, "exercise": lesson["steps"][stat.step - 1],
                      "attempts": stat.attempts, "failures": stat.failures,
                      "rate": stat.failures / stat.attempts})
    found.sort(key=lambda row: (-row["rate"], -row["attempts"]))
    return found[:limit]
