"""The lessons: loaded once from `content/learning/<theme>/<id>.yaml`, validated, ordered.

`check()` runs when the app starts: a lesson file that breaks the format of
docs/content.md stops the app with the list of problems, so a broken lesson
never reaches a learner. The content tests call `all_problems()` too.
"""
import functools
import os
import re
import xml.etree.ElementTree as ElementTree

from .. import content
from ..exercises.logic import KINDS as EXERCISE_KINDS
from ..exercises.logic import validate as exercise_problems

THEMES = ("start", "internet", "email", "security")
HELPER_THEME = "helpers"
LEVELS = ("beginner", "intermediate", "advanced")

# Themes whose every text must exist in these languages too (the most needed by newcomers).
FULLY_TRANSLATED_THEMES = ("start", "security")
REQUIRED_TRANSLATIONS = ("en", "ar", "uk")

STEP_RANGE = (6, 14)
MIN_EXERCISES = 3
DURATION_RANGE = (5, 15)
OBJECTIVES_RANGE = (2, 4)
MEMO_RANGE = (3, 7)

# Keys holding one text (a French string or a {language: text} mapping), and lists of texts.
TEXT_KEYS = ("title", "description", "body", "alt", "question", "statement", "input_label", "label",
             "feedback", "explanation", "hint", "term", "definition")
TEXT_LIST_KEYS = ("objectives", "memo", "items")


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


def is_exercise(step):
    """True for a step the person answers (any exercise kind), False for an explanation."""
    return step.get("kind") in EXERCISE_KINDS


def step_count(lesson_data):
    """How many steps a lesson has."""
    return len(lesson_data["steps"])


# --- Validation --------------------------------------------------------------------------


class ContentError(Exception):
    """A lesson file breaks the content format; the message lists every problem."""


def check():
    """Stop with ContentError when any lesson is invalid (called once when the app starts)."""
    problems = all_problems()
    if problems:
        listed = "\n".join(f"- {where}: {problem}" for where, found in problems.items() for problem in found)
        raise ContentError(f"Invalid lessons in bonsclics/content/learning:\n{listed}")


@functools.lru_cache(maxsize=None)
def all_problems():
    """{file: [problems]} for every lesson file with problems; empty when all is well."""
    entries = []
    unreadable = {}
    for path in content.list_files("learning"):
        try:
            entries.append((path, content.load_yaml(path)))
        except Exception as error:  # a YAML syntax error: report it with the others
            unreadable[path] = [f"cannot be read: {error}"]
    return {**unreadable, **problems_of(entries)}


def problems_of(entries):
    """{path: [problems]} for (path, lesson) pairs: each lesson, then ids and orders across them."""
    problems = {}
    orders = {}
    ids = {}
    for path, data in entries:
        found = lesson_problems(data, path)
        if isinstance(data, dict):
            key = (data.get("theme"), data.get("order"))
            if key in orders:
                found.append(f"order {data.get('order')} already used by {orders[key]} in theme {data.get('theme')}")
            orders.setdefault(key, path)
            if data.get("id") in ids:
                found.append(f"id {data.get('id')!r} already used by {ids[data.get('id')]}")
            ids.setdefault(data.get("id"), path)
        if found:
            problems[path] = found
    return problems


def lesson_problems(data, path=""):
    """The problems of one lesson (its fields, steps, exercises, texts and illustrations)."""
    if not isinstance(data, dict):
        return ["a lesson file must be a mapping"]
    problems = []
    stem = os.path.splitext(os.path.basename(path))[0] if path else data.get("id")
    folder = os.path.basename(os.path.dirname(path)) if path else data.get("theme")
    if data.get("id") != stem:
        problems.append(f"id {data.get('id')!r} differs from the file name {stem!r}")
    if data.get("theme") not in THEMES + (HELPER_THEME,):
        problems.append(f"unknown theme {data.get('theme')!r}")
    elif data["theme"] != folder:
        problems.append(f"theme {data['theme']!r} but the file is in the folder {folder!r}")
    if not _positive_int(data.get("version")):
        problems.append("version must be a whole number from 1")
    if not _positive_int(data.get("order")):
        problems.append("order must be a whole number from 1")
    if data.get("level") not in LEVELS:
        problems.append(f"level must be one of {', '.join(LEVELS)}")
    duration = data.get("duration")
    if not (isinstance(duration, int) and DURATION_RANGE[0] <= duration <= DURATION_RANGE[1]):
        problems.append(f"duration must be {DURATION_RANGE[0]} to {DURATION_RANGE[1]} minutes")
    if data.get("competence") not in {c["id"] for c in content.competences()}:
        problems.append(f"unknown competence {data.get('competence')!r}")
    for key in ("title", "description"):
        if not data.get(key):
            problems.append(f"no {key}")
    problems += _count_problems(data, "objectives", OBJECTIVES_RANGE)
    problems += _count_problems(data, "memo", MEMO_RANGE)
    vocabulary = data.get("vocabulary", [])
    if not isinstance(vocabulary, list) or any(
            not isinstance(word, dict) or not word.get("term") or not word.get("definition") for word in vocabulary):
        problems.append("each vocabulary entry needs a term and a definition")
    problems += _steps_problems(data.get("steps"))
    needed = ("fr",) + (REQUIRED_TRANSLATIONS if data.get("theme") in FULLY_TRANSLATED_THEMES else ())
    for where, value in _texts(data):
        problems += _text_problems(where, value, needed)
    return problems


