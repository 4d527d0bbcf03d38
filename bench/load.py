"""Measured under load: two `wayfinder serve` processes on PostgreSQL, 50 signed-in owners.

Prepares the database named by DATABASE_URL (PostgreSQL, required): one owner with the
ten-year heavy dataset and N owners with the demo persona's record each (distinct
usernames, `demo.persona.demo_create`, timed). Starts two `wayfinder serve` processes
(2 gunicorn workers each) on 127.0.0.1 sharing the database and its cache, makes one
session per simulated owner, and runs locust headless (bench/load_users.py) as a
subprocess: a warm-up, then the mix of reads and writes for --seconds with --users users;
then, on the same servers, the dashboard alone and the empty view (/health/, as
bench/dashboard.py) alone for the throughput ratio. Every phase is bounded by
`--run-time`; all traffic goes to 127.0.0.1. With --owners 100,1000 the owners are
added in steps and each step measured, for the p95 growth. Writes the "Load" section.
With --databases, each step has its own database (one PostgreSQL URL per step, in the
order of the steps): one that already holds a step's owners, from an earlier run, is
measured without adding them again.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/load WAYFINDER_REQUIRE_POSTGRES=1 \
        .venv/bin/python bench/load.py [--owners 100,1000] [--seconds 60] [--port 8691] \
        [--databases postgres://…/load100,postgres://…/load1000]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import http.client
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, machine, write_section

USERS = 50
WORKERS = 2
SERVERS = 2
WARM_UP_SECONDS = 10
RATIO_SECONDS = 15
TARGET_P95_MS = 150
TARGET_RATIO = 0.35
HEAVY = "heavy"


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wayfinder.settings")
    import django

    django.setup()


def use_database(url: str) -> None:
    """Point this process, and the servers it starts next, at the database `url`."""
    import dj_database_url
    from django.db import connections

    os.environ["DATABASE_URL"] = url
    connections.close_all()
    connections["default"].settings_dict.update(dj_database_url.parse(url))


def prepare(owners: int) -> float:
    """Bring the database to the heavy owner plus `owners` demo owners; seconds per owner."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from wayfinder.demo.heavy import heavy_create
    from wayfinder.demo.persona import demo_create

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    users = get_user_model().objects
    today = dt.date.today()
    if not users.filter(username=HEAVY).exists():
        heavy_create(today=today, username=HEAVY)
    have = users.filter(username__startswith="owner-").count()
    started = time.perf_counter()
    for n in range(have, owners):
        demo_create(today=today, username=f"owner-{n:04d}")
    made = owners - have
    return (time.perf_counter() - started) / made if made > 0 else 0.0


def sessions(count: int, path: Path) -> None:
    """One signed-in session per simulated owner (the heavy owner first), as JSON."""
    from django.test import Client

    from wayfinder.core.models import Profile
    from wayfinder.core.web import today_for
    from wayfinder.network.models import Person
    from wayfinder.plan.models import ActionStatus, DevelopmentAction

    owners = [Profile.objects.select_related("user").get(user__username=HEAVY)]
    owners += list(
        Profile.objects.select_related("user")
        .filter(user__username__startswith="owner-")
        .order_by("user__username")[: count - 1]
    )
    rows = []
    for owner in owners:
        client = Client()
        client.force_login(owner.user)
        person = Person.objects.for_owner(owner).order_by("id").first()
        actions = DevelopmentAction.objects.for_owner(owner).filter(status=ActionStatus.PLANNED)
        rows.append(
            {
                "session": client.cookies["sessionid"].value,
                "person": person.pk if person else None,
                "actions": list(actions.values_list("pk", flat=True)[:20]),
                "today": today_for(owner).isoformat(),
            }
        )
    path.write_text(json.dumps(rows))


