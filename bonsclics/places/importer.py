"""Importing a file in the national standard: every row checked, all or nothing, updates by `id`.

A file with a single rejected row changes nothing: the report lists each
problem (line, field, value, why) so the file can be fixed and sent again.
Sending the same file twice updates the places it names instead of adding
copies, and leaves untouched the places whose data did not change.
"""
import csv
import datetime
import io
import json
from dataclasses import dataclass, field

from flask_babel import gettext as _
from peewee import CharField

from ..db import utcnow, write_transaction
from ..models.base import join_values, split_values
from ..models.places import Place, derived_values
from . import bulk, index, standard, vocabulary
from .opening import parsed

MAX_ROWS = 50000


class FileProblem(ValueError):
    """The file as a whole cannot be read (encoding, format, columns)."""


@dataclass
class Report:
    """What an import found and did."""

    rows: int = 0
    rejections: list = field(default_factory=list)  # (position, field, value, message)
    rejected_rows: int = 0
    unreadable_hours: list = field(default_factory=list)  # positions whose hours stay as text only
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    json: bool = False

    @property
    def accepted(self):
        """True when every row passed (and the import was written, unless a dry run)."""
        return not self.rejections


# --- Reading -------------------------------------------------------------------------------

def read(filename, data):
    """The rows of a CSV or JSON file: (is_json, [(position, raw mapping)])."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem(_("Le fichier n'est pas en UTF-8. Dans votre tableur, enregistrez-le au format "
                            "« CSV UTF-8 ».")) from None
    if not text.strip():
        raise FileProblem(_("Le fichier est vide."))
    if (filename or "").lower().endswith(".json") or text.lstrip()[:1] in "[{":
        return True, _read_json(text)
    return False, _read_csv(text)


def _read_json(text):
    try:
        items = json.loads(text)
    except ValueError as error:
        raise FileProblem(_("Le fichier JSON n'est pas valide (ligne %(line)s) : vérifiez les virgules et les "
                            "guillemets.", line=getattr(error, "lineno", "?"))) from None
    if not isinstance(items, list):
        raise FileProblem(_("Le fichier JSON doit contenir une liste de lieux : [ {...}, {...} ]."))
    if len(items) > MAX_ROWS:
        raise FileProblem(_("Le fichier contient plus de %(max)d lieux : découpez-le.", max=MAX_ROWS))
    rows = []
    for number, item in enumerate(items, start=1):
        rows.append((number, item if isinstance(item, dict) else {"__not_an_object__": True}))
    return rows


def _read_csv(text):
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip() for name in next(reader)]
    except (StopIteration, csv.Error):
        raise FileProblem(_("La première ligne doit donner le nom des colonnes.")) from None
    duplicates = sorted({name for name in header if name and header.count(name) > 1})
    if duplicates:
        raise FileProblem(_("Colonnes en double : %(names)s.", names=", ".join(duplicates)))
    missing = [name for name in standard.required_fields() if name not in header]
    if missing:
        raise FileProblem(_("Colonnes obligatoires absentes : %(names)s. La première ligne doit reprendre les "
                            "noms du standard (id, pivot, nom...).", names=", ".join(missing)))
    rows, previous_line = [], reader.line_num
    try:
        for cells in reader:
            start, previous_line = previous_line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise FileProblem(_("Le fichier contient plus de %(max)d lieux : découpez-le.", max=MAX_ROWS))
            row = dict(zip(header, cells))
            if len(cells) > len(header):
                row["__extra_cells__"] = True
            rows.append((start, row))
    except csv.Error:
        raise FileProblem(_("Ligne %(line)d illisible : un guillemet n'est pas refermé.", line=previous_line + 1)) from None
    return rows


# --- Checking ------------------------------------------------------------------------------

_SHORT_COLUMNS = {name for name in standard.field_names()
                  if isinstance(getattr(Place, "source_id" if name == "id" else name), CharField)}


def check(rows, network, is_json=False):
    """Check every row; returns (report, [(position, normalised row)]) of the accepted ones."""
    report = Report(rows=len(rows), json=is_json)
    seen, accepted = {}, []
    for position, raw in rows:
        problems = _row_problems(raw)
        row = standard.normalise(raw) if not problems else {}
        if row:
            row["telephone"] = standard.normalise_phone(row["telephone"])
            problems = standard.check_row(row)
            problems += [(name, row[name], _("Texte trop long : %(max)d caractères au plus.", max=255))
                         for name in _SHORT_COLUMNS if len(row[name]) > 255]
            if row["id"] and row["id"] in seen:
                problems.append(("id", row["id"], _("Identifiant déjà utilisé plus haut dans le fichier "
                                                    "(%(where)s %(position)d).", where=_where(report),
                                                    position=seen[row["id"]])))
            seen.setdefault(row["id"], position)
        if problems:
            report.rejected_rows += 1
            report.rejections += [(position, name, value, message) for name, value, message in problems]
            continue
        if row["horaires"] and parsed(row["horaires"]) is None:
            report.unreadable_hours.append(position)
        accepted.append((position, row))
    _check_ownership(report, accepted, network)
    rejected = {rejection[0] for rejection in report.rejections}
    return report, [(position, row) for position, row in accepted if position not in rejected]


def _where(report):
    return _("élément") if report.json else _("ligne")


def _row_problems(raw):
    """Problems of the row's shape, before its values."""
    if raw.get("__not_an_object__"):
        return [("", "", _("Chaque élément de la liste doit être un lieu : { \"id\": ..., \"nom\": ... }."))]
    if raw.get("__extra_cells__"):
        return [("", "", _("Cette ligne a plus de cellules que la ligne des noms de colonnes : une virgule "
                           "de trop, ou un texte à mettre entre guillemets."))]
    return []


