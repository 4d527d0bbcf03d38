"""The calendar feed on the heavy dataset: built after a write, fetched, polled unchanged.

Starts `wayfinder serve` (gunicorn, the production server) on a loopback port against the
heavy dataset (ten years of record) and turns its calendar feed on with `wayfinder calendar
rotate`. Then: BUILDS times, a write recorded (the owner's data version moves on, as after
any write) followed by a timed GET, which builds the feed; REQUESTS full GETs of the
unchanged feed (200); REQUESTS polls with `If-None-Match` (the 304 a calendar gets while
nothing changed). Prints the median and p95 latency of each, the feed's size and events,
and writes the "Calendar feed" section of docs/benchmarks.md.

    .venv/bin/python bench/calendar_feed.py [--builds 5] [--requests 40] [--port 8621]
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, heavy_data_dir, machine, percentile, write_section

# A write, as the web, the API and the command line record one: the owner's data version
# moves on (the feed's content is then built again on its next request).
WRITE = (
    "import django; django.setup();"
    "from wayfinder.core.models import Profile;"
    "from wayfinder.core.versions import data_version_bump;"
    "data_version_bump(owner_id=Profile.objects.get(user__username='demo').pk)"
)


def wait_until_up(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/health/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    sys.exit("bench/calendar_feed.py: the server did not come up")


def fetch(port: int, path: str, headers: dict[str, str]) -> tuple[int, bytes, dict, float]:
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body, dict(response.getheaders()), (time.perf_counter() - start) * 1000


def timed(port: int, path: str, headers: dict[str, str], count: int, status: int) -> list[float]:
    latencies = []
    for _ in range(count):
        got, _body, _headers, ms = fetch(port, path, headers)
        if got != status:
            sys.exit(f"bench/calendar_feed.py: {path} answered {got}, not {status}")
        latencies.append(ms)
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--builds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--port", type=int, default=8621)
    parser.add_argument("--data-dir", type=Path, default=ROOT / ".data" / "bench-heavy")
    args = parser.parse_args()
    data_dir = heavy_data_dir(args.data_dir.resolve())
    base_url = f"http://127.0.0.1:{args.port}"
    env = {**os.environ, "WAYFINDER_BASE_URL": base_url}
    wayfinder = Path(sys.executable).parent / "wayfinder"
    rotated = subprocess.run(
        [str(wayfinder), "--data-dir", str(data_dir), "calendar", "rotate", "--owner", "demo"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    path = rotated.stdout.strip().splitlines()[-1].removeprefix(base_url)
    server = subprocess.Popen(
        [str(wayfinder), "--data-dir", str(data_dir), "serve", "--port", str(args.port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(args.port, time.monotonic() + 60)
        status, body, headers, _ms = fetch(args.port, path, {})  # warm-up; notes the ETag
        if status != 200:
            sys.exit(f"bench/calendar_feed.py: the feed answered {status}")
        etag = headers["ETag"]
        write_env = {
            **env,
            "WAYFINDER_DATA_DIR": str(data_dir),
            "DJANGO_SETTINGS_MODULE": "wayfinder.settings",
        }
        built = []
        for _ in range(args.builds):
            subprocess.run([sys.executable, "-c", WRITE], env=write_env, check=True)
            built += timed(args.port, path, {}, 1, 200)
        status, body, headers, _ms = fetch(args.port, path, {})
        etag = headers["ETag"]
        full = timed(args.port, path, {}, args.requests, 200)
        polled = timed(args.port, path, {"If-None-Match": etag}, args.requests, 304)
    finally:
        server.terminate()
        server.wait(timeout=30)
    events = body.count(b"BEGIN:VEVENT")
    rows = [
        ("after a write: built (200)", built),
        ("unchanged: full GET (200)", full),
        ("poll, nothing changed (304)", polled),
    ]
    for label, latencies in rows:
        print(
            f"{label:<28} median {statistics.median(latencies):7.1f} ms   "
            f"p95 {percentile(latencies, 0.95):7.1f} ms"
        )
    print(f"feed: {len(body) / 1024:.0f} KiB, {events} events")
    table = "\n".join(
        f"| {label} | {statistics.median(latencies):.1f} | {percentile(latencies, 0.95):.1f} |"
        for label, latencies in rows
    )
    write_section(
        "Calendar feed",
        "## Calendar feed\n\n"
        "`bench/calendar_feed.py`: the heavy dataset (ten years of record) served by `wayfinder "
        "serve` (gunicorn) on 127.0.0.1; its feed turned on with `wayfinder calendar "
        f"rotate`. {args.builds} times a write recorded (the owner's data version moved on, "
        "as any write does) and the feed fetched, which builds it; then "
        f"{args.requests} full GETs of the unchanged feed and {args.requests} polls with "
        "`If-None-Match`, one after another, each over a new connection. "
        f"The feed holds {events} events ({len(body) / 1024:.0f} KiB). A build runs a "
        "number of queries that does not grow with the record (15, pinned in "
        "`calendars/tests/test_feed.py`) but `icalendar` serialises every event; an "
        "unchanged feed is served from the cache and a poll from the ETag noted at the "
        "build (2 queries).\n\n"
        "| request | median (ms) | p95 (ms) |\n| --- | ---: | ---: |\n"
        f"{table}\n\n{machine()}\n",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
