"""Fixtures for orientations: places of structures A, B, C and one without an account."""
import datetime

import pytest
from orientation_helpers import form_data

NOW = datetime.datetime(2026, 3, 2, 9, 0)  # a Monday, naive UTC


@pytest.fixture
def clock(app):
    """A controllable clock: set `clock.now`, or move it with `clock.advance(days=...)`."""

    class Clock:
        now = NOW

        def advance(self, **delta):
            self.now = self.now + datetime.timedelta(**delta)

    value = Clock()
    app.config["NOW"] = lambda: value.now
    return value


def _place(source_id, name, postcode, lat, lon, structure, **extra):
    from bonsclics.models.places import Place, departement_of

    values = dict(
        source_id=source_id, nom=name, commune=extra.pop("commune", "Lille"), code_postal=postcode,
        adresse="1 rue de la Paix", latitude=lat, longitude=lon, date_maj=datetime.date(2026, 1, 1),
        departement=departement_of(postcode), structure=structure, telephone="03 20 00 00 00",
    )
    values.update(extra)
    return Place.create(**values)


@pytest.fixture
def places(app, world, clock):
    """Place A (structure A), place B (structure B), place C (structure C, other network),
    and a place without any account."""
    return {
        "a": _place("pa", "Centre social A", "59000", 50.63, 3.06, world["structure_a"], courriels="lieu-a@test.test",
                    kinds_of_help="assistance", horaires="Mo-Fr 09:00-12:00", languages="fr"),
        "b": _place("pb", "Médiathèque B", "59100", 50.69, 3.17, world["structure_b"], commune="Roubaix",
                    courriels="lieu-b@test.test|autre@test.test", kinds_of_help="mediation|assistance",
                    services="Maîtrise des outils numériques du quotidien", horaires="Tu,Th 14:00-18:00",
                    languages="fr|ar"),
        "c": _place("pc", "Espace C", "80000", 49.89, 2.29, world["structure_c"], commune="Amiens",
                    courriels="lieu-c@test.test", kinds_of_help="mediation", horaires="Mo 09:00-12:00"),
        "free": _place("pf", "Association sans compte", "59000", 50.64, 3.07, None,
                       courriels="libre@test.test", kinds_of_help="mediation|equipment", horaires="We 10:00-12:00",
                       languages="fr"),
    }


@pytest.fixture
def send(login, places):
    """send(place, client=None, **overrides): create an orientation through the form; returns it."""

    def make(place=None, client=None, **overrides):
        from bonsclics.models.orientation import Orientation

        client = client or login("pro")
        response = client.post("/orientations/new", data=form_data(place or places["b"], **overrides))
        assert response.status_code == 303, response.get_data(as_text=True)
        return Orientation.select().order_by(Orientation.id.desc()).get()

    return make


@pytest.fixture
def answer_data():
    """answer_data(status, **fields): the place's answer form."""

    def make(status, **fields):
        data = {"status": status, "appointment_date": "", "appointment_time": "", "refusal_reason": "",
                "redirected_to": "", "note": ""}
        data.update(fields)
        return data

    return make
