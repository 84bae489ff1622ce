"""The practice pages: list, three parts, card, helper mode, hints, order of screens, htmx, errors."""
import gzip

import pytest
from practice_walking import page_text, right_value, screen_url, unescaped
from helpers import crawl

from bonsclics.practice import catalogue

CAF = "caf-declaration"


def caf():
    return catalogue.path(CAF)


def test_home_and_menu_lead_to_the_practice_list(client):
    html = client.get("/").get_data(as_text=True)
    assert 'href="/practice/"' in html


def test_the_list_shows_every_service_with_its_pictogram_and_what_it_trains(client):
    response = client.get("/practice/")
    assert response.status_code == 200
    body = unescaped(response)
    for path in catalogue.all_paths().values():
        assert f'href="/practice/{path["id"]}"' in body
        assert path["description"]["fr"] in body
        assert f"{len(path['screens'])} étapes" in body
    assert body.count('class="icon icon--big"') == len(catalogue.all_paths())


def test_every_practice_page_is_reachable_by_links_from_the_home_page(client):
    pages = crawl(client, start=("/",), limit=400)
    for path_id in catalogue.all_paths():
        for suffix in ("", "/watch-out", "/practise", "/card"):
            assert f"/practice/{path_id}{suffix}" in pages, suffix
        first = catalogue.path(path_id)["screens"][0]["id"]
        assert f"/practice/{path_id}/screen/{first}" in pages


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_three_parts_link_to_each_other(client, each_path, lang):
    path_id = each_path["id"]
    understand = client.get(f"/practice/{path_id}?lang={lang}")
    watch_out = client.get(f"/practice/{path_id}/watch-out")
    practise = client.get(f"/practice/{path_id}/practise")
    for response in (understand, watch_out, practise):
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        for suffix in ("", "/watch-out", "/practise"):
            assert f'href="/practice/{path_id}{suffix}"' in html
    if lang == "fr":
        assert each_path["understand"][0]["title"]["fr"] in unescaped(understand)
        assert each_path["watch_out"][-1]["title"]["fr"] in unescaped(watch_out)
        assert "Où trouver de l'aide pour de vrai" in unescaped(watch_out)
        body = unescaped(practise)
        assert all(str(row["value"]) in body for row in each_path["identity"])
        assert f'href="/practice/{path_id}/screen/{each_path["screens"][0]["id"]}"' in body
    else:
        assert 'dir="rtl"' in understand.get_data(as_text=True)


def test_the_card_is_one_printable_page_marked_as_practice(client, each_path):
    response = client.get(f"/practice/{each_path['id']}/card")
    body = unescaped(response)
    assert "Site d'entraînement — rien n'est envoyé" in body
    assert body.count("<tr>") == len(each_path["identity"])
    assert "Identité inventée" in body
    css = client.get("/static/app.css").get_data(as_text=True)
    assert "size: A4" in css and any(".practice-banner" in block for block in _print_blocks(css))


def _print_blocks(css):
    """The bodies of the stylesheet's `@media print { ... }` blocks."""
    blocks = []
    for part in css.split("@media print")[1:]:
        depth, body = 0, []
        for char in part[part.index("{"):]:
            depth += (char == "{") - (char == "}")
            body.append(char)
            if depth == 0:
                break
        blocks.append("".join(body))
    return blocks


@pytest.mark.parametrize("url", ["/practice/nulle-part", "/practice/nulle-part/card", f"/practice/{CAF}/screen/nulle-part",
                                 "/practice/nulle-part/screen/login", "/practice/nulle-part/summary", "/practice/%3Cscript%3E"])
def test_unknown_ids_are_404(client, url):
    assert client.get(url).status_code == 404


def test_unknown_ids_are_404_on_post_too(client):
    assert client.post("/practice/nulle-part/restart").status_code == 404
    assert client.post(f"/practice/{CAF}/screen/nulle-part", data={}).status_code == 404


def test_screens_come_in_order(client):
    path = caf()
    third = screen_url(path, path["screens"][2])
    response = client.get(third)
    assert response.status_code == 303 and response.headers["Location"].endswith(screen_url(path, path["screens"][0]))
    assert client.post(third, data={"answer": "current"}).status_code == 303
    login = path["screens"][0]
    client.post(screen_url(path, login), data={f["name"]: right_value(f) for f in login["fields"]})
    assert client.get(screen_url(path, path["screens"][1])).status_code == 200
    assert client.get(screen_url(path, path["screens"][0])).status_code == 200  # going back is fine
    assert client.get(third).status_code == 303


