"""Charts as SVG drawn on the server: horizontal bars, stacked bars and lines.

No script, no style attribute (the CSP forbids them): only presentation
attributes. Meaning never rests on colour alone: each series has its own
pattern (plain, hatched, dotted, light) or line dash and marker, every bar or
point carries its figure, and the page gives the same figures in a table.
A masked figure ("< 5") draws nothing that would reveal its size.
"""
from markupsafe import Markup, escape

WIDTH = 640
ROW = 28
LABEL = 200
FONT = 13
# (background, line colour, kind): plain, hatched, dotted, light; readable in grey too.
PATTERNS = (("#0b5cad", None, "plain"), ("#ffffff", "#1b1b1b", "hatch"), ("#c9d7ee", "#1b1b1b", "dots"),
            ("#1e6b3a", "#ffffff", "cross"))
DASHES = ("", "6 4", "2 3", "10 3 2 3")


def _e(text):
    return escape(str(text))


def _short(text, limit=30):
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _defs(uid):
    """One <pattern> per series, ids prefixed by the chart's id (several charts share a page)."""
    parts = []
    for index, (background, ink, kind) in enumerate(PATTERNS):
        if kind == "plain":
            body = ""
        elif kind == "hatch":
            body = f'<path d="M0 8 L8 0" stroke="{ink}" stroke-width="1.5"/>'
        elif kind == "dots":
            body = f'<circle cx="4" cy="4" r="1.6" fill="{ink}"/>'
        else:
            body = f'<path d="M0 0 L8 8 M8 0 L0 8" stroke="{ink}" stroke-width="1"/>'
        parts.append(f'<pattern id="{uid}-p{index}" width="8" height="8" patternUnits="userSpaceOnUse">'
                     f'<rect width="8" height="8" fill="{background}"/>{body}</pattern>')
    return "<defs>" + "".join(parts) + "</defs>"


def _fill(uid, index):
    return f"url(#{uid}-p{index % len(PATTERNS)})"


def _open(uid, title, height):
    return (f'<svg class="chart" id="{uid}" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="{uid}-t" '
            f'focusable="false"><title id="{uid}-t">{_e(title)}</title>{_defs(uid)}')


def _legend(uid, names, y):
    parts, x = [], 0
    for index, name in enumerate(names):
        parts.append(f'<rect x="{x}" y="{y}" width="16" height="16" fill="{_fill(uid, index)}" stroke="#1b1b1b"/>'
                     f'<text x="{x + 22}" y="{y + 13}" font-size="{FONT}">{_e(_short(name, 22))}</text>')
        x += 30 + 8 * min(len(str(name)), 22)
    return "".join(parts)


