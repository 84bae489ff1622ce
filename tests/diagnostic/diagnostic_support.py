"""Walking through the diagnostic like a person: read the screen, answer, follow the redirect."""
import re

from bonsclics.diagnostic.bank import load_bank

SCREEN = re.compile(r'name="screen" value="([^"]+)"')


def screen_id(html):
    """The id of the screen a page asks (its hidden field), or None."""
    found = SCREEN.search(html)
    return found.group(1) if found else None


def right_answer(item):
    """Form fields answering a task correctly."""
    kind = item["kind"]
    if kind in ("single", "screen"):
        return {"answer": next(str(c["id"]) for c in item["choices"] if c.get("correct"))}
    if kind == "multiple":
        return {"answer": [str(c["id"]) for c in item["choices"] if c.get("correct")]}
    if kind == "truefalse":
        return {"answer": "true" if item["answer"] else "false"}
    if kind == "text":
        return {"answer": item["accepted"][0]}
    raise AssertionError(kind)


def wrong_answer(item):
    """Form fields answering a task wrongly (but readably)."""
    kind = item["kind"]
    if kind in ("single", "screen", "multiple"):
        return {"answer": next(str(c["id"]) for c in item["choices"] if not c.get("correct"))}
    if kind == "truefalse":
        return {"answer": "false" if item["answer"] else "true"}
    return {"answer": "zzz"}


DEFAULT_SITUATION = {
    "equipment": ["smartphone"], "internet-access": ["mobile-data"], "email-address": "yes",
    "needs": ["caf", "health"], "language": "reads-easily", "autonomy": "with-help",
}


def fields_for(screen, self_answer="alone", correct=True, situation=None, helped=False):
    """The form fields a person sends for a screen id."""
    bank = load_bank()
    situation = {**DEFAULT_SITUATION, **(situation or {})}
    if screen in situation:
        return {"screen": screen, "answer": situation[screen]}
    item = bank.items[screen]
    if item["part"] == "self":
        data = {"screen": screen, "answer": self_answer}
    else:
        data = {"screen": screen, **(right_answer(item) if correct else wrong_answer(item))}
    if helped:
        data["helped"] = "yes"
    return data


def walk(client, self_answer="alone", correct=True, situation=None, lang=None, limit=40):
    """Answer every screen without JavaScript; returns (screens answered, ids seen, last response)."""
    seen = []
    suffix = f"?lang={lang}" if lang else ""
    response = client.get("/diagnostic/question" + suffix)
    while len(seen) < limit:
        assert response.status_code == 200, response.status_code
        html = response.get_data(as_text=True)
        current = screen_id(html)
        assert current is not None, html[:500]
        seen.append(current)
        response = client.post("/diagnostic/question", data=fields_for(current, self_answer, correct, situation))
        assert response.status_code == 303, (current, response.status_code)
        location = response.headers["Location"]
        if "/diagnostic/result/" in location:
            return len(seen), seen, client.get(location)
        response = client.get(location)
    raise AssertionError(f"more than {limit} screens: {seen}")


def start(client, mode="alone"):
    """Start a diagnostic from the start page's form."""
    response = client.post("/diagnostic/", data={"mode": mode})
    assert response.status_code == 303, response.status_code
    return response
