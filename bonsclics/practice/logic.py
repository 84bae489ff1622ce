"""Practice paths without Flask: field rules, content checks and the end-of-path summary.

Every field of an imitation is checked as the real site would check it (the
format of a social-security number, a postcode, a date, an amount...), then
compared with the value of the practice identity card. Comparisons are
tolerant (case, accents, spaces, "18 450 €" for "18450") so that only real
mistakes are flagged. Nothing here stores anything: the values read live only
as long as the request.
"""
import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..exercises import logic as exercises

FIELD_TYPES = ("text", "number", "password", "date", "postcode", "nir", "amount", "email", "phone",
               "select", "radio", "checkbox")
CHOICE_TYPES = ("select", "radio", "checkbox")
SCREEN_KINDS = ("form", "choice", "info")
ERROR_CODES = ("required", "format", "expected")
MAX_LENGTH = 200  # longer than any real field; the rest of what is typed is ignored

# Error codes: which rule failed. `detail` says more, to pick the most helpful default message.
REQUIRED, FORMAT, EXPECTED = ERROR_CODES

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass
class FieldResult:
    """The outcome of checking one field: `code` is '' when the value is accepted."""

    code: str = ""
    detail: str = ""
    value: object = None  # the value as understood (a date, a Decimal...), never stored

    @property
    def ok(self):
        """True when the field is accepted."""
        return not self.code


# --- Reading each kind of value ----------------------------------------------------------
# Each parser returns (value, "") when the text is well formed, else (None, detail).

def _squeeze(text):
    """Remove every kind of space, including the non-breaking ones a phone keyboard may insert."""
    return _SPACES.sub("", text)


def has_other_digits(text):
    """True when digits other than 0-9 were typed (an Arabic or Persian keyboard): real sites refuse them."""
    return any(ch.isdigit() and not ch.isascii() for ch in text)


def nir_key(first_13):
    """The 2-digit key of a social-security number: 97 - (the 13 digits mod 97), Corsica counted as 19/18."""
    digits = first_13.upper().replace("2A", "19", 1).replace("2B", "18", 1)
    return 97 - int(digits) % 97


def parse_nir(text):
    """A French social-security number (NIR): 15 characters with its key; spaces, dots and dashes allowed."""
    value = re.sub(r"[\s\u00a0\u202f.\-]", "", text).upper()
    if len(value) != 15:
        return None, "length"
    if not re.fullmatch(r"[12378][0-9]{4}([0-9]{2}|2A|2B)[0-9]{8}", value):
        return None, "format"
    if int(value[13:]) != nir_key(value[:13]):
        return None, "key"
    return value, ""


def parse_postcode(text):
    """A French postcode: 5 digits (spaces ignored), from 01000 up."""
    value = _squeeze(text)
    if not re.fullmatch(r"[0-9]{5}", value) or value.startswith("00"):
        return None, "format"
    return value, ""


def parse_date(text):
    """A date written JJ/MM/AAAA (dashes, dots or 8 digits in a row accepted): a real date or None."""
    value = text.strip()
    separator = r"(?:\s*[/.\-]\s*|\s+)"
    match = re.fullmatch(rf"([0-9]{{1,2}}){separator}([0-9]{{1,2}}){separator}([0-9]{{1,4}})", value) or \
        re.fullmatch(r"([0-9]{2})([0-9]{2})([0-9]{4})", value)
    if not match:
        return None, "format"
    day, month, year = match.groups()
    if len(year) != 4:
        return None, "year"
    try:
        date = datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None, "invalid"
    if not 1900 <= date.year <= 2100:
        return None, "invalid"
    return date, ""


def parse_amount(text):
    """An amount in euros: "18450", "18 450", "18450,00", "18.450,50", "18 450 €" -> Decimal('18450.00')."""
    value = _squeeze(text).lower()
    value = re.sub(r"(€|eur(os?)?)$", "", value)
    if value.startswith("-"):
        return None, "negative"
    if re.fullmatch(r"[0-9]{1,3}(\.[0-9]{3})+(,[0-9]{1,2})?", value):  # 18.450,50: dots group the thousands
        value = value.replace(".", "")
    match = re.fullmatch(r"([0-9]{1,10})(?:[.,]([0-9]*))?", value)
    if not match:
        return None, "format"
    if match.group(2) is not None and len(match.group(2)) > 2:
        return None, "decimals"
    try:
        return Decimal(value.replace(",", ".").rstrip(".")).quantize(Decimal("0.01")), ""
    except InvalidOperation:  # pragma: no cover - the pattern above only lets numbers through
        return None, "format"


