"""Attachments are scanned by ClamAV's daemon when one is configured: a fake clamd speaks its INSTREAM protocol."""
import contextlib
import os
import socket
import struct
import tempfile
import threading

import pytest
from helpers import page_text
from test_practices import PDF, _post

from bonsclics.models.pro import GoodPractice, PracticeAttachment
from bonsclics.pro import antivirus

# The standard harmless test file every antivirus reports ("EICAR test file").
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def _read_exactly(connection, size):
    data = b""
    while len(data) < size:
        received = connection.recv(size - len(data))
        if not received:
            raise ConnectionError("closed early")
        data += received
    return data


def _answer(connection, scanned):
    """Read one INSTREAM command the way clamd does, and give its verdict."""
    with connection:
        assert _read_exactly(connection, 10) == b"zINSTREAM\0"
        data = b""
        while True:
            (size,) = struct.unpack("!L", _read_exactly(connection, 4))
            if size == 0:
                break
            data += _read_exactly(connection, size)
        scanned.append(data)
        verdict = b"stream: Eicar-Test-Signature FOUND\0" if EICAR in data else b"stream: OK\0"
        connection.sendall(verdict)


@contextlib.contextmanager
def fake_clamd(family=socket.AF_UNIX):
    """A clamd on a Unix socket (or on 127.0.0.1); yields (address, the files it scanned)."""
    scanned = []
    folder = tempfile.mkdtemp(prefix="clamd", dir="/tmp")  # a Unix socket path must stay short
    server = socket.socket(family, socket.SOCK_STREAM)
    if family == socket.AF_UNIX:
        address = os.path.join(folder, "clamd.ctl")
        server.bind(address)
    else:
        server.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{server.getsockname()[1]}"
    server.listen()
    server.settimeout(0.2)
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except socket.timeout:
                continue
            _answer(connection, scanned)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield address, scanned
    finally:
        stop.set()
        thread.join()
        server.close()


def test_a_clean_file_is_scanned_then_kept(app, login, world):
    with fake_clamd() as (address, scanned):
        app.config["CLAMD_ADDRESS"] = address
        assert _post(login("pro"), world, "fiche.pdf", PDF).status_code == 303
    assert scanned == [PDF]
    assert PracticeAttachment.get().size == len(PDF)


def test_a_file_with_a_virus_is_refused_and_nothing_is_kept(app, login, world):
    with fake_clamd() as (address, scanned):
        app.config["CLAMD_ADDRESS"] = address
        response = _post(login("pro"), world, "fiche.pdf", PDF + EICAR)
    assert len(scanned) == 1
    assert response.status_code == 400 and "L'antivirus a trouvé un danger dans ce fichier" in page_text(response)
    assert 'value="Accueillir sans juger"' in response.get_data(as_text=True)  # what was typed is kept
    assert GoodPractice.select().count() == 0 and PracticeAttachment.select().count() == 0
    folder = os.path.join(app.config["UPLOAD_FOLDER"], "practices")
    assert not os.path.exists(folder) or os.listdir(folder) == []


def test_nothing_is_kept_while_the_antivirus_does_not_answer(app, login, world):
    app.config["CLAMD_ADDRESS"] = "/tmp/no-clamd-here/clamd.ctl"
    response = _post(login("pro"), world, "fiche.pdf", PDF)
    assert response.status_code == 400 and "Le contrôle antivirus ne répond pas" in page_text(response)
    assert GoodPractice.select().count() == 0


def test_without_an_antivirus_files_are_kept_unscanned(app, login, world):
    assert app.config["CLAMD_ADDRESS"] == ""  # the default: small servers may not have room for clamd
    assert _post(login("pro"), world, "fiche.pdf", PDF + EICAR).status_code == 303
    assert PracticeAttachment.select().count() == 1


def test_large_files_go_in_chunks_over_tcp_too():
    content = PDF + os.urandom(3 * antivirus.CHUNK + 17)
    with fake_clamd(socket.AF_INET) as (address, scanned):
        assert antivirus.scan(content, address) is None
        assert antivirus.scan(content + EICAR, address) == "Eicar-Test-Signature"
    assert scanned == [content, content + EICAR]


def test_an_answer_that_is_not_a_verdict_is_a_failure(monkeypatch):
    class Talker:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def sendall(self, data):
            pass

        def recv(self, size):
            return b"INSTREAM size limit exceeded. ERROR\0"

    monkeypatch.setattr(antivirus, "_connect", lambda address, timeout: Talker())
    with pytest.raises(antivirus.ScanFailed):
        antivirus.scan(PDF, "/run/clamav/clamd.ctl")
