"""The one-time password algorithm against the published test vectors."""
import hashlib

import pytest

from bonsclics.accounts import totp

# RFC 6238, appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
SEED_SHA1 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
SEED_SHA256 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA"


@pytest.mark.parametrize(
    "unix_time, expected",
    [(59, "94287082"), (1111111109, "07081804"), (1111111111, "14050471"),
     (1234567890, "89005924"), (2000000000, "69279037"), (20000000000, "65353130")],
)
def test_rfc6238_sha1_vectors(unix_time, expected):
    assert totp.code_at(SEED_SHA1, unix_time, digits=8) == expected


@pytest.mark.parametrize(
    "unix_time, expected",
    [(59, "46119246"), (1111111109, "68084774"), (1234567890, "91819424"), (20000000000, "77737706")],
)
def test_rfc6238_sha256_vectors(unix_time, expected):
    assert totp.code_at(SEED_SHA256, unix_time, digits=8, digest=hashlib.sha256) == expected


def test_rfc4226_hotp_vectors():
    expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
    assert [totp.hotp(b"12345678901234567890", counter) for counter in range(10)] == expected


def test_codes_match_one_step_either_side_and_never_a_used_step():
    secret = totp.new_secret()
    now = 1_700_000_000
    step = totp.time_step(now)
    assert totp.matching_step(secret, totp.code_at(secret, now), now) == step
    assert totp.matching_step(secret, totp.code_at(secret, now - 30), now) == step - 1
    assert totp.matching_step(secret, totp.code_at(secret, now + 30), now) == step + 1
    assert totp.matching_step(secret, totp.code_at(secret, now - 60), now) is None
    assert totp.matching_step(secret, totp.code_at(secret, now), now, after_step=step) is None
    assert totp.matching_step(secret, "12345", now) is None
    assert totp.matching_step(secret, "abcdef", now) is None


def test_secret_and_recovery_codes_are_random_and_readable():
    secret = totp.new_secret()
    assert len(secret) == 32 and secret != totp.new_secret()
    assert totp.grouped(secret).split(" ") == [secret[i:i + 4] for i in range(0, 32, 4)]
    codes = totp.new_recovery_codes()
    assert len(set(codes)) == 10
    assert all(len(totp.normalise_recovery_code(code)) == 15 for code in codes)
    assert totp.normalise_recovery_code(" k7pm-2qxr 9tbd ") == "K7PM2QXR9TBD"
    uri = totp.provisioning_uri(secret, "pro@test.test", "bonsclics")
    assert uri.startswith("otpauth://totp/bonsclics%3Apro%40test.test?") and f"secret={secret}" in uri


def test_a_code_typed_with_arabic_digits_matches_and_superscripts_do_not():
    secret = totp.new_secret()
    now = 1_700_000_000
    code = totp.code_at(secret, now)
    arabic = "".join("٠١٢٣٤٥٦٧٨٩"[int(d)] for d in code)
    assert totp.matching_step(secret, arabic, now) == totp.time_step(now)
    assert totp.matching_step(secret, "²" * 6, now) is None
