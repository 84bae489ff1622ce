"""Exercises checked on the server: read an answer from a plain HTML form, check it, explain.

Shared by lessons, diagnostic tasks, practice paths and helper training. The
exercise format is described in docs/content.md; everything here is pure
(no Flask), so it is unit-tested directly.
"""
import random
import re
import unicodedata
from dataclasses import dataclass, field

KINDS = ("single", "multiple", "truefalse", "text", "order", "screen")

# Error codes for answers that cannot be checked; the views turn them into messages.
EMPTY = "empty"
INVALID = "invalid"
DUPLICATE_RANK = "duplicate-rank"

_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": ""})


@dataclass
class Result:
    """The outcome of checking one answer."""

    correct: bool = False
    error: str = ""  # EMPTY, INVALID or DUPLICATE_RANK when the answer could not be checked
    answer: object = None  # the answer as read, to show it again
    wrong_choices: list = field(default_factory=list)  # chosen ids that are wrong
    missed_choices: list = field(default_factory=list)  # right ids not chosen (multiple)

    @property
    def checked(self):
        """True when the answer could be checked (right or wrong)."""
        return not self.error


def normalise_text(text):
    """Compare typed text tolerantly: case, accents, Arabic letter variants, spaces and end punctuation."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_ARABIC_FOLD).casefold()
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(" .!?;,:'\"«»")


def choice_ids(exercise):
    """The ids of an exercise's choices, in content order."""
    return [str(choice["id"]) for choice in exercise.get("choices", [])]


def correct_ids(exercise):
    """The ids of the right choices."""
    return [str(choice["id"]) for choice in exercise.get("choices", []) if choice.get("correct")]


def order_display(exercise, seed):
    """Indexes of an order exercise's items as shown: shuffled, never already in the right order."""
    count = len(exercise["items"])
    indexes = list(range(count))
    rng = random.Random(f"{seed}:{count}")
    for _ in range(10):
        rng.shuffle(indexes)
        if indexes != sorted(indexes) or count < 2:
            break
    if indexes == sorted(indexes) and count >= 2:
        indexes.reverse()
    return indexes


def read_answer(exercise, form, prefix="answer"):
    """The answer typed or chosen in a submitted form (a MultiDict), in the shape `check` expects."""
    kind = exercise["kind"]
    if kind in ("single", "screen", "truefalse"):
        return form.get(prefix, "")
    if kind == "multiple":
        return form.getlist(prefix)
    if kind == "text":
        return form.get(prefix, "")[:500]
    if kind == "order":
        return {index: form.get(f"{prefix}-{index}", "") for index in range(len(exercise["items"]))}
    raise ValueError(f"unknown exercise kind {kind!r}")


def check(exercise, answer):
    """Check `answer` against `exercise`; never raises on bad input."""
    kind = exercise["kind"]
    result = Result(answer=answer)
    if kind in ("single", "screen"):
        if not answer:
            result.error = EMPTY
        elif answer not in choice_ids(exercise):
            result.error = INVALID
        else:
            result.correct = answer in correct_ids(exercise)
            result.wrong_choices = [] if result.correct else [answer]
    elif kind == "multiple":
        chosen = [a for a in dict.fromkeys(answer or [])]
        if not chosen:
            result.error = EMPTY
        elif any(a not in choice_ids(exercise) for a in chosen):
            result.error = INVALID
        else:
            right = set(correct_ids(exercise))
            result.wrong_choices = [a for a in chosen if a not in right]
            result.missed_choices = [a for a in correct_ids(exercise) if a not in chosen]
            result.correct = not result.wrong_choices and not result.missed_choices
            result.answer = chosen
    elif kind == "truefalse":
        if answer in (None, ""):
            result.error = EMPTY
        elif answer not in ("true", "false"):
            result.error = INVALID
        else:
            result.correct = (answer == "true") == bool(exercise["answer"])
    elif kind == "text":
        typed = normalise_text(answer)
        if not typed:
            result.error = EMPTY
        else:
            accepted = {normalise_text(str(a)) for a in exercise.get("accepted", [])}
            squeezed = {a.replace(" ", "") for a in accepted}
            result.correct = typed in accepted or typed.replace(" ", "") in squeezed
    elif kind == "order":
        result = _check_order(exercise, answer or {}, result)
    else:
        result.error = INVALID
    return result


def _check_order(exercise, ranks, result):
    """Each item got a position 1..n, each position used once; right when it matches the content order."""
    count = len(exercise["items"])
    values = []
    for index in range(count):
        raw = str(ranks.get(index, "")).strip()
        if not raw:
            result.error = EMPTY
            return result
        if not raw.isdecimal() or not 1 <= int(raw) <= count:
            result.error = INVALID
            return result
        values.append(int(raw))
    if len(set(values)) != count:
        result.error = DUPLICATE_RANK
        return result
    result.correct = values == list(range(1, count + 1))
    result.wrong_choices = [index for index, rank in enumerate(values) if rank != index + 1]
    return result


def validate(exercise):
    """Problems with an exercise's content (used by the content tests and at start-up)."""
    problems = []
    kind = exercise.get("kind")
    if kind not in KINDS:
        return [f"unknown kind {kind!r}"]
    for key in ("explanation", "hint"):
        if not exercise.get(key):
            problems.append(f"{kind} exercise without {key}")
    if kind in ("single", "multiple", "screen"):
        ids = choice_ids(exercise)
        right = correct_ids(exercise)
        if len(ids) < 2:
            problems.append("fewer than 2 choices")
        if len(set(ids)) != len(ids):
            problems.append("duplicate choice ids")
        if kind in ("single", "screen") and len(right) != 1:
            problems.append(f"{len(right)} right choices, expected exactly one")
        if kind == "multiple" and not right:
            problems.append("no right choice")
        if not exercise.get("question"):
            problems.append("no question")
        if kind == "screen" and not (exercise.get("illustration") and exercise.get("alt")):
            problems.append("screen exercise without illustration and alt")
    elif kind == "truefalse":
        if not isinstance(exercise.get("answer"), bool) or not exercise.get("statement"):
            problems.append("truefalse needs a statement and answer: true/false")
    elif kind == "text":
        if not exercise.get("accepted") or not exercise.get("question"):
            problems.append("text exercise needs a question and accepted answers")
        elif not all(normalise_text(str(a)) for a in exercise["accepted"]):
            problems.append("an accepted answer is empty once normalised")
    elif kind == "order":
        items = exercise.get("items") or []
        if len(items) < 2:
            problems.append("order exercise needs at least 2 items")
        if not exercise.get("question"):
            problems.append("no question")
    return problems
