"""Browsing the agenda: filters, "suitable for me", the event page a helper reads before sending someone."""
import datetime

import pytest
from agenda_support import body

from bonsclics.agenda.logic import upcoming


@pytest.fixture
def events(make_event, places):
    return {
        "mail": make_event(title="Atelier mail", level="beginner", competences="email", languages="fr|ar"),
        "scams": make_event(title="Repérer les arnaques", level="intermediate", competences="security",
                            starts_in=datetime.timedelta(days=9)),
        "forms": make_event(title="Démarches en ligne", level="advanced", competences="internet", place="c",
                            starts_in=datetime.timedelta(days=2)),
        "gone": make_event(title="Annulé", status="cancelled"),
        "past": make_event(title="Déjà passé", starts_in=datetime.timedelta(days=-1)),
    }


def _titles(html):
    import re

    return re.findall(r'class="event__title" href="/agenda/\d+">([^<]+)<', html)


def test_index_lists_upcoming_events_soonest_first(client, events):
    response = client.get("/agenda/")
    assert response.status_code == 200
    assert _titles(body(response)) == ["Démarches en ligne", "Atelier mail", "Repérer les arnaques"]


@pytest.mark.parametrize("query, expected", [
    ("level=beginner", ["Atelier mail"]),
    ("competence=security", ["Repérer les arnaques"]),
    ("language=ar", ["Atelier mail"]),
    ("departement=80", ["Démarches en ligne"]),
    ("date_from=2026-03-30", ["Repérer les arnaques"]),
    ("date_from=30/03/2026", ["Repérer les arnaques"]),
    ("suitable=y&level=intermediate", ["Atelier mail", "Repérer les arnaques"]),
])
def test_filters(client, events, query, expected):
    response = client.get(f"/agenda/?{query}")
    assert response.status_code == 200 and _titles(body(response)) == expected


def test_filter_by_place(client, events, places):
    html = body(client.get(f"/agenda/?place={places['c'].id}"))
    assert _titles(html) == ["Démarches en ligne"]
    assert f'href="/agenda/place/{places["c"].id}.ics"' in html and 'href="/agenda/network/test.ics"' in html


@pytest.mark.parametrize("query, message", [
    ("place=99999", "lieu de la liste"),
    ("place=abc", "lieu de la liste"),
    ("level=expert", "niveau de la liste"),
    ("competence=cooking", "thème de la liste"),
    ("language=xx", "langue de la liste"),
    ("departement=99", "département de la liste"),
    ("date_from=31/02/2026", "12/03/2026"),
    ("suitable=y", "Choisissez votre niveau"),
])
def test_invalid_filters_are_400_not_500(client, events, query, message):
    response = client.get(f"/agenda/?{query}")
    html = body(response)
    assert response.status_code == 400 and message in html and "<title>Erreur :" in html
    assert _titles(html) == []


def test_suitable_for_me_uses_the_diagnostic_when_it_exists(client, events, monkeypatch, app):
    from bonsclics.models import diagnostic
    from bonsclics.models.learners import ResumeCode

    code = ResumeCode.issue()
    client.post("/code", data={"code": code.code})
    monkeypatch.setattr(diagnostic, "latest_level", lambda resume_code: "assistance" if resume_code.id == code.id else None,
                        raising=False)
    html = body(client.get("/agenda/?suitable=y"))
    assert _titles(html) == ["Atelier mail"] and "dernier bilan" in html


def test_pagination(client, make_event):
    for n in range(23):
        make_event(title=f"Atelier {n:02d}", starts_in=datetime.timedelta(days=1, hours=n))
    first = body(client.get("/agenda/"))
    assert len(_titles(first)) == 20 and "Ateliers suivants" in first
    second = body(client.get("/agenda/?page=2"))
    assert _titles(second) == ["Atelier 20", "Atelier 21", "Atelier 22"] and "Ateliers suivants" not in second
    assert client.get("/agenda/?page=-5").status_code == 200 and client.get("/agenda/?page=x").status_code == 200


def test_htmx_gets_only_the_results(htmx_client, events):
    response = htmx_client.get("/agenda/?level=advanced")
    html = body(response)
    assert response.status_code == 200 and html.startswith('<div id="results"') and "<html" not in html
    assert _titles(html) == ["Démarches en ligne"]


def test_event_page_tells_a_helper_everything(client, make_event, places):
    places["a"].accessibility = "Accès de plain-pied."
    places["a"].save()
    event = make_event(seats=2, level="intermediate", languages="fr|ar", public="Seniors", is_free=False,
                       price_note="2 € l'atelier", modules="email-create|email-read|nope", facilitators="Paula")
    html = body(client.get(f"/agenda/{event.id}"))
    for expected in ("Intermédiaire", "toucher l'écran, la souris, le clavier", "français, arabe", "Seniors",
                     "Accès de plain-pied.", "Payant", "2 € l'atelier", "2 places libres", "(2 places en tout)",
                     "Votre téléphone chargé", "Structure A", "animé par Paula", "(2 h)", "Compétences :",
                     "Ajouter à mon agenda", 'href="/learning/email-create">Créer une adresse mail</a></li>',
                     'href="/learning/email-read">Lire un mail</a></li>'):
        assert expected in html, expected
    assert "nope" not in html  # an unknown lesson id is left out


def test_upcoming_keeps_working(app, events, clock):
    with app.app_context():
        assert [e.title for e in upcoming()] == ["Démarches en ligne", "Atelier mail", "Repérer les arnaques"]
        assert [e.title for e in upcoming(level="beginner")] == ["Atelier mail"]
        assert [e.title for e in upcoming(departement="80")] == ["Démarches en ligne"]


def test_the_agenda_is_in_the_menu_and_links_to_cancelling(client, events):
    home = body(client.get("/"))
    assert 'href="/agenda/"' in home
    html = body(client.get("/agenda/"))
    assert 'href="/agenda/cancel"' in html and 'href="/agenda/manage/"' not in html


def test_helpers_get_a_link_to_their_events(login, events):
    html = body(login("pro").get("/agenda/"))
    assert 'href="/agenda/manage/"' in html


def test_arabic_pages_are_rtl(client, events):
    response = client.get(f"/agenda/{events['mail'].id}?lang=ar")
    assert response.status_code == 200 and '<html lang="ar" dir="rtl">' in body(response)
