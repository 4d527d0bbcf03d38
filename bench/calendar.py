"""The calendar feed on the heavy dataset: a full fetch and a poll with nothing changed.

Starts `wayfinder serve` (gunicorn, the production server) on a loopback port against the
heavy dataset (ten years of record), turns its calendar feed on with `wayfinder calendar
rotate`, and fetches the feed REQUESTS times one after another: a full GET (200, the whole
feed), then the same with `If-None-Match` (the 304 a polling calendar gets while nothing
changed). Prints the median and p95 latency of each, the feed's size and its events, and
writes the "Calendar feed" section of docs/benchmarks.md.

    .venv/bin/python bench/calendar.py [--requests 40] [--port 8621]
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


def wait_until_up(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/health/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    sys.exit("bench/calendar.py: the server did not come up")


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
            sys.exit(f"bench/calendar.py: {path} answered {got}, not {status}")
        latencies.append(ms)
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
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
            sys.exit(f"bench/calendar.py: the feed answered {status}")
        etag = headers["ETag"]
        full = timed(args.port, path, {}, args.requests, 200)
        polled = timed(args.port, path, {"If-None-Match": etag}, args.requests, 304)
    finally:
        server.terminate()
        server.wait(timeout=30)
    events = body.count(b"BEGIN:VEVENT")
    rows = [
        ("full GET (200)", full),
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
        "`bench/calendar.py`: the heavy dataset (ten years of record) served by `wayfinder "
        "serve` (gunicorn) on 127.0.0.1; its feed turned on with `wayfinder calendar "
        f"rotate` and fetched {args.requests} times one after another, each over a new "
        "connection: a full GET, then a poll with `If-None-Match` and nothing changed. "
        f"The feed holds {events} events ({len(body) / 1024:.0f} KiB). A 304 still builds "
        "the feed to compare its ETag (the saving is the transfer and the client's work); "
        "the number of queries does not grow with the record "
        "(`calendars/tests/test_feed.py` pins 13).\n\n"
        "| request | median (ms) | p95 (ms) |\n| --- | ---: | ---: |\n"
        f"{table}\n\n{machine()}\n",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