def test_helper_mode_shows_the_expected_answers_and_is_remembered(client):
    path = caf()
    url = screen_url(path, path["screens"][0])
    assert "Réponse attendue" not in unescaped(client.get(url))
    on = client.get(url + "?aide=1")
    assert page_text(on, "field-identifiant-expected") == "Réponse attendue : 2850375999999"
    assert page_text(on, "field-mot_de_passe-expected") == "Réponse attendue : Lilas-Bleu-85"
    assert 'aria-describedby="field-identifiant-hint field-identifiant-expected"' in on.get_data(as_text=True)
    assert "Désactiver le mode accompagnant" in unescaped(on)
    assert "Réponse attendue" in unescaped(client.get(url))  # remembered without ?aide
    practise = unescaped(client.get(f"/practice/{CAF}/practise"))
    assert "Mode accompagnant activé" in practise
    assert "Réponse attendue" not in unescaped(client.get(url + "?aide=0"))


def test_helper_mode_on_radio_and_choice_screens_shows_the_right_label(client):
    client.get("/practice/?aide=1")
    path = catalogue.path("impots-declaration")
    for screen in path["screens"][:3]:
        url = screen_url(path, screen)
        if screen["kind"] == "form":
            client.post(url, data={f["name"]: right_value(f) for f in screen["fields"]})
        else:
            assert page_text(client.get(url), "practice-expected-answer") == "Réponse attendue : Déclarer mes revenus"
            client.post(url, data={"answer": "declarer"})
    screen = path["screens"][3]
    body = client.get(screen_url(path, screen))
    assert page_text(body, "field-adresse-expected") == "Réponse attendue : Oui, elle est exacte"


def test_a_field_without_expected_value_is_free_in_helper_mode(client):
    path = catalogue.path("ants-carte-identite")
    for screen in path["screens"][:3]:
        url = screen_url(path, screen)
        if screen["kind"] == "form":
            client.post(url, data={f["name"]: right_value(f) for f in screen["fields"]})
        else:
            right = next(c["id"] for c in screen["exercise"]["choices"] if c.get("correct"))
            client.post(url, data={"answer": right})
    response = client.get(screen_url(path, path["screens"][3]) + "?aide=1")
    assert page_text(response, "field-adresse-expected").startswith("Réponse libre")


def test_the_hint_keeps_what_was_typed_and_is_counted_once(app, client):
    from bonsclics.models.practice import PracticeScreenCount

    path = caf()
    url = screen_url(path, path["screens"][0])
    response = client.post(url, data={"action": "hint", "identifiant": "28503", "mot_de_passe": "secret"})
    assert response.status_code == 200
    assert page_text(response, "practice-hint").startswith("Indice : Regardez votre carte")
    html = response.get_data(as_text=True)
    assert 'value="28503"' in html and "secret" not in html
    assert 'name="hint_shown" value="1"' in html and "error-summary" not in html
    client.post(url, data={"action": "hint", "hint_shown": "1"})
    refused = client.post(url, data={"action": "submit", "hint_shown": "1", "identifiant": "1"})
    assert refused.status_code == 400 and page_text(refused, "practice-hint")  # the hint stays visible
    with app.app_context():
        row = PracticeScreenCount.get()
        assert (row.screen_id, row.hints, row.errors) == ("login", 1, 1)


@pytest.mark.parametrize("data", [
    {"identifiant": "x" * 10000, "mot_de_passe": "y" * 10000},
    {"identifiant": "\x00\ud7ff", "mot_de_passe": "\u202e"},
    {"identifiant": ["1", "2"], "action": "nimporte"},
    {"answer": "zzz"},
])
def test_garbage_is_refused_never_a_crash(client, data):
    response = client.post(screen_url(caf(), caf()["screens"][0]), data=data)
    assert response.status_code == 400
    assert len(response.data) < 40000


def test_choice_screen_with_an_unknown_answer_says_so(client):
    path = catalogue.path("arnaques-poste-banque")
    client.post(screen_url(path, path["screens"][0]), data={})
    response = client.post(screen_url(path, path["screens"][1]), data={"answer": "<script>"})
    assert response.status_code == 400
    assert "Cette réponse n'est pas dans la liste" in unescaped(response)


def test_htmx_gets_the_screen_fragment_and_a_redirect_once_passed(htmx_client):
    path = caf()
    url = screen_url(path, path["screens"][0])
    refused = htmx_client.post(url, data={"identifiant": "", "mot_de_passe": ""})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 200  # htmx swaps no 4xx: the fragment carries the errors
    assert "<html" not in html and 'id="practice-screen"' in html and 'id="error-summary"' in html
    assert "<title>Erreur : Mon compte - Connexion — " in html  # htmx updates the tab's title
    assert "autofocus" in html
    hint = htmx_client.post(url, data={"action": "hint"})
    assert 'id="practice-hint"' in hint.get_data(as_text=True)
    passed = htmx_client.post(url, data={"identifiant": "2850375999999", "mot_de_passe": "Lilas-Bleu-85"})
    assert passed.status_code == 204 and passed.headers["HX-Redirect"].endswith(screen_url(path, path["screens"][1]))


