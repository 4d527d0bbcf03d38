"""People import benchmark: a 5,000-row LinkedIn Connections.csv.

Generates a Connections.csv as LinkedIn writes it (the "Notes:" preamble, a byte-order
mark, quoted fields holding commas and line breaks, one email in three, `14 Feb 2025`
dates, and one name in fifty shared by two people). It reports the reading alone (median
of --runs in this process, and the peak of Python's allocations while reading, by
tracemalloc), and the whole `wayfinder people import FILE` on a fresh SQLite data
directory: once into an empty network (every row new) and once again over it (every row
matched by URL and merged). Writes the "People import" section of docs/benchmarks.md.

    .venv/bin/python bench/people_import.py [--runs 3] [--rows 5000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine, write_section

from wayfinder.network.importers import linkedin

PREAMBLE = (
    "\ufeffNotes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing. You will only see email addresses for connections who have allowed it."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
)


def connections(rows: int) -> bytes:
    lines = [PREAMBLE]
    start = dt.date(2015, 1, 1)
    for n in range(rows):
        # Every fiftieth person shares the name of the one before: kept apart by URL.
        who = n - 1 if n % 50 == 49 else n
        email = f"person{n}@example.org" if n % 3 == 0 else ""
        company = f'"Company {n % 400}, Inc."' if n % 7 == 0 else f"Company {n % 400}"
        position = f'"Senior Engineer,\r\nPlatform {n % 9}"' if n % 11 == 0 else "Engineer"
        day = (start + dt.timedelta(days=n % 3650)).strftime("%d %b %Y")
        lines.append(
            f"First{who},Last{who},https://www.linkedin.com/in/person-{n},{email},"
            f"{company},{position},{day}\r\n"
        )
    return "".join(lines).encode()


def read_figures(raw: bytes, runs: int) -> tuple[float, float]:
    timings = []
    for _ in range(runs):
        begin = time.perf_counter()
        linkedin.parse(raw)
        timings.append(time.perf_counter() - begin)
    tracemalloc.start()
    linkedin.parse(raw)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(timings), peak / 1e6


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    begin = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - begin
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    return elapsed, usage.ru_maxrss / 1024  # kilobytes on Linux


def import_figures(raw: bytes, runs: int) -> dict[str, tuple[float, float]]:
    """For the first import and the re-import: median wall seconds and peak RSS (MB)."""
    wayfinder = Path(sys.executable).parent / "wayfinder"
    env = {**os.environ, "WAYFINDER_SECRET_KEY": os.environ.get("WAYFINDER_SECRET_KEY", "bench")}
    env.pop("DATABASE_URL", None)
    figures: dict[str, list[tuple[float, float]]] = {"new": [], "merged": []}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "Connections.csv"
        path.write_bytes(raw)
        for run in range(runs):
            data_dir = Path(tmp) / f"data-{run}"
            subprocess.run(
                [str(wayfinder), "--data-dir", str(data_dir), "init", "--username", "bench"],
                check=True,
                stdout=subprocess.DEVNULL,
                env=env,
            )
            command = [str(wayfinder), "--data-dir", str(data_dir), "people", "import", str(path)]
            figures["new"].append(_timed(command, env))
            figures["merged"].append(_timed(command, env))
    return {
        key: (statistics.median(t for t, _ in runs_), max(m for _, m in runs_))
        for key, runs_ in figures.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    raw = connections(args.rows)
    read_s, read_mb = read_figures(raw, args.runs)
    imported = import_figures(raw, args.runs)
    rows = [
        f"| reading only | {read_s * 1000:,.0f} ms | {read_mb:,.1f} MB (Python allocations) |",
        f"| `people import`, all {args.rows:,} new | {imported['new'][0]:,.2f} s "
        f"| {imported['new'][1]:,.0f} MB (process peak) |",
        f"| `people import` again, all matched by URL and merged | {imported['merged'][0]:,.2f} s "
        f"| {imported['merged'][1]:,.0f} MB (process peak) |",
    ]
    print("\n".join(rows))
    section = (
        "## People import\n\n"
        f"A {args.rows:,}-row LinkedIn Connections.csv ({len(raw) / 1000:,.0f} KB) generated "
        "by `bench/people_import.py`: the Notes preamble and a byte-order mark, quoted "
        "fields with commas and line breaks, an email for one person in three, one name in "
        "fifty shared by two people. *Reading* is the parser alone (median of "
        f"{args.runs} runs in one process; memory is the peak of Python's allocations while "
        "reading, by `tracemalloc`). The imports are the whole `wayfinder people import FILE` "
        "on a fresh SQLite data directory (start-up, reading, the preview, and writing every "
        "person and first interaction in one transaction; median wall time of "
        f"{args.runs} runs, memory the process's peak resident size with Python and "
        "Django), first into an empty network, then the same file again, every row matched "
        "by its profile URL and merged.\n\n"
        "| what | time | memory |\n| --- | --- | --- |\n"
        + "\n".join(rows)
        + "\n\n"
        + machine()
        + "\n"
    )
    write_section("People import", section)


if __name__ == "__main__":
    main()