def bars(uid, title, rows):
    """Horizontal bars: `rows` are (label, Cell). Returns Markup (empty when nothing to draw)."""
    if not rows:
        return Markup("")
    top = max([c.value or 0 for _, c in rows] + [1])
    span = WIDTH - LABEL - 70
    height = ROW * len(rows) + 8
    parts = [_open(uid, title, height)]
    for index, (label, cell) in enumerate(rows):
        y = 4 + index * ROW
        parts.append(f'<text x="0" y="{y + 18}" font-size="{FONT}">{_e(_short(label))}</text>')
        length = 0 if cell.value is None else round(span * cell.value / top)
        if length:
            parts.append(f'<rect x="{LABEL}" y="{y + 4}" width="{length}" height="{ROW - 10}" fill="{_fill(uid, 0)}"/>')
        parts.append(f'<text x="{LABEL + length + 6}" y="{y + 18}" font-size="{FONT}">{_e(cell.text)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def stacked(uid, title, rows, series):
    """Stacked horizontal bars: `rows` are (label, [Cell per series]), `series` the series names.

    Masked segments take no width; the scale is the largest total of shown figures.
    """
    if not rows:
        return Markup("")
    top = max([sum(c.value or 0 for c in cells) for _, cells in rows] + [1])
    span = WIDTH - LABEL - 10
    height = ROW * len(rows) + 34
    parts = [_open(uid, title, height)]
    for index, (label, cells) in enumerate(rows):
        y = 4 + index * ROW
        parts.append(f'<text x="0" y="{y + 18}" font-size="{FONT}">{_e(_short(label))}</text>')
        x = LABEL
        for number, cell in enumerate(cells):
            length = 0 if cell.value is None else round(span * cell.value / top)
            if not length:
                continue
            parts.append(f'<rect x="{x}" y="{y + 3}" width="{length}" height="{ROW - 8}" fill="{_fill(uid, number)}" '
                         f'stroke="#1b1b1b" stroke-width="0.5"/>')
            if length >= 34:
                parts.append(f'<rect x="{x + 2}" y="{y + 7}" width="{min(length - 4, 8 * len(cell.text) + 4)}" '
                             f'height="14" fill="#ffffff"/>'
                             f'<text x="{x + 4}" y="{y + 18}" font-size="11">{_e(cell.text)}</text>')
            x += length
    parts.append(_legend(uid, series, ROW * len(rows) + 12))
    parts.append("</svg>")
    return Markup("".join(parts))


def lines(uid, title, labels, series):
    """A line per series over time: `labels` the buckets, `series` (name, [Cell per bucket]).

    Each series has its own dash and marker; a masked point breaks the line and
    reads "< 5" under the axis.
    """
    if not labels or not series:
        return Markup("")
    left, right, top_margin, plot = 40, 10, 12, 160
    height = top_margin + plot + 44 + (22 if len(series) > 1 else 0)
    top = max([c.value or 0 for _, cells in series for c in cells] + [1])
    step = (WIDTH - left - right) / max(len(labels) - 1, 1)
    every = max(1, len(labels) // 12)
    parts = [_open(uid, title, height)]
    base = top_margin + plot
    parts.append(f'<path d="M{left} {top_margin} V{base} H{WIDTH - right}" fill="none" stroke="#1b1b1b"/>'
                 f'<text x="{left - 4}" y="{top_margin + 10}" font-size="11" text-anchor="end">{_e(top)}</text>'
                 f'<text x="{left - 4}" y="{base}" font-size="11" text-anchor="end">0</text>')
    for index, label in enumerate(labels):
        if index % every == 0:
            parts.append(f'<text x="{round(left + index * step)}" y="{base + 16}" font-size="11" '
                         f'text-anchor="middle">{_e(label)}</text>')
    for number, (name, cells) in enumerate(series):
        path, pen_down = [], False
        for index, cell in enumerate(cells):
            x = round(left + index * step, 1)
            if cell.value is None:
                pen_down = False
                if cell.masked:
                    parts.append(f'<text x="{x}" y="{base + 30}" font-size="10" text-anchor="middle">{_e(cell.text)}</text>')
                continue
            y = round(base - plot * cell.value / top, 1)
            path.append(f'{"L" if pen_down else "M"}{x} {y}')
            pen_down = True
            parts.append(_marker(number, x, y))
        dash = DASHES[number % len(DASHES)]
        parts.append(f'<path d="{" ".join(path)}" fill="none" stroke="#0b5cad" stroke-width="2"'
                     f'{f" stroke-dasharray={chr(34)}{dash}{chr(34)}" if dash else ""}/>')
    if len(series) > 1:
        parts.append(_line_legend(series, base + 40))
    parts.append("</svg>")
    return Markup("".join(parts))


def _marker(number, x, y):
    """A marker of its own shape per series: circle, square, triangle, diamond."""
    shape = number % 4
    if shape == 0:
        return f'<circle cx="{x}" cy="{y}" r="3.5" fill="#0b5cad"/>'
    if shape == 1:
        return f'<rect x="{x - 3.5}" y="{y - 3.5}" width="7" height="7" fill="#1b1b1b"/>'
    if shape == 2:
        return f'<path d="M{x} {y - 4} L{x + 4} {y + 3} L{x - 4} {y + 3} Z" fill="#1e6b3a"/>'
    return f'<path d="M{x} {y - 4} L{x + 4} {y} L{x} {y + 4} L{x - 4} {y} Z" fill="#b3261e"/>'


def _line_legend(series, y):
    parts, x = [], 0
    for number, (name, _cells) in enumerate(series):
        dash = DASHES[number % len(DASHES)]
        parts.append(f'<path d="M{x} {y + 8} H{x + 24}" stroke="#0b5cad" stroke-width="2"'
                     f'{f" stroke-dasharray={chr(34)}{dash}{chr(34)}" if dash else ""}/>'
                     f'{_marker(number, x + 12, y + 8)}'
                     f'<text x="{x + 30}" y="{y + 12}" font-size="{FONT}">{_e(_short(name, 22))}</text>')
        x += 40 + 8 * min(len(str(name)), 22)
    return "".join(parts)