def parse_phone(text):
    """A French phone number: 10 digits starting with 0, or +33 / 0033; returned as 0XXXXXXXXX."""
    value = re.sub(r"[\s\u00a0\u202f.\-/()]", "", text)
    value = re.sub(r"^(\+|00)330?", "0", value)
    if re.fullmatch(r"0[1-9][0-9]{8}", value):
        return value, ""
    return None, "length" if re.fullmatch(r"[0-9]+", value) else "format"


def parse_email(text):
    """An email address: one @, no space, a domain with a dot; compared without case."""
    value = text.strip()
    if _SPACES.search(value):
        return None, "space"
    if value.count("@") != 1:
        return None, "at"
    local, domain = value.split("@")
    labels = domain.split(".")
    if not local or ".." in value or local.startswith(".") or local.endswith(".") \
            or len(labels) < 2 or not all(labels) or len(labels[-1]) < 2:
        return None, "format"
    return value.casefold(), ""


def parse_number(text):
    """A whole number (spaces between thousands allowed), never negative."""
    value = _squeeze(text)
    if not re.fullmatch(r"[0-9]{1,9}", value):
        return None, "format"
    return int(value), ""


def normalise_free_text(text):
    """Free text compared tolerantly: case, accents, spaces, dashes and apostrophes ignored."""
    return re.sub(r"[\s\-'’]", "", exercises.normalise_text(text))


PARSERS = {
    "nir": parse_nir, "postcode": parse_postcode, "date": parse_date, "amount": parse_amount,
    "phone": parse_phone, "email": parse_email, "number": parse_number,
}


# --- Checking one field ---------------------------------------------------------------

def read_field(field, form):
    """The raw value of `field` in a submitted form (a MultiDict): a list for a checkbox, else text."""
    name = field["name"]
    if field["type"] == "checkbox":
        return [_printable(v) for v in form.getlist(name)][:10]
    return _printable(form.get(name, ""))


def _printable(value):
    """Typed text without control characters (a pasted NUL would break the page that shows it again), cut to MAX_LENGTH."""
    return "".join(ch for ch in str(value)[:MAX_LENGTH] if ch.isprintable() or ch == " ")


def option_values(field):
    """The values of a select, radio or checkbox field, as strings."""
    return [str(option["value"]) for option in field.get("options", [])]


def check_field(field, raw):
    """Check a raw value against the field's rules, then against its expected value. Never raises."""
    kind = field["type"]
    if kind == "checkbox":
        chosen = list(dict.fromkeys(v for v in (raw if isinstance(raw, list) else [raw]) if v))
        if not chosen:
            return FieldResult(REQUIRED if field.get("required") else "", value=[])
        if any(value not in option_values(field) for value in chosen):
            return FieldResult(FORMAT, "choice")
        if field.get("expected") is not None and str(field["expected"]) not in chosen:
            return FieldResult(EXPECTED, value=chosen)
        return FieldResult(value=chosen)

    raw = raw if isinstance(raw, str) else ""
    text = raw if kind == "password" else raw.strip()
    if not text.strip():
        return FieldResult(REQUIRED if field.get("required") else "", value="")
    if kind in ("select", "radio"):
        if text not in option_values(field):
            return FieldResult(FORMAT, "choice")
        value = text
    elif kind != "password" and has_other_digits(text):
        return FieldResult(FORMAT, "digits")
    elif kind in PARSERS:
        value, detail = PARSERS[kind](text)
        if value is None:
            return FieldResult(FORMAT, detail)
    else:
        value = text
    if field.get("pattern") and not re.fullmatch(field["pattern"], text, re.ASCII):
        return FieldResult(FORMAT, "pattern")
    if field.get("expected") is not None and not _matches(field, value):
        return FieldResult(EXPECTED, value=value)
    return FieldResult(value=value)