def _check_ownership(report, accepted, network):
    """A file may only update places of the network it is imported into."""
    ids = [row["id"] for _position, row in accepted]
    owners = {}
    for start in range(0, len(ids), 500):
        query = Place.select(Place.source_id, Place.network).where(Place.source_id.in_(ids[start:start + 500]))
        owners.update({source_id: network_id for source_id, network_id in query.tuples()})
    for position, row in accepted:
        if row["id"] in owners and owners[row["id"]] != network.id:
            report.rejected_rows += 1
            report.rejections.append((position, "id", row["id"], _("Cet identifiant est celui d'un lieu d'un "
                                                                   "autre réseau : changez-le.")))


# --- Writing -------------------------------------------------------------------------------

def columns_of(row):
    """The Place columns set by a checked row of the standard."""
    values = {("source_id" if name == "id" else name): value for name, value in row.items()}
    for name in ("latitude", "longitude"):
        values[name] = float(values[name]) if values[name] else None
    values["date_maj"] = datetime.date.fromisoformat(values["date_maj"])
    return values


# Every column of a new place, and those an import may change on a known one.
_NEW_COLUMNS = tuple(name for name in Place._meta.sorted_field_names if name != "id")
_UPDATED_COLUMNS = (*(("source_id" if name == "id" else name) for name in standard.field_names()),
                    "departement", "timezone", "commune_key", "nom_key", "kinds_of_help", "updated_at", "updated_by")


def _default(name):
    default = Place._meta.fields[name].default
    return default() if callable(default) else default


def write(accepted, network, structure, user, report):
    """Create or update the places of `accepted` rows (inside the caller's transaction)."""
    now = utcnow()
    user_id = user.id if user else None
    existing = {}
    ids = [row["id"] for _position, row in accepted]
    for start in range(0, len(ids), 500):
        for place in Place.select().where(Place.source_id.in_(ids[start:start + 500])):
            existing[place.source_id] = place
    defaults = {name: _default(name) for name in _NEW_COLUMNS}
    new_rows, changed = [], []
    for _position, row in accepted:
        values = columns_of(row)
        place = existing.get(row["id"])
        if place is None:
            values.update(derived_values(values))
            values.update(network=network.id, structure=structure.id if structure else None, created_at=now,
                          updated_at=now, updated_by=user_id,
                          kinds_of_help=join_values(vocabulary.kinds_from_services(split_values(row["services"]))))
            new_rows.append(tuple(values.get(name, defaults[name]) for name in _NEW_COLUMNS))
            continue
        if all(getattr(place, name) == value for name, value in values.items()):
            report.unchanged += 1
            continue
        merged = {**place.__data__, **values}
        merged.update(derived_values({**merged, "departement": ""}), updated_at=now, updated_by=user_id)
        if not place.kinds_of_help:
            merged["kinds_of_help"] = join_values(vocabulary.kinds_from_services(split_values(row["services"])))
        changed.append(tuple(merged[name] for name in _UPDATED_COLUMNS) + (place.id,))
    bulk.insert(Place, _NEW_COLUMNS, new_rows)
    bulk.update(Place, _UPDATED_COLUMNS, changed)
    report.created, report.updated = len(new_rows), len(changed)
    source_index = _NEW_COLUMNS.index("source_id")
    _reindex([row[source_index] for row in new_rows], [row[-1] for row in changed])


def _reindex(new_source_ids, changed_ids):
    """Index rows for the created and the changed places."""
    columns = [Place.id, Place.horaires, Place.timezone, *(getattr(Place, c) for c in index.FACETS.values())]
    rows = {}
    for start in range(0, len(new_source_ids), 500):
        query = Place.select(*columns).where(Place.source_id.in_(new_source_ids[start:start + 500]))
        rows.update({row["id"]: index.rows_for(row["id"], row) for row in query.dicts()})
    for start in range(0, len(changed_ids), 500):
        query = Place.select(*columns).where(Place.id.in_(changed_ids[start:start + 500]))
        rows.update({row["id"]: index.rows_for(row["id"], row) for row in query.dicts()})
    index.write(changed_ids, rows)


def import_file(filename, data, network, structure=None, user=None, dry_run=False):
    """Read, check and (when every row passes) write a file; returns its Report.

    Raises FileProblem when the file cannot be read at all.
    """
    is_json, rows = read(filename, data)
    report, accepted = check(rows, network, is_json)
    if report.rejections or dry_run:
        return report
    with write_transaction():
        write(accepted, network, structure, user, report)
    return report
