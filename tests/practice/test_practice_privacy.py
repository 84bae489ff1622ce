"""Progress only, never what was typed: the tables, the learner record, the right of access and erasure.

The walk of every path (test_practice_walk.py) also checks that no typed value reaches the database or the session."""
import datetime

import pytest
from practice_walking import assert_nothing_typed_is_kept, right_value, screen_url

from bonsclics.practice import catalogue


def test_the_progress_tables_hold_only_ids_dates_and_counts(app):
    from peewee import CharField, TextField

    from bonsclics.models.practice import MODELS

    for model in MODELS:
        texts = [name for name, field in model._meta.fields.items() if isinstance(field, (CharField, TextField))]
        assert set(texts) <= {"path_id", "screen_id"}, (model.__name__, texts)


def test_progress_for_learner_and_personal_data(app, client, world):
    from bonsclics.models.learners import Learner, ResumeCode
    from bonsclics.practice import personal_data
    from bonsclics.practice.learner import learner_section
    from bonsclics.practice.logic import progress_for_learner

    path = catalogue.path("caf-declaration")
    login = path["screens"][0]
    client.post(screen_url(path, login), data={"identifiant": "12"})
    client.post(screen_url(path, login), data={"action": "hint"})
    client.post(screen_url(path, login), data={f["name"]: right_value(f) for f in login["fields"]})
    other = catalogue.path("arnaques-poste-banque")
    client.post(screen_url(other, other["screens"][0]), data={})

    with app.test_request_context("/"):
        learner = Learner.create(structure=world["structure_a"], pseudonym="Camille",
                                 consent_at=datetime.datetime(2026, 1, 5, 9, 0))
        code = ResumeCode.get()
        assert progress_for_learner(learner) == [] and learner_section(learner, world["pro"]) is None
        code.learner = learner
        code.save()
        rows = progress_for_learner(learner)
        assert [r["path_id"] for r in rows] == ["arnaques-poste-banque", "caf-declaration"]
        caf = rows[1]
        assert (caf["step_reached"], caf["steps"], caf["errors"], caf["hints"], caf["completed_at"]) == (1, 10, 1, 1, None)
        section = learner_section(learner, world["pro"])
        assert section["template"] == "practice/_learner_section.html"
        from flask import render_template

        html = render_template(section["template"], **section)
        assert "1 étapes faites sur 10" in html and "/practice/caf-declaration" in html

        exported = personal_data.export_learner(learner)
        assert {r["path_id"] for r in exported["practiceprogress"]} == {"caf-declaration", "arnaques-poste-banque"}
        assert [(c["screen_id"], c["errors"], c["hints"]) for c in exported["practicescreencount"]] == [("login", 1, 1)]
        assert personal_data.export_code(code) == exported
        personal_data.erase_learner(learner)
        assert progress_for_learner(learner) == []
        assert personal_data.export_code(code) == {"practiceprogress": [], "practicescreencount": []}
        from bonsclics.models.practice import PracticeScreenCount

        assert PracticeScreenCount.select().count() == 0  # removed with their progress


def test_the_stored_values_check_can_fail(app, client):
    """The check used by the walk does find a typed value written to the database."""
    from bonsclics.models.learners import ResumeCode

    with app.app_context():
        ResumeCode.create(code="X", display_name="Lilas-Bleu-85")
    with pytest.raises(AssertionError, match="Lilas-Bleu-85"):
        assert_nothing_typed_is_kept(app, client, catalogue.path("caf-declaration"))
