"""The diagnostic's rules, without Flask: the question bank, the adaptive engine, the scoring.

A diagnostic is a list of screens:

1. the situation questions (`questions.yaml` → `situation`), asked to everyone;
2. one self-assessment per competence ("Je le fais seul·e", "Avec de l'aide"...);
3. small practical tasks, at most `TASKS_PER_COMPETENCE` per competence.

For each competence the level (0 to 3) is bracketed between a lower bound (the
hardest task passed: passing an advanced task credits the easier ones) and an
upper bound (below the easiest task failed: failing a basic task skips the
harder ones). The tasks start at difficulty 2, or 1 when the person says they
cannot do it; "Je ne sais pas ce que c'est" gives level 0 without any task.
A competence is done once its bracket is closed or its tasks are used up, and
the diagnostic ends when every competence is done: more questions would not
change the result. Everything here is a pure function of the answers, so the
same answers always give the same result.

Answers are stored as plain JSON: `situation` maps a question id to an option
id (or a list of them), `answers` lists the scored answers in order, each
`{"id": item id, "value": ..., "correct": bool or None, "helped": bool}`.
The bank's loading and validation live in `bank.py`.
"""
from collections import namedtuple
from dataclasses import dataclass, field

from ..exercises import logic as exercises

COMPETENCES = ("device", "internet", "email", "security", "services")
SITUATION_IDS = ("equipment", "internet-access", "email-address", "needs", "language", "autonomy")
PROFILES = ("assistance", "mediation", "nudge")  # from the most help needed to the most autonomous

# The four fixed answers of a self-assessment, best first, and their pictograms.
SELF_ANSWERS = ("alone", "with-help", "no", "dont-know")
SELF_PICTOGRAMS = {"alone": "alone", "with-help": "together", "no": "cross", "dont-know": "question"}

MAX_SCREENS = 22  # the whole diagnostic, situation questions included
TASKS_PER_COMPETENCE = 2
LEVELS = (0, 1, 2, 3)
DIFFICULTIES = (1, 2, 3)

# Tasks drawn with the mouse are about a computer: not asked to someone who uses none.
COMPUTER_PICTOGRAMS = frozenset({"mouse"})

# Workshops that fit each profile (agenda levels).
WORKSHOP_LEVEL = {"assistance": "beginner", "mediation": "intermediate", "nudge": "advanced"}

# Lesson levels that fit each competence level: the next step, then the one after.
LESSON_LEVELS = {0: ("beginner",), 1: ("beginner", "intermediate"), 2: ("intermediate", "advanced"),
                 3: ("advanced",)}
LESSONS_PER_COMPETENCE = 2
MIN_LESSONS, MAX_LESSONS = 3, 6

# Reasons an answer cannot be recorded (the views turn them into messages).
EMPTY = exercises.EMPTY
INVALID = exercises.INVALID
EXCLUSIVE = "exclusive"  # "none" chosen with something else
STALE = "stale"  # the form answers another screen than the current one

class Screen(namedtuple("Screen", "part question")):
    """One screen: its part ("situation", "self" or "task") and its question or item."""

    __slots__ = ()

    @property
    def id(self):
        """The id of the question or item shown."""
        return self.question["id"]


# --- The state of one competence ---------------------------------------------------------

@dataclass
class CompetenceState:
    """What the answers so far say about one competence."""

    self_answer: str = None
    asked: list = field(default_factory=list)  # (difficulty, passed) of each task, in order

    @property
    def low(self):
        """The level proven so far: the hardest task passed."""
        return max([difficulty for difficulty, passed in self.asked if passed], default=0)

    @property
    def high(self):
        """The highest level still possible: below the easiest task failed."""
        if self.self_answer == "dont-know":
            return self.low
        failed = [difficulty - 1 for difficulty, passed in self.asked if not passed]
        return max(self.low, min(failed, default=3))

    @property
    def start(self):
        """The difficulty of the first task: 2, or 1 when the person says they cannot do it."""
        return 2 if self.self_answer in ("alone", "with-help") else 1

    @property
    def done(self):
        """True when more tasks would not change this competence's level."""
        if self.self_answer is None:
            return False
        return self.low >= self.high or len(self.asked) >= TASKS_PER_COMPETENCE

    @property
    def next_difficulty(self):
        """The difficulty of the next task (only meaningful while not done)."""
        return self.low + 1 if self.asked else self.start

    @property
    def level(self):
        """The level to report: what is proven (a lower bound while not done)."""
        return self.low


