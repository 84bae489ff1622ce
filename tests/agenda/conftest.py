"""Fixtures of the agenda: a fixed clock, places of structures A and C, an event factory."""
import datetime

import pytest

from agenda_support import NOW


@pytest.fixture
def clock(app):
    """The app's clock, fixed at NOW; tests move it with clock.set(...)."""

    class Clock:
        now = NOW

        def set(self, moment):
            self.now = moment
            app.config["NOW"] = moment

        def advance(self, **delta):
            self.set(self.now + datetime.timedelta(**delta))

    clock = Clock()
    clock.set(NOW)
    return clock


TOWNS = {"59": ("Lille", "59000", "59350"), "80": ("Amiens", "80000", "80021")}


def _place(structure, network, number):
    from bonsclics.models.places import Place

    commune, code_postal, code_insee = TOWNS[structure.departement]
    return Place.create(
        source_id=f"test-{number}", nom=f"Médiathèque {number}", commune=commune, code_postal=code_postal,
        code_insee=code_insee, adresse=f"{number} rue des Arts", date_maj=datetime.date(2026, 1, 1),
        departement=structure.departement, network=network, structure=structure, telephone="+33320000000",
        latitude=50.63, longitude=3.06,
    )


@pytest.fixture
def places(app, world):
    """A place of structure A (network "test") and one of structure C (other network)."""
    return {"a": _place(world["structure_a"], world["network"], 1),
            "c": _place(world["structure_c"], world["other_network"], 2)}


@pytest.fixture
def make_event(app, world, places, clock):
    """make_event(seats=2, starts_in=timedelta(days=3), **fields) -> Event of structure A."""
    from bonsclics.models.agenda import Event

    def make(seats=2, starts_in=datetime.timedelta(days=3), minutes=120, place="a", **fields):
        start = clock.now + starts_in
        target = places[place]
        values = dict(
            place=target, structure=target.structure_id, title="Créer son adresse mail", kind="workshop",
            description="On crée une adresse mail pas à pas.", seats=seats, starts_at=start,
            ends_at=start + datetime.timedelta(minutes=minutes), what_to_bring="Votre téléphone chargé",
            modules="email-create", competences="email", organiser=None, created_at=clock.now, updated_at=clock.now,
        )
        values.update(fields)
        return Event.create(**values)

    return make


@pytest.fixture
def sms(app):
    """The SMS sent during the test."""
    return app.extensions.setdefault("sms_outbox", [])


@pytest.fixture
def mails(app):
    """The mails sent during the test."""
    return app.extensions.setdefault("outbox", [])
