"""A demo network: three départements, thirty places, upcoming workshops, one account per role.

`seed()` is idempotent: running it twice in the same week changes nothing.
Areas add their own demo data in `<area>/demo.py` (a `seed(context)` function).
"""
import datetime
from zoneinfo import ZoneInfo

from .db import utcnow, write_transaction
from .models.accounts import Membership, Network, Structure, User
from .models.agenda import Event
from .models.places import Place, departement_of

DEMO_PASSWORD = "demo-bonsclics-pas-a-pas"

# (town, postcode, INSEE code, latitude, longitude)
TOWNS = [
    ("Lille", "59000", "59350", 50.6292, 3.0573),
    ("Roubaix", "59100", "59512", 50.6942, 3.1746),
    ("Tourcoing", "59200", "59599", 50.7239, 3.1612),
    ("Dunkerque", "59140", "59183", 51.0344, 2.3768),
    ("Valenciennes", "59300", "59606", 50.3570, 3.5235),
    ("Douai", "59500", "59178", 50.3706, 3.0800),
    ("Maubeuge", "59600", "59392", 50.2775, 3.9726),
    ("Cambrai", "59400", "59122", 50.1760, 3.2356),
    ("Armentières", "59280", "59017", 50.6881, 2.8800),
    ("Wattrelos", "59150", "59650", 50.7010, 3.2170),
    ("Arras", "62000", "62041", 50.2910, 2.7775),
    ("Lens", "62300", "62498", 50.4321, 2.8333),
    ("Calais", "62100", "62193", 50.9513, 1.8587),
    ("Boulogne-sur-Mer", "62200", "62160", 50.7264, 1.6147),
    ("Béthune", "62400", "62119", 50.5303, 2.6408),
    ("Liévin", "62800", "62510", 50.4230, 2.7786),
    ("Saint-Omer", "62500", "62765", 50.7500, 2.2522),
    ("Hénin-Beaumont", "62110", "62427", 50.4217, 2.9508),
    ("Bruay-la-Buissière", "62700", "62178", 50.4833, 2.5500),
    ("Berck", "62600", "62108", 50.4077, 1.5928),
    ("Amiens", "80000", "80021", 49.8941, 2.2958),
    ("Abbeville", "80100", "80001", 50.1054, 1.8332),
    ("Albert", "80300", "80016", 50.0021, 2.6522),
    ("Péronne", "80200", "80620", 49.9322, 2.9364),
    ("Doullens", "80600", "80253", 50.1573, 2.3408),
    ("Montdidier", "80500", "80561", 49.6478, 2.5700),
    ("Ham", "80400", "80410", 49.7469, 3.0728),
    ("Friville-Escarbotin", "80130", "80368", 50.0858, 1.5458),
    ("Roye", "80700", "80685", 49.6997, 2.7897),
    ("Corbie", "80800", "80212", 49.9092, 2.5097),
]

# (name pattern, typology, services, kinds of help, national programmes, hours)
PLACE_KINDS = [
    ("Centre social {town}", "CS", "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien",
     "assistance|mediation", "Conseillers numériques", "Mo-Fr 09:00-12:00,14:00-17:30"),
    ("Médiathèque de {town}", "BIB", "Maîtrise des outils numériques du quotidien|Accès internet et matériel informatique",
     "mediation|nudge|equipment", "Bibliothèques numérique de référence", "Tu,Th 14:00-18:00; We 10:00-12:00,14:00-18:00; Sa 10:00-17:00; PH off"),
    ("France Services {town}", "MDS", "Aide aux démarches administratives|Utilisation sécurisée du numérique",
     "assistance|nudge", "France Services|Aidants Connect", "Mo-Fr 08:30-12:00,13:30-17:00; PH off"),
    ("Association Clic'Solidaire {town}", "ASSO",
     "Maîtrise des outils numériques du quotidien|Insertion professionnelle via le numérique|Acquisition de matériel informatique à prix solidaire",
     "mediation|equipment|solidarity", "Conseillers numériques|Emmaüs Connect", "Mo,We,Fr 09:30-12:30; Tu 14:00-18:00"),
    ("Espace numérique du CCAS de {town}", "CCAS", "Aide aux démarches administratives|Parentalité et éducation avec le numérique",
     "assistance|mediation", "Point d'accès numérique CAF", "Mo-Th 09:00-12:00,13:30-16:30; Fr 09:00-12:00"),
]

