"""Throughput and latency under load, compared with a minimal Flask app on the same settings.

gunicorn with the recommended worker count (2 x cores + 1, sync workers) on
loopback; 50 concurrent clients (threads with keep-alive connections) replay a
realistic mix for a fixed duration: every public page reachable by links (places
search and agenda included), resume-code lookups, the diagnostic with answers
posted, lesson steps with exercises posted, and a signed-in helper's pages. The load generator runs on the same
machine and takes part of its CPU: the ratio to the hello app is the fairest
figure. Reports requests/s, p50/p95/p99 latency, errors, resident memory per
worker.
Run: .venv/bin/python bench/load.py [--seconds 20] [--clients 50]
"""
import argparse
import collections
import gzip
import http.client
import os
import random
import re
import subprocess
import sys
import threading
import time
import urllib.parse

from common import DEMO_PASSWORD, demo_instance, percentile, save, start_gunicorn

SECRET = "bench-secret-key-0123456789abcdef0123"


FAILURES = []  # (method, path, status) of every answer of 400 or more, to explain the error count


class Visitor:
    """One simulated person: a keep-alive connection, cookies, and a CSRF token when needed."""

    def __init__(self, base):
        parsed = urllib.parse.urlparse(base)
        self.connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        self.cookies = {}

    def request(self, method, path, form=None):
        """Send one request; returns (status, body, seconds)."""
        headers = {"Accept-Encoding": "gzip"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            data = response.read()
            if response.headers.get("Content-Encoding") == "gzip":  # the app compresses its own pages
                data = gzip.decompress(data)
        except (OSError, http.client.HTTPException):
            self.connection.close()
            return None, b"", time.perf_counter() - started
        elapsed = time.perf_counter() - started
        if response.status >= 400:
            FAILURES.append((method, path.split("?")[0], response.status))
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";")[0]
        return response.status, data, elapsed


def csrf_token(html):
    """The CSRF token of a page (None when the page has none)."""
    found = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"|"X-CSRFToken": "([^"]+)"', html)
    return (found.group(1) or found.group(2)).decode() if found else None


def scenarios(paths):
    """The mix: (weight, function(visitor) -> list of (status, seconds))."""

    def browse(path):
        def run(visitor):
            status, _, seconds = visitor.request("GET", path)
            return [(status, seconds)]
        return run

    def resume_code(visitor):
        status, html, seconds = visitor.request("GET", "/code")
        results = [(status, seconds)]
        token = csrf_token(html)
        status, _, seconds = visitor.request("POST", "/code", {"csrf_token": token, "code": "AAAA-AAAA"})
        results.append((status if status != 404 else 200, seconds))  # an unknown code is a normal answer
        return results

    mix = [(3, browse("/")), (1, resume_code)]
    mix += [(2, browse(p)) for p in paths]
    return mix


SCREEN = re.compile(rb'name="screen" value="([^"]+)"')


def diagnostic_scenario(visitor):
    """A person starting the diagnostic and answering its first three screens (forms posted)."""
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), os.pardir, "tests", "diagnostic"))
    from diagnostic_support import fields_for

    status, html, seconds = visitor.request("GET", "/diagnostic/")
    results = [(status, seconds)]
    status, _, seconds = visitor.request("POST", "/diagnostic/", {"csrf_token": csrf_token(html), "mode": "alone"})
    results.append((status, seconds))
    for _ in range(3):
        status, html, seconds = visitor.request("GET", "/diagnostic/question")
        results.append((status, seconds))
        found = SCREEN.search(html)
        if not found:
            break
        answer = {"csrf_token": csrf_token(html), **fields_for(found.group(1).decode())}
        status, _, seconds = visitor.request("POST", "/diagnostic/question", answer)
        results.append((status, seconds))
    return results


