"""The right of access and erasure covers every table that refers to a person.

The test finds those tables itself (every model with a foreign key to a learner
record or a resume code), fills one row of each, and checks that the export
contains them all and that erasure leaves none behind.
"""
import datetime
import json
import uuid

import pytest
from peewee import (
    BigIntegerField, BooleanField, CharField, DateField, DateTimeField, DecimalField, FloatField,
    ForeignKeyField, IntegerField, TextField,
)

from bonsclics import personal_data
from bonsclics.db import all_models
from bonsclics.models.learners import Learner, ResumeCode


def _person_models():
    """Models with a foreign key to Learner or ResumeCode (the tables about a person)."""
    found = []
    for model in all_models():
        if model in (Learner, ResumeCode):
            continue
        for field in model._meta.fields.values():
            if isinstance(field, ForeignKeyField) and field.rel_model in (Learner, ResumeCode):
                found.append((model, field))
    return found


def _value_for(field, made):
    """A plausible value for a required field."""
    if isinstance(field, ForeignKeyField):
        return _make(field.rel_model, made)
    if isinstance(field, BooleanField):
        return False
    if isinstance(field, (IntegerField, BigIntegerField)):
        return 1
    if isinstance(field, (FloatField, DecimalField)):
        return 1.0
    if isinstance(field, DateTimeField):
        return datetime.datetime(2026, 1, 5, 10, 0)
    if isinstance(field, DateField):
        return datetime.date(2026, 1, 5)
    if isinstance(field, (CharField, TextField)):
        choices = getattr(field, "choices", None)
        if choices:
            return choices[0][0]
        return "x" + uuid.uuid4().hex[:10]
    return None


def _make(model, made, **given):
    """One row of `model` with every required field filled (parents created as needed)."""
    if model in made and not given:
        return made[model]
    values = dict(given)
    for name, field in model._meta.fields.items():
        if name in values or field.primary_key and field.field_type == "AUTO":
            continue
        if field.null or field.default is not None:
            if isinstance(field, ForeignKeyField) and field.rel_model in made:
                values[name] = made[field.rel_model]
            continue
        values[name] = _value_for(field, made)
    instance = model.create(**values)
    if not given:
        made[model] = instance
    return instance


def test_export_and_erasure_cover_every_table_about_a_person(app, world):
    with app.test_request_context():
        made = {}
        learner = Learner.create(structure=world["structure_a"], pseudonym="Awa", consent_at=datetime.datetime(2026, 1, 1))
        code = ResumeCode.issue()
        code.learner = learner
        code.save()
        made[Learner], made[ResumeCode] = learner, code
        other_code = ResumeCode.issue()  # somebody else: must survive
        tables = _person_models()
        for model, field in tables:
            _make(model, made, **{field.name: made[field.rel_model]})
        exported = personal_data.export_learner(learner)
        json.dumps(exported, default=str)  # serialisable
        missing = [model._meta.table_name for model, _ in tables if not exported.get(model._meta.table_name)]
        assert missing == [], f"export forgets {missing}"
        assert exported["learner"][0]["pseudonym"] == "Awa"

        personal_data.erase_learner(learner)
        left = [
            model._meta.table_name for model, field in tables
            if model.select().where(field == made[field.rel_model].id).exists()
        ]
        assert left == [], f"erasure leaves rows in {left}"
        assert Learner.get_or_none(Learner.id == learner.id) is None
        assert ResumeCode.get_or_none(ResumeCode.id == code.id) is None
        assert ResumeCode.get_or_none(ResumeCode.id == other_code.id) is not None


def test_the_person_downloads_and_erases_their_data_with_their_code(app, client):
    with app.app_context():
        code = ResumeCode.issue()
    client.post("/code", data={"code": code.code})
    exported = client.get("/code/data.json")
    assert exported.status_code == 200
    assert "attachment" in exported.headers["Content-Disposition"]
    assert exported.json["resumecode"][0]["code"] == code.code
    csv_export = client.get("/code/data.csv")
    assert csv_export.mimetype == "text/csv" and code.code in csv_export.get_data(as_text=True)
    # Without the confirmation box nothing is erased.
    client.post("/code/erase", data={})
    with app.app_context():
        assert ResumeCode.get_or_none(ResumeCode.id == code.id) is not None
    client.post("/code/erase", data={"confirm": "yes"})
    with app.app_context():
        assert ResumeCode.get_or_none(ResumeCode.id == code.id) is None
    assert client.get("/code/data.json").status_code == 404


def test_erasures_are_journaled_without_names(app, world):
    with app.test_request_context():
        learner = Learner.create(structure=world["structure_a"], pseudonym="Nom Secret", consent_at=datetime.datetime(2026, 1, 1))
        personal_data.erase_learner(learner)
        with open(personal_data.journal_path(), encoding="utf-8") as handle:
            journal = handle.read()
    assert f'"id": {learner.id}' in journal and "Nom Secret" not in journal


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_no_code_no_data(client, fmt):
    assert client.get(f"/code/data.{fmt}").status_code == 404
