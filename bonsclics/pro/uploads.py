"""Attachments of good practices: type checked by content, size-limited, stored outside `static`."""
import os
import re
import secrets
import unicodedata

from flask import current_app

from . import antivirus

# The first bytes of each accepted type, and the extensions that may carry it.
SIGNATURES = (
    (b"%PDF-", "application/pdf", (".pdf",)),
    (b"\x89PNG\r\n\x1a\n", "image/png", (".png",)),
    (b"\xff\xd8\xff", "image/jpeg", (".jpg", ".jpeg")),
)


class UploadRefused(ValueError):
    """The file cannot be kept; the message says why, for the person."""


def detect_type(head):
    """The MIME type of a file from its first bytes (PDF, PNG, JPEG), or None."""
    for signature, mimetype, _extensions in SIGNATURES:
        if head.startswith(signature):
            return mimetype
    return None


def clean_filename(name):
    """A safe download name: no folders, plain characters, at most 80 characters."""
    name = os.path.basename((name or "").replace("\\", "/"))
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip(".-")
    return name[-80:] or "fichier"


def check(data, filename, max_bytes):
    """The MIME type of an acceptable file; raises UploadRefused otherwise.

    The content decides the type; the extension must agree with it, so a PDF
    renamed `.png` is refused as well as anything that is not PDF, PNG or JPEG.
    """
    from flask_babel import gettext as _

    if not data:
        raise UploadRefused(_("Le fichier est vide."))
    if len(data) > max_bytes:
        raise UploadRefused(_("Le fichier est trop gros : %(max)s Mo au plus.", max=round(max_bytes / 1024 / 1024, 1)))
    mimetype = detect_type(data[:16])
    extension = os.path.splitext(filename or "")[1].lower()
    allowed = next((exts for sig, mime, exts in SIGNATURES if mime == mimetype), ())
    if mimetype is None or extension not in allowed:
        raise UploadRefused(_("Seuls les fichiers PDF, PNG et JPEG sont acceptés, avec la bonne extension."))
    _scan_for_viruses(data)
    return mimetype


def _scan_for_viruses(data):
    """Refuse a file clamd finds malicious, and every file while clamd is configured but not answering."""
    from flask_babel import gettext as _

    address = current_app.config["CLAMD_ADDRESS"]
    if not address:
        return
    try:
        signature = antivirus.scan(data, address)
    except antivirus.ScanFailed:
        current_app.logger.exception("antivirus scan failed", extra={"event": "antivirus-unavailable"})
        raise UploadRefused(_("Le contrôle antivirus ne répond pas : le fichier n'est pas gardé. Réessayez plus tard."))
    if signature:
        current_app.logger.warning("upload refused by the antivirus: %s", signature, extra={"event": "antivirus-found"})
        raise UploadRefused(_("L'antivirus a trouvé un danger dans ce fichier : il n'est pas gardé."))


def folder():
    """Where attachments are kept (created when missing)."""
    path = os.path.join(current_app.config["UPLOAD_FOLDER"], "practices")
    os.makedirs(path, exist_ok=True)
    return path


def store(data):
    """Write the bytes under a random name; returns that name."""
    name = secrets.token_hex(16)
    with open(os.path.join(folder(), name), "wb") as handle:
        handle.write(data)
    return name


def path_of(stored_name):
    """The full path of a stored attachment (names are random hex, never from the request)."""
    if not re.fullmatch(r"[0-9a-f]{32}", stored_name or ""):
        raise ValueError("bad stored name")
    return os.path.join(folder(), stored_name)


def remove(stored_name):
    """Delete a stored attachment if it is still there."""
    try:
        os.remove(path_of(stored_name))
    except (FileNotFoundError, ValueError):
        pass
