"""Nothing typed in the practice is kept: not in the database, not in the session. Progress only."""
import datetime

import pytest
from practice_walking import right_value, screen_url, wrong_expected_value, wrong_format_value
from test_practice_walk import walk

from bonsclics.practice import catalogue


def _typed_values(path):
    """Every value the walk types on a path (right ones, wrong formats, wrong values)."""
    typed = set()
    for screen in path["screens"]:
        for field in screen.get("fields", []):
            for maker in (right_value, wrong_format_value, wrong_expected_value):
                value = maker(field)
                for item in value if isinstance(value, list) else [value]:
                    if item and len(str(item).strip()) >= 4:
                        typed.add(str(item).strip())
    return typed


def _everything_stored(app):
    """Every text and number stored in every table, as one big string."""
    from bonsclics.db import all_models

    cells = []
    with app.app_context():
        for model in all_models():
            for row in model.select().dicts():
                cells.extend(str(value) for value in row.values() if value is not None)
    return "\n".join(cells)


@pytest.mark.parametrize("path_id", ["caf-declaration", "france-travail", "ameli-attestation", "rendez-vous-medical"])
def test_nothing_typed_is_stored_anywhere(app, client, path_id):
    path = catalogue.path(path_id)
    walk(app, client, path, hints=False)
    stored = _everything_stored(app)
    typed = _typed_values(path)
    assert len(typed) > 8
    found = sorted(value for value in typed if value in stored or value.casefold() in stored.casefold())
    assert found == [], f"typed values found in the database: {found}"
    assert path_id in stored  # the progress itself is there

    cookie = client.get_cookie("session")
    session = app.session_interface.get_signing_serializer(app).loads(cookie.value) if cookie else {}
    flat = repr(session)
    assert not [value for value in typed if value in flat]


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

        exported = personal_data.export_learner(learner)["practice_progress"]
        assert {r["path"] for r in exported} == {"caf-declaration", "arnaques-poste-banque"}
        assert exported[0]["per_screen"]["login"] == {"errors": 1, "hints": 1}
        assert personal_data.export_code(code) == {"practice_progress": exported}
        personal_data.erase_learner(learner)
        assert progress_for_learner(learner) == []
        assert personal_data.export_code(code) == {"practice_progress": []}
