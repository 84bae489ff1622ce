"""With htmx, the same URLs answer with the step fragment: the next step and the feedback swap in place."""
from learning_support import first_step_of_kind, right_answer, step_url, wrong_answer

from bonsclics.learning import catalogue


def test_a_step_is_served_as_a_fragment_with_its_title(htmx_client):
    lesson = catalogue.lesson("start-mouse")
    html = htmx_client.get(step_url(lesson, 1)).get_data(as_text=True)
    assert "<html" not in html and "<h1" not in html
    assert html.lstrip().startswith("<title>Utiliser la souris — étape 1 sur 12 — ")
    assert '<div id="step" class="step">' in html
    assert "autofocus" in html  # the step's heading takes the focus once swapped in


def test_continue_swaps_the_next_step_in_and_updates_the_address(htmx_client):
    lesson = catalogue.lesson("start-mouse")
    response = htmx_client.post(step_url(lesson, 1))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["HX-Push-Url"] == step_url(lesson, 2)
    assert "Étape 2 sur 12" in html and "<html" not in html


def test_an_answer_swaps_the_feedback_in_and_focuses_it(htmx_client):
    lesson, number, step = first_step_of_kind("single")
    html = htmx_client.post(step_url(lesson, number), data=wrong_answer(step)).get_data(as_text=True)
    assert "<html" not in html
    assert 'id="feedback" tabindex="-1" autofocus' in html and "Un indice :" in html
    html = htmx_client.post(step_url(lesson, number), data=right_answer(step)).get_data(as_text=True)
    assert "Bonne réponse !" in html
    next_url = step_url(lesson, number + 1)
    assert f'hx-get="{next_url}"' in html and 'hx-push-url="true"' in html


def test_an_empty_answer_comes_back_as_a_fragment_with_the_message(htmx_client):
    lesson, number, step = first_step_of_kind("text")
    response = htmx_client.post(step_url(lesson, number), data={"answer": "   "})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Écrivez votre réponse dans la case" in html and "<html" not in html


def test_the_forms_work_without_javascript_too(client):
    lesson, number, step = first_step_of_kind("single")
    html = client.get(step_url(lesson, number)).get_data(as_text=True)
    url = step_url(lesson, number)
    assert f'action="{url}#feedback" hx-post="{url}#feedback"' in html


def test_the_last_step_leads_to_the_end_page_with_a_full_load(htmx_client):
    lesson = catalogue.lesson("helpers-role")
    last = len(lesson["steps"])
    assert lesson["steps"][-1]["kind"] == "explain"
    response = htmx_client.post(step_url(lesson, last))
    assert response.status_code == 204
    assert response.headers["HX-Redirect"] == "/learning/helpers-role/done"


def test_an_error_fragment_says_so_in_its_title(htmx_client):
    lesson, number, step = first_step_of_kind("single")
    html = htmx_client.post(step_url(lesson, number), data={}).get_data(as_text=True)
    assert html.lstrip().startswith("<title>Erreur : ")