def passed(answer):
    """A task counts as passed when it was right and answered without help."""
    return bool(answer.get("correct")) and not answer.get("helped")


def competence_state(bank, competence, answers):
    """Replay the answers about one competence."""
    state = CompetenceState()
    for answer in answers:
        item = bank.items.get(answer.get("id"))
        if item is None or item["competence"] != competence:
            continue
        if item["part"] == "self":
            if state.self_answer is None:
                state.self_answer = answer.get("value")
        else:
            state.asked.append((item["difficulty"], passed(answer)))
    return state


# --- The adaptive engine --------------------------------------------------------------

def screens_used(situation, answers):
    """How many screens have been answered."""
    return len(situation) + len(answers)


def _suits(item, situation):
    """False for a task that needs equipment the person does not use."""
    if item.get("pictogram") in COMPUTER_PICTOGRAMS:
        return "computer" in (situation.get("equipment") or ())
    return True


def pick(bank, competence, part, difficulty, variant, situation, exclude=()):
    """The item to ask: one of those of this competence, part and difficulty, chosen by `variant`.

    Falls back to the nearest difficulty when none exists (the bank's validation
    makes sure it never has to).
    """
    for wanted in sorted(DIFFICULTIES, key=lambda d: (abs(d - difficulty), -d)):
        candidates = [item for item in bank.candidates(competence, part, wanted) if item["id"] not in exclude]
        suitable = [item for item in candidates if _suits(item, situation)] or candidates
        if suitable:
            offset = variant + COMPETENCES.index(competence) if competence in COMPETENCES else variant
            return suitable[offset % len(suitable)]
        if part == "task":
            return None  # a task of another difficulty would break the bracket
    return None


def next_screen(bank, situation, answers, variant=0):
    """The next screen to show, or None when the diagnostic is over."""
    if screens_used(situation, answers) >= MAX_SCREENS:
        return None
    for question in bank.situation:
        if question["id"] not in situation:
            return Screen("situation", question)
    states = {c: competence_state(bank, c, answers) for c in bank.competences}
    for competence in bank.competences:
        if states[competence].self_answer is None:
            item = pick(bank, competence, "self", 2, variant, situation)
            if item is not None:
                return Screen("self", item)
    asked = {answer.get("id") for answer in answers}
    for competence in bank.competences:
        state = states[competence]
        if state.self_answer is None or state.done:
            continue
        item = pick(bank, competence, "task", state.next_difficulty, variant, situation, exclude=asked)
        if item is not None:
            return Screen("task", item)
    return None


def remaining_at_most(bank, situation, answers):
    """The most screens still to come (for the progress bar)."""
    left = sum(1 for question in bank.situation if question["id"] not in situation)
    for competence in bank.competences:
        state = competence_state(bank, competence, answers)
        if state.self_answer is None:
            left += 1 + TASKS_PER_COMPETENCE
        elif not state.done:
            left += TASKS_PER_COMPETENCE - len(state.asked)
    return min(left, MAX_SCREENS - screens_used(situation, answers))


def part_of(screen):
    """1, 2 or 3: which part of the diagnostic a screen belongs to."""
    return {"situation": 1, "self": 2, "task": 3}[screen.part]


def play(bank, respond, variant=0):
    """Run a whole diagnostic with `respond(screen)` giving (value, correct, helped) for each screen.

    Returns (situation, answers): used by the demo data and the property tests.
    """
    situation, answers = {}, []
    screen = next_screen(bank, situation, answers, variant)
    while screen is not None:
        value, correct, helped = respond(screen)
        situation, answers = record(situation, answers, screen, value, correct, helped)
        screen = next_screen(bank, situation, answers, variant)
    return situation, answers


# --- Reading and recording answers ------------------------------------------------------