def _matches(field, value):
    """True when an accepted value is the one the practice identity card gives."""
    kind = field["type"]
    expected = str(field["expected"])
    if kind == "password":
        return value == expected
    if kind == "text":
        return normalise_free_text(value) == normalise_free_text(expected)
    if kind in PARSERS:
        return value == PARSERS[kind](expected)[0]
    return value == expected


def check_form(screen, form):
    """Check every field of a form screen: {field name: FieldResult} for the refused fields only."""
    refused = {}
    for field in screen.get("fields", []):
        result = check_field(field, read_field(field, form))
        if not result.ok:
            refused[field["name"]] = result
    return refused


def typed_values(screen, form):
    """What was typed, to show it again in the re-rendered form (passwords are never sent back)."""
    values = {}
    for field in screen.get("fields", []):
        if field["type"] != "password":
            values[field["name"]] = read_field(field, form)
    return values


def expected_answer(field):
    """What helper mode shows beside a field: the expected value, or an option's label (a content text)."""
    expected = field.get("expected")
    if expected is None:
        return None
    for option in field.get("options", []):
        if str(option["value"]) == str(expected):
            return option["label"]
    return str(expected)


# --- Checking the content files ------------------------------------------------------------

def _has_french(value):
    """A content text with its French version."""
    return bool(value.strip()) if isinstance(value, str) else isinstance(value, dict) and bool(value.get("fr"))


def validate_field(field, where):
    """Problems of one form field (used by validate_path)."""
    problems = []
    name, kind = field.get("name"), field.get("type")
    if not isinstance(name, str) or not _NAME.match(name):
        problems.append(f"{where}: field name {name!r} must be lowercase letters, digits and _")
    if kind not in FIELD_TYPES:
        return problems + [f"{where}: unknown field type {kind!r}"]
    where = f"{where}/{name}"
    if not _has_french(field.get("label")):
        problems.append(f"{where}: no French label")
    if "hint" in field and not _has_french(field["hint"]):
        problems.append(f"{where}: empty hint")
    if kind in CHOICE_TYPES:
        options = field.get("options") or []
        values = option_values(field)
        if kind == "checkbox" and len(options) != 1:
            problems.append(f"{where}: a checkbox has exactly one option")
        elif kind != "checkbox" and len(options) < 2:
            problems.append(f"{where}: fewer than 2 options")
        if len(set(values)) != len(values):
            problems.append(f"{where}: duplicate option values")
        for option in options:
            if not _SLUG.match(str(option.get("value", ""))) or not _has_french(option.get("label")):
                problems.append(f"{where}: option {option.get('value')!r} needs a simple value and a French label")
    elif field.get("options"):
        problems.append(f"{where}: options on a {kind} field")
    if field.get("pattern") is not None:
        try:
            re.compile(field["pattern"])
        except (re.error, TypeError):
            problems.append(f"{where}: pattern does not compile")
            field = dict(field, pattern=None)
    if "expected" in field:
        expected = field["expected"]
        if not isinstance(expected, str):
            problems.append(f"{where}: expected must be quoted text, not {type(expected).__name__}")
        else:
            result = check_field(field, [expected] if kind == "checkbox" else expected)
            if not result.ok:
                problems.append(f"{where}: expected {expected!r} is refused by its own rules ({result.code} {result.detail})")
    for code, messages in (field.get("errors") or {}).items():
        if code not in ERROR_CODES:
            problems.append(f"{where}: unknown error code {code!r}")
        elif not isinstance(messages, dict) or not (_has_french(messages.get("site")) and _has_french(messages.get("plain"))):
            problems.append(f"{where}: error {code} needs a French site and plain message")
    return problems


