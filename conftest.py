"""Shared fixtures: an owner and an outsider, as in every test of owner scoping."""

from __future__ import annotations

import datetime as dt
import os

import pytest


@pytest.fixture(autouse=True)
def _frozen_clock():
    """Every test runs on the factories' TODAY, whatever the machine's clock says.

    The clock starts at noon UTC on TODAY and ticks on from there, so code that measures
    durations still sees time pass. `.ci/run` runs the suite again under a moved clock
    (faketime) to prove that nothing reads the real calendar.
    """
    import time_machine

    from wayfinder.core.tests.factories import TODAY

    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC), tick=True):
        yield


def pytest_configure(config):
    """Tests in this process keep Django's cache in memory, whatever the deployment's cache
    (the database's table on PostgreSQL): a test without database access may still clear
    it, and query-count pins count the record's queries, not the cache's. The shared caches
    themselves are tested in operations/tests/test_cache.py, and servers started by tests
    (operations/tests/test_two_servers.py) use the configured one."""
    from django.conf import settings

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": settings.CACHE_MAX_ENTRIES},
        }
    }


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached pages must not leak from one test into the next (ids are reused)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def owner(db):
    from wayfinder.core.tests.factories import ProfileFactory

    return ProfileFactory()


@pytest.fixture
def outsider(db):
    from wayfinder.core.tests.factories import ProfileFactory

    return ProfileFactory()


@pytest.fixture
def today():
    from wayfinder.core.tests.factories import TODAY

    return TODAY


def _require_service(name: str, available: bool, reason: str) -> None:
    """Skip a test that needs a service this machine lacks, unless CI said it must be here.

    `.ci/run` sets WAYFINDER_REQUIRE_POSTGRES / WAYFINDER_REQUIRE_CHROMIUM so that such a
    skip becomes a failure there.
    """
    if available:
        return
    if os.environ.get(f"WAYFINDER_REQUIRE_{name.upper()}") == "1":
        pytest.fail(f"{reason} (and WAYFINDER_REQUIRE_{name.upper()}=1 says it must be here)")
    pytest.skip(reason)


@pytest.fixture
def require_service():
    return _require_service
