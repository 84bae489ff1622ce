"""Every practice path walked from start to end with JavaScript off, in French, mistakes first.

On each form screen: every field left empty, then typed in a wrong format, then
with a well-formed value that is not the card's one; each time the page must
show the real site's kind of message and its plain explanation, next to the
field and in the error summary. Then the right values (typed with spaces, case
and € differences) move on. Choice screens get no answer, a wrong answer, then
the right one. Every screen's hint is asked for. The walk ends on the summary.
"""
import pytest
from practice_walking import (
    assert_nothing_typed_is_kept, next_url, page_text, right_value, screen_url, texts_by_id, unescaped, wrong_expected_value, wrong_format_value,
)
from werkzeug.datastructures import MultiDict

from bonsclics.practice import logic, messages

EMPTY_CHOICE = "Choisissez une réponse avant de valider."


def _form(screen, overrides):
    """A POSTed form: the right value for each field, except the ones in `overrides` (None = left empty)."""
    data = MultiDict([("action", "submit")])
    for field in screen["fields"]:
        value = overrides.get(field["name"], right_value(field)) if field["name"] in overrides else right_value(field)
        if value is None:
            continue
        for item in value if isinstance(value, list) else [value]:
            data.add(field["name"], item)
    return data


def _expected_messages(app, field, value):
    """The French (site, plain) texts the page must show for `value` typed in `field`."""
    result = logic.check_field(field, value)
    assert not result.ok, f"{field['name']}: {value!r} should be refused"
    with app.test_request_context("/?lang=fr"):
        site, plain = messages.for_field(field, result)
        return result.code, site.text, plain.text


def _assert_refused(app, response, screen, tried):
    """The page refuses exactly the fields of `tried`, each with its site message and plain explanation."""
    assert response.status_code == 400
    body = unescaped(response)
    assert "<title>Erreur : " in body
    texts = texts_by_id(response)
    summary = texts.get("error-summary")
    assert summary and "Il y a un problème" in summary
    for field in screen["fields"]:
        name = field["name"]
        error, plain = texts.get(f"field-{name}-error"), texts.get(f"field-{name}-plain")
        if name not in tried:
            assert error is None, f"{name} should be accepted, got {error!r}"
            continue
        code, site_text, plain_text = _expected_messages(app, field, tried[name])
        assert error == f"Erreur : {site_text}", (name, code)
        assert plain == f"Ce que ça veut dire : {plain_text}", (name, code)
        assert site_text in summary and field["label"]["fr"] in summary
        override = (field.get("errors") or {}).get(code)
        if override and logic.check_field(field, tried[name]).detail not in ("digits", "choice"):
            assert site_text == override["site"]["fr"] and plain_text == override["plain"]["fr"]
        typed = tried[name]
        if field["type"] not in ("password", "checkbox", "select", "radio") and typed:
            assert f'value="{typed}"' in body.replace("&#39;", "'"), f"{name}: what was typed is kept"


def _walk_form(app, client, path, index, screen):
    url = screen_url(path, screen)
    fields = screen["fields"]

    required = {f["name"]: None for f in fields if f.get("required")}
    if required:
        _assert_refused(app, client.post(url, data=_form(screen, required)), screen,
                        {name: "" if next(f for f in fields if f["name"] == name)["type"] != "checkbox" else []
                         for name in required})

    formats = {f["name"]: wrong_format_value(f) for f in fields if wrong_format_value(f) is not None}
    if formats:
        _assert_refused(app, client.post(url, data=_form(screen, formats)), screen, formats)

    wrong = {f["name"]: wrong_expected_value(f) for f in fields if wrong_expected_value(f) is not None}
    if wrong:
        response = client.post(url, data=_form(screen, wrong))
        _assert_refused(app, response, screen, wrong)

    response = client.post(url, data=_form(screen, {}))
    assert response.status_code == 303, unescaped(response)[-3000:]
    assert response.headers["Location"].endswith(next_url(path, index))


