"""Scanning uploaded files with ClamAV's daemon (clamd) before they are kept.

clamd is reached on a Unix socket ("/run/clamav/clamd.ctl") or "host:port"
(`CLAMD_ADDRESS`). Files go over its INSTREAM command: "zINSTREAM\\0", then
chunks each preceded by their length on 4 bytes, then a zero length. clamd
answers "stream: OK" or "stream: <signature> FOUND".
"""
import socket
import struct

CHUNK = 64 * 1024


class ScanFailed(RuntimeError):
    """clamd could not be reached or gave no verdict."""


def _connect(address, timeout):
    """A socket connected to clamd at a Unix path or "host:port"."""
    if address.startswith("/"):
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.settimeout(timeout)
        connection.connect(address)
        return connection
    host, _, port = address.rpartition(":")
    return socket.create_connection((host.strip("[]"), int(port)), timeout=timeout)


def scan(data, address, timeout=30):
    """The name of the signature clamd found in `data`, or None when the file is clean.

    Raises ScanFailed when clamd is unreachable or its answer is not a verdict.
    """
    try:
        with _connect(address, timeout) as connection:
            connection.sendall(b"zINSTREAM\0")
            for start in range(0, len(data), CHUNK):
                chunk = data[start:start + CHUNK]
                connection.sendall(struct.pack("!L", len(chunk)) + chunk)
            connection.sendall(struct.pack("!L", 0))
            answer = b""
            while not answer.endswith(b"\0"):
                received = connection.recv(4096)
                if not received:
                    break
                answer += received
    except (OSError, ValueError) as error:
        raise ScanFailed(f"clamd unreachable at {address}: {error}") from error
    verdict = answer.rstrip(b"\0").decode("utf-8", "replace").strip()
    if verdict.endswith(" OK"):
        return None
    if verdict.endswith(" FOUND"):
        return verdict.partition(": ")[2].removesuffix(" FOUND") or "unknown"
    raise ScanFailed(f"clamd gave no verdict: {verdict[:200]!r}")
