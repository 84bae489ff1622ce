"""Every benchmark of docs/performance.md, one after the other (about 15 minutes on 2 cores).

Each script prints its figures and writes them, with the machine, to bench/out/.
With BONSCLICS_TEST_DATABASE_URL set (tests/pg-server.sh sets it), the places and
reports benchmarks run on that PostgreSQL database; the others always use SQLite.
Run: make bench, or .venv/bin/python bench/run_all.py [name ...]
"""
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCHMARKS = ["page_weight", "first_words_2g", "load", "places_search", "reports_scale"]


def main():
    """Run the benchmarks named on the command line (all by default); exit non-zero if one fails."""
    names = sys.argv[1:] or BENCHMARKS
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        sys.exit(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
    failed = []
    for name in names:
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, os.path.join(HERE, f"{name}.py")])
        print(f"== {name}: {'ok' if result.returncode == 0 else 'FAILED'} in {time.perf_counter() - started:.0f} s", flush=True)
        if result.returncode:
            failed.append(name)
    if failed:
        sys.exit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
