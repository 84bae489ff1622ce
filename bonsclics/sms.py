"""Outgoing SMS through a pluggable sender chosen by `SMS_SENDER`.

- `log` (default): the message is written to the log, nothing leaves the server.
- `http`: the message is posted as JSON (`{"to": "+336...", "text": "..."}`) to
  `SMS_HTTP_URL` with `Authorization: Bearer SMS_HTTP_TOKEN`; any 2xx answer
  means the gateway took it. Most SMS gateways accept this shape, or a tiny
  relay can translate it.

In tests, messages go to `app.extensions["sms_outbox"]`.
"""
import json
import urllib.error
import urllib.request

from flask import current_app


def mask_number(number):
    """A phone number with all but its last two digits hidden, for logs."""
    return "*" * max(0, len(number or "") - 2) + (number or "")[-2:]


def _send_log(to, text):
    """Write the message to the log (development, or no gateway yet)."""
    # Messages carry first names and booking codes: their text is logged only while developing.
    shown = text if current_app.debug or current_app.testing else f"[{len(text)} characters not logged]"
    current_app.logger.info("sms (log sender) to %s: %s", mask_number(to), shown, extra={"event": "sms"})
    return True


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A gateway that answers with a redirect is refused: the message and the token must not go elsewhere."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        """Never follow: the 3xx answer becomes an HTTPError."""
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _send_http(to, text):
    """Post the message to the configured gateway."""
    url = current_app.config["SMS_HTTP_URL"]
    if not url:
        current_app.logger.error("SMS_SENDER is http but SMS_HTTP_URL is not set", extra={"event": "sms"})
        return False
    headers = {"Content-Type": "application/json"}
    if current_app.config["SMS_HTTP_TOKEN"]:
        headers["Authorization"] = f"Bearer {current_app.config['SMS_HTTP_TOKEN']}"
    request = urllib.request.Request(
        url, data=json.dumps({"to": to, "text": text}).encode(), headers=headers, method="POST"
    )
    try:
        with _OPENER.open(request, timeout=15) as response:
            return 200 <= response.status < 300
    except (urllib.error.URLError, OSError, ValueError):
        current_app.logger.exception("sms to %s failed", mask_number(to), extra={"event": "sms"})
        return False


SENDERS = {"log": _send_log, "http": _send_http}


def send_sms(to, text):
    """Send a text message; returns True when the sender took it."""
    if current_app.testing and current_app.config["SMS_SENDER"] == "log":
        current_app.extensions.setdefault("sms_outbox", []).append({"to": to, "text": text})
        return True
    sender = SENDERS.get(current_app.config["SMS_SENDER"])
    if sender is None:
        current_app.logger.error("unknown SMS_SENDER %r", current_app.config["SMS_SENDER"], extra={"event": "sms"})
        return False
    return sender(to, text)