def read_situation(question, values):
    """Check the option ids chosen for a situation question: (value, error code or '')."""
    options = [option["id"] for option in question["options"]]
    chosen = list(dict.fromkeys(v for v in values if v))
    if not chosen:
        return None, EMPTY
    if any(v not in options for v in chosen):
        return None, INVALID
    if question["kind"] == "choose":
        return (chosen[0], "") if len(chosen) == 1 else (None, INVALID)
    if "none" in chosen and len(chosen) > 1:
        return None, EXCLUSIVE
    return [v for v in options if v in chosen], ""


def read_self(value):
    """Check a self-assessment answer: (value, error code or '')."""
    if not value:
        return None, EMPTY
    return (value, "") if value in SELF_ANSWERS else (None, INVALID)


def record(situation, answers, screen, value, correct=None, helped=False):
    """New (situation, answers) with this screen's answer added; the inputs are left as they were."""
    situation, answers = dict(situation), list(answers)
    if screen.part == "situation":
        situation[screen.id] = value
    else:
        answers.append({"id": screen.id, "value": value, "correct": correct, "helped": bool(helped)})
    return situation, answers


def undo(bank, situation, answers):
    """New (situation, answers) without the last answer given ("Previous")."""
    situation, answers = dict(situation), list(answers)
    if answers:
        answers.pop()
        return situation, answers
    for question in reversed(bank.situation):
        if question["id"] in situation:
            del situation[question["id"]]
            break
    return situation, answers


# --- Scoring ------------------------------------------------------------------------------

Score = namedtuple("Score", "levels profile")


def levels_of(bank, answers):
    """The level (0 to 3) of each competence."""
    return {c: competence_state(bank, c, answers).level for c in bank.competences}


def profile_of(levels, situation):
    """The overall profile from the levels and how the person usually does things.

    Needing help is a down-set of the levels and autonomy an up-set, so better
    answers can only move the profile towards "nudge".
    """
    values = [levels.get(c, 0) for c in COMPETENCES]
    total = sum(values)
    done_for_me = situation.get("autonomy") == "done-for-me"
    if total <= 4 or (levels.get("device", 0) == 0 and total <= 7) or (done_for_me and total <= 7):
        return "assistance"
    if min(values) >= 2 and total >= 11:
        return "nudge"
    return "mediation"


def score(bank, situation, answers):
    """Levels and profile: a pure function of the answers."""
    levels = levels_of(bank, answers)
    return Score(levels, profile_of(levels, situation))


def recommended_lessons(levels, lessons):
    """Ids of 3 to 6 lessons to start with: the weakest competences first, at the next level up.

    `lessons` are the learner lessons (learning.catalogue.learner_lessons()).
    """
    order = sorted(COMPETENCES, key=lambda c: (levels.get(c, 0), COMPETENCES.index(c)))
    chosen = []
    for competence in order:
        level = levels.get(competence, 0)
        if level >= 3 and len(chosen) >= MIN_LESSONS:
            break
        wanted = LESSON_LEVELS[min(level, 3)]
        mine = [lesson for lesson in lessons if lesson["competence"] == competence]
        ranked = sorted(mine, key=lambda lesson: wanted.index(lesson["level"]) if lesson["level"] in wanted else 9)
        picked = [lesson["id"] for lesson in ranked if lesson["level"] in wanted][:LESSONS_PER_COMPETENCE]
        if not picked:  # no lesson at that level (services has no beginner lesson): the nearest ones
            picked = [lesson["id"] for lesson in mine][:1]
        chosen.extend(picked)
        if len(chosen) >= MAX_LESSONS:
            break
    return list(dict.fromkeys(chosen))[:MAX_LESSONS]


# --- The "repérage" (screening) ----------------------------------------------------------

def screening_outcome(screening, chosen):
    """(outcome, total points, {question id: error code}) for the options chosen per question."""
    errors, total = {}, 0
    for question in screening["questions"]:
        value = chosen.get(question["id"]) or ""
        option = next((o for o in question["options"] if o["id"] == value), None)
        if option is None:
            errors[question["id"]] = EMPTY if not value else INVALID
            continue
        total += option["points"]
    if errors:
        return None, total, errors
    outcome = next(o for o in screening["outcomes"] if o["min_points"] <= total <= o["max_points"])
    return outcome, total, {}
