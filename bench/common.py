"""What the benchmark scripts share: percentiles, the machine line, docs/benchmarks.md."""

from __future__ import annotations

import datetime as dt
import os
import platform
import sqlite3
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "benchmarks.md"


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile: an actual observed value, no interpolation."""
    ordered = sorted(samples)
    rank = max(1, round(share * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def machine() -> str:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"Machine: {os.cpu_count()} CPUs (nproc), {platform.machine()} {platform.system()}, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}; load average "
        f"{load} when written (other work on the machine slows every figure); measured "
        f"{dt.date.today().isoformat()}."
    )


def write_section(heading: str, section: str) -> None:
    """Replace the `## heading` section of docs/benchmarks.md (or append it)."""
    text = DOCS.read_text() if DOCS.exists() else "# Benchmarks\n"
    lines = text.splitlines(keepends=True)
    marker = f"## {heading}"
    start = next((i for i, line in enumerate(lines) if line.strip() == marker), None)
    if start is None:
        DOCS.parent.mkdir(parents=True, exist_ok=True)
        DOCS.write_text(text.rstrip("\n") + "\n\n" + section)
        return
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    after = "".join(lines[end:])
    DOCS.write_text("".join(lines[:start]) + section + ("\n" + after if after else ""))


def heavy_data_dir(data_dir: Path) -> Path:
    """A data directory holding the heavy dataset, generated on first use."""
    import subprocess
    import sys

    wayfinder = Path(sys.executable).parent / "wayfinder"
    if not (data_dir / "wayfinder.sqlite3").exists():
        print(f"generating the heavy dataset in {data_dir} …", flush=True)
        subprocess.run(
            [str(wayfinder), "--data-dir", str(data_dir), "demo", "--scale", "heavy"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    # A dataset made by an earlier version gets this version's migrations.
    subprocess.run(
        [str(wayfinder), "--data-dir", str(data_dir), "init", "--username", "demo"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return data_dir
