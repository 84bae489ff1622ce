"""A network report over one million diagnostics, 200,000 activity records, 100,000 learners
and 50,000 bookings, on SQLite or PostgreSQL.

Fills a temporary database with bulk inserts and the monthly diagnostic figures
the app keeps as each diagnostic ends, then times the report of the whole
network over its default period (the last twelve months) and over two years:
the figures alone, and the whole page as a coordinator gets it. Target: under
one second for the page.
Run: .venv/bin/python bench/reports_scale.py [diagnostics] [activities]
On PostgreSQL (a throw-away server): tests/pg-server.sh .venv/bin/python bench/reports_scale.py
"""
import collections
import datetime
import os
import random
import statistics
import sys
import tempfile
import time

from common import machine

from bonsclics import create_app

STRUCTURES = 60
DEPARTEMENTS = ("59", "62", "80")
PROFILES = ("assistance", "mediation", "nudge")
THEMES = ("device", "internet", "email", "security", "services", "caf", "health", "taxes")
NOW = datetime.datetime(2026, 11, 23, 12, 0)
SPAN_DAYS = 730
BATCH = 50000
LEARNERS = 100_000
BOOKINGS = 50_000


def insert(model, names, rows):
    """Bulk insert, adding the default of every other required column (executemany skips peewee's defaults)."""
    from bonsclics.places.bulk import insert as bulk_insert

    extra = [name for name, field in model._meta.fields.items()
             if name not in names and not field.primary_key and not field.null and field.default is not None]
    defaults = tuple(model._meta.fields[name].default() if callable(model._meta.fields[name].default)
                     else model._meta.fields[name].default for name in extra)
    bulk_insert(model, list(names) + extra, [tuple(row) + defaults for row in rows])


def _moment(rng):
    return NOW - datetime.timedelta(days=rng.random() * SPAN_DAYS)


