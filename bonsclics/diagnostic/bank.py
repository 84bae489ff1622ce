"""The diagnostic's content files: the question bank, the profiles and the "repérage", validated.

`check()` runs when the app starts (and in the tests): a file that breaks the
format stops the app with every problem listed, instead of failing in front
of a person halfway through their diagnostic.
"""
import functools
from dataclasses import dataclass

from .. import content
from ..exercises import logic as exercises
from .logic import COMPETENCES, DIFFICULTIES, PROFILES, SITUATION_IDS

# Every text must exist in French and in these languages (the languages issue adds more).
REQUIRED_LANGUAGES = ("fr", "en", "ar", "uk")
TEXT_KEYS = ("question", "statement", "label", "input_label", "alt", "explanation", "hint", "feedback",
             "title", "for_person", "for_helper", "advice")


class ContentError(Exception):
    """A diagnostic content file breaks the format (the message lists every problem)."""


@dataclass(frozen=True)
class Bank:
    """The question bank of one version."""

    version: int
    situation: tuple
    items: dict  # id -> item, in file order
    competences: tuple

    def candidates(self, competence, part, difficulty):
        """The items of a competence, part and difficulty, in file order."""
        return self._index().get((competence, part, difficulty), [])

    def situation_question(self, question_id):
        """A situation question by id, or None."""
        return next((q for q in self.situation if q["id"] == question_id), None)

    def _index(self):
        """Items grouped by (competence, part, difficulty), built once."""
        cache = self.__dict__.get("_by_key")
        if cache is None:
            cache = {}
            for item in self.items.values():
                cache.setdefault((item["competence"], item["part"], item["difficulty"]), []).append(item)
            object.__setattr__(self, "_by_key", cache)
        return cache


def make_bank(raw):
    """A Bank from the parsed questions file (assumed valid)."""
    return Bank(version=raw["version"], situation=tuple(raw["situation"]),
                items={item["id"]: item for item in raw["items"]}, competences=COMPETENCES)


@functools.lru_cache(maxsize=None)
def load_bank():
    """The question bank in use."""
    return make_bank(content.load_yaml("diagnostic/questions.yaml"))


@functools.lru_cache(maxsize=None)
def profiles():
    """The three profiles, keyed by id."""
    return {p["id"]: p for p in content.load_yaml("diagnostic/profiles.yaml")["profiles"]}


@functools.lru_cache(maxsize=None)
def screening():
    """The "repérage" questions and outcomes."""
    return content.load_yaml("diagnostic/screening.yaml")


# --- Validation ------------------------------------------------------------------------------

def text_problems(value, where):
    """Problems of one content text: French present, translations present."""
    if isinstance(value, str):
        return [f"{where}: plain text, expected {', '.join(REQUIRED_LANGUAGES)}"] if value.strip() else [f"{where}: empty"]
    if not isinstance(value, dict):
        return [f"{where}: missing text"]
    return [f"{where}: no {lang!r} text" for lang in REQUIRED_LANGUAGES if not str(value.get(lang) or "").strip()]


def _texts_of(mapping, where):
    """Problems of every text field found in a mapping, recursively (choices, options...)."""
    problems = []
    for key, value in mapping.items():
        if key in TEXT_KEYS:
            problems += text_problems(value, f"{where}.{key}")
        elif isinstance(value, list):
            for number, element in enumerate(value):
                if isinstance(element, dict):
                    problems += _texts_of(element, f"{where}.{key}[{number}]")
    return problems


def _pictogram_problem(name, where, pictograms):
    """A missing or unknown pictogram."""
    if not name:
        return [f"{where}: no pictogram"]
    return [] if name in pictograms else [f"{where}: unknown pictogram {name!r}"]


