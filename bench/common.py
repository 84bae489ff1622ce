"""Shared pieces of the benchmarks: a demo instance, a server, a crawler, results on disk."""
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tests"))
OUT = os.path.join(ROOT, "bench", "out")
DEMO_PASSWORD = "cheval agrafe pile correcte"


def machine():
    """What the figures were measured on."""
    cores = os.cpu_count()
    with open("/proc/meminfo") as handle:
        memory_kb = int(handle.readline().split()[1])
    return {
        "date": time.strftime("%Y-%m-%d"),
        "cpu": platform.processor() or platform.machine(),
        "cores": cores,
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(),
    }


def demo_instance(folder=None, url=None):
    """A folder with a database holding the demo network; returns (instance folder, database URL)."""
    from bonsclics import create_app
    from bonsclics.db import migrate
    from bonsclics.demo import seed

    folder = folder or tempfile.mkdtemp(prefix="bonsclics-bench-")
    url = url or f"sqlite:///{folder}/bench.db"
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench-secret-key-0123456789abcdef0123",
                      "TESTING": True})
    with app.app_context():
        migrate()
        seed(DEMO_PASSWORD)
    return folder, url


def free_port():
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(app_spec, env_extra, workers, cwd=ROOT, log_path=None):
    """gunicorn serving `app_spec` on loopback; returns (process, base URL)."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=ROOT, **env_extra)
    log = open(log_path or os.devnull, "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", app_spec],
        cwd=cwd, env=env, stdout=log, stderr=log,
    )
    for _ in range(150):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"gunicorn did not start ({app_spec})")


def save(name, data):
    """Write a benchmark's results to bench/out/<name>.json and return the path."""
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, f"{name}.json")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump({"machine": machine(), **data}, handle, indent=2, ensure_ascii=False)
    return path


def percentile(values, fraction):
    """The value below which `fraction` of `values` fall (nearest rank)."""
    ordered = sorted(values)
    if not ordered:
        return None
    index = max(0, min(len(ordered) - 1, int(round(fraction * len(ordered) + 0.5)) - 1))
    return ordered[index]
