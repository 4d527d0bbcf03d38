"""Ladder import benchmark: a 16-track framework, as Markdown files and as YAML.

Generates a framework of TRACKS tracks x LEVELS levels, COMPETENCIES competencies and
CRITERIA criteria per competency and level: as 16 Markdown files with front matter (one
per track, Monzo's form) and as one file of Wayfinder's own YAML. For each it reports
the reading alone (median of --runs, in this process, and the peak of Python's
allocations while reading, by tracemalloc), and the whole `wayfinder ladder import` on a
fresh SQLite data directory (median wall time, and the peak resident memory of that
process). Writes the "Ladder import" section of docs/benchmarks.md.

    .venv/bin/python bench/ladder_import.py [--runs 5]
"""

from __future__ import annotations

import argparse
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

from wayfinder.advocacy.ladders import ladder_parse_files

TRACKS, LEVELS, COMPETENCIES, CRITERIA = 16, 6, 20, 3


def _criterion(track: int, level: int, competency: int, number: int) -> str:
    return (
        f"Track {track}, level {level}, competency {competency}: criterion {number}, "
        "written as a framework states what it expects of someone at this level."
    )


def markdown_files() -> list[tuple[str, bytes]]:
    files = []
    for track in range(1, TRACKS + 1):
        lines = [
            "---",
            f"title: 'Track {track} 🧭'",
            f"sidebarTitle: 'Track {track}'",
            "sidebarGroup: 'Benchmark framework'",
            f"levels: {LEVELS}",
            "topics:",
        ]
        for competency in range(1, COMPETENCIES + 1):
            lines += [f"  - name: 'competency {competency}'", "    content:"]
            for level in range(1, LEVELS + 1):
                lines += [f"      - level: {level}", "        criteria:"]
                lines += [
                    f"          - '{_criterion(track, level, competency, n)}'"
                    for n in range(1, CRITERIA + 1)
                ]
        lines += ["---", ""]
        files.append((f"track-{track}.md", "\n".join(lines).encode()))
    return files


def yaml_file() -> list[tuple[str, bytes]]:
    lines = ["name: Benchmark framework", "tracks:"]
    lines += [f"  - {{key: t{t}, name: Track {t}}}" for t in range(1, TRACKS + 1)]
    lines.append("levels:")
    for track in range(1, TRACKS + 1):
        for level in range(1, LEVELS + 1):
            lines.append(f"  - {{code: t{track}-{level}, track: t{track}, grade: {level}}}")
    lines.append("competencies:")
    for competency in range(1, COMPETENCIES + 1):
        lines += [f"  - name: Competency {competency}", "    expectations:"]
        for track in range(1, TRACKS + 1):
            for level in range(1, LEVELS + 1):
                lines.append(f"      t{track}-{level}:")
                lines += [
                    f"        - '{_criterion(track, level, competency, n)}'"
                    for n in range(1, CRITERIA + 1)
                ]
    return [("framework.yaml", ("\n".join(lines) + "\n").encode())]


def read_figures(files: list[tuple[str, bytes]], runs: int) -> tuple[float, float]:
    """Median seconds to read, and the peak MB Python allocated while reading."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        ladder_parse_files(files)
        timings.append(time.perf_counter() - start)
    tracemalloc.start()
    ladder_parse_files(files)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(timings), peak / 1e6


def import_figures(files: list[tuple[str, bytes]], runs: int) -> tuple[float, float]:
    """Median wall seconds of `wayfinder ladder import` into a fresh data directory, and
    the largest peak resident memory (MB) of those processes."""
    wayfinder = Path(sys.executable).parent / "wayfinder"
    env = {**os.environ, "WAYFINDER_SECRET_KEY": os.environ.get("WAYFINDER_SECRET_KEY", "bench")}
    env.pop("DATABASE_URL", None)
    timings, peaks = [], []
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for name, raw in files:
            path = Path(tmp) / name
            path.write_bytes(raw)
            paths.append(str(path))
        for run in range(runs):
            data_dir = Path(tmp) / f"data-{run}"
            subprocess.run(
                [str(wayfinder), "--data-dir", str(data_dir), "init", "--username", "bench"],
                check=True,
                stdout=subprocess.DEVNULL,
                env=env,
            )
            command = [str(wayfinder), "--data-dir", str(data_dir), "ladder", "import", *paths]
            start = time.perf_counter()
            child = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env)
            _, status, usage = os.wait4(child.pid, 0)
            timings.append(time.perf_counter() - start)
            if status != 0:
                raise SystemExit(f"{' '.join(command)} failed")
            peaks.append(usage.ru_maxrss / 1024)  # kilobytes on Linux
    return statistics.median(timings), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rows = []
    for label, files in (
        (f"Markdown, {TRACKS} files (one per track)", markdown_files()),
        ("Wayfinder's YAML, one file", yaml_file()),
    ):
        size = sum(len(raw) for _, raw in files)
        read_s, read_mb = read_figures(files, args.runs)
        import_s, import_mb = import_figures(files, args.runs)
        rows.append(
            f"| {label} | {size / 1000:,.0f} KB | {read_s * 1000:,.0f} ms | {read_mb:,.1f} MB "
            f"| {import_s:,.2f} s | {import_mb:,.0f} MB |"
        )
        print(rows[-1], flush=True)
    levels = TRACKS * LEVELS
    criteria = levels * COMPETENCIES * CRITERIA
    section = (
        "## Ladder import\n\n"
        f"A {TRACKS}-track framework: {levels} levels ({LEVELS} per track), {COMPETENCIES} "
        f"competencies, {CRITERIA} criteria per competency and level ({criteria:,} "
        "criteria), generated by `bench/ladder_import.py`. *Reading* is the parser alone "
        f"(median of {args.runs} runs in one process; memory is the peak of Python's "
        "allocations while reading, by `tracemalloc`). *Import* is the whole "
        "`wayfinder ladder import FILE...` on a fresh SQLite data directory: start-up, "
        "reading, and writing every row in one transaction (median wall time; memory is "
        "the process's peak resident size, Python and Django included).\n\n"
        "| form | size | reading | reading memory | import | import memory |\n"
        "| --- | --- | --- | --- | --- | --- |\n" + "\n".join(rows) + "\n\n" + machine() + "\n"
    )
    write_section("Ladder import", section)


if __name__ == "__main__":
    main()