def validate_path(path, pictograms=(), illustration_exists=lambda name: True):
    """Problems with a practice path's content (the content tests fail on any)."""
    problems = []
    for key in ("id", "version", "service", "title", "description", "needs", "competence",
                "understand", "watch_out", "help", "identity", "screens"):
        if key not in path:
            problems.append(f"missing {key}")
    if problems:
        return problems
    if not isinstance(path["version"], int) or path["version"] < 1:
        problems.append("version must be a positive whole number")
    if not _SLUG.match(str(path["id"])):
        problems.append(f"id {path['id']!r} is not a simple slug")
    for key in ("service", "title", "description", "help"):
        if not _has_french(path[key]):
            problems.append(f"{key} has no French text")
    if pictograms and path.get("pictogram", "form") not in pictograms:
        problems.append(f"unknown pictogram {path.get('pictogram')!r}")
    if not isinstance(path["needs"], list):
        problems.append("needs must be a list")
    for part, low, high in (("understand", 2, 5), ("watch_out", 3, 6)):
        sections = path[part] or []
        if not low <= len(sections) <= high:
            problems.append(f"{part} has {len(sections)} sections, expected {low} to {high}")
        if not all(_has_french(s.get("title")) and _has_french(s.get("text")) for s in sections):
            problems.append(f"{part}: every section needs a French title and text")
    if not path["identity"] or not all(_has_french(row.get("label")) and str(row.get("value", "")).strip()
                                       for row in path["identity"]):
        problems.append("identity card rows need a label and a value")
    screens = path["screens"] or []
    if not screens:
        problems.append("no screens")
    ids = [screen.get("id") for screen in screens]
    if len(set(ids)) != len(ids):
        problems.append(f"duplicate screen ids: {sorted({i for i in ids if ids.count(i) > 1})}")
    for screen in screens:
        problems.extend(validate_screen(screen, illustration_exists))
    return problems


def validate_screen(screen, illustration_exists=lambda name: True):
    """Problems of one screen of a path."""
    where = f"screen {screen.get('id')!r}"
    problems = []
    if not _SLUG.match(str(screen.get("id", ""))):
        problems.append(f"{where}: id must be a simple slug")
    kind = screen.get("kind")
    if kind not in SCREEN_KINDS:
        return problems + [f"{where}: unknown kind {kind!r}"]
    if not _has_french(screen.get("title")):
        problems.append(f"{where}: no French title")
    for key in ("hint", "intro"):
        if key in screen and not _has_french(screen[key]):
            problems.append(f"{where}: empty {key}")
    if kind == "form":
        fields = screen.get("fields") or []
        if not fields:
            problems.append(f"{where}: a form needs fields")
        names = [field.get("name") for field in fields]
        if len(set(names)) != len(names):
            problems.append(f"{where}: duplicate field names")
        for field in fields:
            problems.extend(validate_field(field, where))
    elif kind == "choice":
        exercise = screen.get("exercise")
        if not isinstance(exercise, dict):
            return problems + [f"{where}: a choice screen needs an exercise"]
        problems.extend(f"{where}: {problem}" for problem in exercises.validate(exercise))
        if exercise.get("illustration") and not illustration_exists(exercise["illustration"]):
            problems.append(f"{where}: illustration {exercise['illustration']!r} does not exist")
    elif not _has_french(screen.get("text")):
        problems.append(f"{where}: an info screen needs a French text")
    return problems


# --- The end-of-path summary ---------------------------------------------------------------

@dataclass
class ScreenOutcome:
    """How one screen went: passed or not, with how many refused attempts and hints."""

    index: int
    screen: dict
    passed: bool
    errors: int = 0
    hints: int = 0

    @property
    def hesitated(self):
        """True when the person made a mistake or asked for the hint on this screen."""
        return bool(self.errors or self.hints)


def summarise(path, step_reached, counts):
    """Split a path's screens into done right, hesitated and not yet done.

    `counts` maps screen ids to (errors, hints); `step_reached` is how many
    screens were passed, in order.
    """
    outcomes = [
        ScreenOutcome(index, screen, index < step_reached, *counts.get(screen["id"], (0, 0)))
        for index, screen in enumerate(path["screens"])
    ]
    return {
        "right": [o for o in outcomes if o.passed and not o.hesitated],
        "hesitated": [o for o in outcomes if o.hesitated],
        "todo": [o for o in outcomes if not o.passed],
        "complete": step_reached >= len(outcomes),
    }


def progress_for_learner(learner):
    """The learner's progress in every practice path they started, for the professional space.

    Reads the database (through the resume codes linked to the learner); see progress.for_learner.
    """
    from .progress import for_learner

    return for_learner(learner)
