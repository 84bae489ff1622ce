"""Time-based one-time passwords (RFC 6238, on HOTP of RFC 4226) and recovery codes."""
import base64
import hashlib
import hmac
import secrets
import struct
from urllib.parse import quote, urlencode

STEP_SECONDS = 30
DIGITS = 6
# Codes from the previous and the next step are accepted too: phone clocks drift.
WINDOW = 1
RECOVERY_CODE_COUNT = 10
# No 0/O or 1/I/L: recovery codes are copied from paper by hand.
_RECOVERY_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_secret():
    """A random 160-bit secret, base32 without padding (what authenticator apps expect)."""
    return base64.b32encode(secrets.token_bytes(20)).decode().rstrip("=")


def grouped(secret):
    """The secret in groups of 4 characters, easier to type by hand."""
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def _key(secret):
    """The raw key of a base32 secret (spaces, case and missing padding tolerated)."""
    cleaned = secret.replace(" ", "").upper()
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def hotp(key, counter, digits=DIGITS, digest=hashlib.sha1):
    """The HOTP value of `counter` for the raw `key` (RFC 4226, dynamic truncation)."""
    mac = hmac.new(key, struct.pack(">Q", counter), digest).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10 ** digits).zfill(digits)


def time_step(unix_time, step=STEP_SECONDS):
    """The number of the time step `unix_time` falls in."""
    return int(unix_time) // step


def code_at(secret, unix_time, digits=DIGITS, digest=hashlib.sha1):
    """The code an authenticator app shows at `unix_time` for a base32 `secret`."""
    return hotp(_key(secret), time_step(unix_time), digits, digest)


def matching_step(secret, code, unix_time, after_step=None):
    """The time step whose code is `code` within ±WINDOW of now, or None.

    Steps at or before `after_step` (the last one used) never match, so a code
    seen over someone's shoulder cannot be replayed.
    """
    code = (code or "").strip()
    if len(code) != DIGITS or not code.isdecimal():
        return None
    code = f"{int(code):0{DIGITS}d}"  # digits typed on an Arabic or Persian keyboard give the same code
    key = _key(secret)
    now = time_step(unix_time)
    for step in range(now - WINDOW, now + WINDOW + 1):
        if after_step is not None and step <= after_step:
            continue
        if hmac.compare_digest(hotp(key, step), code):
            return step
    return None


def provisioning_uri(secret, account, issuer):
    """The otpauth:// address a QR code gives to an authenticator app."""
    label = quote(f"{issuer}:{account}")
    query = urlencode({"secret": secret, "issuer": issuer, "algorithm": "SHA1", "digits": DIGITS, "period": STEP_SECONDS})
    return f"otpauth://totp/{label}?{query}"


def new_recovery_codes(count=RECOVERY_CODE_COUNT):
    """`count` one-time recovery codes such as "K7PM-2QXR-9TBD" (about 74 bits each)."""
    return [
        "-".join("".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(5)) for _ in range(3))
        for _ in range(count)
    ]


def normalise_recovery_code(text):
    """A typed recovery code without spaces or dashes, in capitals."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())
