"""Every lesson page stays within 14 KB compressed: each step of every lesson, with and without feedback."""
import pytest
from learning_support import HTML_BUDGET, gzipped_size, step_url, wrong_answer

from bonsclics.learning import catalogue

LESSONS = list(catalogue.all_lessons().values())


def _over_budget(client, urls, method="get", data_for=None):
    sizes = {}
    for url in urls:
        if method == "get":
            response = client.get(url)
        else:
            response = client.post(url, data=data_for(url))
        assert response.status_code == 200, url
        sizes[url] = gzipped_size(response)
    return {url: size for url, size in sizes.items() if size > HTML_BUDGET}, max(sizes.values())


def test_every_page_of_every_lesson_fits_the_budget(client):
    urls = []
    for lesson in LESSONS:
        urls += [f"/learning/{lesson['id']}", f"/learning/{lesson['id']}/memo", f"/learning/{lesson['id']}/done"]
        urls += [step_url(lesson, number) for number in range(1, len(lesson["steps"]) + 1)]
    assert len(urls) > 400
    too_heavy, largest = _over_budget(client, urls)
    assert too_heavy == {} and largest > 1000


def test_every_exercise_with_its_feedback_fits_the_budget(client):
    exercises = {step_url(lesson, number): step for lesson in LESSONS
                 for number, step in enumerate(lesson["steps"], start=1) if catalogue.is_exercise(step)}
    too_heavy, _largest = _over_budget(client, exercises, "post", lambda url: wrong_answer(exercises[url]))
    assert too_heavy == {}


@pytest.mark.parametrize("theme", catalogue.FULLY_TRANSLATED_THEMES)
def test_translated_lessons_fit_the_budget_in_arabic(client, theme):
    client.get("/learning/?lang=ar")
    urls = [step_url(lesson, n) for lesson in catalogue.lessons_of_theme(theme) for n in range(1, len(lesson["steps"]) + 1)]
    too_heavy, _largest = _over_budget(client, urls)
    assert too_heavy == {}


def test_the_lists_fit_the_budget(client, code_of):
    client.post("/learning/start-mouse/step/1")
    too_heavy, _largest = _over_budget(client, ["/learning/", "/learning/path"])
    assert too_heavy == {}
