"""Fuzz the JSON API with schemathesis over its whole schema, against the running app.

A fresh record (the demo persona) in a temporary data directory, or, with --database-url,
in a PostgreSQL database this script makes (and drops) beside the one named; a token with
every scope (`wayfinder token create --scopes all`); `wayfinder serve` (gunicorn) on
127.0.0.1; then `schemathesis run` over /api/v1/openapi.json with the checks below and a
bounded number of examples per operation, so a run stays within a few minutes.

    .venv/bin/python scripts/api_fuzz.py                      # SQLite; writes docs/api.md
    .venv/bin/python scripts/api_fuzz.py --database-url postgres://postgres@127.0.0.1:5432/a1
    .venv/bin/python scripts/api_fuzz.py --max-examples 5 --no-write

Exit status 1 when schemathesis found a failure (a server error, a response outside the
schema, an undocumented status or content type) or could not test an operation.
tests/test_api_fuzz.py runs the same function in the suite, on the suite's database.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "api.md"
HEADING = "## Fuzzing"
BIN = Path(sys.executable).parent
CHECKS = (
    "not_a_server_error",
    "response_schema_conformance",
    "status_code_conformance",
    "content_type_conformance",
)
MAX_EXAMPLES = 5
SEED = 2026


@dataclass
class Figures:
    database: str
    operations: int
    tested: int
    test_cases: int
    seconds: float
    max_examples: int
    failures: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    command: str = ""

    @property
    def clean(self) -> bool:
        return not self.failures and not self.errors and self.tested == self.operations


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wayfinder(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(BIN / "wayfinder"), *args], env=env, capture_output=True, text=True, timeout=600
    )
    if done.returncode != 0:
        raise RuntimeError(f"wayfinder {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout


@contextlib.contextmanager
def _postgres_copy(url: str) -> Iterator[str]:
    """A fresh database beside the one `url` names, dropped afterwards."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'wayfinder'}_apifuzz"
    server_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(server_url, autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield parts._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(server_url, autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def _serving(env: dict[str, str], data_dir: Path, port: int) -> Iterator[str]:
    """`wayfinder serve` on 127.0.0.1:`port` until the block ends."""
    log = (data_dir.parent / "serve.log").open("w")
    server = subprocess.Popen(
        [str(BIN / "wayfinder"), "--data-dir", str(data_dir), "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                said = (data_dir.parent / "serve.log").read_text().strip().splitlines()[-3:]
                raise RuntimeError(f"wayfinder serve exited with {server.returncode}: {said}")
            try:
                with urllib.request.urlopen(f"{base}/api/v1/openapi.json", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"nothing answered at {base} within 60 s") from None
                time.sleep(0.3)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def run_fuzz(
    *,
    database_url: str | None = None,
    max_examples: int = MAX_EXAMPLES,
    port: int | None = None,
    seed: int = SEED,
) -> Figures:
    """Fuzz a fresh instance over the whole schema; the figures of the run."""
    with contextlib.ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="api-fuzz-")))
        data_dir = work / "data"
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "WAYFINDER_DATA_DIR", "WAYFINDER_REQUIRE_POSTGRES"}
        }
        env |= {
            "WAYFINDER_SECRET_KEY": "api-fuzz-only",
            # The fuzzer sends thousands of requests a minute with one token.
            "WAYFINDER_API_RATE_LIMIT": "1000000",
        }
        if database_url:
            env["DATABASE_URL"] = stack.enter_context(_postgres_copy(database_url))
        _wayfinder(env, "--data-dir", str(data_dir), "demo")
        token = _wayfinder(
            env, "--data-dir", str(data_dir), "token", "create", "--name", "fuzz", "--scopes", "all"
        ).splitlines()[-1]
        base = stack.enter_context(_serving(env, data_dir, port or free_port()))
        report = work / "report.json"
        command = [
            str(BIN / "schemathesis"),
            "run",
            f"{base}/api/v1/openapi.json",
            "--header",
            f"Authorization: Bearer {token}",
            "--checks",
            ",".join(CHECKS),
            "--max-examples",
            str(max_examples),
            "--seed",
            str(seed),
            "--workers",
            "2",
            "--generation-database",
            "none",
            "--no-color",
            "--report",
            "json",
            "--report-json-path",
            str(report),
        ]
        started = time.monotonic()
        done = subprocess.run(command, capture_output=True, text=True, timeout=900, env=env)
        seconds = time.monotonic() - started
        if not report.exists():
            raise RuntimeError(f"schemathesis wrote no report: {done.stdout[-2000:]}")
        data = json.loads(report.read_text())
        shown = {base: "http://127.0.0.1:PORT", token: "$TOKEN", str(report): "report.json"}
        printed = " ".join(command[1:])
        for real, placeholder in shown.items():
            printed = printed.replace(real, placeholder)
        return Figures(
            database="PostgreSQL" if database_url else "SQLite",
            operations=data["operations"]["total"],
            tested=data["operations"]["tested"],
            test_cases=data["test_cases"]["generated"],
            seconds=seconds,
            max_examples=max_examples,
            failures=data["failures"],
            errors=data["errors"],
            command=f"schemathesis {printed}".replace(
                "Authorization: Bearer $TOKEN", "'Authorization: Bearer $TOKEN'"
            ),
        )