STRUCTURES = [
    # (name, kind, département, engagements)
    ("Clic'Solidaire Hauts-de-France", "Association", "59", "mediation|nudge|equipment"),
    ("Centres sociaux du Nord", "Fédération de centres sociaux", "59", "assistance|mediation|orientation"),
    ("Réseau des médiathèques de l'Artois", "Bibliothèques", "62", "mediation|nudge|equipment"),
    ("France Services du Pas-de-Calais", "France Services", "62", "assistance|orientation"),
    ("Amiens Numérique Pour Tous", "Association", "80", "mediation|nudge"),
    ("CCAS de la Somme", "CCAS", "80", "assistance|orientation"),
]

ACCOUNTS = [
    ("admin@demo.test", "Alex Admin", "admin", None),
    ("coordinator@demo.test", "Claire Coordinatrice", "coordinator", None),
    ("manager@demo.test", "Mehdi Responsable", "member", "manager"),
    ("pro@demo.test", "Paula Conseillère", "member", "pro"),
    ("volunteer@demo.test", "Victor Bénévole", "member", "volunteer"),
]

# (title, kind, level, modules, competences, what to bring, seats, weekday, hour, minutes)
WORKSHOPS = [
    ("Premiers pas avec le smartphone", "workshop", "beginner", "start-smartphone|start-touchscreen", "device",
     "Votre téléphone chargé, si vous en avez un.", 8, 0, 10, 120),
    ("Créer et utiliser son adresse mail", "workshop", "beginner", "email-what-is|email-create|email-read", "email",
     "Votre téléphone, un papier et un stylo.", 8, 1, 14, 120),
    ("Repérer les arnaques : faux SMS, faux mails", "workshop", "intermediate", "security-scams|security-tricked",
     "security", "Votre téléphone.", 12, 2, 10, 90),
    ("Ameli : créer son compte et télécharger son attestation", "workshop", "intermediate",
     "internet-create-account|internet-download-pdf", "services",
     "Votre carte Vitale, votre téléphone, votre adresse mail et son mot de passe.", 6, 3, 14, 120),
    ("Permanence d'aide aux démarches en ligne", "dropin", "beginner", "", "services",
     "Vos identifiants (si vous les avez), vos papiers pour la démarche.", None, 1, 9, 180),
]


def _monday(today):
    """The Monday of the week of `today`."""
    return today - datetime.timedelta(days=today.weekday())


def seed(password):
    """Create (or find) the demo data; returns a summary for the command to print."""
    from .accounts.passwords import hash_password

    with write_transaction():
        network, _ = Network.get_or_create(
            slug="demo-hauts-de-france",
            defaults={
                "name": "Réseau Numérique Solidaire Hauts-de-France (démo)",
                "departements": "59|62|80",
                "description": "Réseau de démonstration : associations, centres sociaux, médiathèques et France Services.",
            },
        )
        structures = []
        for name, kind, departement, engagements in STRUCTURES:
            structure, _ = Structure.get_or_create(
                name=name,
                defaults={
                    "network": network, "kind": kind, "departement": departement, "engagements": engagements,
                    "email": f"contact@{_slug(name)}.demo.test", "phone": "+33300000000",
                },
            )
            structures.append(structure)
        places = _seed_places(network, structures)
        accounts = _seed_accounts(network, structures[0], hash_password(password))
        upcoming = _seed_workshops(places, structures, accounts)
        context = {"network": network, "structures": structures, "places": places, "accounts": accounts}
        from .areas import area_modules

        for module in area_modules("demo"):
            module.seed(context)
        upcoming = Event.select().where(Event.starts_at > utcnow(), Event.status == "scheduled").count()
    return {"places": len(places), "upcoming_events": upcoming, "accounts": [(a[0], a[2] if a[2] != "member" else a[3]) for a in ACCOUNTS]}