def lesson_scenario(visitor):
    """A person reading a lesson step and answering its exercise (form posted, checked by the server)."""
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), os.pardir, "tests", "learning"))
    from learning_support import first_step_of_kind, right_answer, step_url

    lesson, number, step = first_step_of_kind("single")
    status, html, seconds = visitor.request("GET", step_url(lesson, number))
    results = [(status, seconds)]
    status, _, seconds = visitor.request("POST", step_url(lesson, number),
                                         {"csrf_token": csrf_token(html), **right_answer(step)})
    results.append((status, seconds))
    return results


def pro_scenario(visitor):
    """A professional signed in, opening their pages."""
    if "session" not in visitor.cookies or not getattr(visitor, "signed_in", False):
        _, html, _ = visitor.request("GET", "/account/login")
        visitor.request("POST", "/account/login",
                        {"csrf_token": csrf_token(html), "email": "pro@demo.test", "password": DEMO_PASSWORD})
        visitor.signed_in = True
    status, _, seconds = visitor.request("GET", "/account/")
    return [(status, seconds)]


def run_load(base, clients, seconds, mix):
    """Replay `mix` with `clients` threads for `seconds`; returns latencies and errors."""
    latencies, errors, lock = [], [], threading.Lock()
    FAILURES.clear()
    stop = time.time() + seconds
    weights = [w for w, _ in mix]
    functions = [f for _, f in mix]

    def worker(number):
        rng = random.Random(number)
        visitor = Visitor(base)
        while time.time() < stop:
            scenario = rng.choices(functions, weights)[0]
            for status, elapsed in scenario(visitor):
                with lock:
                    latencies.append(elapsed)
                    if status is None or status >= 400:
                        errors.append(status)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    started = time.time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    duration = time.time() - started
    return {
        "requests": len(latencies),
        "requests_per_second": round(len(latencies) / duration, 1),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "errors": len(errors),
        "error_kinds": collections.Counter(f"{m} {p} {s}" for m, p, s in FAILURES).most_common(10),
    }


def worker_memory_mb(master_pid):
    """Resident memory of each gunicorn worker, in MB."""
    children = subprocess.run(["pgrep", "-P", str(master_pid)], capture_output=True, text=True).stdout.split()
    sizes = []
    for pid in children:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    sizes.append(round(int(line.split()[1]) / 1024, 1))
    return sizes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--clients", type=int, default=50)
    args = parser.parse_args()
    workers = 2 * os.cpu_count() + 1
    folder, url = demo_instance()
    # All simulated people come from 127.0.0.1: per-address rate limits would refuse them.
    env = {"FLASK_DATABASE_URL": url, "FLASK_INSTANCE_PATH": folder, "FLASK_SECRET_KEY": SECRET,
           "FLASK_RATELIMIT_ENABLED": "false"}
    from bench_paths import sample_paths

    paths = sample_paths(url)
    server, base = start_gunicorn("app:create_app()", env, workers, log_path=os.path.join(folder, "gunicorn.log"))
    try:
        mix = scenarios(paths) + [(2, pro_scenario), (3, diagnostic_scenario), (3, lesson_scenario)]
        app_result = run_load(base, args.clients, args.seconds, mix)
        app_result["worker_memory_mb"] = worker_memory_mb(server.pid)
    finally:
        server.terminate()
        server.wait(10)
    hello, hello_base = start_gunicorn("hello_app:create_app()", {}, workers, cwd=os.path.dirname(__file__))
    try:
        hello_result = run_load(hello_base, args.clients, args.seconds, [(1, scenarios([])[0][1])])
        hello_result["worker_memory_mb"] = worker_memory_mb(hello.pid)
    finally:
        hello.terminate()
        hello.wait(10)
    ratio = round(app_result["requests_per_second"] / hello_result["requests_per_second"], 2)
    print(f"workers: {workers}, clients: {args.clients}, {args.seconds} s each")
    print("bonsclics:", app_result)
    print("hello    :", hello_result)
    print(f"ratio (bonsclics / hello, requests per second): {ratio}")
    print("path:", save("load", {"workers": workers, "clients": args.clients, "seconds": args.seconds,
                                  "paths": paths, "bonsclics": app_result, "hello": hello_result, "ratio": ratio}))


if __name__ == "__main__":
    main()
