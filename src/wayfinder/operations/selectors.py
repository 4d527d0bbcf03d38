"""Readiness: whether this process can serve (database reachable, every migration applied)."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

# Once this code's migrations are all applied they stay applied: later probes only check
# that the database answers (the migration graph takes tens of milliseconds to load).
_migrated = False


def readiness_problem() -> str | None:
    """None when ready; otherwise one sentence saying what is missing."""
    global _migrated
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if _migrated:
            return None
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        first = str(error).strip().splitlines()
        return f"the database does not answer ({first[0] if first else type(error).__name__})"
    if pending:
        return f"{len(pending)} migration(s) not applied: run `wayfinder init` (migrate)"
    _migrated = True
    return None
