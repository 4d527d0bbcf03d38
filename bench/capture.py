"""Quick capture benchmark: `wayfinder win` against `jrnl` and a bare Python start.

Runs the three commands interleaved (paired in each round, order rotated) so machine noise
hits them alike, then prints median and p95 wall times and writes the "Quick capture"
section of docs/benchmarks.md. Needs `jrnl` (`pip install -e '.[bench]'`); it is run with a
temporary config and journal, unencrypted, so nothing of yours is touched.

    .venv/bin/python bench/capture.py [--runs 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"
TARGET = 0.35  # wayfinder win must take at most this share of jrnl's time
WARM_UP = 3

JRNL_CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%F %r'
version: v4.6
"""


def executable(name: str) -> str:
    """A console script installed beside this Python, else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        sys.exit(f"bench/capture.py: `{name}` is not installed: pip install -e '.[bench]'")
    return found


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile: an actual observed time, no interpolation."""
    ordered = sorted(samples)
    rank = max(1, -(-len(ordered) * share // 1))
    return ordered[int(rank) - 1]


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdin=subprocess.DEVNULL, capture_output=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"bench/capture.py: {command[0]} failed: {done.stderr.decode().strip()}")
    return elapsed


def django_modules_imported(env: dict[str, str]) -> int:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "wayfinder", "win", "importtime check"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    names = [line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if "|" in line]
    return sum(1 for name in names if name.split(".")[0] == "django")


def measure(runs: int) -> dict:
    load_before = os.getloadavg()[0]
    wayfinder_script = executable("wayfinder")
    jrnl_script = executable("jrnl")
    with tempfile.TemporaryDirectory(prefix="wayfinder-bench-") as scratch:
        scratch_dir = Path(scratch)
        # As a person runs them: the default data directory (found by platformdirs, here
        # under a scratch XDG_DATA_HOME) and Python caching bytecode as an install does.
        skip = {"DATABASE_URL", "WAYFINDER_DATA_DIR", "PYTHONDONTWRITEBYTECODE"}
        env = {k: v for k, v in os.environ.items() if k not in skip}
        env["XDG_DATA_HOME"] = str(scratch_dir / "data")
        env["XDG_CONFIG_HOME"] = str(scratch_dir / "config")
        subprocess.run(
            [wayfinder_script, "init", "--username", "bench", "--time-zone", "Europe/London"],
            env=env,
            check=True,
            capture_output=True,
        )
        config = scratch_dir / "jrnl.yaml"
        config.write_text(JRNL_CONFIG.format(journal=scratch_dir / "journal.txt"))
        commands = {
            "wayfinder win": [wayfinder_script, "win", "Closed the Q3 renewal with Acme"],
            "jrnl": [jrnl_script, "--config-file", str(config), "Closed the Q3 renewal with Acme"],
            "python -c 'import sqlite3'": [sys.executable, "-c", "import sqlite3"],
        }
        names = list(commands)
        for _ in range(WARM_UP):
            for name in names:
                timed(commands[name], env)
        samples: dict[str, list[float]] = {name: [] for name in names}
        for round_number in range(runs):
            # Rotate the order each round so no command always runs first (or last).
            shift = round_number % len(names)
            for name in names[shift:] + names[:shift]:
                samples[name].append(timed(commands[name], env))
        django_count = django_modules_imported(env)
        jrnl_version = subprocess.run(
            [jrnl_script, "--version"], capture_output=True, text=True, env=env
        ).stdout.split("\n", 1)[0]
    return {
        "load": (load_before, os.getloadavg()[0]),
        "samples": samples,
        "django_modules": django_count,
        "jrnl_version": jrnl_version.strip(),
    }


def report(results: dict, runs: int) -> str:
    samples = results["samples"]
    medians = {name: statistics.median(times) for name, times in samples.items()}
    p95s = {name: percentile(times, 0.95) for name, times in samples.items()}
    wayfinder, jrnl, baseline = list(samples)
    ratio_jrnl = medians[wayfinder] / medians[jrnl]
    ratio_python = medians[wayfinder] / medians[baseline]
    verdict = "met" if ratio_jrnl <= TARGET else "NOT met"
    rows = "\n".join(
        f"| `{name}` | {medians[name] * 1000:.1f} | {p95s[name] * 1000:.1f} |" for name in samples
    )
    return f"""## Quick capture

Target: `wayfinder win "..."` on the embedded SQLite takes at most {TARGET} times the wall time
of `jrnl "..."` (median). Result: **{ratio_jrnl:.2f} times jrnl — target {verdict}**;
{ratio_python:.2f} times a bare `python -c 'import sqlite3'`. Django modules imported by
`wayfinder win`: {results["django_modules"]}.

| command | median (ms) | p95 (ms) |
| --- | ---: | ---: |
{rows}

Method: `bench/capture.py` (run `.venv/bin/python bench/capture.py`) makes a temporary
default data directory with `wayfinder init` (found through platformdirs under a scratch
`XDG_DATA_HOME`, as without `WAYFINDER_DATA_DIR`), and a temporary unencrypted jrnl
journal and config (`--config-file`), then times each command as a fresh process
(`subprocess.run`, wall clock) in {runs} rounds after {WARM_UP} warm-up rounds, the three
commands paired in each round with their order rotated. Bytecode caching is on, as for an
installed package. Both tools append one entry per run; `wayfinder win` commits it with
`synchronous=FULL` (an fsync), jrnl rewrites a text file. p95 is nearest-rank.

Machine: {os.cpu_count()} CPUs (nproc), {platform.machine()} {platform.system()}, Python
{platform.python_version()}, SQLite {sqlite3.sqlite_version}, {results["jrnl_version"]}; load
average {results["load"][0]:.2f} before and {results["load"][1]:.2f} after (other work on the
machine slows all three, the fsync-bound `wayfinder win` most); measured
{dt.date.today().isoformat()}.
"""


def write_section(section: str) -> None:
    text = DOCS.read_text() if DOCS.exists() else "# Benchmarks\n"
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.strip() == "## Quick capture"), None)
    if start is None:
        DOCS.parent.mkdir(parents=True, exist_ok=True)
        DOCS.write_text(text.rstrip("\n") + "\n\n" + section)
        return
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    after = "".join(lines[end:])
    DOCS.write_text("".join(lines[:start]) + section + ("\n" + after if after else ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=30, help="measured rounds (default 30)")
    args = parser.parse_args()
    results = measure(args.runs)
    section = report(results, args.runs)
    print(section)
    write_section(section)
    print(f"wrote the Quick capture section of {DOCS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
