"""The JSON log lines: UTC times with their zone, the request id, and no secret from the path."""
import json
import logging
import time

from bonsclics.logs import JsonFormatter


def _line(app, path):
    record = logging.LogRecord("bonsclics", logging.INFO, __file__, 1, "request", None, None)
    record.created = 1_795_000_000.25  # 2026-11-18 11:06:40.250 UTC
    record.status = 200
    with app.test_request_context(path):
        from flask import g

        g.request_id = "abc123"
        return json.loads(JsonFormatter().format(record))


def test_times_are_utc_with_their_zone_whatever_the_servers_zone(app, monkeypatch):
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    time.tzset()
    try:
        entry = _line(app, "/")
    finally:
        monkeypatch.undo()
        time.tzset()
    assert entry["time"] == "2026-11-18T11:06:40.250Z"
    assert (entry["request_id"], entry["status"], entry["level"]) == ("abc123", 200, "INFO")


def test_codes_and_tokens_are_masked_and_queries_dropped(app):
    entry = _line(app, "/agenda/booking/Zx8fK2mQpL0vB7nT4wRy9cD1?email=awa@example.org")
    assert entry["path"] == "/agenda/booking/***"
    assert "awa" not in json.dumps(entry) and "Zx8f" not in json.dumps(entry)


class _Lines(logging.Handler):
    """Keep the JSON lines the app logs."""

    def __init__(self):
        super().__init__()
        self.setFormatter(JsonFormatter())
        self.lines = []

    def emit(self, record):
        self.lines.append(json.loads(self.format(record)))


def test_each_audit_entry_is_also_a_log_line_shipped_off_the_server(app, login, world):
    lines = _Lines()
    app.logger.addHandler(lines)
    try:
        client = login("admin")
        client.post(f"/admin/accounts/{world['pro'].id}/active", data={"active": "0"})
    finally:
        app.logger.removeHandler(lines)
    from bonsclics.models.system import AuditLog

    row = AuditLog.get(AuditLog.action == "account-disabled")
    copies = [line for line in lines.lines if line.get("event") == "audit" and line["audit"]["action"] == "account-disabled"]
    assert len(copies) == 1
    copy = copies[0]["audit"]
    assert (copy["id"], copy["actor_id"], copy["object_type"], copy["object_id"]) == (row.id, world["admin"].id, "user", str(world["pro"].id))
    assert copy["at"].endswith("Z") and world["pro"].email not in json.dumps(copies[0])
