"""The administrator's Owners page and an owner's deletion, as the instance grows.

A fresh SQLite data directory gets 1, then 5, then 20 owners, each with the demo persona's
whole record. At each size the Owners page (figures: row counts per owner and section) is
requested through Django's test client, signed in as the administrator, after two warm-up
requests; then one owner is deleted with every row they own. Prints and writes the "Owners
on a shared instance" section of docs/benchmarks.md.

    .venv/bin/python bench/owners.py [--requests 10] [--data-dir .data/bench-owners]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, machine, percentile, write_section

SIZES = (1, 5, 20)
WARM_UP = 2


def _owners_page(client, requests: int) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    url = reverse("accounts:owners")
    for _ in range(WARM_UP):
        if client.get(url).status_code != 200:
            sys.exit("bench/owners.py: the Owners page did not answer 200")
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    count = len(queries.captured_queries)
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), percentile(times, 0.95), count


def measure(requests: int) -> tuple[list[dict], dict]:
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone

    from wayfinder.accounts.owner_selectors import owner_row_counts
    from wayfinder.accounts.owner_services import owner_delete
    from wayfinder.demo.persona import demo_create

    today = dt.date.today()
    root = get_user_model().objects.create_user(username="bench-root", is_staff=True)
    client = Client()
    client.force_login(root)
    rows, made = [], 0
    for size in SIZES:
        while made < size:
            demo_create(today=today, username=f"owner{made:03d}")
            made += 1
        median, p95, queries = _owners_page(client, requests)
        total = sum(sum(c.values()) for c in owner_row_counts().values())
        rows.append(
            {"owners": size, "rows": total, "median": median, "p95": p95, "queries": queries}
        )
        print(
            f"{size:3d} owners  {total:7d} rows   median {median:7.1f} ms   p95 {p95:7.1f} ms"
            f"   {queries} queries",
            flush=True,
        )
    user = get_user_model().objects.get(username="owner000")
    owned = sum(owner_row_counts()[user.profile.pk].values())
    start = time.perf_counter()
    deleted = owner_delete(user=user, by=root, now=timezone.now())
    seconds = time.perf_counter() - start
    print(f"deleted one owner: {deleted.rows} rows ({owned} owned) in {seconds:.2f} s")
    return rows, {"rows": deleted.rows, "owned": owned, "seconds": seconds}


def report(rows: list[dict], deletion: dict, requests: int) -> str:
    table = "\n".join(
        f"| {r['owners']} | {r['rows']:,} | {r['median']:.1f} | {r['p95']:.1f} | {r['queries']} |"
        for r in rows
    )
    return f"""## Owners on a shared instance

The administrator's Owners page (`/instance/owners/`: every owner's state, last activity and
rows per section) as the instance grows, each owner holding the demo persona's record.

| owners | rows on the instance | median (ms) | p95 (ms) | SQL queries |
| --- | ---: | ---: | ---: | ---: |
{table}

Deleting one of those owners (`owner_delete`, one transaction: shares ended, viewers told,
every owned model emptied of their rows, then the account) removed {deletion["rows"]:,} rows
({deletion["owned"]:,} in owned models) in {deletion["seconds"]:.2f} s.

Method: `bench/owners.py` migrates a fresh SQLite data directory, adds owners with
`demo.persona.demo_create`, and at each size requests the page {requests} times after
{WARM_UP} warm-up requests through Django's test client in one process, signed in as a staff
account (full middleware stack, queries and template; no network). p95 is nearest-rank. The
query count stays the same whatever the number of owners: one grouped count per owned model
(a test pins the bound).

{machine()}
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--requests", type=int, default=10, help="timed requests per size")
    parser.add_argument("--data-dir", type=Path, default=ROOT / ".data" / "bench-owners")
    args = parser.parse_args()
    data_dir = args.data_dir.resolve()
    shutil.rmtree(data_dir, ignore_errors=True)
    wayfinder = Path(sys.executable).parent / "wayfinder"
    subprocess.run(
        [str(wayfinder), "--data-dir", str(data_dir), "init", "--username", "bench-first"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    os.environ["WAYFINDER_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wayfinder.settings")
    os.environ["WAYFINDER_ALLOWED_HOSTS"] = "testserver"
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    # init made one owner with an empty record; the sizes count demo personas only.
    get_user_model().objects.filter(username="bench-first").delete()
    rows, deletion = measure(args.requests)
    write_section("Owners on a shared instance", report(rows, deletion, args.requests))
    print(f"wrote docs/benchmarks.md: {len(rows)} sizes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
