"""Refusing a database written by a newer Wayfinder.

A newer release may have applied migrations this code does not know: it would then
read the wrong columns or fail on the next write. Every command checks first and names
the migration. The SQLite check uses sqlite3 only, so quick capture stays Django-free.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import wayfinder

# Django's own apps, and the job queue's (django-tasks-db): their migrations follow their
# package's version, not Wayfinder's.
DJANGO_APPS = frozenset({"admin", "auth", "contenttypes", "sessions", "django_tasks_database"})


def wayfinder_version() -> str:
    """This installation's version, from its package metadata (pyproject.toml)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wayfinder")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def newer_schema_message(unknown: list[str]) -> str:
    more = f" and {len(unknown) - 1} more" if len(unknown) > 1 else ""
    return (
        f"the database was written by a newer Wayfinder: migration {unknown[0]}{more} is "
        f"unknown to this version ({wayfinder_version()}); upgrade Wayfinder, or restore the "
        "backup taken before the upgrade (see docs/upgrading.md)"
    )


def sqlite_unknown_migrations(connection: sqlite3.Connection) -> list[str]:
    """Migrations applied to this SQLite database that this code does not have."""
    try:
        rows = connection.execute("SELECT app, name FROM django_migrations").fetchall()
    except sqlite3.OperationalError:  # no such table: never migrated, said elsewhere
        return []
    package = Path(wayfinder.__file__).parent
    return sorted(
        f"{app}.{name}"
        for app, name in rows
        if app not in DJANGO_APPS and not (package / app / "migrations" / f"{name}.py").is_file()
    )


def django_unknown_migrations() -> list[str]:
    """Migrations applied to the configured database that this code does not have."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return sorted(
        f"{app}.{name}"
        for app, name in loader.applied_migrations
        if (app, name) not in loader.disk_migrations
    )
