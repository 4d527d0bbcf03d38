"""The JSON API fuzzed by schemathesis over its whole schema, against `wayfinder serve` on
the suite's database (SQLite, or PostgreSQL when DATABASE_URL is set): no server error, no
response outside the schema (issue 11 §5). scripts/api_fuzz.py runs the same and writes
the figures in docs/api.md."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest
from django.conf import settings

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "api_fuzz.py"


def _script():
    spec = importlib.util.spec_from_file_location("api_fuzz", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _database_url() -> str | None:
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        return None
    user, host, port = database["USER"], database["HOST"] or "127.0.0.1", database["PORT"] or 5432
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{host}:{port}/{database['NAME']}"


@pytest.mark.slow
# Under libfaketime (CI's moved-clock runs) a timed wait never runs out (see the Makefile),
# and schemathesis's worker threads wait on one: the fuzz would hang, not fail. The fuzz
# reads no date; the runs on SQLite and PostgreSQL at the real clock cover it.
@pytest.mark.skipif(
    "FAKETIME" in os.environ, reason="schemathesis's timed waits never end under faketime"
)
def test_the_fuzzer_finds_no_server_error_and_no_schema_violation():
    fuzz = _script()
    figures = fuzz.run_fuzz(database_url=_database_url())
    assert figures.tested == figures.operations > 0
    assert figures.failures == [], [(f["title"], f["operations"]) for f in figures.failures]
    assert figures.errors == []
    assert figures.test_cases > figures.operations
