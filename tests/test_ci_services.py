"""When CI says PostgreSQL must be here, the suite really runs on it."""

import os

import pytest
from django.db import connection


@pytest.mark.django_db
def test_postgres_run_really_uses_postgres():
    if os.environ.get("WAYFINDER_REQUIRE_POSTGRES") != "1":
        pytest.skip("only meaningful in the PostgreSQL run of .ci/run")
    assert connection.vendor == "postgresql"
