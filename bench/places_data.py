"""Generated places in the national standard, for the places benchmarks (deterministic)."""
import csv
import functools
import io
import random

from common import ROOT  # noqa: F401  (puts the project on the path)

from bonsclics.places import standard

SERVICES = standard.vocabulary("services")
PUBLICS = standard.vocabulary("publics_specifiquement_adresses")
SUPPORT = standard.vocabulary("prise_en_charge_specifique")
FEES = standard.vocabulary("frais_a_charge")
ACCESS = standard.vocabulary("modalites_acces")
MODES = standard.vocabulary("modalites_accompagnement")
DEPARTEMENTS = [f"{n:02d}" for n in range(1, 96) if n != 20]
DAYS = ["Mo-Fr", "Mo-Th", "Tu-Sa", "Mo,We,Fr", "Tu,Th", "Mo-Sa", "We", "Sa"]
SPANS = ["09:00-12:00", "09:00-12:00,14:00-17:00", "08:30-12:30,13:30-17:30", "10:00-18:00",
         "14:00-18:00", "09:30-12:00,13:30-16:30", "13:30-19:00"]


def _some(rng, values, most):
    return "|".join(rng.sample(values, rng.randint(0, most)))


@functools.lru_cache(maxsize=None)
def towns(count=800, seed=1):
    """(name, postcode, INSEE code, latitude, longitude) spread over metropolitan France."""
    rng = random.Random(seed)
    result = []
    for number in range(count):
        departement = rng.choice(DEPARTEMENTS)
        result.append((f"Commune {number}", f"{departement}{rng.randint(0, 999):03d}",
                       f"{departement}{rng.randint(1, 999):03d}", round(rng.uniform(42.6, 50.9), 5),
                       round(rng.uniform(-4.4, 7.9), 5)))
    return result


def rows(count=20000, seed=2):
    """`count` valid rows of the standard, in about 800 towns."""
    rng = random.Random(seed)
    places = []
    for number, (town, postcode, insee, lat, lon) in enumerate(rng.choice(towns()) for _ in range(count)):
        hours = f"{rng.choice(DAYS)} {rng.choice(SPANS)}"
        if rng.random() < 0.4:
            hours += f"; Sa {rng.choice(SPANS)}"
        if rng.random() < 0.5:
            hours += "; PH off"
        places.append({
            "id": f"bench-{number}", "pivot": f"{rng.randint(10**13, 10**14 - 1)}", "nom": f"Lieu numérique {number}",
            "commune": town, "code_postal": postcode, "code_insee": insee,
            "adresse": f"{rng.randint(1, 200)} rue de la Gare", "complement_adresse": "",
            "latitude": round(lat + rng.uniform(-0.05, 0.05), 5), "longitude": round(lon + rng.uniform(-0.05, 0.05), 5),
            "typologie": rng.choice(["ASSO", "CCAS", "BIB", "MDS", "CS"]),
            "telephone": f"+333{rng.randint(10**7, 10**8 - 1)}", "courriels": f"accueil{number}@exemple.fr",
            "site_web": "", "horaires": hours,
            "presentation_resume": "Un accueil pour vous aider avec le téléphone, l'ordinateur et les démarches.",
            "presentation_detail": "", "source": "bench", "itinerance": "Fixe", "structure_parente": "",
            "date_maj": "2024-04-02", "services": "|".join(rng.sample(SERVICES, rng.randint(1, 4))),
            "publics_specifiquement_adresses": _some(rng, PUBLICS, 2),
            "prise_en_charge_specifique": _some(rng, SUPPORT, 2), "frais_a_charge": rng.choice(FEES),
            "dispositif_programmes_nationaux": "", "formations_labels": "", "autres_formations_labels": "",
            "modalites_acces": _some(rng, ACCESS, 2), "modalites_accompagnement": _some(rng, MODES, 2),
            "fiche_acces_libre": "", "prise_rdv": "",
        })
    return places


def as_csv(places):
    """The rows as a CSV file of the standard (bytes)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=standard.field_names(), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(places)
    return buffer.getvalue().encode()


def fill(app, count=20000):
    """A network holding `count` generated places, imported the way the app imports files.

    Returns the import's report and how long the import took (the file is made before the clock starts).
    """
    import time

    from bonsclics.models.accounts import Network
    from bonsclics.places.importer import import_file

    data = as_csv(rows(count))
    with app.test_request_context("/"):
        network, _created = Network.get_or_create(slug="bench", defaults={"name": "Réseau de mesure"})
        started = time.perf_counter()
        report = import_file("bench.csv", data, network)
        seconds = time.perf_counter() - started
        assert report.accepted, report.rejections[:5]
    return report, seconds