def _slug(text):
    """A plain ASCII slug for demo addresses."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch if ch.isalnum() else "-" for ch in ascii_text.lower()).strip("-").replace("--", "-")


def _seed_places(network, structures):
    """Thirty places, one per town, of five kinds, attached to the structure of their département."""
    places = []
    by_departement = {}
    for structure in structures:
        by_departement.setdefault(structure.departement, []).append(structure)
    for index, (town, postcode, insee, lat, lon) in enumerate(TOWNS):
        pattern, typology, services, kinds, programmes, hours = PLACE_KINDS[index % len(PLACE_KINDS)]
        departement = departement_of(postcode, insee)
        owners = by_departement[departement]
        place, _ = Place.get_or_create(
            source_id=f"demo-{insee}",
            defaults={
                "pivot": f"{10000000000000 + index * 7919:014d}",
                "nom": pattern.format(town=town),
                "commune": town,
                "code_postal": postcode,
                "code_insee": insee,
                "adresse": f"{3 + index} rue de la République",
                "latitude": lat,
                "longitude": lon,
                "typologie": typology,
                "telephone": f"+333{20000000 + index * 1013:08d}",
                "courriels": f"accueil@{_slug(town)}.demo.test",
                "horaires": hours,
                "presentation_resume": "Un accueil sans rendez-vous pour vous aider avec le téléphone, l'ordinateur et les démarches en ligne.",
                "source": "bonsclics (démo)",
                "itinerance": "Fixe",
                "date_maj": datetime.date.today(),
                "services": services,
                "publics_specifiquement_adresses": "Seniors|Familles et/ou enfants" if index % 3 == 0 else "",
                "prise_en_charge_specifique": "Langues étrangères (autres)|Illettrisme" if index % 4 == 0 else "Déficience visuelle" if index % 4 == 1 else "",
                "frais_a_charge": "Gratuit",
                "dispositif_programmes_nationaux": programmes,
                "modalites_acces": "Se présenter|Téléphoner",
                "modalites_accompagnement": "Accompagnement individuel|Dans un atelier collectif",
                "departement": departement,
                "network": network,
                "structure": owners[index % len(owners)],
                "kinds_of_help": kinds,
                "equipment": "computers|wifi|printer" if "equipment" in kinds else "wifi",
                "languages": "fr|ar" if index % 4 == 0 else "fr|en" if index % 4 == 2 else "fr",
                "accessibility": "Accès de plain-pied, toilettes adaptées." if index % 2 == 0 else "",
            },
        )
        places.append(place)
    return places


def _seed_accounts(network, structure, password_hash):
    """One account per role; the three structure roles belong to the first structure."""
    users = {}
    for email, name, role, structure_role in ACCOUNTS:
        user, created = User.get_or_create(
            email=email,
            defaults={"name": name, "password_hash": password_hash, "role": role,
                      "network": network if role == "coordinator" else None},
        )
        if not created:
            user.password_hash = password_hash
            user.save()
        if structure_role:
            Membership.get_or_create(user=user, structure=structure, defaults={"role": structure_role})
        users[email] = user
    return users


def _seed_workshops(places, structures, accounts):
    """Five weeks of workshops and drop-in sessions from this week on; returns the upcoming count."""
    paris = ZoneInfo("Europe/Paris")
    monday = _monday(datetime.date.today())
    organiser = accounts["pro@demo.test"]
    for week in range(5):
        for number, (title, kind, level, modules, competences, bring, seats, weekday, hour, minutes) in enumerate(WORKSHOPS):
            place = places[(week * len(WORKSHOPS) + number) * 7 % len(places)]
            day = monday + datetime.timedelta(days=7 * week + weekday)
            local_start = datetime.datetime.combine(day, datetime.time(hour), tzinfo=paris)
            starts_at = local_start.astimezone(datetime.timezone.utc).replace(tzinfo=None)
            Event.get_or_create(
                place=place,
                title=title,
                starts_at=starts_at,
                defaults={
                    "structure": place.structure,
                    "kind": kind,
                    "level": level,
                    "modules": modules,
                    "competences": competences,
                    "description": f"{title}. Un atelier en petit groupe, à votre rythme, avec un médiateur numérique.",
                    "what_to_bring": bring,
                    "seats": seats,
                    "ends_at": starts_at + datetime.timedelta(minutes=minutes),
                    "organiser": organiser if place.structure_id == structures[0].id else None,
                    "languages": place.languages,
                },
            )
    return Event.select().where(Event.starts_at > utcnow(), Event.status == "scheduled").count()
