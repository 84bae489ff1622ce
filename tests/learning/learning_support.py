"""Helpers of the learning tests: right and wrong answers to any step, finishing a lesson like a person."""
import gzip

from bonsclics.exercises.logic import correct_ids
from bonsclics.learning import catalogue

HTML_BUDGET = 14 * 1024


def right_answer(step):
    """The form data of a right answer to a step ({} for an explanation)."""
    kind = step["kind"]
    if kind in ("single", "screen"):
        return {"answer": correct_ids(step)[0]}
    if kind == "multiple":
        return {"answer": correct_ids(step)}
    if kind == "truefalse":
        return {"answer": "true" if step["answer"] else "false"}
    if kind == "text":
        return {"answer": f"  {str(step['accepted'][0]).upper()} "}
    if kind == "order":
        return {f"answer-{index}": str(index + 1) for index in range(len(step["items"]))}
    return {}


def wrong_answer(step):
    """The form data of a wrong (but well-formed) answer to an exercise."""
    kind = step["kind"]
    if kind in ("single", "screen"):
        right = correct_ids(step)
        return {"answer": next(str(c["id"]) for c in step["choices"] if str(c["id"]) not in right)}
    if kind == "multiple":
        wrong = [str(c["id"]) for c in step["choices"] if str(c["id"]) not in correct_ids(step)]
        return {"answer": wrong[:1] or correct_ids(step)[:1]}
    if kind == "truefalse":
        return {"answer": "false" if step["answer"] else "true"}
    if kind == "text":
        return {"answer": "une réponse qui ne va pas"}
    if kind == "order":
        count = len(step["items"])
        return {f"answer-{index}": str(count - index) for index in range(count)}
    raise ValueError(kind)


def first_step_of_kind(kind, theme=None):
    """(lesson, 1-based number, step) of the first step of `kind` in the catalogue."""
    for lesson in catalogue.all_lessons().values():
        if theme and lesson["theme"] != theme:
            continue
        for number, step in enumerate(lesson["steps"], start=1):
            if step["kind"] == kind and (kind != "multiple" or len(step["choices"]) > len(correct_ids(step))):
                return lesson, number, step
    raise LookupError(kind)


def step_url(lesson, number):
    """The URL of a step."""
    return f"/learning/{lesson['id']}/step/{number}"


def finish(client, lesson):
    """Go through every step of a lesson with right answers, like a person without JavaScript."""
    response = None
    for number, step in enumerate(lesson["steps"], start=1):
        response = client.post(step_url(lesson, number), data=right_answer(step))
        assert response.status_code in (200, 303), (lesson["id"], number, response.status_code)
    return response


def gzipped_size(response):
    """The size of a response body once compressed, as a slow network carries it."""
    return len(gzip.compress(response.get_data(), compresslevel=6))
