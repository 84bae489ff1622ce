"""Personal data of bookings (access, erasure, retention), the SMS gateway adapter, the demo agenda."""
import contextlib
import datetime
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from agenda_support import book_with_phone

from bonsclics import personal_data
from bonsclics.models.agenda import CONFIRMED, WAITING, Booking, Event, EventSeries, SeriesException
from bonsclics.models.learners import ResumeCode


def test_bookings_made_with_a_resume_code_are_exported_and_erased(app, client, make_event, sms):
    event = make_event(seats=1)
    with app.app_context():
        code = ResumeCode.issue()
    client.post("/code", data={"code": code.code})
    book_with_phone(client, event.id, name="Fatima", phone="0611111111")
    other = app.test_client()
    book_with_phone(other, event.id, name="Marcel", phone="0622222222")  # waiting, no code
    assert Booking.get(Booking.first_name == "Fatima").resume_code_id == code.id
    exported = client.get("/code/data.json").json
    assert [b["first_name"] for b in exported["booking"]] == ["Fatima"]

    sms.clear()
    client.post("/code/erase", data={"confirm": "yes"})
    assert Booking.get_or_none(Booking.first_name == "Fatima") is None
    # The freed seat went to the person waiting, who was told.
    assert Booking.get(Booking.first_name == "Marcel").status == CONFIRMED
    assert [m["to"] for m in sms] == ["+33622222222"]


def test_helpers_bookings_are_not_tied_to_their_device_code(app, login, make_event):
    event = make_event()
    client = login("pro")
    with app.app_context():
        code = ResumeCode.issue()
    client.post("/code", data={"code": code.code})
    client.post(f"/agenda/{event.id}", data={"first_name": "Awa", "consent": "y"})
    assert Booking.get().resume_code_id is None


def test_contacts_are_blanked_a_month_after_the_event(app, client, make_event, clock):
    from bonsclics.agenda.retention import purge

    old = make_event(starts_in=datetime.timedelta(days=-40))
    recent = make_event(starts_in=datetime.timedelta(days=-5))
    Booking.create(event=old, code="AAA222", first_name="Fatima", phone="+33611111111", channel="sms",
                   attendance="present")
    Booking.create(event=recent, code="AAA223", first_name="Jean", email="j@example.org", channel="email")
    with app.app_context():
        assert purge(clock.now, app.config) == {"agenda-booking-contacts": 1}
        assert purge(clock.now, app.config) == {"agenda-booking-contacts": 0}
    kept = Booking.get(Booking.code == "AAA222")
    assert (kept.first_name, kept.phone, kept.channel, kept.attendance) == ("", "", "none", "present")
    assert Booking.get(Booking.code == "AAA223").email == "j@example.org"


class _Gateway(BaseHTTPRequestHandler):
    received = []

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        _Gateway.received.append((self.headers.get("Authorization"), json.loads(self.rfile.read(length))))
        self.send_response(202)
        self.end_headers()

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def _sms_gateway(app, handler):
    """A fake SMS gateway on 127.0.0.1 answering with `handler`, configured as the app's sender."""
    server = HTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        app.config.update(SMS_SENDER="http", SMS_HTTP_URL=f"http://127.0.0.1:{server.server_port}/sms",
                          SMS_HTTP_TOKEN="secret")
        with app.app_context():
            yield
    finally:
        server.shutdown()


def test_http_sms_gateway(app):
    from bonsclics.sms import send_sms

    with _sms_gateway(app, _Gateway):
        assert send_sms("+33612345678", "Bonjour") is True
        app.config["SMS_HTTP_URL"] = "http://127.0.0.1:1/unreachable"
        assert send_sms("+33612345678", "Bonjour") is False
        app.config["SMS_SENDER"] = "pigeon"
        assert send_sms("+33612345678", "Bonjour") is False
    assert _Gateway.received == [("Bearer secret", {"to": "+33612345678", "text": "Bonjour"})]


class _MovedGateway(BaseHTTPRequestHandler):
    followed = []

    def do_POST(self):
        self.send_response(302)  # urllib would follow with a GET carrying the same Authorization header
        self.send_header("Location", f"http://127.0.0.1:{self.server.server_port}/elsewhere")
        self.end_headers()

    def do_GET(self):
        _MovedGateway.followed.append(self.headers.get("Authorization"))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_gateway_redirect_is_never_followed(app):
    from bonsclics.sms import send_sms

    with _sms_gateway(app, _MovedGateway):
        assert send_sms("+33612345678", "Bonjour") is False
    assert _MovedGateway.followed == []


def test_demo_agenda_is_idempotent(app):
    from bonsclics.demo import seed

    with app.app_context():
        seed("cheval agrafe pile correcte")
        counts = (Event.select().count(), Booking.select().count(), EventSeries.select().count())
        seed("cheval agrafe pile correcte")
        assert (Event.select().count(), Booking.select().count(), EventSeries.select().count()) == counts
    assert EventSeries.select().count() == 1 and SeriesException.select().count() == 1
    skipped = SeriesException.get().on_date
    assert not Event.select().where(Event.series_date == skipped).exists()
    assert Booking.select().where(Booking.status == WAITING).count() == 1
    assert Booking.select().where(Booking.booked_by.is_null(False), Booking.consent_at.is_null(False)).count() == 1


def test_personal_data_module_exports_reminders_too(app, client, make_event, clock, runner):
    event = make_event()
    with app.app_context():
        code = ResumeCode.issue()
    client.post("/code", data={"code": code.code})
    book_with_phone(client, event.id)
    clock.set(event.starts_at - datetime.timedelta(hours=47))
    runner.invoke(args=["send-reminders"])
    with app.test_request_context():
        exported = personal_data.export_code(ResumeCode.get_by_id(code.id))
    assert [r["kind"] for r in exported["remindersent"]] == ["48h"]
