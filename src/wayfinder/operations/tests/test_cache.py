"""The cache every app server shares: chosen from the environment, and working."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest
from django.core.cache.backends.db import DatabaseCache
from django.db import connection

from wayfinder.environment import ConfigurationError, cache_url


def caches_with(**env: str) -> str:
    """settings.CACHES's backend in a fresh process with `env`."""
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "WAYFINDER_CACHE_URL"}}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; c = settings.CACHES['default'];"
            "print(c['BACKEND'], c.get('LOCATION', ''));"
            "print(settings.SESSION_ENGINE, settings.TASKS['default']['BACKEND'])",
        ],
        env={**base, "DJANGO_SETTINGS_MODULE": "wayfinder.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_sqlite_keeps_the_cache_in_memory_and_runs_jobs_at_once(tmp_path):
    assert caches_with(WAYFINDER_DATA_DIR=str(tmp_path)) == (
        "django.core.cache.backends.locmem.LocMemCache \n"
        "django.contrib.sessions.backends.db django_tasks.backends.immediate.ImmediateBackend\n"
    )


def test_postgresql_shares_the_database_cache_and_queues_jobs(tmp_path):
    out = caches_with(WAYFINDER_DATA_DIR=str(tmp_path), DATABASE_URL="postgres://u@db:5432/w")
    assert out == (
        "django.core.cache.backends.db.DatabaseCache wayfinder_cache\n"
        "django.contrib.sessions.backends.db django_tasks_db.DatabaseBackend\n"
    )


def test_a_cache_url_means_redis(tmp_path):
    out = caches_with(
        WAYFINDER_DATA_DIR=str(tmp_path),
        DATABASE_URL="postgres://u@db:5432/w",
        WAYFINDER_CACHE_URL="redis://127.0.0.1:6379/3",
    )
    assert out.splitlines()[0] == (
        "django.core.cache.backends.redis.RedisCache redis://127.0.0.1:6379/3"
    )


@pytest.mark.parametrize(
    ("raw", "got"),
    [("memcached://x:11211", "scheme 'memcached'"), ("127.0.0.1:6379", "no scheme")],
)
def test_a_cache_url_that_is_not_redis_is_refused(monkeypatch, raw, got):
    monkeypatch.setenv("WAYFINDER_CACHE_URL", raw)
    with pytest.raises(ConfigurationError) as refused:
        cache_url()
    assert str(refused.value) == (
        f"WAYFINDER_CACHE_URL must be a Redis URL like redis://127.0.0.1:6379/0 (got {got})"
    )


def test_an_empty_cache_url_is_unset(monkeypatch):
    monkeypatch.setenv("WAYFINDER_CACHE_URL", "  ")
    assert cache_url() is None


@pytest.mark.django_db(transaction=True)
def test_the_database_cache_table_is_made_by_migrate(require_service):
    """The migration made `wayfinder_cache` (createcachetable); values set through one
    cache object are read through another, as by two app servers."""
    require_service(
        "postgres", connection.vendor == "postgresql", "the database cache is for PostgreSQL"
    )
    assert "wayfinder_cache" in connection.introspection.table_names()
    one, other = DatabaseCache("wayfinder_cache", {}), DatabaseCache("wayfinder_cache", {})

    one.set("throttle:token:7", 3, timeout=60)
    assert other.get("throttle:token:7") == 3
    assert other.incr("throttle:token:7") == 4
    assert one.get("throttle:token:7") == 4
    one.clear()


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as probe:
            probe.sendall(b"PING\r\n")
            return probe.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def test_the_redis_cache_is_shared_between_clients():
    if not redis_answers():
        pytest.skip("no Redis server answers on 127.0.0.1:6379")
    from django.core.cache.backends.redis import RedisCache

    params = {"KEY_PREFIX": f"wayfinder-test-{os.getpid()}"}
    one = RedisCache("redis://127.0.0.1:6379/15", params)
    other = RedisCache("redis://127.0.0.1:6379/15", params)
    try:
        one.set("shared", {"count": 1}, timeout=30)
        assert other.get("shared") == {"count": 1}
        assert other.add("shared", "again") is False
        other.delete("shared")
        assert one.get("shared") is None
    finally:
        one.delete("shared")


def cache_options_with(**env: str) -> str:
    """settings.CACHES's OPTIONS in a fresh process with `env`."""
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "WAYFINDER_CACHE_URL"}}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.CACHES['default'].get('OPTIONS'))",
        ],
        env={**base, "DJANGO_SETTINGS_MODULE": "wayfinder.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_the_database_and_memory_caches_hold_thousands_of_entries(tmp_path):
    """Django's own bound is 300 entries, then a third of them dropped in key order: the
    dashboards ("dashboard:...") of a busy instance went first."""
    on_sqlite = cache_options_with(WAYFINDER_DATA_DIR=str(tmp_path))
    on_postgres = cache_options_with(
        WAYFINDER_DATA_DIR=str(tmp_path), DATABASE_URL="postgres://u@db:5432/w"
    )
    assert on_sqlite == on_postgres == "{'MAX_ENTRIES': 100000}"


@pytest.mark.django_db(transaction=True)
def test_the_database_cache_keeps_more_than_djangos_default_bound(require_service, settings):
    require_service(
        "postgres", connection.vendor == "postgresql", "the database cache is for PostgreSQL"
    )
    shared = DatabaseCache(
        "wayfinder_cache", {"OPTIONS": {"MAX_ENTRIES": settings.CACHE_MAX_ENTRIES}}
    )
    keys = [f"dashboard:{n}" for n in range(400)]
    try:
        shared.set_many({key: n for n, key in enumerate(keys)}, timeout=60)
        assert len(shared.get_many(keys)) == 400
    finally:
        shared.clear()