def fill(app, diagnostics, activities, rng):
    """The network, its structures and people, then the big tables in batches."""
    from bonsclics.accounts.passwords import hash_password
    from bonsclics.db import write_transaction
    from bonsclics.extensions import db
    from bonsclics.models.accounts import Network, Structure, User
    from bonsclics.models.agenda import Booking, Event
    from bonsclics.models.diagnostic import DiagnosticMonthlyCount, DiagnosticResult
    from bonsclics.models.learners import Learner, ResumeCode
    from bonsclics.models.orientation import Orientation
    from bonsclics.models.places import Place
    from bonsclics.models.pro import Activity, ActivityTheme
    from bonsclics.models.reports import ImpactAnswer
    with app.app_context(), db.connection_context():
        network = Network.create(name="Réseau bench", slug="bench", departements="|".join(DEPARTEMENTS))
        structures = [Structure.create(name=f"Structure {n}", network=network, departement=DEPARTEMENTS[n % 3])
                      for n in range(STRUCTURES)]
        ids = [s.id for s in structures]
        User.create(email="coord@bench.test", password_hash=hash_password("cheval agrafe pile correcte"),
                    role="coordinator", network=network)
        place_ids = []
        for n, structure in enumerate(structures):
            place_ids.append(Place.create(source_id=f"bench-{n}", nom=f"Lieu {n}", commune="Lille", code_postal="59000",
                                          adresse="1 rue", date_maj=datetime.date(2026, 1, 1), network=network,
                                          departement=structure.departement, structure=structure).id)
        codes = max(1, diagnostics // 10)
        with write_transaction():
            insert(ResumeCode, ["code", "created_at", "last_seen_at"],
                   [(f"B{n:09d}", NOW, NOW) for n in range(codes)])
        first_code = ResumeCode.select(ResumeCode.id).order_by(ResumeCode.id).first().id
        names = ["resume_code", "structure", "bank_version", "started_at", "updated_at", "finished_at", "profile",
                 "level_device", "level_internet", "level_email", "level_security", "level_services", "departement",
                 "assisted", "variant", "locale", "needs", "postcode", "situation", "answers", "helper_notes"]
        monthly = collections.defaultdict(lambda: [0] * 6)  # what the app adds up as each diagnostic ends
        for start in range(0, diagnostics, BATCH):
            rows = []
            for _ in range(min(BATCH, diagnostics - start)):
                when = _moment(rng)
                alone = rng.random() < 0.2
                structure, profile, levels = None if alone else rng.choice(ids), rng.choice(PROFILES), \
                    [rng.randrange(4) for _ in range(5)]
                departement, assisted = rng.choice(DEPARTEMENTS), rng.random() < 0.3
                rows.append((first_code + rng.randrange(codes), structure, 1, when, when, when, profile, *levels,
                             departement, assisted, 0, "fr", "", "", "{}", "[]", ""))
                sums = monthly[(when.strftime("%Y-%m"), departement, structure or 0, profile, assisted)]
                for position, value in enumerate([1] + levels):
                    sums[position] += value
            with write_transaction():
                insert(DiagnosticResult, names, rows)
        with write_transaction():
            insert(DiagnosticMonthlyCount, ["month", "departement", "structure_id", "profile", "assisted", "completed",
                                            "sum_device", "sum_internet", "sum_email", "sum_security", "sum_services"],
                   [key + tuple(sums) for key, sums in monthly.items()])
        coordinator = User.get(User.email == "coord@bench.test")
        for start in range(0, LEARNERS, BATCH):
            with write_transaction():
                insert(Learner, ["structure", "pseudonym", "consent_at", "consent_by", "created_at", "last_activity_at"],
                       [(rng.choice(ids), f"Personne {start + n}", when, coordinator.id, when, when)
                        for n, when in ((n, _moment(rng)) for n in range(min(BATCH, LEARNERS - start)))])
        for start in range(0, activities, BATCH):
            count = min(BATCH, activities - start)
            rows = [(rng.choice(ids), (NOW - datetime.timedelta(days=rng.randrange(SPAN_DAYS))).date(),
                     rng.choice((15, 30, 45, 60)), "individual", "onsite", rng.choice(("for", "with", "alone")),
                     "none", NOW) for _ in range(count)]
            with write_transaction():
                first = (Activity.select(Activity.id).order_by(Activity.id.desc()).first() or Activity(id=0)).id + 1
                themes, theme_rows = [], []
                for offset, row in enumerate(rows):
                    chosen = rng.sample(THEMES, rng.choice((1, 1, 2)))
                    themes.append(row[:5] + ("|".join(chosen),) + row[5:])
                    theme_rows += [(first + offset, theme, row[0], row[1]) for theme in chosen]
                insert(Activity, ["structure", "date", "duration_minutes", "mode", "place_type", "themes", "autonomy",
                                  "sent_to", "created_at"], themes)
                insert(ActivityTheme, ["activity", "theme", "structure", "date"], theme_rows)
        with write_transaction():
            events = [(rng.choice(place_ids), ids[n % STRUCTURES], "workshop", f"Atelier {n}", 10,
                       NOW - datetime.timedelta(days=rng.randrange(SPAN_DAYS)), NOW, "scheduled", NOW, NOW)
                      for n in range(5000)]
            insert(Event, ["place", "structure", "kind", "title", "seats", "starts_at", "ends_at", "status", "updated_at",
                           "created_at"], events)
            event_ids = [e for (e,) in Event.select(Event.id).tuples()]
            insert(Booking, ["event", "code", "first_name", "status", "attendance", "created_at"],
                   [(rng.choice(event_ids), f"K{n:08d}", "X", "confirmed", rng.choice(("present", "absent", "")), NOW)
                    for n in range(BOOKINGS)])
            orientations = []
            for _ in range(20000):
                when = _moment(rng)
                answered = when + datetime.timedelta(hours=rng.randrange(1, 400)) if rng.random() < 0.8 else None
                orientations.append((rng.choice(ids), rng.choice(ids), rng.choice(("sent", "done", "refused")), when,
                                     when, answered, rng.choice(DEPARTEMENTS)))
            insert(Orientation, ["sender_structure", "receiving_structure", "status", "created_at", "status_at",
                                 "first_answer_at", "departement"], orientations)
            insert(ImpactAnswer, ["structure", "departement", "service", "answer", "via", "answered_at"],
                   [(rng.choice(ids), "59", rng.choice(("practice:caf-declaration", "practice:franceconnect")),
                     rng.choice(("alone", "with-help", "not-yet")), "learner", _moment(rng)) for _ in range(20000)])
        db.execute_sql("ANALYZE")
        return network


def timed(function, runs=5):
    """Median and max wall-clock time of `runs` calls (after one warm-up call), in milliseconds."""
    function()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def main():
    diagnostics = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    activities = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    folder = tempfile.mkdtemp(prefix="bonsclics-reports-")
    url = os.environ.get("BONSCLICS_TEST_DATABASE_URL") or f"sqlite:///{folder}/reports.db"
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench-secret-key-0123456789abcdef",
                      "TESTING": True, "RATELIMIT_ENABLED": False, "NOW": NOW})
    from bonsclics.db import migrate

    with app.app_context():
        migrate()
    started = time.perf_counter()
    network = fill(app, diagnostics, activities, random.Random(3))
    print(f"{diagnostics} diagnostics, {activities} activities, {LEARNERS} learners, {BOOKINGS} bookings "
          f"generated in {time.perf_counter() - started:.1f} s on {url.split(':')[0]}")

    from helpers import sign_in

    from bonsclics.models.accounts import User
    from bonsclics.reports import report
    from bonsclics.reports.figures import Scope
    from bonsclics.models.accounts import Structure

    with app.app_context():
        coordinator = User.get(User.email == "coord@bench.test")
        ids = [s.id for s in Structure.select(Structure.id)]
    client = sign_in(app.test_client(), coordinator)
    print(machine())
    for label, start in (("12 months", "2025-12-01"), ("2 years", "2024-11-24")):
        def figures_only():
            with app.test_request_context():
                app.preprocess_request()
                scope = Scope(datetime.date.fromisoformat(start), NOW.date(), ids, list(DEPARTEMENTS))
                report.build(scope, "month")

        def page():
            response = client.get(f"/reports/network/{network.id}", query_string={"start": start, "end": "2026-11-23"})
            assert response.status_code == 200, response.status_code

        figures_ms, figures_max = timed(figures_only)
        page_ms, page_max = timed(page)
        print(f"network report, {label}: figures {figures_ms:.0f} ms (max {figures_max:.0f}), "
              f"whole page {page_ms:.0f} ms (max {page_max:.0f})")


if __name__ == "__main__":
    main()
