"""Spoken versions of texts, made on the server with espeak-ng when the browser has no voice.

A text is named by a signed token (so only texts the app itself rendered can be
spoken), turned into a compressed MP3 once, and cached on disk.
"""
import functools
import hashlib
import os
import shutil
import subprocess
import tempfile

from itsdangerous import BadSignature

from ..security import signer

# Our language code -> espeak-ng voice. Languages without a voice are absent.
VOICES = {"fr": "fr-fr", "en": "en-gb", "ar": "ar", "uk": "uk", "ru": "ru", "fa_AF": "fa"}
MAX_CHARACTERS = 1500


def _serializer(secret_key):
    """Signs and compresses (text, language) into a URL-safe token."""
    return signer("listen", secret_key)


def token_for(secret_key, text, lang):
    """The token naming `text` in `lang`."""
    return _serializer(secret_key).dumps([lang, text[:MAX_CHARACTERS]])


def read_token(secret_key, token):
    """(lang, text) from a token, or None when it was not made by this app."""
    try:
        lang, text = _serializer(secret_key).loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    return lang, text


@functools.lru_cache(maxsize=None)
def tools_available(espeak_command="espeak-ng"):
    """True when espeak-ng and lame are installed."""
    return bool(shutil.which(espeak_command) and shutil.which("lame"))


def has_server_voice(lang, espeak_command="espeak-ng"):
    """True when the server can speak `lang`."""
    return lang in VOICES and tools_available(espeak_command)


def _cache_file(cache_folder, lang, text):
    """Where the clip of `text` in `lang` is kept."""
    digest = hashlib.sha256(f"{lang}\n{text}".encode()).hexdigest()[:32]
    return os.path.join(cache_folder, f"{digest}.mp3")


def is_cached(cache_folder, lang, text):
    """True when the clip was already made."""
    return os.path.exists(_cache_file(cache_folder, lang, text))


def clip_path(cache_folder, lang, text, espeak_command="espeak-ng"):
    """The cached MP3 for `text` in `lang`, made on first request; None when there is no voice."""
    if not has_server_voice(lang, espeak_command):
        return None
    path = _cache_file(cache_folder, lang, text)
    if os.path.exists(path):
        return path
    os.makedirs(cache_folder, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        wav = os.path.join(work, "clip.wav")
        subprocess.run(
            [espeak_command, "-v", VOICES[lang], "-s", "140", "-w", wav, "--", text],
            check=True, capture_output=True, timeout=30,
        )
        mp3 = os.path.join(work, "clip.mp3")
        subprocess.run(
            ["lame", "--quiet", "-m", "m", "--resample", "16", "--abr", "24", wav, mp3],
            check=True, capture_output=True, timeout=30,
        )
        # Rename into place so another worker never reads a half-written clip.
        staging = f"{path}.{os.getpid()}.tmp"
        shutil.copyfile(mp3, staging)
        os.replace(staging, path)
    return path
