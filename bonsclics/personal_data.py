"""The rights of access and erasure: everything held about one person, exported or erased.

A person is known either by a learner record (created by a structure with their
consent) or only by a resume code. Each area exports and erases its own rows
through `<area>/personal_data.py`; this module adds the core tables, writes
every erasure to a journal (so a restore from an older backup can apply it
again) and records the request in the audit log.
"""
import csv
import datetime
import io
import json
import os

from flask import current_app
from playhouse.shortcuts import model_to_dict

from .areas import area_modules
from .db import utcnow, write_transaction
from .models.learners import Learner, LearnerNote, ResumeCode
from .security import audit


def row(model_instance, exclude=()):
    """A database row as a plain dict (foreign keys as ids), for exports."""
    data = model_to_dict(model_instance, recurse=False, exclude=list(exclude))
    return {key: _plain(value) for key, value in data.items()}


def _plain(value):
    """Dates as ISO strings, everything else as is."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def export_learner(learner):
    """Every row about a learner record, grouped by table name."""
    data = {
        "learner": [row(learner)],
        "learnernote": [row(note) for note in LearnerNote.select().where(LearnerNote.learner == learner)],
        "resumecode": [row(code) for code in ResumeCode.select().where(ResumeCode.learner == learner)],
    }
    for code in ResumeCode.select().where(ResumeCode.learner == learner):
        _merge(data, export_code(code, include_code_row=False))
    for module in area_modules("personal_data"):
        _merge(data, module.export_learner(learner))
    audit("personal-data-exported", "learner", learner.id)
    return data


def export_code(resume_code, include_code_row=True):
    """Every row tied to a resume code (a person without a learner record)."""
    data = {"resumecode": [row(resume_code)]} if include_code_row else {}
    for module in area_modules("personal_data"):
        _merge(data, module.export_code(resume_code))
    return data


def _merge(data, more):
    """Add the rows of `more` to `data`, table by table, without duplicates."""
    for table, rows in more.items():
        existing = data.setdefault(table, [])
        for item in rows:
            if item not in existing:
                existing.append(item)


def as_json(data):
    """The export as a JSON document."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def as_csv(data):
    """The export as one CSV text: a `table` column, then each row's fields."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["table", "field", "value", "row"])
    for table, rows in data.items():
        for number, item in enumerate(rows, start=1):
            for key, value in item.items():
                writer.writerow([table, key, "" if value is None else value, number])
    return out.getvalue()


def erase_learner(learner, journal=True):
    """Erase a learner record and everything tied to it; aggregate figures stay."""
    learner_id = learner.id
    codes = list(ResumeCode.select().where(ResumeCode.learner == learner))
    with write_transaction():
        for module in area_modules("personal_data"):
            module.erase_learner(learner)
        for code in codes:
            _erase_code_rows(code)
        LearnerNote.delete().where(LearnerNote.learner == learner_id).execute()
        Learner.delete().where(Learner.id == learner_id).execute()
    if journal:
        record_erasure("learner", learner_id, [c.code for c in codes])
    audit("personal-data-erased", "learner", learner_id)


def erase_code(resume_code, journal=True):
    """Erase what a resume code holds (diagnostics, progress, bookings...) and the code itself."""
    with write_transaction():
        _erase_code_rows(resume_code)
    if journal:
        record_erasure("code", resume_code.id, [resume_code.code])
    audit("personal-data-erased", "resumecode", resume_code.id)


def _erase_code_rows(resume_code):
    """Delete the rows of every area for a code, then the code."""
    for module in area_modules("personal_data"):
        module.erase_code(resume_code)
    ResumeCode.delete().where(ResumeCode.id == resume_code.id).execute()


# --- The erasure journal: kept beside the database, re-applied after a restore ---------

def journal_path():
    """Where erasures are journaled (outside the database, so a restore cannot lose them)."""
    return current_app.config["ERASURE_JOURNAL"]


def record_erasure(kind, record_id, codes):
    """Append one erasure to the journal (ids and codes only, never names)."""
    entry = {"at": utcnow().isoformat(), "kind": kind, "id": record_id, "codes": codes}
    with open(journal_path(), "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def erasures_since(moment):
    """Journal entries made after `moment` (a naive UTC datetime)."""
    if not os.path.exists(journal_path()):
        return []
    entries = []
    with open(journal_path(), encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                entry = json.loads(line)
                if datetime.datetime.fromisoformat(entry["at"]) >= moment:
                    entries.append(entry)
    return entries


def reapply_erasures(since):
    """Erase again what was erased after `since` (used after restoring a backup); returns the count."""
    count = 0
    for entry in erasures_since(since):
        if entry["kind"] == "learner":
            learner = Learner.get_or_none(Learner.id == entry["id"])
            if learner is not None:
                erase_learner(learner, journal=False)
                count += 1
        for code in entry.get("codes", []):
            found = ResumeCode.get_or_none(ResumeCode.code == code)
            if found is not None:
                erase_code(found, journal=False)
                count += 1
    return count
