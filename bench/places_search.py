"""Search time with 20,000 places on SQLite: p50 and p95, for the query alone and the whole page.

A mix of searches people make: a postcode with a kind of help, a town, a
département, "open now", a day, a radius, filters without a place, page 2.
Target: p95 under 50 ms for the page. Wall-clock times depend on what else the
machine runs: the process CPU time per page is printed too.
Run: .venv/bin/python bench/places_search.py [count]
On PostgreSQL (a throw-away server): tests/pg-server.sh .venv/bin/python bench/places_search.py
"""
import os
import random
import sys
import tempfile
import time

from common import percentile, save
from places_data import fill

from bonsclics import create_app

SEARCHES = 400


def queries(app, rng):
    """Query strings of the search page, drawn from the places in the database."""
    from bonsclics.models.places import Place

    with app.app_context():
        postcodes = [p for (p,) in Place.select(Place.code_postal).distinct().tuples()]
        towns = [t for (t,) in Place.select(Place.commune).distinct().tuples()]
    kinds = ["", "assistance", "mediation", "nudge", "equipment", "solidarity"]
    shapes = [
        lambda: f"where={rng.choice(postcodes)}&help={rng.choice(kinds)}",
        lambda: f"where={rng.choice(postcodes)}&help={rng.choice(kinds)}&when=now",
        lambda: f"where={rng.choice(towns).replace(' ', '+')}",
        lambda: f"where={rng.choice(postcodes)[:2]}&help=assistance",
        lambda: f"where={rng.choice(postcodes)}&when={rng.randint(0, 6)}&free=y",
        lambda: f"where={rng.choice(postcodes)}&radius=20&support=Illettrisme",
        lambda: f"help={rng.choice(kinds)}&when=now",
        lambda: "service=Aide+aux+d%C3%A9marches+administratives&public=Seniors",
        lambda: f"where={rng.choice(postcodes)}&page=2",
        lambda: f"lat={rng.uniform(43, 50):.2f}&lon={rng.uniform(-1, 6):.2f}&help=mediation",
    ]
    return [rng.choice(shapes)() for _ in range(SEARCHES)]


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    folder = tempfile.mkdtemp(prefix="bonsclics-places-")
    url = os.environ.get("BONSCLICS_TEST_DATABASE_URL") or f"sqlite:///{folder}/places.db"
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench-secret-key-0123456789abcdef",
                      "TESTING": True, "RATELIMIT_ENABLED": False})
    from bonsclics.db import migrate

    with app.app_context():
        migrate()
    _report, import_seconds = fill(app, count)
    print(f"{count} places imported in {import_seconds:.1f} s")

    from flask import request

    from bonsclics.db import utcnow
    from bonsclics.places.search import search
    from bonsclics.places.views import criteria, search_form

    client = app.test_client()
    for query in queries(app, random.Random(7))[:20]:  # warm the caches
        client.get("/places/?" + query)
    page_times, page_cpu, query_times, slowest = [], [], [], []
    for query in queries(app, random.Random(11)):
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get("/places/?" + query)
        page_times.append((time.perf_counter() - started) * 1000)
        page_cpu.append((time.process_time() - cpu) * 1000)
        assert response.status_code in (200, 400), (query, response.status_code)
        slowest.append((page_times[-1], query))
        with app.test_request_context("/places/?" + query):
            app.preprocess_request()
            started = time.perf_counter()
            form = search_form()
            if form.validate():
                filters, location, _args = criteria(form)
                if not form.errors:
                    search(filters, location, utcnow(), page=request.args.get("page", 1, type=int))
            query_times.append((time.perf_counter() - started) * 1000)
    figures = {
        "database": url.split(":", 1)[0],
        "places": count,
        "import_seconds": round(import_seconds, 1),
        "searches": len(page_times),
        "page_ms": {"p50": round(percentile(page_times, 0.5), 1), "p95": round(percentile(page_times, 0.95), 1),
                    "max": round(max(page_times), 1)},
        "page_cpu_ms": {"p50": round(percentile(page_cpu, 0.5), 1), "p95": round(percentile(page_cpu, 0.95), 1)},
        "load_average": os.getloadavg()[0],
        "query_ms": {"p50": round(percentile(query_times, 0.5), 1), "p95": round(percentile(query_times, 0.95), 1),
                     "max": round(max(query_times), 1)},
        "slowest": [{"ms": round(ms, 1), "query": q} for ms, q in sorted(slowest, reverse=True)[:5]],
    }
    print(f"search page  p50 {figures['page_ms']['p50']} ms  p95 {figures['page_ms']['p95']} ms  "
          f"max {figures['page_ms']['max']} ms")
    print(f"search page CPU time p50 {figures['page_cpu_ms']['p50']} ms  p95 {figures['page_cpu_ms']['p95']} ms "
          f"(load average {figures['load_average']:.1f} on {os.cpu_count()} cores)")
    print(f"search query p50 {figures['query_ms']['p50']} ms  p95 {figures['query_ms']['p95']} ms  "
          f"max {figures['query_ms']['max']} ms")
    for row in figures["slowest"]:
        print(f"  {row['ms']:7.1f} ms  {row['query']}")
    print("path:", save("places_search_" + figures["database"], figures))


if __name__ == "__main__":
    main()
