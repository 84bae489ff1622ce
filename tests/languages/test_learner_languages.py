"""Every interface language reaches the learner side whole: the diagnostic, one lesson of each
theme and the first two parts of every practice path, translated and taken without JavaScript."""
import pytest
from diagnostic_support import fields_for, screen_id, start
from learning_support import right_answer, step_url

from bonsclics import content
from bonsclics.i18n import LANGUAGE_CODES, html_lang, language
from bonsclics.learning import catalogue
from bonsclics.practice.catalogue import all_paths

OTHER_LANGUAGES = [code for code in LANGUAGE_CODES if code != "fr"]
# One lesson of each theme, translated into every interface language.
LESSON_OF_THEME = {"start": "start-touchscreen", "internet": "internet-what-is",
                   "email": "email-what-is", "security": "security-two-step"}
DIAGNOSTIC_FILES = ("diagnostic/questions.yaml", "diagnostic/profiles.yaml", "diagnostic/screening.yaml",
                    "competences.yaml")
PRACTICE_PARTS = ("service", "title", "description", "understand", "watch_out", "help")
NOTICE = "notice--language"  # the "not yet translated, shown in French" notice


def _texts(node, where):
    """(where, text mapping) of every multilingual text in a parsed content file."""
    if isinstance(node, dict):
        if isinstance(node.get("fr"), str):
            yield where, node
        for key, value in node.items():
            yield from _texts(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _texts(value, f"{where}[{index}]")


def _untranslated(code):
    """Where a required learner text has no `code` version."""
    sources = [(path, content.load_yaml(path)) for path in DIAGNOSTIC_FILES]
    sources += [(lesson_id, catalogue.lesson(lesson_id)) for lesson_id in LESSON_OF_THEME.values()]
    sources += [(f"{path['id']}.{part}", path[part]) for path in all_paths().values() for part in PRACTICE_PARTS]
    return [where for name, data in sources for where, text in _texts(data, name) if not text.get(code)]


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_the_required_learner_content_is_translated(code):
    missing = _untranslated(code)
    assert missing == [], f"{len(missing)} texts without {code}, e.g. {missing[:5]}"


def test_the_check_finds_an_untranslated_text():
    assert _untranslated("xx"), "a language nobody wrote must show up as untranslated"


def _check(response, code):
    """A page of the learner side, whole in `code`: right language and direction, no French fallback."""
    html = response.get_data(as_text=True)
    assert response.status_code == 200, response.status_code
    lang = language(code)
    assert f'<html lang="{html_lang(code)}" dir="{lang.direction}">' in html
    assert NOTICE not in html, f"French fallback on {response.request.path}"
    return html


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_the_diagnostic_end_to_end_without_javascript(client, code):
    client.get(f"/?lang={code}")
    start(client)
    response, answered = client.get("/diagnostic/question"), 0
    while "/diagnostic/result/" not in response.request.path:
        current = screen_id(_check(response, code))
        assert current is not None and answered < 40
        posted = client.post("/diagnostic/question", data=fields_for(current))
        assert posted.status_code == 303
        response, answered = client.get(posted.headers["Location"]), answered + 1
    _check(response, code)
    assert answered < 25


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
@pytest.mark.parametrize("theme", sorted(LESSON_OF_THEME))
def test_a_lesson_of_each_theme_end_to_end_without_javascript(client, code, theme):
    lesson = catalogue.lesson(LESSON_OF_THEME[theme])
    client.get(f"/?lang={code}")
    _check(client.get(f"/learning/{lesson['id']}"), code)
    for number, step in enumerate(lesson["steps"], start=1):
        _check(client.get(step_url(lesson, number)), code)
        assert client.post(step_url(lesson, number), data=right_answer(step)).status_code in (200, 303)
    _check(client.get(f"/learning/{lesson['id']}/done"), code)


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_every_practice_path_explains_itself_and_its_traps(client, code):
    client.get(f"/?lang={code}")
    for path in all_paths().values():
        _check(client.get(f"/practice/{path['id']}"), code)
        _check(client.get(f"/practice/{path['id']}/watch-out"), code)


def test_an_untranslated_lesson_says_it_is_shown_in_french(client):
    untranslated = next(lesson for lesson in catalogue.learner_lessons() if not lesson["title"].get("ru"))
    html = client.get(f"/learning/{untranslated['id']}?lang=ru").get_data(as_text=True)
    assert NOTICE in html
