"""The lesson introduction, the end of a lesson, the memo sheet, and lessons in other languages."""
from learning_support import finish

from bonsclics.learning import catalogue


def test_the_introduction_states_objectives_words_duration_and_level(client):
    html = client.get("/learning/start-mouse").get_data(as_text=True)
    assert "<h1>Utiliser la souris</h1>" in html
    assert "À la fin, vous saurez :" in html and "Tenir la souris et déplacer le pointeur" in html
    assert "Les mots de la leçon" in html and "<dt>Pointeur</dt>" in html
    assert "Durée : 10 minutes environ" in html and "Niveau : Débutant" in html
    assert 'href="/learning/start-mouse/step/1"' in html and "Commencer la leçon" in html
    assert 'href="/learning/start-mouse/memo"' in html
    assert 'data-for="lesson-intro"' in html


def test_the_memo_sheet_fits_the_print_layout_and_carries_the_code(client, code_of):
    lesson = catalogue.lesson("start-mouse")
    html = client.get("/learning/start-mouse/memo").get_data(as_text=True)
    assert "<h1>Fiche mémo : Utiliser la souris</h1>" in html
    assert html.count("<li>") >= len(lesson["memo"])
    assert "Un double-clic pour ouvrir un fichier ou un dossier." in html
    assert 'class="memo-sheet"' in html and "Mon code pour reprendre" not in html
    client.post("/learning/start-mouse/step/1")
    html = client.get("/learning/start-mouse/memo").get_data(as_text=True)
    assert code_of(client).pretty in html


def test_the_print_stylesheet_hides_the_site_around_the_sheet(client):
    css = client.get("/static/app.css").get_data(as_text=True)
    assert "@media print" in css and ".site-header" in css and ".memo-sheet" in css


def test_the_end_page_before_finishing_points_back_to_the_lesson(client):
    client.post("/learning/start-mouse/step/1")
    html = client.get("/learning/start-mouse/done").get_data(as_text=True)
    assert "Leçon pas encore terminée" in html and 'href="/learning/start-mouse/step/2"' in html


def test_the_end_page_gives_the_memo_the_code_and_the_next_lesson(client, code_of):
    finish(client, catalogue.lesson("start-smartphone"))
    html = client.get("/learning/start-smartphone/done").get_data(as_text=True)
    assert "Bravo, leçon terminée !" in html and "À retenir" in html
    assert code_of(client).pretty in html
    assert 'href="/learning/start-smartphone/memo"' in html
    assert 'href="/learning/start-touchscreen"' in html  # the next lesson of the theme
    assert "mon attestation" not in html


def test_a_translated_lesson_in_arabic(client):
    html = client.get("/learning/start-mouse/step/1?lang=ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html
    assert "استخدام الفأرة" in html and "الإمساك بالفأرة" in html
    assert "notice--language" not in html


def test_an_untranslated_lesson_says_it_falls_back_to_french(client):
    html = client.get("/learning/internet-browser/step/1?lang=ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html
    assert "notice--language" in html
    assert 'lang="fr"' in html  # the French text is marked as French for screen readers


def test_the_learning_area_is_in_the_main_menu_and_on_the_home_page(client):
    home = client.get("/").get_data(as_text=True)
    assert 'href="/learning/"' in home
    html = client.get("/learning/").get_data(as_text=True)
    assert 'href="/learning/path"' in html
