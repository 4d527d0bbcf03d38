"""Dashboard throughput on the heavy dataset, paired with an empty view on the same server.

Starts `wayfinder serve` (gunicorn, the production server) on a loopback port against the
heavy dataset, signs in as its owner, and drives load from this process: CONCURRENCY
clients, each sending requests back to back over fresh connections, for ROUND seconds per
round. Rounds alternate between the dashboard (`/`) and the empty health view (`/health/`)
so that machine noise hits both alike. Prints requests per second and latency (median,
p95) for each, and the ratio, and writes the "Dashboard" section of docs/benchmarks.md.

    .venv/bin/python bench/dashboard.py [--rounds 3] [--seconds 8] [--concurrency 4]
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, heavy_data_dir, machine, percentile, write_section

TARGET = 0.25  # dashboard throughput at least this share of the empty view's
WORKERS = 2


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def session_cookie(data_dir: Path) -> str:
    """A signed-in session for the heavy dataset's owner, made in the same database."""
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "from wayfinder.core.models import Profile;"
        "c = Client(); c.force_login(Profile.objects.get(user__username='demo').user);"
        "print(c.cookies['sessionid'].value)"
    )
    env = {
        **os.environ,
        "WAYFINDER_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "wayfinder.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def wait_until_up(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/health/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    sys.exit("bench/dashboard.py: the server did not come up")


def load(port: int, path: str, cookie: str, seconds: float, concurrency: int) -> list[float]:
    """Latencies (ms) of every request completed by `concurrency` clients in `seconds`."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    errors: list[str] = []

    def client() -> None:
        mine = []
        while time.monotonic() < stop:
            start = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", path, headers={"Cookie": f"sessionid={cookie}"})
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status != 200:
                errors.append(f"{path} answered {response.status}")
                return
            mine.append((time.perf_counter() - start) * 1000)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        sys.exit(f"bench/dashboard.py: {errors[0]}")
    return latencies


def table_row(label: str, row: dict[str, float]) -> str:
    return f"| {label} | {row['throughput']:.1f} | {row['median']:.1f} | {row['p95']:.1f} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--data-dir", type=Path, default=ROOT / ".data" / "bench-heavy")
    args = parser.parse_args()
    data_dir = heavy_data_dir(args.data_dir.resolve())
    cookie = session_cookie(data_dir)
    port = free_port()
    wayfinder = Path(sys.executable).parent / "wayfinder"
    server = subprocess.Popen(
        [
            str(wayfinder),
            "--data-dir",
            str(data_dir),
            "serve",
            "--port",
            str(port),
            "--workers",
            str(WORKERS),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(port, time.monotonic() + 60)
        results: dict[str, list[float]] = {"/": [], "/health/": []}
        seconds: dict[str, float] = {"/": 0.0, "/health/": 0.0}
        for path in results:  # warm-up: caches, connections, bytecode
            load(port, path, cookie, 2, args.concurrency)
        for round_ in range(args.rounds):
            order = ["/health/", "/"] if round_ % 2 == 0 else ["/", "/health/"]
            for path in order:
                latencies = load(port, path, cookie, args.seconds, args.concurrency)
                results[path].extend(latencies)
                seconds[path] += args.seconds
                print(
                    f"round {round_ + 1} {path:<9} {len(latencies) / args.seconds:8.1f} req/s",
                    flush=True,
                )
    finally:
        server.terminate()
        server.wait(timeout=30)
    rows = {}
    for path, latencies in results.items():
        rows[path] = {
            "throughput": len(latencies) / seconds[path],
            "median": statistics.median(latencies),
            "p95": percentile(latencies, 0.95),
        }
    ratio = rows["/"]["throughput"] / rows["/health/"]["throughput"]
    met = "met" if ratio >= TARGET else "NOT met"
    section = f"""## Dashboard

Target: the dashboard's throughput on the heavy dataset is at least {TARGET} times that of
an empty Django view on the same server. Result: **{ratio:.2f} times — target {met}**.

| endpoint | requests/s | median latency (ms) | p95 latency (ms) |
| --- | ---: | ---: | ---: |
{table_row("`/` dashboard (signed in, heavy dataset)", rows["/"])}
{table_row("`/health/` empty view", rows["/health/"])}

Method: `bench/dashboard.py` starts `wayfinder serve` (gunicorn, {WORKERS} sync workers, the
production configuration) on a loopback port against the heavy dataset, signs in as its
owner, and sends load from the same machine: {args.concurrency} clients, each sending requests
back to back over a fresh connection, for {args.seconds:g} s per round, {args.rounds} rounds per
endpoint alternating between the two endpoints after a 2 s warm-up of each. Throughput is
completed requests per second; p95 is nearest-rank. The load generator shares the two
cores with the server, equally for both endpoints. Between writes the dashboard serves its
cached assessment (keyed by owner, data version and day); the time to recompute it is in
the Pages section ("Home, recomputed").

{machine()}
"""
    print(section)
    write_section("Dashboard", section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
