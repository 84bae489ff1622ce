"""Demo orientations between the demo structures (idempotent: found again by person and place)."""
import datetime

from ..db import utcnow
from ..models.orientation import Orientation, OrientationEvent

# (sender index, place index, person, consent how, status, days ago, answered after days, kinds, services)
DEMO = [
    (0, 11, "Fatima", "in-person", "sent", 2, None, "assistance", "Aide aux démarches administratives"),
    (0, 1, "M. D.", "phone", "appointment", 6, 1, "mediation", "Maîtrise des outils numériques du quotidien"),
    (0, 12, "", "", "refused", 20, 3, "equipment", "Accès internet et matériel informatique"),
    (0, 3, "Jean", "in-person", "done", 40, 2, "mediation", "Utilisation sécurisée du numérique"),
    (1, 0, "Awa", "in-person", "sent", 1, None, "assistance|mediation", "Aide aux démarches administratives"),
]


def seed(context):
    """A few orientations sent by the pro's structure, and one it received."""
    structures, places = context["structures"], context["places"]
    pro = context["accounts"].get("pro@demo.test")
    now = utcnow()
    for sender_index, place_index, person, how, status, days_ago, answered_after, kinds, services in DEMO:
        sender, place = structures[sender_index], places[place_index]
        if Orientation.select().where(
            Orientation.sender_structure == sender, Orientation.place == place, Orientation.person_name == person
        ).exists():
            continue
        created = now - datetime.timedelta(days=days_ago)
        answered = created + datetime.timedelta(days=answered_after) if answered_after is not None else None
        author = pro if sender_index == 0 else None
        orientation = Orientation.create(
            created_at=created, created_by=author, sender_structure=sender, place=place,
            receiving_structure=place.structure_id, departement=place.departement,
            person_name=person, consent_given=bool(person), consent_at=created if person else None,
            consent_by=author if person else None, consent_how=how, consent_shared="name" if person else "",
            kinds_of_help=kinds, services=services, urgency="normal",
            need_details="Démo : besoin d'aide pour une démarche en ligne.",
            what_to_bring="Une pièce d'identité et votre téléphone chargé.",
            status=status, status_at=answered or created,
            first_answer_at=answered - datetime.timedelta(hours=20) if status == "done" else answered,
            appointment_at=now + datetime.timedelta(days=3) if status == "appointment" else None,
            refusal_reason="full" if status == "refused" else "",
            closed_at=answered if status in ("refused", "done") else None,
        )
        OrientationEvent.create(orientation=orientation, kind="created", status="sent", actor=author, at=created)
        if answered is not None:
            if status == "done":
                OrientationEvent.create(orientation=orientation, kind="status", status="accepted", via="link",
                                        at=answered - datetime.timedelta(hours=20))
            OrientationEvent.create(orientation=orientation, kind="status", status=status, via="link", at=answered)
