"""Reliability figures under faults: kill -9, a mixed load, bad imports, form fuzz, security.

Writes docs/reliability.md and prints every figure as it is measured. Everything runs on
127.0.0.1 in temporary data directories (never yours), every loop is bounded in count and
in time, and the script stops by itself.

    .venv/bin/python scripts/faults.py                 # the figures in docs/reliability.md
    .venv/bin/python scripts/faults.py --seconds 120   # a longer mixed run
    .venv/bin/python scripts/faults.py --quick --output /tmp/reliability.md

Exit status 1 when an acknowledged write was lost, an integrity check failed, an import
left a partial write, a bad import gave a traceback or changed data, or the form fuzz met
an HTTP 500: a promise of docs/reliability.md was broken (the report is written anyway).
PostgreSQL is used when it answers on 127.0.0.1:5432 (see --postgres); the script makes and
drops its own databases there.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import http.client
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ElementTree
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WAYFINDER = str(Path(sys.executable).parent / "wayfinder")
HOST = "127.0.0.1"
# The databases the script makes (and drops) on the PostgreSQL server.
MIXED_DATABASE = "wayfinder_faults_mixed"
IMPORT_DATABASE = "wayfinder_faults_import"
PASSWORD = "faults: a long calm river at dawn"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# Every child command and request gives up after this long: nothing can hang the script.
COMMAND_TIMEOUT = 120
REQUEST_TIMEOUT = 30


STARTED = time.monotonic()
STARTED_LOAD = os.getloadavg()


def log(line: str) -> None:
    print(f"[{time.monotonic() - STARTED:6.1f} s] {line}", flush=True)


# --- the databases under test -------------------------------------------------------------


@dataclass
class Target:
    """One database the child processes use: a SQLite data dir, or PostgreSQL."""

    data_dir: Path
    url: str | None = None

    @property
    def name(self) -> str:
        return "PostgreSQL" if self.url else "SQLite"

    @property
    def sqlite(self) -> Path:
        return self.data_dir / "wayfinder.sqlite3"

    def env(self) -> dict[str, str]:
        # Nothing of the caller's Wayfinder settings leaks in: no real data dir, no database.
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("WAYFINDER_")
            and key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
        }
        env["WAYFINDER_DATA_DIR"] = str(self.data_dir)
        if self.url:
            env["DATABASE_URL"] = self.url
        return env

    def query(self, sql: str) -> list[tuple]:
        if self.url:
            import psycopg

            with psycopg.connect(self.url, connect_timeout=10) as connection:
                return list(connection.execute(sql).fetchall())
        connection = sqlite3.connect(self.sqlite, timeout=30)
        try:
            return connection.execute(sql).fetchall()
        finally:
            connection.close()

    def titles(self) -> set[str]:
        return {title for (title,) in self.query("SELECT title FROM wins_win")}

    def integrity(self) -> str:
        """SQLite's own check of the whole file ('ok'); PostgreSQL has no equivalent here."""
        return "n/a" if self.url else file_integrity(self.sqlite)

    def owner_rows(self) -> int:
        """Rows in every table that holds an owner's data."""
        if self.url:
            owned = self.query(
                "SELECT table_name FROM information_schema.columns "
                "WHERE column_name = 'owner_id' AND table_schema = current_schema()"
            )
            return sum(self.query(f'SELECT count(*) FROM "{t}"')[0][0] for (t,) in owned)
        tables = [
            name for (name,) in self.query("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        owned = [
            table
            for table in tables
            if any(
                column[1] == "owner_id" for column in self.query(f'PRAGMA table_info("{table}")')
            )
        ]
        return sum(self.query(f'SELECT count(*) FROM "{table}"')[0][0] for table in owned)


def file_integrity(path: Path) -> str:
    """`PRAGMA integrity_check` of a SQLite file: 'ok', or what is wrong."""
    try:
        connection = sqlite3.connect(path, timeout=30)
        try:
            return "; ".join(row[0] for row in connection.execute("PRAGMA integrity_check"))
        finally:
            connection.close()
    except sqlite3.Error as error:
        return f"cannot check: {error}"


def cli(
    target: Target, *args: str, timeout: float = COMMAND_TIMEOUT
) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(
            [WAYFINDER, *args],
            env=target.env(),
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        return subprocess.CompletedProcess(expired.cmd, -1, "", f"timed out after {timeout} s")


def must(result: subprocess.CompletedProcess, what: str) -> subprocess.CompletedProcess:
    if result.returncode != 0:
        sys.exit(f"scripts/faults.py: {what} failed: {first_line(result.stderr)}")
    return result


def first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:240] if lines else ""


def set_password(target: Target, username: str) -> None:
    """Give the owner a password the web clients sign in with (test tooling, not the app)."""
    snippet = (
        "import sys, django; django.setup()\n"
        "from django.contrib.auth import get_user_model\n"
        "from django.utils import timezone\n"
        "user = get_user_model().objects.get(username=sys.argv[1])\n"
        "user.set_password(sys.argv[2]); user.save()\n"
        "user.profile.onboarded_at = user.profile.onboarded_at or timezone.now()\n"
        "user.profile.save()\n"
    )
    env = {**target.env(), "DJANGO_SETTINGS_MODULE": "wayfinder.settings"}
    result = subprocess.run(
        [sys.executable, "-c", snippet, username, PASSWORD],
        env=env,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    must(result, "setting the owner's password")


# --- the web app, served as `wayfinder serve` serves it -----------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class Server:
    """`wayfinder serve` (gunicorn, two workers) in its own process group."""

    def __init__(self, target: Target, log_path: Path):
        self.target = target
        self.log_path = log_path
        self.process: subprocess.Popen | None = None
        self.port = 0

    def start(self) -> None:
        self.port = free_port()
        with self.log_path.open("ab") as output:
            self.process = subprocess.Popen(
                [WAYFINDER, "serve", "--host", HOST, "--port", str(self.port), "--workers", "2"],
                env=self.target.env(),
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"scripts/faults.py: the server exited; see {self.log_path}")
            with contextlib.suppress(OSError):
                status, _, _ = Client(self.port).request("GET", "/signin/", timeout=2)
                if status == 200:
                    return
            time.sleep(0.1)
        self.kill()
        sys.exit(f"scripts/faults.py: the server did not answer within 60 s; see {self.log_path}")

    def kill(self) -> None:
        """kill -9 the master and every worker at once."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self.process = None

    def stop(self) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()
        self.process = None


class Client:
    """A browser's worth of HTTP: cookies, the CSRF token, no redirects followed."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.token = ""

    def request(
        self, method: str, path: str, fields: dict[str, str] | None = None, timeout: float = 0
    ) -> tuple[int, dict[str, str], str]:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=timeout or REQUEST_TIMEOUT)
        headers = {"Host": f"{HOST}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(value).items():
                self.cookies[name] = morsel.value
        return response.status, dict(response.headers.items()), text

    def sign_in(self, username: str) -> None:
        _, _, page = self.request("GET", "/signin/")
        fields = {"username": username, "password": PASSWORD}
        status, _, _ = self.request("POST", "/signin/", {**fields, **self._csrf(page)})
        if status != 302:
            sys.exit(f"scripts/faults.py: signing in answered {status}")
        _, _, form = self.request("GET", "/wins/new/")
        self.token = self._csrf(form)["csrfmiddlewaretoken"]

    @staticmethod
    def _csrf(page: str) -> dict[str, str]:
        match = CSRF.search(page)
        if match is None:
            sys.exit("scripts/faults.py: no CSRF token on the page")
        return {"csrfmiddlewaretoken": match.group(1)}

    def post_win(self, title: str) -> tuple[int, str]:
        fields = {"csrfmiddlewaretoken": self.token, "title": title, "occurred_on": "2026-06-01"}
        status, _, body = self.request("POST", "/wins/new/", fields)
        return status, body


# --- kill -9 -------------------------------------------------------------------------------


@dataclass
class KillFigures:
    runs: int = 0
    attempts: int = 0
    acknowledged: int = 0
    killed: int = 0
    lost: int = 0
    integrity_failures: int = 0
    partial: int = 0
    other: Counter = field(default_factory=Counter)


class KillMoment:
    """When to kill: a random moment in a window that adapts to how fast this machine is.

    The window widens after a run in which nothing finished and narrows after one in which
    everything did, so the kills land before, during and after the commits.
    """

    def __init__(self, rng: random.Random, window: float):
        self.rng = rng
        self.window = window

    def draw(self) -> float:
        return self.rng.uniform(0.0, self.window)

    def learn(self, finished: int, total: int) -> None:
        if finished == 0:
            self.window *= 1.3
        elif finished == total:
            self.window *= 0.75


def kill_capture(target: Target, runs: int, rng: random.Random) -> KillFigures:
    """Four `wayfinder win` at once, each killed -9 at a random moment unless it is done."""
    figures = KillFigures()
    acknowledged: set[str] = set()
    started = time.perf_counter()
    must(cli(target, "win", "kill-capture calibration"), "the calibrating capture")
    moment = KillMoment(rng, 4 * (time.perf_counter() - started))
    for run in range(runs):
        processes = [
            (
                f"kill-capture {run}.{slot}",
                subprocess.Popen(
                    [WAYFINDER, "win", f"kill-capture {run}.{slot}", "--metric", "12 %"],
                    env=target.env(),
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    text=True,
                ),
            )
            for slot in range(4)
        ]
        time.sleep(moment.draw())
        for _, process in processes:
            if process.poll() is None:
                process.kill()
        finished = len(acknowledged)
        for title, process in processes:
            _, error = process.communicate(timeout=COMMAND_TIMEOUT)
            figures.attempts += 1
            if process.returncode == 0:
                acknowledged.add(title)
            elif process.returncode == -signal.SIGKILL:
                figures.killed += 1
            else:
                figures.other[first_line(error)] += 1
        moment.learn(len(acknowledged) - finished, len(processes))
        figures.runs += 1
        figures.integrity_failures += target.integrity() != "ok"
    figures.acknowledged = len(acknowledged)
    figures.lost = len(acknowledged - target.titles())
    return figures


def kill_web(target: Target, runs: int, rng: random.Random, work: Path) -> KillFigures:
    """Two clients post the win form while the whole server is killed -9."""
    figures = KillFigures()
    acknowledged: set[str] = set()
    server = Server(target, work / "kill-web-server.log")
    for run in range(runs):
        server.start()
        clients = [Client(server.port) for _ in range(2)]
        for client in clients:
            client.sign_in("owner")
        stop = threading.Event()
        lock = threading.Lock()

        def post(slot: int, client: Client, run=run, stop=stop, lock=lock) -> None:
            for number in range(10_000):
                if stop.is_set():
                    return
                title = f"kill-web {run}.{slot}.{number}"
                try:
                    status, _ = client.post_win(title)
                except OSError:
                    return  # the server is gone: this write was never acknowledged
                with lock:
                    figures.attempts += 1
                    if 300 <= status < 400:
                        acknowledged.add(title)
                    else:
                        figures.other[f"HTTP {status}"] += 1

        threads = [threading.Thread(target=post, args=(i, c)) for i, c in enumerate(clients)]
        for thread in threads:
            thread.start()
        time.sleep(rng.uniform(0.3, 1.5))
        server.kill()
        stop.set()
        for thread in threads:
            thread.join(timeout=REQUEST_TIMEOUT + 5)
        figures.runs += 1
        figures.killed += 1
        figures.integrity_failures += target.integrity() != "ok"
    figures.acknowledged = len(acknowledged)
    figures.lost = len(acknowledged - target.titles())
    return figures


def kill_import(
    empty: Path, export: Path, runs: int, rng: random.Random, work: Path
) -> KillFigures:
    """`wayfinder import` of the base export, killed -9 at a random moment."""
    figures = KillFigures()
    calibration = fresh_copy(empty, work / "import-calibration")
    before = calibration.owner_rows()
    started = time.perf_counter()
    must(cli(calibration, "import", str(export)), "the calibrating import")
    moment = KillMoment(rng, 1.2 * (time.perf_counter() - started))
    complete = calibration.owner_rows()
    for run in range(runs):
        target = fresh_copy(empty, work / f"import-{run}")
        process = subprocess.Popen(
            [WAYFINDER, "import", str(export)],
            env=target.env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(moment.draw())
        if process.poll() is None:
            process.kill()
        _, error = process.communicate(timeout=COMMAND_TIMEOUT)
        moment.learn(process.returncode == 0, 1)
        figures.runs += 1
        figures.attempts += 1
        rows = target.owner_rows()
        if process.returncode == 0:
            figures.acknowledged += 1
            figures.lost += rows != complete
        elif process.returncode == -signal.SIGKILL:
            figures.killed += 1
        else:
            figures.other[first_line(error)] += 1
        figures.partial += rows not in (before, complete)
        figures.integrity_failures += target.integrity() != "ok"
        shutil.rmtree(target.data_dir)
    return figures


def fresh_copy(template: Path, where: Path) -> Target:
    shutil.copytree(template, where)
    return Target(where)


# --- the mixed run -------------------------------------------------------------------------


@dataclass
class MixedFigures:
    database: str
    seconds: float = 0
    cli_writes: int = 0
    cli_failed: int = 0
    web_writes: int = 0
    web_failed: int = 0
    locked: int = 0
    busy_503: int = 0
    exports: int = 0
    exports_failed: int = 0
    reimported: int = 0
    reimports_failed: int = 0
    backups: int = 0
    backups_failed: int = 0
    lost: int = 0
    integrity: str = ""
    errors: Counter = field(default_factory=Counter)


def mixed_run(target: Target, seconds: float, empty: Path, work: Path) -> MixedFigures:
    """CLI writes, web writes, exports and backups at once, for `seconds`."""
    figures = MixedFigures(target.name)
    server = Server(target, work / f"mixed-{target.name}-server.log")
    server.start()
    exports_dir = work / f"mixed-{target.name}-exports"
    exports_dir.mkdir()
    acknowledged: set[str] = set()
    lock = threading.Lock()
    started = time.monotonic()
    deadline = started + seconds

    def note_error(kind: str, text: str) -> None:
        figures.errors[f"{kind}: {text.replace(str(work), '$TMP')}"] += 1
        if "locked" in text.lower():
            figures.locked += 1

    def cli_writer(slot: int) -> None:
        for number in range(100_000):
            if time.monotonic() > deadline:
                return
            title = f"mixed-cli {slot}.{number}"
            result = cli(target, "win", title, "--skill", f"Skill {number % 7}")
            with lock:
                if result.returncode == 0:
                    figures.cli_writes += 1
                    acknowledged.add(title)
                else:
                    figures.cli_failed += 1
                    note_error("win", first_line(result.stderr))

    def web_writer(slot: int) -> None:
        client = Client(server.port)
        client.sign_in("owner")
        for number in range(100_000):
            if time.monotonic() > deadline:
                return
            title = f"mixed-web {slot}.{number}"
            try:
                status, body = client.post_win(title)
            except OSError as error:
                status, body = 0, str(error)
            with lock:
                if 300 <= status < 400:
                    figures.web_writes += 1
                    acknowledged.add(title)
                else:
                    figures.web_failed += 1
                    figures.busy_503 += status == 503
                    note_error(
                        f"web HTTP {status}", "database is locked" if "locked" in body else ""
                    )

    def exporter() -> None:
        for number in range(100_000):
            if time.monotonic() > deadline:
                return
            path = exports_dir / f"export-{number}.json"
            result = cli(target, "export", "-o", str(path))
            ok = result.returncode == 0
            if ok:
                try:
                    ok = json.loads(path.read_text())["format"] == "wayfinder"
                except (OSError, ValueError, KeyError, TypeError):
                    ok = False
            with lock:
                figures.exports += 1
                if not ok:
                    figures.exports_failed += 1
                    note_error("export", first_line(result.stderr) or "not a Wayfinder export")
                    path.unlink(missing_ok=True)

    def backer_up() -> None:
        for number in range(100_000):
            if time.monotonic() > deadline:
                return
            path = work / f"mixed-backup-{number}.sqlite3"
            result = cli(target, "backup", "-o", str(path))
            ok = result.returncode == 0 and file_integrity(path) == "ok"
            with lock:
                figures.backups += 1
                if not ok:
                    figures.backups_failed += 1
                    note_error("backup", first_line(result.stderr) or "copy failed its check")
            path.unlink(missing_ok=True)

    jobs = [(cli_writer, (0,)), (cli_writer, (1,)), (web_writer, (0,)), (web_writer, (1,))]
    jobs.append((exporter, ()))
    if not target.url:  # on PostgreSQL `backup` prints the pg_dump command: nothing to load
        jobs.append((backer_up, ()))
    threads = [threading.Thread(target=job, args=args) for job, args in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + COMMAND_TIMEOUT + 10)
    figures.seconds = time.monotonic() - started
    server.stop()
    figures.lost = len(acknowledged - target.titles())
    figures.integrity = target.integrity()
    # An export that exits 0 must also import: re-import three of them, spread over the run.
    exports = sorted(exports_dir.glob("export-*.json"), key=lambda p: int(p.stem.split("-")[1]))
    for path in exports[:: max(1, len(exports) // 3)][:3]:
        into = fresh_copy(empty, work / f"reimport-{target.name}-{path.stem}")
        result = cli(into, "import", str(path))
        figures.reimported += 1
        if result.returncode != 0:
            figures.reimports_failed += 1
            note_error("re-import", first_line(result.stderr))
        shutil.rmtree(into.data_dir)
    return figures


# --- bad imports ---------------------------------------------------------------------------


def bad_imports(export: Path) -> list[tuple[str, bytes]]:
    """(what, file contents) of files `wayfinder import` must refuse, changing nothing."""
    good = export.read_bytes()

    def mutated(change) -> bytes:
        copy = json.loads(good)
        change(copy)
        return json.dumps(copy).encode()

    def deep(levels: int) -> str:
        return "[" * levels + "]" * levels

    def put(section: str, key: str, value):
        return lambda d: d[section][0].__setitem__(key, value)

    def spliced(section: str, key: str, raw: bytes) -> bytes:
        """The export with one field's value replaced by bytes json.dumps would not write."""
        marker = "\x01splice\x01"
        return mutated(put(section, key, marker)).replace(json.dumps(marker).encode(), raw, 1)

    rng = random.Random(8)
    return [
        ("empty file", b""),
        ("truncated JSON (half an export)", good[: len(good) // 2]),
        ("binary garbage", rng.randbytes(4096)),
        ("invalid UTF-8", b'{"format": "wayfinder", "version": 1, "profile": "\xff\xfe"}'),
        ("UTF-16 with a BOM", good.decode().encode("utf-16")),
        ("a CSV file", b"title,occurred_on\nShipped it,2026-01-15\n"),
        ("a YAML file", b"format: wayfinder\nversion: 1\nwins: []\n"),
        ("a SQLite database", b"SQLite format 3\x00" + bytes(4080)),
        ("a JSON list", b"[]"),
        ("wrong format name", mutated(lambda d: d.__setitem__("format", "jrnl"))),
        ("wrong version (999)", mutated(lambda d: d.__setitem__("version", 999))),
        ("version as text", mutated(lambda d: d.__setitem__("version", "1"))),
        ("a missing section", mutated(lambda d: d.pop("wins"))),
        ("an unknown section", mutated(lambda d: d.__setitem__("secrets", []))),
        (
            "deep nesting, 100,000 levels",
            f'{{"format": "wayfinder", "x": {deep(100_000)}}}'.encode(),
        ),
        ("deep nesting inside a field", spliced("wins", "title", deep(50_000).encode())),
        ("NUL byte in a title", mutated(put("wins", "title", "ship\x00it"))),
        ("raw NUL bytes in the file", spliced("wins", "title", b'"ship\x00it"')),
        ("lone surrogate in a title", spliced("wins", "title", b'"ship \\ud800"')),
        ("a 5,000-digit integer", spliced("wins", "ref", b"9" * 5000)),
        ("a huge metric value", mutated(put("impact_metrics", "value", 1e308 * 10))),
        ("NaN metric", mutated(put("impact_metrics", "value", float("nan")))),
        ("metric value as text", mutated(put("impact_metrics", "value", "29"))),
        ("date out of range", mutated(put("wins", "occurred_on", "10000-01-01"))),
        ("datetime out of range", mutated(put("wins", "created_at", "0000-01-01T00:00:00Z"))),
        ("a title of 1,000,000 characters", mutated(put("wins", "title", "x" * 1_000_000))),
        ("a ref to a missing skill", mutated(put("wins", "skills", [99_999]))),
        ("a ref to a missing win", mutated(put("impact_metrics", "win", 99_999))),
        ("a ref that is true", mutated(put("impact_metrics", "win", True))),
        ("a negative ref", mutated(put("wins", "ref", -1))),
        ("duplicate refs", mutated(lambda d: d["wins"].append(dict(d["wins"][0])))),
        ("a row with an extra field", mutated(put("wins", "owner_id", 1))),
        ("a profile that is a list", mutated(lambda d: d.__setitem__("profile", []))),
        ("an empty username", mutated(lambda d: d["profile"].__setitem__("username", ""))),
    ]


@dataclass
class BadImport:
    what: str
    database: str
    status: int
    lines: int
    traceback: bool
    changed: bool
    message: str

    @property
    def refused(self) -> bool:
        return self.status in (1, 2) and self.lines == 1 and not self.traceback and not self.changed


def try_bad_imports(
    export: Path, work: Path, limit: int | None, *, empty: Path, postgres: str | None
) -> list[BadImport]:
    """Each bad file on a fresh SQLite copy, and on PostgreSQL when it is there."""
    results = []
    files = bad_imports(export)[:limit]
    for database in ["SQLite", *(["PostgreSQL"] if postgres else [])]:
        shared: Target | None = None
        for number, (what, content) in enumerate(files):
            if database == "SQLite":
                target = fresh_copy(empty, work / f"bad-import-{number}")
            else:
                # One database while nothing gets in; a new one after a file that did.
                shared = shared or postgres_owner(postgres, work / "bad-import-postgres")
                target = shared
            before = target.owner_rows()
            path = work / f"bad-import-{number}.json"
            path.write_bytes(content)
            result = cli(target, "import", str(path))
            lines = [line for line in result.stderr.splitlines() if line.strip()]
            results.append(
                BadImport(
                    what=what,
                    database=database,
                    status=result.returncode,
                    lines=len(lines),
                    traceback="Traceback" in result.stderr + result.stdout,
                    changed=target.owner_rows() != before,
                    message=first_line(result.stderr.replace(str(path), "FILE"))[:200],
                )
            )
            log(f"  {database}, {what}: exit {result.returncode}, {results[-1].message}")
            path.unlink()
            if database == "SQLite":
                shutil.rmtree(target.data_dir)
            elif results[-1].changed:
                shared = None
    return results


def postgres_owner(base_url: str, data_dir: Path) -> Target:
    """A fresh PostgreSQL database holding one owner with no data."""
    target = Target(data_dir, postgres_database(base_url, IMPORT_DATABASE, create=True))
    data_dir.mkdir(exist_ok=True)
    must(cli(target, "init", "--username", "owner"), "wayfinder init on PostgreSQL")
    return target


# --- form fuzz and the security tests (run through pytest) ----------------------------------


FUZZ_TEST = "tests/test_form_fuzz.py"


def pytest_env(work: Path, name: str, url: str | None) -> dict[str, str]:
    env = Target(work / f"pytest-{name}", url).env()
    env["WAYFINDER_SECRET_KEY"] = "test-only-secret"
    return env


def form_fuzz(work: Path, url: str | None, requests: int | None) -> dict:
    """Run the form fuzz test and read the figures it writes: requests and HTTP 500s."""
    name = "PostgreSQL" if url else "SQLite"
    if not (ROOT / FUZZ_TEST).exists():
        return {"database": name, "state": f"not measured ({FUZZ_TEST} is not there yet)"}
    reports = work / f"fuzz-{name}"
    env = {**pytest_env(work, name, url), "WAYFINDER_FUZZ_REPORT_DIR": str(reports)}
    if requests:
        env["WAYFINDER_FUZZ_REQUESTS"] = str(requests)
    started = time.perf_counter()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", FUZZ_TEST],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=1800,
            check=False,
        )
        passed, output = result.returncode == 0, result.stdout + result.stderr
    except subprocess.TimeoutExpired:
        passed, output = False, "timed out after 1800 s"
    figures: dict = {"database": name, "passed": passed, "seconds": time.perf_counter() - started}
    reported: dict = {}
    for path in reports.glob("form-fuzz-*.json"):
        with contextlib.suppress(ValueError, OSError):
            reported = json.loads(path.read_text())
    figures["requests"] = reported.get("requests")
    figures["server_errors"] = reported.get("server_errors")
    figures["forms"] = reported.get("forms")
    figures["first_errors"] = reported.get("first_errors") or []
    figures["state"] = "passed" if passed else f"FAILED: {first_line(output)}"
    return figures


# Each security item of issue 8 §2, and a pattern for the node ids of the tests that show it.
SECURITY_ITEMS: list[tuple[str, str]] = [
    ("2.1 Private files: data dir 0700; database, -wal, -shm 0600", r"test_private_files\.py::"),
    ("2.2 No regex blow-up: parsers run in linear time", r"test_linear_parsers\.py::"),
    ("2.3 Sign-in throttling that cannot be bypassed", r"test_throttle\.py::|::test_\w*throttled"),
    (
        "2.4 PDF export fetches nothing; no remote images",
        r"test_\w*(fetch|ssrf|remote_image|pixel|tracking)",
    ),
    ("2.5 Logs: tracebacks kept, tokens and searches redacted", r"test_logs\.py::|::test_redact"),
    (
        "2.6 The instance administrator",
        r"test_admin\.py::|test_no_profile\.py::|::test_\w*(view_on_site|deactivat)",
    ),
    ("2.7 Request size capped before the body is read", r"test_request_size\.py::"),
    (
        "2.8 Small leaks: no-store, private search results, CSRF",
        r"test_small_leaks\.py::|::test_\w*(no_store|cache_control|csrf)"
        r"|::test_a_private_journal_entry_is_marked_private",
    ),
]


def security_matches(nodes: list[str]) -> list[dict]:
    """The collected node ids that belong to each security item."""
    return [
        {"item": title, "tests": [node for node in nodes if re.search(pattern, node, re.I)]}
        for title, pattern in SECURITY_ITEMS
    ]


def security_tests(work: Path, run: bool) -> list[dict]:
    """The node ids behind each item (collected by pytest), and whether they pass."""
    env = pytest_env(work, "security", None)
    pytest = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider"]
    collected = subprocess.run(
        [*pytest, "--collect-only", "-q", "--ignore=tests/browser"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    items = security_matches([line for line in collected.stdout.splitlines() if "::" in line])
    chosen = sorted({node for item in items for node in item["tests"]})
    outcome: dict[str, str] = {}
    if run and chosen:
        junit = work / "security.xml"
        subprocess.run(
            [*pytest, "-q", f"--junitxml={junit}", *chosen],
            cwd=ROOT,
            env=env,
            capture_output=True,
            timeout=1200,
            check=False,
        )
        if junit.exists():
            for case in ElementTree.parse(junit).getroot().iter("testcase"):
                state = "passed"
                for child in case:
                    if child.tag in ("failure", "error"):
                        state = "FAILED"
                    elif child.tag == "skipped":
                        state = "skipped"
                outcome[f"{case.get('classname')}.{case.get('name')}"] = state
    for item in items:
        item["states"] = [
            outcome_of(node, outcome) if run else "collected" for node in item["tests"]
        ]
    return items


def outcome_of(node: str, outcome: dict[str, str]) -> str:
    """junit names a test `a.b.test_x[param]`: match it to the node id `a/b.py::test_x[param]`."""
    path, _, name = node.partition("::")
    key = path.removesuffix(".py").replace("/", ".") + "." + name.replace("::", ".")
    return outcome.get(key, "not run")


# --- PostgreSQL ------------------------------------------------------------------------------


def postgres_answers(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    try:
        socket.create_connection((parts.hostname or HOST, parts.port or 5432), 2).close()
    except OSError:
        return False
    return True


def postgres_database(url: str, name: str, create: bool) -> str:
    """(Re)create or drop database `name` on the server of `url`; return its URL."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            server.execute(f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl()


def postgres_settings(url: str) -> str:
    import psycopg

    names = ("server_version", "fsync", "synchronous_commit", "full_page_writes", "wal_level")
    with psycopg.connect(url) as connection:
        values = [connection.execute(f"SHOW {name}").fetchone()[0] for name in names]
    return ", ".join(f"{name}={value}" for name, value in zip(names, values, strict=True))


# --- the report ------------------------------------------------------------------------------


def machine() -> str:
    def load(values: tuple[float, ...]) -> str:
        return ", ".join(f"{value:.2f}" for value in values)

    return (
        f"{os.cpu_count()} CPUs (nproc), {platform.machine()} {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, SQLite "
        f"{sqlite3.sqlite_version}; load average {load(STARTED_LOAD)} at the start and "
        f"{load(os.getloadavg())} when written (other work on the machine slows every "
        f"figure but should change none of the counts of failures); run on "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
    )


def table_header(*names: str) -> str:
    """A Markdown table's head: the first and last columns are text, the rest numbers."""
    rule = ["---", *["---:"] * (len(names) - 2), "---"]
    return f"| {' | '.join(names)} |\n| {' | '.join(rule)} |"


def verdict(ok: bool) -> str:
    return "yes" if ok else "**NO**"


def kill_rows(kills: dict[str, KillFigures]) -> str:
    rows = []
    for label, f in kills.items():
        other = "; ".join(f"{n}× {text}" for text, n in f.other.most_common(3)) or "—"
        rows.append(
            f"| {label} | {f.runs} | {f.attempts} | {f.acknowledged} | {f.killed} | "
            f"**{f.lost}** | {f.partial} | {f.integrity_failures} | {other} |"
        )
    return "\n".join(rows)


def mixed_rows(mixed: list[MixedFigures]) -> str:
    rows = []
    for m in mixed:
        backups = f"{m.backups} / {m.backups_failed}" if m.backups else "n/a (pg_dump)"
        rows.append(
            f"| {m.database} | {m.seconds:.0f} | {m.cli_writes} / {m.cli_failed} | "
            f"{m.web_writes} / {m.web_failed} ({m.busy_503} × 503) | {m.locked} | "
            f"{m.exports} / {m.exports_failed} | {m.reimported} / {m.reimports_failed} | "
            f"{backups} | **{m.lost}** | {m.integrity} |"
        )
    return "\n".join(rows)


def mixed_errors(mixed: list[MixedFigures]) -> str:
    lines = [f"- {m.database}: {n}× `{text}`" for m in mixed for text, n in m.errors.most_common(8)]
    return "\n".join(lines) or "- none"


def bad_rows(results: list[BadImport]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("`", "'")

    return "\n".join(
        f"| {r.what} | {r.database} | {r.status} | {r.lines} | "
        f"{'**yes**' if r.traceback else 'no'} | {'**yes**' if r.changed else 'no'} | "
        f"{verdict(r.refused)} | {cell(r.message)} |"
        for r in results
    )


def fuzz_rows(fuzz: list[dict]) -> str:
    def number(value) -> str:
        return "not reported" if value is None else f"{value:,}"

    rows = []
    for f in fuzz:
        if "passed" not in f:
            rows.append(f"| {f['database']} | — | — | — | {f['state']} |")
            continue
        rows.append(
            f"| {f['database']} | {number(f['forms'])} | {number(f['requests'])} | "
            f"{number(f['server_errors'])} | {f['state']} ({f['seconds']:.0f} s) |"
        )
    errors = [
        f"- {f['database']}: `{error[:150].replace('`', chr(39))}`"
        for f in fuzz
        for error in f.get("first_errors", [])[:5]
    ]
    if errors:
        rows.append("\nThe first requests answered 500:\n\n" + "\n".join(errors))
    return "\n".join(rows)


def security_rows(items: list[dict]) -> str:
    rows = []
    for item in items:
        if not item["tests"]:
            rows.append(f"| {item['item']} | not found yet | — |")
            continue
        # One line per test function: its parametrised cases are counted, not listed.
        cases: dict[str, list[str]] = {}
        for node, state in zip(item["tests"], item["states"], strict=True):
            cases.setdefault(node.split("[", 1)[0], []).append(state)
        tests = "<br>".join(
            f"`{node}`"
            + (f" ({len(states)} cases)" if len(states) > 1 else "")
            + (" **FAILED**" if "FAILED" in states else "")
            for node, states in cases.items()
        )
        states = Counter(item["states"])
        rows.append(
            f"| {item['item']} | {tests} | "
            + ", ".join(f"{n} {state}" for state, n in sorted(states.items()))
            + " |"
        )
    return "\n".join(rows)


KILL_HEADER = table_header(
    "what was killed",
    "runs",
    "writes tried",
    "acknowledged",
    "killed",
    "acknowledged writes lost",
    "partial imports",
    "integrity failures",
    "other outcomes",
)
MIXED_HEADER = table_header(
    "database",
    "seconds",
    "CLI writes ok / failed",
    "web writes ok / failed",
    '"database is locked"',
    "exports ok / failed",
    "exports re-imported / failed",
    "backups / failed",
    "acknowledged writes lost",
    "integrity",
)

DURABILITY = """\
## What is promised

A write is **acknowledged** when `wayfinder win` / `met` / `import` has exited with
status 0 (after printing its line), or when a web form has answered with its redirect
(the 3xx that follows a saved form; a form shown again with a 200 saved nothing). Every
one of these happens only after the database's `COMMIT` has returned. An import is one
transaction: all of the file or none of it.

**SQLite** (the default; WAL journal, `synchronous=FULL`, `IMMEDIATE` write transactions,
a busy timeout of 5 s, the same pragmas for the web app and for quick capture):

- *A Wayfinder process killed at any moment* (kill -9, out of memory, a closed terminal):
  every acknowledged write is in the database, a write that was not acknowledged is
  either wholly there or wholly absent, and the file passes `PRAGMA integrity_check`.
  This is what the kill -9 runs below measure.
- *The operating system crashing or the power failing*: with `synchronous=FULL` in WAL
  mode, SQLite syncs the write-ahead log at every commit, so an acknowledged write
  survives, and the database is not corrupted ([SQLite: PRAGMA
  synchronous](https://www.sqlite.org/pragma.html#pragma_synchronous), [Atomic commit in
  SQLite](https://www.sqlite.org/atomiccommit.html)). This holds only when the disk
  keeps what it says it has written (`fsync`): a drive or virtual machine whose write
  cache lies loses recent commits or corrupts the file, and no setting can help. Power
  loss is **not** measured here: kill -9 leaves the operating system's page cache
  intact, so it tests atomicity and that Wayfinder acknowledges only after `COMMIT`, not
  the disk.
- *Not promised*: a data directory on a network file system (WAL needs shared memory on
  one machine; see [SQLite over a network](https://www.sqlite.org/useovernet.html));
  copying, deleting or restoring the `wayfinder.sqlite3`, `-wal` or `-shm` files by hand
  while anything has them open (use `wayfinder backup` for a consistent copy); a write
  refused with "database is locked" after the busy timeout: it changed nothing and was
  never acknowledged.

**PostgreSQL** (`DATABASE_URL`): a write is acknowledged after the server's `COMMIT`.
With the server's defaults (`fsync=on`, `synchronous_commit=on`, `full_page_writes=on`)
the commit record is flushed to durable storage before `COMMIT` returns, so an
acknowledged write survives a crash of the server or of the machine ([PostgreSQL:
Reliability and the Write-Ahead Log](https://www.postgresql.org/docs/current/wal.html)).
With `synchronous_commit=off` the last few hundred milliseconds of commits may be lost
after a server crash, though the database stays consistent; with `fsync=off` it may be
corrupted. A Wayfinder process killed mid-transaction leaves nothing behind: the server
rolls its transaction back. Backups are `pg_dump`'s (`wayfinder backup` prints the
command); replication and point-in-time recovery are the operator's.
"""


def report(results: dict, args: argparse.Namespace) -> str:
    kills: dict[str, KillFigures] = results["kills"]
    bad: list[BadImport] = results["bad_imports"]
    refused = sum(r.refused for r in bad)
    tracebacks = sum(r.traceback for r in bad)
    pg = results["postgres"]
    base = "three captured wins' export (--quick)" if args.quick else "the demo persona's export"
    pg_line = (
        f"PostgreSQL server settings: {pg}."
        if pg
        else "PostgreSQL: not measured (no server answered on 127.0.0.1:5432, or --quick)."
    )
    return f"""# Reliability under faults

Written by `scripts/faults.py` (do not edit by hand: run it again). Every figure below
was measured by that one command on the machine described at the end, against
temporary data directories and servers on 127.0.0.1.

```console
$ .venv/bin/python scripts/faults.py                # a few minutes
$ .venv/bin/python scripts/faults.py --seconds 300  # a longer mixed run
$ .venv/bin/python scripts/faults.py --quick --output /tmp/reliability.md  # a smoke run
```

{DURABILITY}
## kill -9

{KILL_HEADER}
{kill_rows(kills)}

Method, on SQLite:
- *Quick capture*: each run starts four `wayfinder win "…" --metric "12 %"` at once and,
  after a random pause, kills every one still running with SIGKILL.
- *Web writes*: each run starts `wayfinder serve` (gunicorn, two workers). Two clients
  sign in and post the new-win form (with its CSRF token) as fast as they are answered.
  After 0.3–1.5 s the whole process group (master and workers) is killed with SIGKILL.
- *Import*: each run imports {base} into a fresh data directory and
  kills the import with SIGKILL after a random pause. A *partial import* is an owner's
  row count that is neither the count before nor the full file's: it must be 0.
- The pauses are drawn from a window that starts at 4 times the time one capture takes
  (1.2 times one import) and adapts to the machine: wider after a run in which nothing
  finished, narrower after one in which everything did. So the kills land before, during
  and after the commits, and the "killed" column counts the writes that never finished.

After every run the database file passes `PRAGMA integrity_check` or counts as an
integrity failure; at the end every acknowledged title is looked up.

## A mixed load

{MIXED_HEADER}
{mixed_rows(results["mixed"])}

Errors seen (most frequent first):

{mixed_errors(results["mixed"])}

Method: for {args.seconds:.0f} s at once, two threads run `wayfinder win "…" --skill …`
in a loop, two web clients post the new-win form to `wayfinder serve`, one thread runs
`wayfinder export -o FILE` (a failed export exits non-zero or is not a Wayfinder file),
and on SQLite one runs `wayfinder backup -o FILE` and checks each copy with
`integrity_check`. The owner starts with the data of {base}. Three exports spread
over the run are then imported into fresh data directories. A "database is locked"
error is any failure that says so (CLI stderr, or a web answer naming it).
{pg_line}

## Bad imports

{len(bad)} bad imports tried ({len({r.what for r in bad})} files on \
{" and ".join(sorted({r.database for r in bad}))}), **{refused} refused** cleanly (exit
status 1 or 2, one line on stderr, nothing written), **{tracebacks} with a traceback**.

| file | database | exit | stderr lines | traceback | data changed | refused cleanly | message |
| --- | --- | ---: | ---: | --- | --- | --- | --- |
{bad_rows(bad)}

Method: each file is given to `wayfinder import FILE` with a target owner who has no data:
on SQLite a fresh copy of such a data directory for every file, on PostgreSQL one database
(made again after a file that got in). The owner's rows are counted before and after.
The mutated files start from {base}.

## Form fuzz

| database | forms | requests | HTTP 500s | `{FUZZ_TEST}` |
| --- | ---: | ---: | ---: | --- |
{fuzz_rows(results["fuzz"])}

Method: `pytest {FUZZ_TEST}` (hypothesis-generated values posted into every form of
every page, signed in), on SQLite and, when a server answers, on PostgreSQL; the
figures are the ones the test reports.

## Security (issue 8 §2) and the tests that show it

| item | tests | result |
| --- | --- | --- |
{security_rows(results["security"])}

Method: the whole suite is collected with `pytest --collect-only -q` and the node ids are
matched by the patterns in `SECURITY_ITEMS` in `scripts/faults.py`; they were then run
on SQLite.{" (Not checked: this was a --quick run.)" if args.quick else ""}

## Machine

{machine()}. Random choices (kill moments, garbage bytes) are seeded with
`--seed {args.seed}`.
"""


# --- main ------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="a bounded smoke run (~1 minute)")
    parser.add_argument("--seconds", type=float, help="length of the mixed run (default 60)")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "reliability.md")
    parser.add_argument("--json", type=Path, help="also write the figures here as JSON")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument(
        "--fuzz-requests", type=int, help=f"requests per database for {FUZZ_TEST} (its default)"
    )
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432/wayfinder_faults",
        help="PostgreSQL server to use when it answers ('' for none); its database is "
        "dropped and recreated",
    )
    args = parser.parse_args()
    if args.seconds is None:
        args.seconds = 3.0 if args.quick else 60.0
    if not 0 < args.seconds <= 3600:
        parser.error("--seconds must be between 0 and 3600")
    if args.postgres and urllib.parse.urlsplit(args.postgres).hostname not in (HOST, "localhost"):
        parser.error("--postgres must point at 127.0.0.1")
    counts = {"capture": 3, "web": 1, "import": 2, "bad": 4}
    if not args.quick:
        counts = {"capture": 60, "web": 12, "import": 30, "bad": None}
    rng = random.Random(args.seed)
    postgres = bool(args.postgres) and not args.quick and postgres_answers(args.postgres)
    work = Path(tempfile.mkdtemp(prefix="wayfinder-faults-"))
    try:
        results = measure(args, counts, rng, work, postgres)
    finally:
        if postgres:
            for name in (MIXED_DATABASE, IMPORT_DATABASE):
                with contextlib.suppress(Exception):
                    postgres_database(args.postgres, name, create=False)
        shutil.rmtree(work, ignore_errors=True)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report(results, args))
    log(f"wrote {args.output}")
    broken = summary(results)
    if args.json:
        args.json.write_text(json.dumps(broken | {"figures": as_json(results)}, indent=2) + "\n")
    failures = [name for name, value in broken.items() if value]
    if failures:
        log(f"promises broken: {', '.join(failures)}")
        return 1
    return 0


def measure(
    args: argparse.Namespace, counts: dict, rng: random.Random, work: Path, postgres: bool
) -> dict:
    log(f"setting up in {work} …")
    empty = work / "empty"
    must(cli(Target(empty), "init", "--username", "owner"), "wayfinder init")
    export = work / "base.json"
    if args.quick:  # a few captured wins are enough to test with, and quicker to make
        base = fresh_copy(empty, work / "base")
        for number in range(3):
            must(cli(base, "win", f"Base {number}", "--metric", "30 %", "--skill", "Craft"), "win")
    else:
        base = Target(work / "demo")
        must(cli(base, "demo"), "wayfinder demo")
    must(cli(base, "export", "-o", str(export)), "wayfinder export")

    target = fresh_copy(empty, work / "kill")
    set_password(target, "owner")
    kills = {}
    log("kill -9: quick capture …")
    kills["quick capture (`wayfinder win`)"] = kill_capture(target, counts["capture"], rng)
    log("kill -9: web writes …")
    kills["web writes (`wayfinder serve`)"] = kill_web(target, counts["web"], rng, work)
    log("kill -9: import …")
    kills["import (`wayfinder import`)"] = kill_import(empty, export, counts["import"], rng, work)
    for label, figures in kills.items():
        log(
            f"  {label}: {figures.runs} runs, {figures.acknowledged} acknowledged, "
            f"{figures.lost} lost, {figures.partial} partial, "
            f"{figures.integrity_failures} integrity failures"
        )

    mixed = []
    pg_settings = ""
    targets = [fresh_copy(empty, work / "mixed-sqlite")]
    if postgres:
        url = postgres_database(args.postgres, MIXED_DATABASE, create=True)
        pg_settings = postgres_settings(url)
        pg_target = Target(work / "mixed-postgres", url)
        pg_target.data_dir.mkdir()
        must(cli(pg_target, "init", "--username", "owner"), "wayfinder init on PostgreSQL")
        targets.append(pg_target)
    for each in targets:
        must(cli(each, "import", str(export)), f"importing the base export ({each.name})")
        set_password(each, "owner")
        log(f"mixed run on {each.name}, {args.seconds:.0f} s …")
        mixed.append(mixed_run(each, args.seconds, empty, work))
        m = mixed[-1]
        log(
            f"  {m.database}: {m.cli_writes} CLI + {m.web_writes} web writes, "
            f"{m.cli_failed + m.web_failed} failed, {m.locked} locked, {m.exports} exports "
            f"({m.exports_failed} failed), {m.backups} backups ({m.backups_failed} failed), "
            f"{m.lost} lost, integrity {m.integrity}"
        )

    log("bad imports …")
    bad = try_bad_imports(
        export, work, counts["bad"], empty=empty, postgres=args.postgres if postgres else None
    )
    log(
        f"  {len(bad)} tried, {sum(r.refused for r in bad)} refused, "
        f"{sum(r.traceback for r in bad)} tracebacks"
    )

    fuzz = []
    if args.quick:
        fuzz.append({"database": "SQLite", "state": "not measured (--quick)"})
    else:
        for url in [None, *([args.postgres] if postgres else [])]:
            log(f"form fuzz on {'PostgreSQL' if url else 'SQLite'} …")
            fuzz.append(form_fuzz(work, url, args.fuzz_requests))
            log(f"  {fuzz[-1]}")
        if not postgres:
            fuzz.append({"database": "PostgreSQL", "state": "not measured (no server)"})

    security = []
    if not args.quick:
        log("security tests …")
        security = security_tests(work, run=True)
    for item in security:
        log(f"  {item['item']}: {len(item['tests'])} tests, {Counter(item['states'])}")
    return {
        "kills": kills,
        "mixed": mixed,
        "bad_imports": bad,
        "fuzz": fuzz,
        "security": security,
        "postgres": pg_settings,
    }


def summary(results: dict) -> dict[str, int]:
    """How often each promise was broken (all must be 0)."""
    kills = results["kills"].values()
    return {
        "acknowledged_writes_lost": sum(f.lost for f in kills)
        + sum(m.lost for m in results["mixed"]),
        "integrity_failures": sum(f.integrity_failures for f in kills)
        + sum(m.integrity not in ("ok", "n/a") for m in results["mixed"]),
        "partial_imports": sum(f.partial for f in kills),
        "bad_import_tracebacks": sum(r.traceback for r in results["bad_imports"]),
        "bad_imports_that_changed_data": sum(r.changed for r in results["bad_imports"]),
        "form_fuzz_server_errors": sum(f.get("server_errors") or 0 for f in results["fuzz"]),
    }


def as_json(results: dict) -> dict:
    def plain(value):
        if hasattr(value, "__dataclass_fields__"):
            return {name: plain(getattr(value, name)) for name in value.__dataclass_fields__}
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    return plain(results)


if __name__ == "__main__":
    sys.exit(main())
