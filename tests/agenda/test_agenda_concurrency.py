"""The last seat under parallel requests: a real threaded server, many people booking at the same instant.

Runs on SQLite, and on PostgreSQL when BONSCLICS_TEST_DATABASE_URL is set (the
`app` fixture then uses it).
"""
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from werkzeug.serving import make_server

from bonsclics.models.agenda import CANCELLED, CONFIRMED, WAITING, Booking

PEOPLE = 16


@pytest.fixture
def server(app, clock):
    """The test app served by a threaded server on a free port."""
    app.config["RATELIMIT_ENABLED"] = False
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


def _post(url, data):
    request = urllib.request.Request(url, data=urllib.parse.urlencode(data).encode(), method="POST")
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _all_at_once(calls):
    """Run the calls in threads released together; returns their results."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        results[index] = call()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(90)
    return results


@pytest.mark.parametrize("seats", [1, 3])
def test_parallel_bookings_never_exceed_the_seats(server, make_event, seats):
    event = make_event(seats=seats)
    url = f"{server}/agenda/{event.id}"
    statuses = _all_at_once([
        (lambda n=n: _post(url, {"first_name": f"P{n}", "phone": f"06123456{n:02d}"})) for n in range(PEOPLE)
    ])
    assert statuses == [303] * PEOPLE  # everybody got an answer: a seat or a waiting-list place
    assert Booking.select().where(Booking.status == CONFIRMED).count() == seats
    assert Booking.select().where(Booking.status == WAITING).count() == PEOPLE - seats
    assert len({b.code for b in Booking.select()}) == PEOPLE


def test_parallel_cancellations_promote_each_waiting_person_once(server, make_event, app):
    from bonsclics.agenda import bookings

    event = make_event(seats=2)
    with app.test_request_context():
        made = [bookings.book(event.id, f"P{n}") for n in range(6)]
        holders = [b for b in made if b.status == CONFIRMED]
        assert len(holders) == 2
        links = [f"{server}/agenda/booking/{bookings.booking_token(b)}/cancel" for b in holders]
    assert _all_at_once([(lambda link=link: _post(link, {})) for link in links]) == [303, 303]
    assert Booking.select().where(Booking.status == CONFIRMED).count() == 2
    assert Booking.select().where(Booking.status == CANCELLED).count() == 2
    promoted = sorted(b.first_name for b in Booking.select().where(Booking.promoted_at.is_null(False)))
    assert promoted == ["P2", "P3"]  # the first two waiting, in order
