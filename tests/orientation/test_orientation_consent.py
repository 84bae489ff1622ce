"""Withdrawing consent erases the person's data; the orientation stays, anonymous."""
from html import unescape

from orientation_helpers import outbox, token_in

from bonsclics.models.orientation import Orientation
from bonsclics.models.system import AuditLog


def test_withdrawing_consent_erases_name_contact_and_free_texts(app, client, login, send, places, answer_data):
    orientation = send(places["b"], contact_email="awa@example.org", diagnostic_summary="Sait téléphoner")
    receiver = login("pro_b")
    receiver.post(f"/orientations/{orientation.id}/answer", data=answer_data("accepted", note="Appeler Awa lundi"))
    pro = login("pro")
    response = pro.post(f"/orientations/{orientation.id}/withdraw", data={"confirm": "y"})
    assert response.status_code == 303
    erased = Orientation.get_by_id(orientation.id)
    for field in ("person_name", "contact_phone", "contact_email", "need_details", "diagnostic_summary",
                  "hours_note", "what_to_bring", "answer_note"):
        assert getattr(erased, field) == "", field
    assert erased.consent_withdrawn_at is not None and not erased.shares_name and not erased.shares_contact
    # The anonymous record stays for the figures.
    assert (erased.status, erased.kinds_of_help, erased.sender_structure_id) == ("accepted", "mediation", orientation.sender_structure_id)
    assert erased.first_answer_at is not None
    for viewer in (pro, receiver):
        page = unescape(viewer.get(f"/orientations/{orientation.id}").get_data(as_text=True))
        assert "Awa" not in page and "06 12 34 56 78" not in page and "Appeler" not in page
        assert "a retiré son accord" in page
    assert AuditLog.select().where(AuditLog.action == "orientation-consent-withdrawn").count() == 1


def test_the_link_shows_nothing_of_the_person_after_withdrawal(app, client, login, send, places):
    orientation = send(places["free"])
    token = token_in(outbox(app)[-1])
    login("pro").post(f"/orientations/{orientation.id}/withdraw", data={"confirm": "y"})
    page = client.get(f"/orientations/respond/{token}").get_data(as_text=True)
    assert "Awa" not in page and "06 12" not in page


def test_withdrawal_needs_the_box_ticked(login, send, places):
    orientation = send(places["b"])
    response = login("pro").post(f"/orientations/{orientation.id}/withdraw", data={})
    assert response.status_code == 400
    assert "Cochez la case pour confirmer le retrait de l'accord." in unescape(response.get_data(as_text=True))
    assert Orientation.get_by_id(orientation.id).person_name == "Awa"


def test_the_receiving_structure_can_record_a_withdrawal_too(login, send, places):
    orientation = send(places["b"])
    assert login("pro_b").post(f"/orientations/{orientation.id}/withdraw", data={"confirm": "y"}).status_code == 303
    assert Orientation.get_by_id(orientation.id).person_name == ""


def test_an_anonymous_orientation_has_nothing_to_withdraw(login, send, places):
    orientation = send(places["b"], consent="no")
    client = login("pro")
    assert "Retirer l'accord" not in unescape(client.get(f"/orientations/{orientation.id}").get_data(as_text=True))
    response = client.post(f"/orientations/{orientation.id}/withdraw", data={"confirm": "y"}, follow_redirects=True)
    assert "Il n'y a pas d'accord à retirer" in unescape(response.get_data(as_text=True))
    assert Orientation.get_by_id(orientation.id).consent_withdrawn_at is None


def test_nobody_else_can_withdraw(login, send, places):
    orientation = send(places["b"])
    assert login("pro_c").post(f"/orientations/{orientation.id}/withdraw", data={"confirm": "y"}).status_code == 404
    assert Orientation.get_by_id(orientation.id).person_name == "Awa"
