"""The whole flow with JavaScript off: a pro of structure A sends a person to a place of
structure B, the place answers through the secure link without an account, the sender
sees "appointment given", the slip prints, and the figures count it."""
import datetime

from helpers import parse
from orientation_helpers import form_data, outbox, token_in

from bonsclics.models.orientation import Orientation, OrientationEvent, OrientationLink
from bonsclics.models.system import AuditLog


def test_a_person_is_sent_answered_and_followed(app, client, login, places, world, clock):
    pro = login("pro")
    assert "Orienter une personne" in pro.get("/orientations/").get_data(as_text=True)
    page = pro.get("/orientations/new")
    assert page.status_code == 200

    # Looking for places saves nothing and lists place B first (it offers mediation on Tuesdays).
    found = pro.post("/orientations/new", data=form_data(action="suggest"))
    html = found.get_data(as_text=True)
    assert found.status_code == 200
    assert Orientation.select().count() == 0
    assert html.index("Médiathèque B") < html.index("Centre social A")
    assert "Ouvert un des jours choisis" in html
    assert 'value="Awa"' in html  # what was typed is kept

    sent = pro.post("/orientations/new", data=form_data(places["b"]))
    assert sent.status_code == 303
    orientation = Orientation.get()
    assert sent.headers["Location"].endswith(f"/orientations/{orientation.id}")
    assert (orientation.status, orientation.person_name, orientation.contact_phone) == ("sent", "Awa", "06 12 34 56 78")
    assert orientation.sender_structure_id == world["structure_a"].id
    assert orientation.receiving_structure_id == world["structure_b"].id
    assert orientation.departement == "59"
    assert orientation.consent_given and orientation.consent_by_id == world["pro"].id
    assert orientation.consent_how == "in-person" and orientation.values("consent_shared") == ["name", "contact"]
    assert orientation.created_at == clock.now and orientation.first_answer_at is None

    # The place is told at its first address, with a link; the email names no one.
    [mail] = outbox(app)
    assert mail["To"] == "lieu-b@test.test"
    assert "Awa" not in mail.get_content() and "06 12" not in mail.get_content()
    token = token_in(mail)
    link = OrientationLink.get()
    assert link.token_hash != token and token not in link.token_hash

    # The place, without an account, opens the link and gives an appointment.
    clock.advance(hours=26)
    opened = client.get(f"/orientations/respond/{token}")
    assert opened.status_code == 200 and opened.headers["Cache-Control"] == "no-store"
    assert "Awa" in opened.get_data(as_text=True) and "06 12 34 56 78" in opened.get_data(as_text=True)
    answered = client.post(f"/orientations/respond/{token}", data={
        "status": "appointment", "appointment_date": "2026-03-10", "appointment_time": "14:30", "note": "Salle 2",
    })
    assert answered.status_code == 200
    assert "Merci, votre réponse est enregistrée" in answered.get_data(as_text=True)
    orientation = Orientation.get_by_id(orientation.id)
    assert orientation.status == "appointment"
    assert orientation.appointment_at == datetime.datetime(2026, 3, 10, 13, 30)  # 14:30 in Paris, winter
    assert orientation.first_answer_at == clock.now
    assert OrientationLink.get().used_at == clock.now
    assert [(e.kind, e.status, e.via) for e in OrientationEvent.select().order_by(OrientationEvent.id)] == [
        ("created", "sent", "app"), ("status", "appointment", "link")]

    # The sender sees "appointment given", in words, in the list and on the page.
    listing = pro.get("/orientations/").get_data(as_text=True)
    assert "Rendez-vous donné" in listing and 'class="tag tag--ok"' in listing
    detail = pro.get(f"/orientations/{orientation.id}").get_data(as_text=True)
    assert "Rendez-vous donné" in detail and "mardi 10 mars 2026, 14:30" in detail

    # The slip: place, address, hours in words, phone, what to bring, QR code, appointment.
    slip = pro.get(f"/orientations/{orientation.id}/slip")
    text = slip.get_data(as_text=True)
    for expected in ("Médiathèque B", "1 rue de la Paix", "59100 Roubaix", "Mardi : 14 h – 18 h", "Jeudi : 14 h – 18 h",
                     "03 20 00 00 00", "Votre téléphone", "mardi 10 mars 2026, 14:30"):
        assert expected in text, expected
    document, _ = parse(text)
    qr = next((e for e in document.iter() if str(e.tag).endswith("svg") and e.get("class") == "qr"), None)
    assert qr is not None and qr.get("role") == "img"
    assert any(str(e.tag).endswith("title") and "Code QR vers la page du lieu" in (e.text or "") for e in qr.iter())
    assert all(element.get("style") is None for element in qr.iter())

    # The same pages in Arabic.
    arabic = pro.get(f"/orientations/{orientation.id}/slip?lang=ar")
    assert arabic.headers["Content-Language"] == "ar" and 'dir="rtl"' in arabic.get_data(as_text=True)
    assert pro.get(f"/orientations/{orientation.id}?lang=ar").status_code == 200
    assert pro.get("/orientations/new?lang=ar").status_code == 200

    # Reporting counts it, without names.
    figures = login("coordinator").get("/orientations/figures?lang=fr").get_data(as_text=True)
    assert "Rendez-vous donné</th><td>1</td>" in figures
    assert "Awa" not in figures
    assert "1 jour(s) et 2 heure(s)" in figures

    # Every view was written to the audit log.
    viewed = AuditLog.select().where(AuditLog.action == "orientation-viewed", AuditLog.object_id == str(orientation.id))
    assert {entry.detail for entry in viewed} == {"", "slip", "link"}


def test_the_receiving_structure_answers_from_its_inbox(app, login, send, places, answer_data):
    orientation = send(places["b"])
    receiver = login("pro_b")
    inbox = receiver.get("/orientations/inbox").get_data(as_text=True)
    assert f"Orientation n° {orientation.id}" in inbox and "1 orientation attend votre réponse." in inbox
    page = receiver.get(f"/orientations/{orientation.id}").get_data(as_text=True)
    assert "Envoyer la réponse" in page
    response = receiver.post(f"/orientations/{orientation.id}/answer", data=answer_data("accepted"))
    assert response.status_code == 303
    assert Orientation.get_by_id(orientation.id).status == "accepted"
    assert "Acceptée" in login("pro").get("/orientations/").get_data(as_text=True)