def _positive_int(value):
    """True for a whole number from 1 (booleans excluded)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _count_problems(data, key, bounds):
    """`key` must be a list of `bounds` items."""
    items = data.get(key)
    if not isinstance(items, list) or not bounds[0] <= len(items) <= bounds[1]:
        return [f"{key} must list {bounds[0]} to {bounds[1]} items"]
    return []


def _steps_problems(steps):
    """The steps: how many, enough exercises, each explanation and exercise complete."""
    if not isinstance(steps, list):
        return ["no steps"]
    problems = []
    if not STEP_RANGE[0] <= len(steps) <= STEP_RANGE[1]:
        problems.append(f"{len(steps)} steps, expected {STEP_RANGE[0]} to {STEP_RANGE[1]}")
    exercises = [step for step in steps if isinstance(step, dict) and is_exercise(step)]
    if len(exercises) < MIN_EXERCISES:
        problems.append(f"{len(exercises)} exercises, expected at least {MIN_EXERCISES}")
    for number, step in enumerate(steps, start=1):
        where = f"step {number}"
        if not isinstance(step, dict):
            problems.append(f"{where}: not a mapping")
            continue
        if step.get("kind") == "explain":
            if not step.get("title") or not step.get("body"):
                problems.append(f"{where}: an explanation needs a title and a body")
        elif is_exercise(step):
            problems += [f"{where}: {problem}" for problem in exercise_problems(step)]
            for choice in step.get("choices", []):
                if choice.get("pictogram") and choice["pictogram"] not in content.pictograms():
                    problems.append(f"{where}: unknown pictogram {choice['pictogram']!r}")
        else:
            problems.append(f"{where}: unknown kind {step.get('kind')!r}")
        if step.get("illustration"):
            svg = content.illustration(step["illustration"])
            if svg is None:
                problems.append(f"{where}: illustration {step['illustration']!r} not found in content/illustrations")
            else:
                problems += [f"{where}: illustration {step['illustration']}: {p}" for p in svg_problems(svg)]
            if not step.get("alt"):
                problems.append(f"{where}: an illustration needs an alt text")
    return problems


def _texts(node, where=""):
    """Every (location, text) of a lesson, found by key anywhere in its structure."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{where}.{key}" if where else str(key)
            if key in TEXT_KEYS:
                yield here, value
            elif key in TEXT_LIST_KEYS and isinstance(value, list):
                for index, item in enumerate(value):
                    yield f"{here}[{index}]", item
            elif isinstance(value, (dict, list)):
                yield from _texts(value, here)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _texts(item, f"{where}[{index}]")


def _text_problems(where, value, needed):
    """A text must be a French string, or a mapping of known languages holding `needed`."""
    if isinstance(value, str):
        if not value.strip():
            return [f"{where}: empty text"]
        return [f"{where}: missing {', '.join(needed[1:])}"] if len(needed) > 1 else []
    if not isinstance(value, dict):
        return [f"{where}: a text must be a string or a mapping of languages"]
    problems = []
    unknown = set(value) - set(content.TEXT_LANGUAGES)
    if unknown:
        problems.append(f"{where}: unknown languages {sorted(unknown)}")
    missing = [lang for lang in needed if not isinstance(value.get(lang), str) or not value[lang].strip()]
    if missing:
        problems.append(f"{where}: missing {', '.join(missing)}")
    return problems


# --- Illustrations -------------------------------------------------------------------------

SVG_NS = "{http://www.w3.org/2000/svg}"
FORBIDDEN_SVG_ELEMENTS = {"script", "style", "foreignObject", "iframe", "image", "a", "animate", "set",
                          "animateMotion", "animateTransform", "title", "handler", "listener"}
SVG_MAX_BYTES = 3 * 1024


def svg_problems(markup):
    """Why an illustration is unsafe or breaks the format (empty when it is fine).

    One `<svg>` root with a `viewBox` and no width/height, nothing that runs or
    loads (scripts, styles, foreign content, event attributes, external links).
    """
    if re.search(r"<!DOCTYPE|<!ENTITY|<\?xml-stylesheet", markup, re.IGNORECASE):
        return ["no DOCTYPE, entity or stylesheet instruction allowed"]
    try:
        root = ElementTree.fromstring(markup)
    except ElementTree.ParseError as error:
        return [f"not well-formed XML: {error}"]
    problems = []
    if root.tag not in (f"{SVG_NS}svg", "svg"):
        problems.append(f"the root element is {root.tag!r}, expected <svg>")
    if not root.get("viewBox"):
        problems.append("the <svg> has no viewBox")
    for attribute in ("width", "height"):
        if root.get(attribute) is not None:
            problems.append(f"the <svg> has a {attribute} (the page sizes the drawing)")
    for element in root.iter():
        name = element.tag.split("}")[-1] if isinstance(element.tag, str) else ""
        if name in FORBIDDEN_SVG_ELEMENTS:
            problems.append(f"forbidden element <{name}>")
        if element is not root and name == "svg":
            problems.append("a nested <svg>")
        for attribute, value in element.attrib.items():
            local = attribute.split("}")[-1]
            if local.lower().startswith("on"):
                problems.append(f"event attribute {local} on <{name}>")
            if local == "style":
                problems.append(f"style attribute on <{name}> (blocked by the Content-Security-Policy)")
            if local == "href" and not value.startswith("#"):
                problems.append(f"external reference {value!r} on <{name}>")
            if "url(" in value and not re.fullmatch(r"\s*url\(#[^)]+\)\s*", value):
                problems.append(f"external url() in {local} on <{name}>")
    if len(markup.encode("utf-8")) > SVG_MAX_BYTES:
        problems.append(f"{len(markup.encode('utf-8'))} bytes, keep it under {SVG_MAX_BYTES}")
    return problems
