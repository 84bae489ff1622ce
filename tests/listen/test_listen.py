"""Listening: signed tokens, clips made once with espeak-ng, and no voice handled gracefully."""
import shutil

import pytest

from bonsclics.listen import logic


def test_tokens_are_signed():
    token = logic.token_for("secret", "Bonjour", "fr")
    assert logic.read_token("secret", token) == ("fr", "Bonjour")
    assert logic.read_token("other secret", token) is None
    assert logic.read_token("secret", token[:-2] + "xx") is None


def test_unknown_token_is_404(client):
    assert client.get("/listen/nimportequoi.mp3").status_code == 404


@pytest.mark.skipif(not (shutil.which("espeak-ng") and shutil.which("lame")), reason="espeak-ng and lame not installed")
def test_clip_is_made_once_and_cached(app, client, tmp_path):
    with app.test_request_context():
        from bonsclics.ui import listen_url

        url = listen_url("Bonjour, choisissez une réponse.", "fr")
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "audio/mpeg"
    assert response.data[:3] == b"ID3" or response.data[:2] == b"\xff\xfb" or response.data[0] == 0xFF
    assert "immutable" in response.headers["Cache-Control"]
    files = list((tmp_path / "audio").iterdir())
    assert len(files) == 1
    client.get(url)
    assert list((tmp_path / "audio").iterdir()) == files


def test_language_without_voice_gets_no_clip(app, client):
    with app.test_request_context():
        from bonsclics.ui import listen_url, server_voice

        assert not server_voice("ti")
        url = listen_url("ሰላም", "ti")
    assert client.get(url).status_code == 404
