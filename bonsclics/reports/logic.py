"""The rules of the reports, without Flask or the database: small counts, periods, time buckets.

Every figure that counts people or acts goes through `Cell`: below the
threshold (SMALL_COUNT_THRESHOLD, 5 by default) it reads "< 5" in tables,
charts, CSV and JSON alike, and the exact value is never written anywhere.
A rate or a median built on fewer cases than the threshold is not shown.
"""
import datetime
import statistics

GRAINS = ("week", "month", "quarter", "year")
# How many buckets an evolution chart may hold before it becomes unreadable.
MAX_BUCKETS = {"week": 60, "month": 48, "quarter": 40, "year": 30}


class Cell:
    """One figure as shown: `text` is what every output writes, `value` is None when masked."""

    __slots__ = ("raw", "masked", "text", "value", "threshold")

    def __init__(self, raw, threshold, text=None):
        self.raw = raw
        self.threshold = threshold
        self.masked = raw is not None and 0 < raw < threshold
        self.value = None if self.masked else raw
        if self.masked:
            self.text = f"< {threshold}"
        elif raw is None:
            self.text = "–"
        else:
            self.text = text if text is not None else format_number(raw)

    def __str__(self):
        return self.text

    def __repr__(self):
        return f"Cell({self.text!r})"

    def export(self):
        """The value for CSV and JSON: the number, or the "< 5" text when masked."""
        if self.masked:
            return self.text
        return self.raw

    def __html__(self):
        """Jinja prints the text (never the raw value)."""
        from markupsafe import escape

        return str(escape(self.text))


def format_number(value):
    """A count with thin spaces between thousands (French style): 12 345."""
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return f"{value:,}".replace(",", "\u202f")


def count(raw, threshold):
    """A count of people or acts, masked below the threshold."""
    return Cell(int(raw or 0), threshold)


def share(part, whole, threshold):
    """A percentage of `whole` cases (text "42 %", exported 42), not shown below the threshold."""
    whole = int(whole or 0)
    if whole < threshold:
        return derived(None, whole, threshold)
    percent = round(100 * (part or 0) / whole)
    return Cell(percent, 0, text=f"{percent} %")


def derived(value, cases, threshold, text=None):
    """A figure computed from `cases` people (a share, a median): "< 5 cas" below the threshold."""
    if not cases:
        return Cell(None, threshold)
    if cases < threshold:
        cell = Cell(None, threshold)
        cell.text, cell.masked = f"< {threshold} cas", True
        return cell
    return Cell(value, 0, text=text)


def median(values):
    """The median of a list of numbers, or None when it is empty."""
    values = list(values)
    return statistics.median(values) if values else None


# --- Periods -----------------------------------------------------------------------------

def default_period(today):
    """The last twelve full months up to today: (first day, today)."""
    start = datetime.date(today.year - 1, today.month, 1)
    return start, today


def bucket_start(day, grain):
    """The first day of the week (Monday), month, quarter or year holding `day`."""
    if grain == "week":
        return day - datetime.timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    if grain == "quarter":
        return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return datetime.date(day.year, 1, 1)


def next_bucket(start, grain):
    """The first day of the bucket after the one starting on `start`."""
    if grain == "week":
        return start + datetime.timedelta(days=7)
    if grain == "year":
        return datetime.date(start.year + 1, 1, 1)
    months = 1 if grain == "month" else 3
    month = start.month - 1 + months
    return datetime.date(start.year + month // 12, month % 12 + 1, 1)


def buckets(start, end, grain):
    """Every bucket start between two dates, in order (at most MAX_BUCKETS of the grain)."""
    found, current = [], bucket_start(start, grain)
    while current <= end and len(found) < MAX_BUCKETS[grain]:
        found.append(current)
        current = next_bucket(current, grain)
    return found


def bucket_label(start, grain):
    """A short label: "S12 2026", "03/2026", "T1 2026", "2026"."""
    if grain == "week":
        year, week, _ = start.isocalendar()
        return f"S{week} {year}"
    if grain == "month":
        return f"{start.month:02d}/{start.year}"
    if grain == "quarter":
        return f"T{(start.month - 1) // 3 + 1} {start.year}"
    return str(start.year)


def roll_up(daily, start, end, grain):
    """Sum per-day counts ({date: n}, already grouped by the database) into buckets: [(start, n)]."""
    starts = buckets(start, end, grain)
    totals = dict.fromkeys(starts, 0)
    for day, value in daily.items():
        key = bucket_start(day, grain)
        if key in totals:
            totals[key] += value
    return [(key, totals[key]) for key in starts]


def suggested_grain(start, end):
    """Weeks for up to three months, months up to three years, then quarters."""
    days = (end - start).days
    if days <= 92:
        return "week"
    if days <= 3 * 366:
        return "month"
    return "quarter"


def print_grain(start, end, most=12):
    """The finest step whose buckets fit on the printed page (12 rows at most)."""
    for grain in ("month", "quarter", "year"):
        if len(buckets(start, end, grain)) <= most:
            return grain
    return "year"


def as_date(value):
    """A date from what the database returns for DATE(...) (a date, a datetime or an ISO string)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])