def section(runs: list[Figures]) -> str:
    rows = "\n".join(
        f"| {f.database} | {f.operations} | {f.tested} | {f.test_cases} | "
        f"{sum(x.get('count', 1) for x in f.failures)} | {len(f.errors)} | {f.seconds:.0f} s |"
        for f in runs
    )
    first = runs[0]
    return f"""{HEADING}

schemathesis runs over the whole schema against the app served by `wayfinder serve`
(gunicorn) on 127.0.0.1, on a fresh demo record, with a token holding every scope
(`--scopes all`), at most {first.max_examples} examples per operation and phase (seed {SEED}),
checking {", ".join(f"`{c}`" for c in CHECKS)}. In the suite it is
`tests/test_api_fuzz.py` (SQLite in `make test`, PostgreSQL in `make test-postgres`), which
must find nothing; `scripts/api_fuzz.py` runs it and writes this section:

    .venv/bin/python scripts/api_fuzz.py [--database-url postgres://postgres@127.0.0.1:5432/NAME]

which runs, once the server is up:

    {first.command}

| database | operations | tested | test cases (requests) | failures | errors | time |
| --- | --- | --- | --- | --- | --- | --- |
{rows}
"""


def write_section(text: str) -> None:
    doc = DOC.read_text()
    start = doc.find(HEADING + "\n")
    if start == -1:
        DOC.write_text(doc.rstrip("\n") + "\n\n" + text)
        return
    end = doc.find("\n## ", start + len(HEADING))
    DOC.write_text(doc[:start] + text + (doc[end:] if end != -1 else ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", help="also fuzz on PostgreSQL, beside this database")
    parser.add_argument("--max-examples", type=int, default=MAX_EXAMPLES)
    parser.add_argument("--port", type=int, help="default: a free port")
    parser.add_argument("--no-write", action="store_true", help="print, do not write docs/api.md")
    args = parser.parse_args()
    urls = [None, *([args.database_url] if args.database_url else [])]
    runs = []
    for url in urls:
        figures = run_fuzz(database_url=url, max_examples=args.max_examples, port=args.port)
        print(
            f"{figures.database}: {figures.tested}/{figures.operations} operations, "
            f"{figures.test_cases} test cases, {len(figures.failures)} failures, "
            f"{len(figures.errors)} errors in {figures.seconds:.0f} s",
            flush=True,
        )
        for failure in figures.failures:
            print(f"  {failure['title']}: {', '.join(failure['operations'])}")
        runs.append(figures)
    if not args.no_write:
        write_section(section(runs))
    return 0 if all(f.clean for f in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