def wait_until_up(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/health/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit(f"bench/load.py: the server on port {port} did not come up")


def locust(hosts: list[str], session_file: Path, seconds: float, users: int, only: str, out: Path):
    """One bounded locust run; the per-endpoint stats rows of its CSV."""
    env = {
        **os.environ,
        "LOAD_SESSIONS": str(session_file),
        "LOAD_HOSTS": ",".join(hosts),
        "LOAD_ONLY": only,
    }
    command = [
        str(Path(sys.executable).parent / "locust"),
        "-f",
        str(ROOT / "bench" / "load_users.py"),
        "--headless",
        "--only-summary",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{int(seconds)}s",
        "--stop-timeout",
        "10",
        "--csv",
        str(out),
        "--host",
        hosts[0],
    ]
    subprocess.run(command, env=env, check=False, timeout=seconds + 120, capture_output=True)
    with open(f"{out}_stats.csv") as handle:
        return {row["Name"]: row for row in csv.DictReader(handle)}


def measure(owners: int, args, workdir: Path) -> dict:
    per_owner = prepare(owners)
    session_file = workdir / "sessions.json"
    sessions(args.users, session_file)
    ports = [args.port + i for i in range(SERVERS)]
    wayfinder = Path(sys.executable).parent / "wayfinder"
    servers = [
        subprocess.Popen(
            [str(wayfinder), "serve", "--port", str(port), "--workers", str(WORKERS)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    hosts = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for port in ports:
            wait_until_up(port, time.monotonic() + 90)
        locust(hosts, session_file, WARM_UP_SECONDS, args.users, "", workdir / "warm")
        load_avg = os.getloadavg()
        mix = locust(hosts, session_file, args.seconds, args.users, "", workdir / "mix")
        alone = locust(hosts, session_file, RATIO_SECONDS, args.users, "/", workdir / "dash")
        empty = locust(
            hosts, session_file, RATIO_SECONDS, args.users, "/health/", workdir / "empty"
        )
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
    return {
        "owners": owners,
        "per_owner": per_owner,
        "mix": mix,
        "ratio": float(alone["/"]["Requests/s"]) / float(empty["/health/"]["Requests/s"]),
        "dashboard_rps": float(alone["/"]["Requests/s"]),
        "empty_rps": float(empty["/health/"]["Requests/s"]),
        "errors": sum(
            int(r["Failure Count"])
            for r in (*mix.values(), *alone.values(), *empty.values())
            if r["Name"] != "Aggregated"
        ),
        "load": load_avg,
    }


def report(results: list[dict], args) -> str:
    last = results[-1]
    rows = []
    worst = 0.0
    for name, row in last["mix"].items():
        if name == "Aggregated":
            continue
        p95 = float(row["95%"])
        if "(form)" not in name:
            worst = max(worst, p95)
        rows.append(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} | "
            f"{float(row['Requests/s']):.1f} | {row['50%']} | {row['95%']} | {row['99%']} |"
        )
    total = last["mix"]["Aggregated"]
    growth = "\n".join(
        f"| {r['owners']:,} | {r['mix']['dashboard /']['95%']} | {r['mix']['Aggregated']['95%']} | "
        f"{r['ratio']:.2f} | {r['errors']} | {', '.join(f'{v:.1f}' for v in r['load'])} |"
        for r in results
    )
    met = lambda ok: "met" if ok else "NOT met"  # noqa: E731
    added = (
        f"{last['per_owner']:.2f} s per owner added in the last step"
        if last["per_owner"]
        else "all already there in the last step"
    )
    steps_where = (
        "each step in its own database, prepared beforehand"
        if args.databases
        else "each step in the same database"
    )
    return f"""## Load

Two `wayfinder serve` processes ({WORKERS} gunicorn workers each) on 127.0.0.1 sharing one
PostgreSQL database and its cache; {args.users} simulated owners signed in (one with the
ten-year heavy dataset, the others with the demo persona's record); {last["owners"]:,} demo
owners in the database. Targets: 0 errors ({met(last["errors"] == 0)}: {last["errors"]}); p95 at
most {TARGET_P95_MS} ms for every page ({met(worst <= TARGET_P95_MS)}: worst {worst:.0f} ms);
dashboard throughput at least {TARGET_RATIO} times the empty view's
({met(last["ratio"] >= TARGET_RATIO)}: {last["ratio"]:.2f}, {last["dashboard_rps"]:.1f} against
{last["empty_rps"]:.1f} requests/s).

The mix, {args.seconds:g} s after a {WARM_UP_SECONDS} s warm-up: {total["Request Count"]} requests,
{float(total["Requests/s"]):.1f} requests/s, {total["Failure Count"]} errors.

| request | count | errors | requests/s | p50 (ms) | p95 (ms) | p99 (ms) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
{chr(10).join(rows)}

How p95 grows with the number of owners ({steps_where}, servers restarted):

| owners | dashboard p95 (ms) | all p95 (ms) | dashboard / empty | errors | load average |
| ---: | ---: | ---: | ---: | ---: | --- |
{growth}

Method: `bench/load.py` (PostgreSQL only) adds the owners with `demo.persona.demo_create`
(distinct usernames; {added}) and the heavy owner with
`demo.heavy.heavy_create`, makes one session per simulated owner, starts the servers and
runs locust headless as a subprocess (`bench/load_users.py`, HttpUser: FastHttpUser measured
slower against these servers, 68 against 126 requests/s on /health/). Each user waits 0.5 to 1.5 s
between tasks, weighted 6 dashboard, 3 plan, 3 wins, 3 people, 2 search, and 1 each for
the writes (a win, an interaction, an action started, each through its web form after a
GET for the CSRF token: the "(form)" rows; an action is started once, so an owner
whose planned actions are all started writes no more statuses). Every write moves the
owner's data version, so the next dashboard of that owner is recomputed. The ratio comes
from two further {RATIO_SECONDS} s runs on the same servers, {args.users} users without waits
requesting the dashboard alone, then the empty view `/health/` alone. Percentiles are
locust's. Locust shares the machine with the servers and PostgreSQL.

{machine()}
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--owners", default="100,1000", help="owner counts, in steps")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--users", type=int, default=USERS)
    parser.add_argument("--port", type=int, default=8691)
    parser.add_argument("--databases", default="", help="one PostgreSQL URL per step")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("bench/load.py: set DATABASE_URL to a PostgreSQL database")
    steps = sorted(int(n) for n in args.owners.split(","))
    databases = args.databases.split(",") if args.databases else []
    if databases and (
        len(databases) != len(steps) or not all(u.startswith("postgres") for u in databases)
    ):
        sys.exit("bench/load.py: --databases takes one PostgreSQL URL per step of --owners")
    if not 1 <= args.seconds <= 600 or not 1 <= args.users <= 200:
        sys.exit("bench/load.py: --seconds 1 to 600 and --users 1 to 200")
    _django()
    results = []
    with tempfile.TemporaryDirectory() as workdir:
        for step, owners in enumerate(steps):
            if databases:
                use_database(databases[step])
            results.append(measure(owners, args, Path(workdir)))
            r = results[-1]
            print(
                f"{owners} owners: dashboard p95 {r['mix']['dashboard /']['95%']} ms, "
                f"ratio {r['ratio']:.2f}, errors {r['errors']}",
                flush=True,
            )
    write_section("Load", report(results, args))
    print("wrote the Load section of docs/benchmarks.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
