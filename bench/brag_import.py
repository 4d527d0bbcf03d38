"""Brag document import benchmark: a 2,000-line brag document, as people write them.

Generates a Markdown brag document (issue 12 §3): a title heading, an introduction, a goals
section, then one heading per quarter going back in time, each with dated bullets and
results after a dash, nested bullets with metrics ("+30 %", "$125K", "from 3.8 to 4.5
stars"), a link in a title, an item marked ❌, a "###" win with its bullets, a bold label
line, a table and a paragraph; a "Next steps" section once a year; one title in ten shared
with another. Measured on a fresh SQLite data directory made by `wayfinder init`:

- reading: `brag_doc_parse` alone (median of --runs in this process; memory is the peak of
  Python's allocations while reading, by tracemalloc);
- the preview: the page's POST without confirmation (parse, the one query against the
  record, the template), through Django's test client;
- the import: the page's POST with confirmation, every win and the offered goals and
  actions ticked, written in one transaction (median of --runs, the rows deleted between
  runs; memory the tracemalloc peak of one import);
- the command: the whole `wayfinder brag import FILE` in a new process (median wall time,
  peak resident memory), on an empty record.

Writes the "Brag document import" section of docs/benchmarks.md.

    .venv/bin/python bench/brag_import.py [--runs 3] [--lines 2000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine, write_section

TODAY = dt.date(2026, 11, 23)


def _quarter_block(year: int, quarter: int, n: int) -> list[str]:
    month = (quarter - 1) * 3 + 2
    day = dt.date(year, month, 1 + n % 27)
    repeated = "Shipped the weekly release" if n % 10 == 0 else f"Shipped release {n}"
    return [
        f"## {year} Q{quarter}",
        "",
        f"- [{day:%b} {day.day}, {year}] Launched partner programme {n} — {10 + n % 40} partners "
        "signed",
        f"  - pipeline +{5 + n % 30} % in the quarter",
        f"  - {1 + n % 9},{n % 10}00 users on the new flow",
        f"- Rewrote the [onboarding guide {n}](https://example.com/guides/{n}) — cut ramp-up "
        f"from {20 + n % 5} days to {10 + n % 5} days",
        f"- {repeated}",
        f"- ❌ Launch in market {n}",
        "",
        f"### Migrated billing system {n} to the new ledger",
        f"- ${100 + n % 50}K saved per year",
        f"- support rating from 3.{n % 9} to 4.{5 + n % 4} stars",
        "",
        f"**Impact:** finance closes the month in {2 + n % 3} days.",
        "",
        "| system | before | after |",
        "| --- | --- | --- |",
        f"| close | {5 + n % 3} days | {2 + n % 3} days |",
        "",
        f"It took two quarters and {2 + n % 4} teams; the hard part was the data migration.",
        "",
    ]


def brag_document(lines: int) -> str:
    text = [
        "# Alex's brag document",
        "",
        "Kept since I joined the payments team. **Manager:** Priya.",
        "",
        "## Goals for this year",
        "- Present the payments roadmap to the leadership team",
        "- Mentor two new engineers",
        "",
    ]
    year, quarter, n = 2026, 3, 0
    while len(text) < lines:
        text += _quarter_block(year, quarter, n)
        if quarter == 1:
            text += ["## Next steps", f"- Write the on-call handbook, part {n}", ""]
        n += 1
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return "\n".join(text[:lines]) + "\n"


def _median_ms(action, runs: int, between=None) -> float:
    timings = []
    for _ in range(runs):
        if between is not None:
            between()
        begin = time.perf_counter()
        action()
        timings.append((time.perf_counter() - begin) * 1000)
    return statistics.median(timings)


def _peak_mb(action) -> float:
    tracemalloc.start()
    action()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def _command(data_dir: Path, path: Path, env: dict[str, str]) -> tuple[float, float]:
    wayfinder = Path(sys.executable).parent / "wayfinder"
    command = [str(wayfinder), "--data-dir", str(data_dir), "brag", "import", str(path)]
    begin = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - begin
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lines", type=int, default=2000)
    args = parser.parse_args()
    text = brag_document(args.lines)
    env = {**os.environ, "WAYFINDER_SECRET_KEY": os.environ.get("WAYFINDER_SECRET_KEY", "bench")}
    env.pop("DATABASE_URL", None)
    wayfinder = Path(sys.executable).parent / "wayfinder"
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "template"
        subprocess.run(
            [str(wayfinder), "--data-dir", str(template), "init", "--username", "bench"],
            check=True,
            stdout=subprocess.DEVNULL,
            env=env,
        )
        path = Path(tmp) / "brag.md"
        path.write_text(text, encoding="utf-8")
        commands = []
        for run in range(args.runs):
            copy = Path(tmp) / f"command-{run}"
            shutil.copytree(template, copy)
            commands.append(_command(copy, path, env))
        os.environ.update(
            WAYFINDER_DATA_DIR=str(template),
            WAYFINDER_SECRET_KEY=env["WAYFINDER_SECRET_KEY"],
            WAYFINDER_ALLOWED_HOSTS="testserver",
            DJANGO_SETTINGS_MODULE="wayfinder.settings",
        )
        os.environ.pop("DATABASE_URL", None)
        figures = _in_process(text, args.runs)
    command_s = statistics.median(t for t, _ in commands)
    command_mb = max(m for _, m in commands)
    document = figures["document"]
    rows = [
        f"| reading only | {figures['parse_ms']:,.0f} ms | {figures['parse_mb']:,.1f} MB "
        "(Python allocations) |",
        f"| the preview page (POST, {figures['preview_queries']} queries) | "
        f"{figures['preview_ms']:,.0f} ms | — |",
        f"| the import (POST with confirmation, one transaction) | {figures['import_ms']:,.0f} ms "
        f"| {figures['import_mb']:,.1f} MB (Python allocations, reading and writing) |",
        f"| `wayfinder brag import FILE`, whole process | {command_s:,.2f} s | "
        f"{command_mb:,.0f} MB (process peak) |",
    ]
    print("\n".join(rows))
    section = (
        "## Brag document import\n\n"
        f"A {args.lines:,}-line brag document ({len(text.encode()) / 1000:,.0f} KB) generated by "
        "`bench/brag_import.py`, in the forms of issue 12 §3: a quarter per heading going back "
        "in time, dated bullets with results after a dash, nested bullets with metrics, a link "
        "in a title, an item marked ❌, a `###` win with its bullets, a bold label line, a table "
        "and a paragraph per quarter, a goals section and a yearly *Next steps*; one title in "
        f"ten shared with another. It reads as {len(document.wins):,} wins "
        f"({sum(len(w.metrics) for w in document.wins):,} metrics), "
        f"{len(document.offers):,} goals and actions offered, {len(document.skipped):,} items "
        "passed over. On a fresh SQLite data directory: *reading* is `brag_doc_parse` alone; "
        "the *preview* is the page's POST through Django's test client (parse, one query "
        "against the record, the template); the *import* is the POST with confirmation, every "
        "offer ticked, all written in one transaction (the rows deleted between runs). Times "
        f"are medians of {args.runs} runs in one process; memory is the peak of Python's "
        "allocations (tracemalloc) during one run. The command is the whole `wayfinder brag "
        "import FILE` in a new process on an empty record (start-up, reading, the preview "
        "printed, writing), its memory the process's peak resident size with Python and "
        "Django.\n\n"
        "| what | time | memory |\n| --- | --- | --- |\n"
        + "\n".join(rows)
        + "\n\n"
        + machine()
        + "\n"
    )
    write_section("Brag document import", section)


def _in_process(text: str, runs: int) -> dict:
    import django

    django.setup()
    import time_machine
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from wayfinder.core.models import Profile
    from wayfinder.direction.models import Goal
    from wayfinder.plan.models import DevelopmentAction
    from wayfinder.portability.bragdoc import brag_doc_import, brag_doc_parse
    from wayfinder.wins.models import Win

    owner = Profile.objects.select_related("user").get(user__username="bench")
    client = Client()
    client.force_login(owner.user)
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)):
        document = brag_doc_parse(text, today=TODAY)
        offers = [str(offer.line) for offer in document.offers]

        def clear() -> None:
            for model in (Win, Goal, DevelopmentAction):
                model.objects.for_owner(owner).delete()

        def preview() -> None:
            assert client.post("/data/brag-doc/", {"document": text}).status_code == 200

        def confirm() -> None:
            data = {"document": text, "confirm": "1", "offer": offers}
            assert client.post("/data/brag-doc/", data).status_code == 302

        with CaptureQueriesContext(connection) as queries:
            preview()
        # Read now: the log is cleared at the start of every later request.
        preview_queries = len(queries.captured_queries)
        figures = {
            "document": document,
            "parse_ms": _median_ms(lambda: brag_doc_parse(text, today=TODAY), runs),
            "parse_mb": _peak_mb(lambda: brag_doc_parse(text, today=TODAY)),
            "preview_ms": _median_ms(preview, runs),
            "preview_queries": preview_queries,
            "import_ms": _median_ms(confirm, runs, between=clear),
        }
        clear()
        lines = {offer.line for offer in document.offers}

        def parse_and_import() -> None:
            parsed = brag_doc_parse(text, today=TODAY)
            brag_doc_import(owner=owner, document=parsed, offers=lines, today=TODAY)

        figures["import_mb"] = _peak_mb(parse_and_import)
        clear()
    return figures


if __name__ == "__main__":
    main()
