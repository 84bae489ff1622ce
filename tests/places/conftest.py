"""Fixtures of the places tests: places at known positions, a manager of structure B, a fixed clock."""
import datetime
import os

import pytest

from bonsclics.places import standard

HERE = os.path.dirname(__file__)
# Monday 2 March 2026, 10:00 in Paris (09:00 UTC): an ordinary working day.
MONDAY_10H = datetime.datetime(2026, 3, 2, 9, 0)


def place_values(**overrides):
    """A valid place of the standard (Lille centre unless overridden)."""
    values = {
        "source_id": "lieu-test",
        "pivot": "12345678900012",
        "nom": "Lieu test",
        "commune": "Lille",
        "code_postal": "59000",
        "code_insee": "59350",
        "adresse": "1 place du Test",
        "latitude": 50.6292,
        "longitude": 3.0573,
        "telephone": "+33320000001",
        "horaires": "Mo-Fr 09:00-12:00,14:00-17:00; PH off",
        "date_maj": datetime.date(2026, 1, 15),
        "services": "Aide aux démarches administratives",
        "frais_a_charge": "Gratuit",
        "kinds_of_help": "assistance",
    }
    values.update(overrides)
    return values


@pytest.fixture
def make_place(app):
    """make_place(**columns) creates a place through Place.create (so it is indexed)."""
    from bonsclics.models.places import Place

    counter = {"n": 0}

    def make(**overrides):
        counter["n"] += 1
        overrides.setdefault("source_id", f"lieu-{counter['n']}")
        return Place.create(**place_values(**overrides))

    return make


@pytest.fixture
def around_lille(world, make_place):
    """Five places at known distances from Lille centre, in structures A, B and C."""
    a, b, c = world["structure_a"], world["structure_b"], world["structure_c"]
    network, other = world["network"], world["other_network"]
    return {
        "centre": make_place(nom="Centre social Lille", structure=a, network=network),
        "roubaix": make_place(nom="France Services Roubaix", commune="Roubaix", code_postal="59100", code_insee="59512",
                              latitude=50.6942, longitude=3.1746, structure=b, network=network,
                              horaires="Mo-Fr 13:00-17:00", kinds_of_help="assistance|mediation",
                              prise_en_charge_specifique="Illettrisme|Langues étrangères (autres)"),
        "lens": make_place(nom="Médiathèque de Lens", commune="Lens", code_postal="62300", code_insee="62498",
                           latitude=50.4321, longitude=2.8333, structure=b, network=network,
                           horaires="Tu-Sa 10:00-18:00", kinds_of_help="mediation|equipment",
                           services="Accès internet et matériel informatique", frais_a_charge="Payant"),
        "armentieres": make_place(nom="CCAS Armentières", commune="Armentières", code_postal="59280",
                                  code_insee="59017", latitude=50.6881, longitude=2.8800, structure=a,
                                  network=network, horaires="", kinds_of_help="assistance"),
        "amiens": make_place(nom="Amiens Numérique", commune="Amiens", code_postal="80000", code_insee="80021",
                             latitude=49.8941, longitude=2.2958, structure=c, network=other,
                             horaires="Mo-Su 08:00-20:00", kinds_of_help="assistance"),
    }


@pytest.fixture
def manager_b(app, world, password_hash):
    """A manager of structure B (same network as A)."""
    from bonsclics.models.accounts import Membership, User

    user = User.create(email="manager-b@test.test", name="manager-b", password_hash=password_hash)
    Membership.create(user=user, structure=world["structure_b"], role="manager")
    return user


@pytest.fixture
def clock(app):
    """Set the app's clock: clock(datetime in naive UTC)."""

    def set_now(moment):
        app.config["NOW"] = moment

    set_now(MONDAY_10H)
    return set_now


@pytest.fixture
def example_csv():
    """The standard's own valid example file."""
    with open(standard.EXAMPLE_PATH, "rb") as handle:
        return handle.read()
