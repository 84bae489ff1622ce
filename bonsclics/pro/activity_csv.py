"""The activity log as CSV: export, and an all-or-nothing import that says why each bad row is refused."""
import csv
import datetime
import io

from flask_babel import gettext as _

from ..dates import parse_date
from ..models.pro import ACTIVITY_AUTONOMY, ACTIVITY_MODES, ACTIVITY_PLACES, ACTIVITY_SENT_TO

COLUMNS = ("date", "duration_minutes", "mode", "place_type", "themes", "autonomy", "sent_to")
MAX_ROWS = 5000
MAX_MINUTES = 600


def export(activities):
    """CSV text of `activities` (no personal data: only the vocabulary's values)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for a in activities:
        writer.writerow([a.date.isoformat(), a.duration_minutes, a.mode, a.place_type, a.themes, a.autonomy, a.sent_to])
    return out.getvalue()


def parse(data, theme_ids, today):
    """Read CSV bytes; returns (rows, problems).

    `rows` are dicts ready to save; `problems` lists (line number, message).
    The import saves nothing when there is any problem.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [(0, _("Le fichier n'est pas en UTF-8. Enregistrez-le en « CSV UTF-8 » puis recommencez."))]
    if "\x00" in text:
        return [], [(0, _("Ce fichier n'est pas un fichier CSV."))]
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header and c != "sent_to"]
    if missing:
        return [], [(1, _("Colonnes manquantes : %(cols)s. La première ligne doit être : %(all)s.",
                          cols=", ".join(missing), all=",".join(COLUMNS)))]
    reader.fieldnames = header
    rows, problems = [], []
    try:
        for number, raw in enumerate(reader, start=2):
            if number - 1 > MAX_ROWS:
                problems.append((number, _("Trop de lignes : %(n)s au plus par fichier.", n=MAX_ROWS)))
                break
            values = {k: (v or "").strip() for k, v in raw.items() if isinstance(k, str)}
            if not any(values.values()):
                continue
            row, errors = _read_row(values, theme_ids, today)
            problems.extend((number, message) for message in errors)
            if not errors:
                rows.append(row)
    except csv.Error:
        problems.append((0, _("Le fichier CSV est mal formé (guillemets non fermés ?).")))
    if not rows and not problems:
        problems.append((0, _("Le fichier ne contient aucune ligne d'activité.")))
    return rows, problems


def _read_row(values, theme_ids, today):
    """One row as a dict, and the list of what is wrong with it."""
    errors = []
    date = parse_date(values.get("date"))
    if date is None:
        errors.append(_("date « %(v)s » illisible (attendu : 2025-03-14 ou 14/03/2025)", v=values.get("date", "")[:20]))
    elif date > today or date < datetime.date(2000, 1, 1):
        errors.append(_("date « %(v)s » hors période", v=values["date"][:20]))
    duration = values.get("duration_minutes", "")
    if not duration.isdecimal() or not 1 <= int(duration) <= MAX_MINUTES:
        errors.append(_("durée « %(v)s » : un nombre de minutes entre 1 et %(max)s", v=duration[:20], max=MAX_MINUTES))
    for column, allowed in (("mode", ACTIVITY_MODES), ("place_type", ACTIVITY_PLACES), ("autonomy", ACTIVITY_AUTONOMY)):
        if values.get(column) not in allowed:
            errors.append(_("%(col)s « %(v)s » : attendu %(allowed)s", col=column, v=values.get(column, "")[:20],
                            allowed=" / ".join(allowed)))
    sent_to = values.get("sent_to") or "none"
    if sent_to not in ACTIVITY_SENT_TO:
        errors.append(_("sent_to « %(v)s » : attendu %(allowed)s", v=sent_to[:20], allowed=" / ".join(ACTIVITY_SENT_TO)))
    themes = [t.strip() for t in values.get("themes", "").split("|") if t.strip()]
    unknown = [t for t in themes if t not in theme_ids]
    if not themes:
        errors.append(_("aucun thème"))
    elif unknown:
        errors.append(_("thèmes inconnus : %(v)s", v=", ".join(unknown)[:60]))
    if errors:
        return None, errors
    return {"date": date, "duration_minutes": int(duration), "mode": values["mode"], "place_type": values["place_type"],
            "themes": list(dict.fromkeys(themes)), "autonomy": values["autonomy"], "sent_to": sent_to}, []
