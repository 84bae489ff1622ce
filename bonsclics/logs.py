"""Structured logs: one JSON line per event, with the request id, and no personal data.

Paths are logged without their query string, and codes or tokens in paths are
masked, since they can identify a person.
"""
import datetime
import json
import logging
import re
import time

from flask import g, has_request_context, request

_SECRET_AFTER = re.compile(r"/(code|token|reset|link|join|invite|booking|r|b|o)/[^/]+")
_LONG_TOKEN = re.compile(r"/[A-Za-z0-9_\-]{20,}")


def safe_path(path):
    """The path with secrets (resume codes, tokens, booking codes) replaced by '***'."""
    path = _SECRET_AFTER.sub(lambda m: f"/{m.group(1)}/***", path)
    return _LONG_TOKEN.sub("/***", path)


def utc_time(seconds):
    """A timestamp in UTC with its zone, to the millisecond ("2026-11-23T16:35:01.250Z"), whatever the server's zone."""
    moment = datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class JsonFormatter(logging.Formatter):
    """Format a log record as one JSON object."""

    def format(self, record):
        """Build the JSON line."""
        entry = {
            "time": utc_time(record.created),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if has_request_context():
            entry["request_id"] = g.get("request_id", "")
            entry["path"] = safe_path(request.path)
        for key in ("status", "duration_ms", "method", "event", "audit"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def init_app(app):
    """Send the app's logs as JSON lines to stderr and log each request briefly."""
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter())
    app.logger.handlers[:] = [handler]
    app.logger.setLevel(logging.INFO)
    app.logger.propagate = False

    @app.before_request
    def _start_timer():
        g.started = time.perf_counter()

    @app.after_request
    def _log_request(response):
        if request.endpoint != "static" and not app.testing:
            app.logger.info(
                "request",
                extra={
                    "method": request.method,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - g.get("started", time.perf_counter())) * 1000, 1),
                },
            )
        return response
