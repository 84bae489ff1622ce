"""Good practices: a library per network, attachments checked by content, comments."""
import io
import os

import pytest
from helpers import page_text

from bonsclics.models.pro import GoodPractice, PracticeAttachment, PracticeComment

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def _post(client, world, filename=None, content=None, **changes):
    data = {"gp-network": str(world["network"].id), "gp-title": "Accueillir sans juger",
            "gp-body": "Commencer par demander ce que la personne veut faire.", "gp-tags": "Accueil, posture, accueil"}
    data.update(changes)
    if filename:
        data["gp-attachment"] = (io.BytesIO(content), filename)
    return client.post("/pro/practices", data=data, content_type="multipart/form-data")


def test_share_read_and_comment(login, world):
    author = login("volunteer")
    response = _post(author, world, "fiche.pdf", PDF)
    assert response.status_code == 303
    practice = GoodPractice.get()
    assert practice.tags == "accueil|posture" and practice.network_id == world["network"].id
    attachment = PracticeAttachment.get()
    assert attachment.mimetype == "application/pdf" and attachment.size == len(PDF)
    stored = os.path.join(author.application.config["UPLOAD_FOLDER"], "practices", attachment.stored_name)
    assert os.path.exists(stored) and "static" not in stored
    # Read by everyone of the network, pro of structure B and the coordinator included.
    for role in ("pro_b", "coordinator", "manager"):
        reader = login(role)
        assert "Accueillir sans juger" in page_text(reader.get("/pro/practices"))
        assert "Commencer par demander" in page_text(reader.get(f"/pro/practices/{practice.id}"))
    reader = login("pro_b")
    assert reader.post(f"/pro/practices/{practice.id}/comments", data={"c-body": ""}).status_code == 400
    assert reader.post(f"/pro/practices/{practice.id}/comments", data={"c-body": "Merci, très utile"}).status_code == 303
    assert PracticeComment.get().body == "Merci, très utile"
    assert "Merci, très utile" in page_text(author.get(f"/pro/practices/{practice.id}"))
    assert "Accueillir" in page_text(reader.get("/pro/practices?tag=posture"))
    assert "Accueillir" not in page_text(reader.get("/pro/practices?tag=autre"))


def test_download_is_an_attachment_with_nosniff(login, world):
    _post(login("pro"), world, "photo.png", PNG)
    attachment = PracticeAttachment.get()
    response = login("pro_b").get(f"/pro/practices/attachments/{attachment.id}")
    assert response.status_code == 200 and response.data == PNG
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.mimetype == "image/png"


@pytest.mark.parametrize("role", ["pro_c", "coordinator_c"])
def test_other_networks_see_nothing(login, world, role):
    _post(login("pro"), world, "scan.jpg", JPEG)
    practice, attachment = GoodPractice.get(), PracticeAttachment.get()
    client = login(role)
    assert "Accueillir" not in page_text(client.get("/pro/practices"))
    assert client.get(f"/pro/practices/{practice.id}").status_code == 404
    assert client.get(f"/pro/practices/attachments/{attachment.id}").status_code == 404
    assert client.post(f"/pro/practices/{practice.id}/comments", data={"c-body": "x"}).status_code == 404


def test_anonymous_cannot_download(client, login, world):
    _post(login("pro"), world, "scan.jpg", JPEG)
    assert client.get(f"/pro/practices/attachments/{PracticeAttachment.get().id}").status_code == 302


@pytest.mark.parametrize("filename, content, message", [
    ("fiche.png", PDF, "Seuls les fichiers PDF, PNG et JPEG"),          # a PDF renamed .png
    ("page.html", b"<!doctype html><script>alert(1)</script>", "Seuls les fichiers PDF, PNG et JPEG"),
    ("page.pdf", b"<html><body>pas un pdf</body></html>", "Seuls les fichiers PDF, PNG et JPEG"),
    ("vide.pdf", b"", "Le fichier est vide"),
])
def test_refused_files(login, world, filename, content, message):
    response = _post(login("pro"), world, filename, content)
    assert response.status_code == 400 and message in page_text(response)
    assert GoodPractice.select().count() == 0 and PracticeAttachment.select().count() == 0


def test_too_big_is_refused(app, login, world):
    app.config["UPLOAD_MAX_BYTES"] = 1000
    response = _post(login("pro"), world, "gros.pdf", PDF + b"0" * 2000)
    assert response.status_code == 400 and "trop gros" in page_text(response)
    assert GoodPractice.select().count() == 0
    folder = os.path.join(app.config["UPLOAD_FOLDER"], "practices")
    assert not os.path.exists(folder) or os.listdir(folder) == []


def test_only_the_author_adds_attachments(login, world):
    _post(login("pro"), world)
    practice = GoodPractice.get()
    other = login("pro_b").post(f"/pro/practices/{practice.id}/attachments",
                                data={"a-attachment": (io.BytesIO(PDF), "x.pdf")}, content_type="multipart/form-data")
    assert other.status_code == 403
    author = login("pro")
    missing = author.post(f"/pro/practices/{practice.id}/attachments", data={}, content_type="multipart/form-data")
    assert missing.status_code == 400 and "Choisissez un fichier" in page_text(missing)
    wrong = author.post(f"/pro/practices/{practice.id}/attachments",
                        data={"a-attachment": (io.BytesIO(PDF), "x.jpeg")}, content_type="multipart/form-data")
    assert wrong.status_code == 400
    ok = author.post(f"/pro/practices/{practice.id}/attachments",
                     data={"a-attachment": (io.BytesIO(JPEG), "../../photo.JPG")}, content_type="multipart/form-data")
    assert ok.status_code == 303
    assert PracticeAttachment.get().filename == "photo.JPG"


@pytest.mark.parametrize("changes, message", [
    ({"gp-title": ""}, "Donnez un titre"),
    ({"gp-body": ""}, "Décrivez la bonne pratique"),
    ({"gp-title": "x" * 121}, "120 caractères"),
    ({"gp-network": str(999)}, "Choisissez une réponse de la liste"),
])
def test_practice_form_errors(login, world, changes, message):
    response = _post(login("pro"), world, **changes)
    assert response.status_code == 400 and message in page_text(response)
    assert GoodPractice.select().count() == 0


def test_posting_to_another_network_is_refused(login, world):
    response = _post(login("pro"), world, **{"gp-network": str(world["other_network"].id)})
    assert response.status_code == 400 and GoodPractice.select().count() == 0