def _walk_choice(client, path, index, screen):
    url = screen_url(path, screen)
    exercise = screen["exercise"]
    response = client.post(url, data={"action": "submit"})
    assert response.status_code == 400 and EMPTY_CHOICE in unescaped(response)

    wrong = [c for c in exercise["choices"] if not c.get("correct")]
    if exercise["kind"] == "multiple":
        answer = [wrong[0]["id"]]
    else:
        answer = wrong[0]["id"]
    response = client.post(url, data={"action": "submit", "answer": answer})
    body = unescaped(response)
    assert response.status_code == 200 and "Ce n'est pas tout à fait ça." in body
    if wrong[0].get("feedback"):
        assert wrong[0]["feedback"]["fr"] in body
    assert exercise["hint"]["fr"] in body
    assert next_url(path, index) not in body

    right = [c["id"] for c in exercise["choices"] if c.get("correct")]
    response = client.post(url, data={"action": "submit", "answer": right if exercise["kind"] == "multiple" else right[0]})
    body = unescaped(response)
    assert response.status_code == 200 and "Bonne réponse !" in body
    assert " ".join(exercise["explanation"]["fr"].split()[:6]) in body
    assert f'href="{next_url(path, index)}"' in body


def _ask_hint(client, path, screen):
    response = client.post(screen_url(path, screen), data={"action": "hint"})
    assert response.status_code == 200
    hint = page_text(response, "practice-hint")
    assert hint == f"Indice : {screen['hint']['fr']}"
    assert "Voir un indice" not in unescaped(response)


def walk(app, client, path, hints=True):
    """Walk the whole path as a person who makes every mistake once; returns the summary page."""
    for index, screen in enumerate(path["screens"]):
        response = client.get(screen_url(path, screen))
        assert response.status_code == 200, (screen["id"], response.headers.get("Location"))
        body = unescaped(response)
        assert "Site d'entraînement — rien n'est envoyé" in body
        assert f"Étape {index + 1} sur {len(path['screens'])}" in body
        if hints:
            _ask_hint(client, path, screen)
        if screen["kind"] == "form":
            _walk_form(app, client, path, index, screen)
        elif screen["kind"] == "choice":
            _walk_choice(client, path, index, screen)
        else:
            response = client.post(screen_url(path, screen), data={"action": "submit"})
            assert response.status_code == 303 and response.headers["Location"].endswith(next_url(path, index))
    return client.get(f"/practice/{path['id']}/summary")


def test_every_path_can_be_completed_with_every_mistake_explained(app, client, each_path):
    summary = walk(app, client, each_path)
    assert summary.status_code == 200
    body = unescaped(summary)
    assert "Bravo, l'entraînement est terminé !" in body
    hesitated = page_text(summary, "main")
    for screen in each_path["screens"]:
        if screen["kind"] != "info":
            assert screen["title"]["fr"] in hesitated
    # Every screen used its hint; form and choice screens also had refused attempts.
    assert body.count("indice utilisé") == len(each_path["screens"])

    from bonsclics.models.practice import PracticeProgress, PracticeScreenCount

    with app.app_context():
        progress = PracticeProgress.get(PracticeProgress.path_id == each_path["id"])
        assert progress.step_reached == len(each_path["screens"]) and progress.completed_at is not None
        counts = {row.screen_id: (row.errors, row.hints) for row in PracticeScreenCount.select()}
    for screen in each_path["screens"]:
        errors, hints = counts[screen["id"]]
        assert hints == 1
        if screen["kind"] == "form":
            assert errors >= 2
        elif screen["kind"] == "choice":
            assert errors == 1
        else:
            assert errors == 0
    assert_nothing_typed_is_kept(app, client, each_path)


@pytest.mark.parametrize("path_id", ["caf-declaration", "arnaques-poste-banque"])
def test_a_perfect_walk_shows_everything_done_right(app, client, path_id):
    from bonsclics.practice import catalogue

    path = catalogue.path(path_id)
    for index, screen in enumerate(path["screens"]):
        url = screen_url(path, screen)
        if screen["kind"] == "form":
            response = client.post(url, data=_form(screen, {}))
            assert response.status_code == 303
        elif screen["kind"] == "choice":
            right = next(c["id"] for c in screen["exercise"]["choices"] if c.get("correct"))
            assert "Bonne réponse !" in unescaped(client.post(url, data={"answer": right}))
        else:
            assert client.post(url, data={}).status_code == 303
    summary = client.get(f"/practice/{path_id}/summary")
    body = unescaped(summary)
    assert "Nulle part : aucune erreur et aucun indice." in body
    assert body.count("Étape ") >= len(path["screens"])
    assert "indice utilisé" not in body and "essai refusé" not in body
    assert "Terminé" in unescaped(client.get("/practice/"))
    assert "Voir mon bilan" in unescaped(client.get(f"/practice/{path_id}/practise"))
