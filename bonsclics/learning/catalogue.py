"""The lessons: loaded once from `content/learning/<theme>/<id>.yaml`, validated, ordered."""
import functools

from .. import content

THEMES = ("start", "internet", "email", "security")
HELPER_THEME = "helpers"
LEVELS = ("beginner", "intermediate", "advanced")


@functools.lru_cache(maxsize=None)
def all_lessons():
    """Every lesson (learner themes and helper training), keyed by id, in theme then order."""
    lessons = [content.load_yaml(path) for path in content.list_files("learning")]
    theme_rank = {theme: rank for rank, theme in enumerate(THEMES + (HELPER_THEME,))}
    lessons.sort(key=lambda lesson: (theme_rank.get(lesson["theme"], 99), lesson["order"]))
    return {lesson["id"]: lesson for lesson in lessons}


def lesson(lesson_id):
    """One lesson by id, or None."""
    return all_lessons().get(lesson_id)


def lessons_of_theme(theme):
    """The lessons of a theme, in order."""
    return [lesson for lesson in all_lessons().values() if lesson["theme"] == theme]


def learner_lessons():
    """The lessons of the four learner themes, in order."""
    return [lesson for lesson in all_lessons().values() if lesson["theme"] in THEMES]


def lessons_for(competence, max_level="advanced"):
    """Learner lessons of a competence up to a level, easiest first."""
    ceiling = LEVELS.index(max_level)
    found = [lesson for lesson in learner_lessons()
             if lesson["competence"] == competence and LEVELS.index(lesson["level"]) <= ceiling]
    return sorted(found, key=lambda lesson: LEVELS.index(lesson["level"]))
