"""A whole lesson on a 360 px phone without JavaScript, then "My path" on another browser with the code."""
import re

import pytest
from browsing import block_scripts
from test_accessibility import _axe

from bonsclics.exercises.logic import correct_ids
from bonsclics.learning import catalogue


def _answer(page, step, right=True):
    """Answer an exercise like a person: tick, type or choose numbers."""
    kind = step["kind"]
    if kind in ("single", "screen"):
        choice = correct_ids(step)[0] if right else next(str(c["id"]) for c in step["choices"] if not c.get("correct"))
        page.check(f"#answer-{choice}")
    elif kind == "multiple":
        for choice in correct_ids(step):
            page.check(f"#answer-{choice}")
    elif kind == "truefalse":
        page.check(f"#answer-{'true' if step['answer'] == right else 'false'}")
    elif kind == "text":
        page.fill("#answer", str(step["accepted"][0]) if right else "je ne sais pas")
    elif kind == "order":
        count = len(step["items"])
        for index in range(count):
            page.select_option(f"#answer-{index}", str(index + 1 if right else count - index))
    page.click("#exercise-form button[type=submit]")


def _fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.browser
def test_a_whole_lesson_without_javascript_then_my_path_on_another_browser(browser, live_server, phone_no_js):
    lesson = catalogue.lesson("start-mouse")
    page = phone_no_js.new_page()
    page.goto(live_server + "/")
    page.click("nav.main-nav >> text=Apprendre")
    page.click(f"a[href='/learning/{lesson['id']}']")
    assert page.locator("h1").inner_text() == "Utiliser la souris"
    page.click("text=Commencer la leçon")
    wrong_seen = False
    for number, step in enumerate(lesson["steps"], start=1):
        assert page.url.split("#")[0].endswith(f"/learning/{lesson['id']}/step/{number}"), page.url
        assert f"Étape {number} sur {len(lesson['steps'])}" in page.inner_text(".step__progress")
        assert _fits_the_screen(page), number
        if step["kind"] == "explain":
            page.click("#step form button[type=submit]")
            continue
        if not wrong_seen:
            page.click("#exercise-form button[type=submit]")  # nothing chosen yet
            assert page.title().startswith("Erreur : ")
            assert page.locator("#error-summary").is_visible()
            _answer(page, step, right=False)
            feedback = page.locator("#feedback")
            assert "Ce n'est pas tout à fait ça." in feedback.inner_text()
            assert "Un indice :" in feedback.inner_text()
            assert feedback.is_visible() and _fits_the_screen(page)
            wrong_seen = True
        _answer(page, step)
        assert "Bonne réponse !" in page.inner_text("#feedback")
        page.click("#step a.button")
    assert page.locator("h1").inner_text() == "Bravo, leçon terminée !"
    code = page.inner_text(".resume-code").strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code)

    other = browser.new_context(viewport={"width": 360, "height": 640}, java_script_enabled=False, locale="fr-FR")
    elsewhere = other.new_page()
    elsewhere.goto(live_server + "/learning/path")
    assert "Terminé" not in elsewhere.inner_text("main")
    elsewhere.goto(live_server + "/code")
    elsewhere.fill("#code", code.lower().replace("-", " "))
    elsewhere.click("main button[type=submit] >> text=Retrouver mon parcours")
    assert elsewhere.url.endswith("/learning/path")
    item = elsewhere.locator("li", has=elsewhere.locator(f"a[href='/learning/{lesson['id']}']")).first
    assert "Terminé" in item.inner_text()
    assert _fits_the_screen(elsewhere)
    other.close()


@pytest.mark.browser
def test_with_javascript_the_steps_and_the_feedback_swap_in_place(live_server, phone):
    lesson = catalogue.lesson("start-mouse")
    page = phone.new_page()
    page.goto(f"{live_server}/learning/{lesson['id']}/step/1")
    page.wait_for_function("window.htmx !== undefined")  # htmx arrives after the first paint
    page.evaluate("window.stillTheSamePage = true")
    page.click("#step form button[type=submit]")
    page.wait_for_url(f"**/learning/{lesson['id']}/step/2")
    assert "étape 2 sur 12" in page.title()
    _answer(page, lesson["steps"][1], right=False)
    page.wait_for_selector("#feedback.feedback--wrong")
    assert page.evaluate("document.activeElement.id") == "feedback"
    _answer(page, lesson["steps"][1])
    page.wait_for_selector("#feedback.feedback--right")
    page.click("#step a.button")
    page.wait_for_url(f"**/learning/{lesson['id']}/step/3")
    assert page.evaluate("window.stillTheSamePage") is True  # no full reload at any point


def _exercise_pages():
    """One exercise of each kind: (kind, URL)."""
    found = {}
    for lesson in catalogue.learner_lessons():
        for number, step in enumerate(lesson["steps"], start=1):
            if lesson["theme"] in catalogue.FULLY_TRANSLATED_THEMES and step["kind"] not in found:
                found[step["kind"]] = (f"/learning/{lesson['id']}/step/{number}", step)
    return found


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_exercises_with_feedback_and_errors_pass_axe(live_server, phone, language):
    page = phone.new_page()
    block_scripts(page)  # the app's scripts off; axe is injected
    problems = {}
    for kind, (url, step) in _exercise_pages().items():
        page.goto(f"{live_server}{url}?lang={language}")
        if kind == "explain":
            problems[url] = _axe(page)
            continue
        page.click("#exercise-form button[type=submit]")  # the error message
        problems[f"{url} (empty)"] = _axe(page)
        _answer(page, step, right=False)  # the feedback and hint
        problems[f"{url} (wrong)"] = _axe(page)
        assert _fits_the_screen(page), url
    for url in ("/learning/start-mouse/memo", "/learning/path", "/learning/attestation/start"):
        page.goto(f"{live_server}{url}?lang={language}")
        problems[url] = _axe(page)
    assert {url: found for url, found in problems.items() if found} == {}


@pytest.mark.browser
def test_every_memo_sheet_prints_on_one_page(live_server, browser):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    longer = {}
    for lesson_id in catalogue.all_lessons():
        page.goto(f"{live_server}/learning/{lesson_id}/memo")
        pages = len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4")))
        if pages != 1:
            longer[lesson_id] = pages
    context.close()
    assert longer == {}
