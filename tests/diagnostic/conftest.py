"""Fixtures of the diagnostic's tests: places and workshops near Lille, a finished result."""
import datetime

import pytest


@pytest.fixture
def places(app, world):
    """Three places in Lille and Roubaix, each offering one kind of help, and upcoming workshops."""
    from bonsclics.db import utcnow
    from bonsclics.models.agenda import Event
    from bonsclics.models.places import Place

    with app.app_context():
        made = []
        for number, (name, postcode, kinds, lat, lon) in enumerate([
            ("Centre social Lille", "59000", "assistance|mediation", 50.63, 3.06),
            ("Médiathèque Roubaix", "59100", "mediation|nudge", 50.69, 3.17),
            ("France Services Lille", "59000", "assistance|nudge", 50.62, 3.05),
        ]):
            made.append(Place.create(
                source_id=f"test-{number}", nom=name, commune=name.split()[-1], code_postal=postcode,
                adresse=f"{number + 1} rue du Test", date_maj=datetime.date(2026, 1, 1), departement="59",
                kinds_of_help=kinds, latitude=lat, longitude=lon, structure=world["structure_a"],
                telephone="0300000000",
            ))
        soon = utcnow() + datetime.timedelta(days=3)
        for level, title in (("beginner", "Premiers pas avec le smartphone"), ("intermediate", "Repérer les arnaques"),
                             ("advanced", "Démarches avancées")):
            Event.create(place=made[0], title=title, level=level, starts_at=soon,
                         ends_at=soon + datetime.timedelta(hours=2))
        return made


@pytest.fixture
def finished(app, client):
    """A client that has finished a diagnostic (all answers right), and the result's URL."""
    from diagnostic_support import start, walk

    start(client)
    _count, _seen, response = walk(client)
    return client, response.request.path
