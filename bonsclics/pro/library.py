"""Resources for helpers: lesson plans and guides (YAML under content/resources), checked and searchable."""
import functools
import re
import unicodedata

from .. import content

GUIDES = ("assistance-guide", "data-protection", "detect-and-orient", "welcome-volunteers", "running-a-workshop")


@functools.lru_cache(maxsize=None)
def lesson_plans():
    """Every lesson plan, keyed by id, in file order."""
    plans = [content.load_yaml(path) for path in content.list_files("resources/lesson-plans")]
    return {plan["id"]: plan for plan in plans}


@functools.lru_cache(maxsize=None)
def guides():
    """Every guide, keyed by id: the known guides first, in their order."""
    found = {g["id"]: g for g in (content.load_yaml(p) for p in content.list_files("resources/guides"))}
    ordered = {gid: found[gid] for gid in GUIDES if gid in found}
    ordered.update({gid: g for gid, g in found.items() if gid not in ordered})
    return ordered


def _fold(text):
    """Lowercase without accents, for searching."""
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def _texts(node):
    """Every French text inside a content node."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        if "fr" in node and isinstance(node["fr"], str):
            yield node["fr"]
        else:
            for key, value in node.items():
                if key not in ("id", "for"):
                    yield from _texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _texts(value)


@functools.lru_cache(maxsize=None)
def _index():
    """(kind, id, folded title, folded full text) for every resource."""
    rows = []
    for kind, items in (("guide", guides()), ("plan", lesson_plans())):
        for item_id, item in items.items():
            title = " ".join(_texts(item.get("title")))
            rows.append((kind, item_id, _fold(title), _fold(" ".join(_texts(item)))))
    return rows


def search(query, limit=30):
    """Resources whose title or text holds every word of `query`; title matches first.

    Returns (kind, id) pairs, kind being "guide" or "plan".
    """
    words = [w for w in re.split(r"\W+", _fold(query)) if len(w) > 1][:8]
    if not words:
        return []
    scored = []
    for kind, item_id, title, text in _index():
        if all(w in text for w in words):
            in_title = sum(w in title for w in words)
            scored.append((-in_title, kind != "guide", item_id, kind))
    return [(kind, item_id) for _s, _g, item_id, kind in sorted(scored)[:limit]]


def excerpt(kind, item_id, query, width=160):
    """A short piece of text around the first word found, for the results list."""
    item = (guides() if kind == "guide" else lesson_plans()).get(item_id, {})
    text = " ".join(_texts({k: v for k, v in item.items() if k != "title"}))
    text = re.sub(r"\s+", " ", text.replace("**", ""))
    folded = _fold(text)
    words = [w for w in re.split(r"\W+", _fold(query)) if len(w) > 1]
    position = min((folded.find(w) for w in words if folded.find(w) >= 0), default=0)
    start = max(0, position - width // 3)
    piece = text[start:start + width].strip()
    return ("… " if start else "") + piece + (" …" if start + width < len(text) else "")


# --- Format checks (docs/content.md), used by the tests ------------------------------------

def _has_fr(value):
    """A text: a non-empty string or a mapping with a non-empty French text."""
    return (isinstance(value, str) and value.strip()) or (isinstance(value, dict) and str(value.get("fr", "")).strip())


def plan_problems(plan, known_ids):
    """What is wrong with one lesson plan."""
    problems = []
    for key in ("title", "objective", "public"):
        if not _has_fr(plan.get(key)):
            problems.append(f"no French {key}")
    if plan.get("for") not in known_ids:
        problems.append(f"for: {plan.get('for')!r} is neither a lesson nor a practice path")
    if not isinstance(plan.get("duration"), int) or not 10 <= plan["duration"] <= 240:
        problems.append("duration must be minutes between 10 and 240")
    if not plan.get("materials") or not all(_has_fr(m) for m in plan["materials"]):
        problems.append("materials must be a list of texts")
    steps = plan.get("steps") or []
    if len(steps) < 2:
        problems.append("fewer than 2 steps")
    for number, step in enumerate(steps, start=1):
        if not (_has_fr(step.get("title")) and _has_fr(step.get("text")) and isinstance(step.get("duration"), int)):
            problems.append(f"step {number} needs title, text and duration")
    if not plan.get("questions") or not all(_has_fr(q) for q in plan["questions"]):
        problems.append("questions must be a list of texts")
    if "tips" in plan and not all(_has_fr(t) for t in plan["tips"] or []):
        problems.append("tips must be texts")
    return problems


def guide_problems(guide):
    """What is wrong with one guide."""
    problems = []
    for key in ("title", "summary"):
        if not _has_fr(guide.get(key)):
            problems.append(f"no French {key}")
    sections = guide.get("sections") or []
    if len(sections) < 2:
        problems.append("fewer than 2 sections")
    for number, section in enumerate(sections, start=1):
        if not (_has_fr(section.get("title")) and _has_fr(section.get("text"))):
            problems.append(f"section {number} needs title and text")
    return problems