def test_restart_clears_the_attempt(app, client):
    from bonsclics.models.practice import PracticeProgress, PracticeScreenCount

    path = caf()
    login = path["screens"][0]
    client.post(screen_url(path, login), data={"identifiant": "1"})
    client.post(screen_url(path, login), data={f["name"]: right_value(f) for f in login["fields"]})
    assert "Reprendre à l'étape 2" in unescaped(client.get(f"/practice/{CAF}/practise"))
    response = client.post(f"/practice/{CAF}/restart")
    assert response.status_code == 303 and response.headers["Location"].endswith(screen_url(path, login))
    with app.app_context():
        assert PracticeProgress.get().step_reached == 0
        assert PracticeScreenCount.select().count() == 0


def test_restart_without_progress_creates_nothing(app, client):
    from bonsclics.models.learners import ResumeCode

    assert client.post(f"/practice/{CAF}/restart").status_code == 303
    with app.app_context():
        assert ResumeCode.select().count() == 0


def test_looking_around_stores_nothing(app, client):
    from bonsclics.models.learners import ResumeCode
    from bonsclics.models.practice import PracticeProgress

    for url in ("/practice/", f"/practice/{CAF}", f"/practice/{CAF}/practise", f"/practice/{CAF}/card",
                f"/practice/{CAF}/summary", screen_url(caf(), caf()["screens"][0])):
        client.get(url)
    with app.app_context():
        assert ResumeCode.select().count() == 0 and PracticeProgress.select().count() == 0


def test_summary_before_starting_says_so(client):
    body = unescaped(client.get(f"/practice/{CAF}/summary"))
    assert "Vous n'avez pas encore fait cet entraînement sur cet appareil." in body


def test_summary_of_an_unfinished_path_offers_to_resume(client):
    path = caf()
    login = path["screens"][0]
    client.post(screen_url(path, login), data={f["name"]: right_value(f) for f in login["fields"]})
    response = client.get(f"/practice/{CAF}/summary")
    body = unescaped(response)
    assert "Vous avez fait 1 étape sur 10." in body
    assert f'href="{screen_url(path, path["screens"][1])}"' in body
    assert "Mon compte - Connexion" in page_text(response, "main")
    assert "Bravo" not in body
    assert "Commencé : étape 2 sur 10" in unescaped(client.get("/practice/"))


def test_progress_of_an_older_version_of_the_path_is_not_reused(app, client, monkeypatch):
    from bonsclics.models.practice import PracticeProgress

    path = caf()
    login = path["screens"][0]
    client.post(screen_url(path, login), data={f["name"]: right_value(f) for f in login["fields"]})
    newer = dict(path, version=path["version"] + 1)
    monkeypatch.setitem(catalogue.all_paths(), CAF, newer)
    assert client.get(screen_url(path, path["screens"][1])).status_code == 303
    client.post(screen_url(path, login), data={"identifiant": ""})
    with app.app_context():
        progress = PracticeProgress.get()
        assert progress.path_version == newer["version"] and progress.step_reached == 0


def test_arabic_screen_marks_french_content(client):
    path = caf()
    response = client.get(screen_url(path, path["screens"][0]) + "?lang=ar")
    html = response.get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html
    assert '<span lang="fr" dir="ltr">Mon compte - Connexion</span>' in html


def test_practice_pages_stay_light(client):
    """Each page's HTML at most 14 KB compressed, errors and helper mode included."""
    heaviest = 0
    client.get("/practice/?aide=1")
    for path in catalogue.all_paths().values():
        urls = ["/practice/", f"/practice/{path['id']}", f"/practice/{path['id']}/watch-out",
                f"/practice/{path['id']}/practise", f"/practice/{path['id']}/card"]
        responses = [client.get(url) for url in urls]
        form = next((s for s in path["screens"] if s["kind"] == "form"), None)
        if form is not None and form is path["screens"][0]:
            responses.append(client.post(screen_url(path, form), data={"action": "submit"}))
        for response in responses:
            heaviest = max(heaviest, len(gzip.compress(response.data, 6)))
    assert heaviest <= 14 * 1024, heaviest


def test_new_resume_codes_are_rate_limited_per_address(app):
    """Each answer from a new browser makes a resume code; past a workshop's worth per hour, 429."""
    from bonsclics.models.learners import ResumeCode
    from bonsclics.practice.screens import NEW_CODE_LIMIT

    path = catalogue.path("arnaques-poste-banque")
    url = screen_url(path, path["screens"][0])
    statuses = [app.test_client().post(url, data={}).status_code for _ in range(NEW_CODE_LIMIT[0] + 1)]
    assert statuses[:-1] == [303] * NEW_CODE_LIMIT[0] and statuses[-1] == 429
    with app.app_context():
        assert ResumeCode.select().count() == NEW_CODE_LIMIT[0]