def bank_problems(raw, competence_ids=None, pictograms=None, illustration_exists=None):
    """Every problem of a parsed questions file (an empty list when it is valid)."""
    competence_ids = set(competence_ids if competence_ids is not None else (c["id"] for c in content.competences()))
    pictograms = pictograms if pictograms is not None else content.pictograms()
    illustration_exists = illustration_exists or (lambda name: content.illustration(name) is not None)
    problems = []
    if not isinstance(raw.get("version"), int):
        problems.append("questions: `version` must be a whole number")
    if set(competence_ids) != set(COMPETENCES):
        problems.append(f"competences.yaml ids {sorted(competence_ids)} differ from {list(COMPETENCES)}")
    situation = raw.get("situation") or []
    ids = [q.get("id") for q in situation]
    if tuple(ids) != SITUATION_IDS:
        problems.append(f"situation: questions {ids}, expected {list(SITUATION_IDS)} in this order")
    for question in situation:
        where = f"situation {question.get('id')}"
        if question.get("kind") not in ("choose", "choose-many"):
            problems.append(f"{where}: kind must be choose or choose-many")
        problems += _pictogram_problem(question.get("pictogram"), where, pictograms)
        options = question.get("options") or []
        if len(options) < 2:
            problems.append(f"{where}: fewer than 2 options")
        option_ids = [o.get("id") for o in options]
        if len(set(option_ids)) != len(option_ids):
            problems.append(f"{where}: duplicate option ids")
        for option in options:
            problems += _pictogram_problem(option.get("pictogram"), f"{where} option {option.get('id')}", pictograms)
        problems += _texts_of(question, where)
    seen = set()
    for item in raw.get("items") or []:
        problems += _item_problems(item, seen, competence_ids, pictograms, illustration_exists)
    items = raw.get("items") or []
    for competence in COMPETENCES:
        if not any(i.get("competence") == competence and i.get("part") == "self" for i in items):
            problems.append(f"competence {competence}: no self-assessment item")
        for difficulty in DIFFICULTIES:
            if not any(i.get("competence") == competence and i.get("part") == "task"
                       and i.get("difficulty") == difficulty for i in items):
                problems.append(f"competence {competence}: no task of difficulty {difficulty}")
    return problems


def _item_problems(item, seen, competence_ids, pictograms, illustration_exists):
    """Problems of one scored item."""
    item_id = item.get("id")
    where = f"item {item_id}"
    problems = []
    if not item_id:
        problems.append("an item without id")
    elif item_id in seen or item_id in SITUATION_IDS:
        problems.append(f"{where}: duplicate id")
    seen.add(item_id)
    if item.get("competence") not in competence_ids:
        problems.append(f"{where}: unknown competence {item.get('competence')!r}")
    if item.get("difficulty") not in DIFFICULTIES:
        problems.append(f"{where}: difficulty must be 1, 2 or 3")
    problems += _pictogram_problem(item.get("pictogram"), where, pictograms)
    if item.get("part") == "self":
        problems += text_problems(item.get("question"), f"{where}.question")
    elif item.get("part") == "task":
        problems += [f"{where}: {p}" for p in exercises.validate(item)]
        if item.get("kind") == "truefalse":
            problems += text_problems(item.get("statement"), f"{where}.statement")
        if item.get("illustration") and not illustration_exists(item["illustration"]):
            problems.append(f"{where}: illustration {item['illustration']!r} not found")
        problems += _texts_of(item, where)
    else:
        problems.append(f"{where}: part must be self or task")
    return problems


def profiles_problems(raw):
    """Problems of the profiles file."""
    found = [p.get("id") for p in raw.get("profiles") or []]
    problems = [] if found == list(PROFILES) else [f"profiles: {found}, expected {list(PROFILES)}"]
    for profile in raw.get("profiles") or []:
        problems += _texts_of(profile, f"profile {profile.get('id')}")
        if profile.get("kind_of_help") not in PROFILES:
            problems.append(f"profile {profile.get('id')}: kind_of_help must be one of {list(PROFILES)}")
    return problems


def screening_problems(raw, pictograms=None):
    """Problems of the "repérage" file: 4 to 6 questions, outcomes covering every total once."""
    pictograms = pictograms if pictograms is not None else content.pictograms()
    questions = raw.get("questions") or []
    problems = [] if 4 <= len(questions) <= 6 else [f"screening: {len(questions)} questions, expected 4 to 6"]
    highest = 0
    for question in questions:
        where = f"screening {question.get('id')}"
        problems += _pictogram_problem(question.get("pictogram"), where, pictograms)
        problems += _texts_of(question, where)
        points = [o.get("points") for o in question.get("options") or []]
        if not points or not all(isinstance(p, int) and p >= 0 for p in points):
            problems.append(f"{where}: every option needs whole, positive points")
        else:
            highest += max(points)
    for total in range(highest + 1):
        matching = [o for o in raw.get("outcomes") or [] if o.get("min_points", 0) <= total <= o.get("max_points", -1)]
        if len(matching) != 1:
            problems.append(f"screening: {len(matching)} outcomes for a total of {total}, expected exactly one")
    for outcome in raw.get("outcomes") or []:
        problems += _texts_of(outcome, f"screening outcome {outcome.get('id')}")
    return problems


def check():
    """Validate every diagnostic content file; raise ContentError listing all the problems."""
    problems = bank_problems(content.load_yaml("diagnostic/questions.yaml"))
    problems += profiles_problems(content.load_yaml("diagnostic/profiles.yaml"))
    problems += screening_problems(content.load_yaml("diagnostic/screening.yaml"))
    for competence in content.competences():
        for level in (1, 2, 3):
            problems += text_problems((competence.get("can_do") or {}).get(level), f"competence {competence['id']}.can_do.{level}")
    if problems:
        raise ContentError("diagnostic content:\n- " + "\n- ".join(problems))
