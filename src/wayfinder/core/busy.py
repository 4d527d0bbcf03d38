"""While another writer holds the database (a long import on SQLite, a lock on
PostgreSQL), a web write is answered 503 "busy, try again in a moment", not a 500.

Nothing was written: the view's transaction rolled back when the lock could not be had.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

RETRY_AFTER_SECONDS = 5

# PostgreSQL: serialization failure, deadlock, lock not available (lock_timeout).
BUSY_SQLSTATES = frozenset({"40001", "40P01", "55P03"})


def is_busy(error: BaseException) -> bool:
    """True for a database error that means "another writer holds it", worth a retry."""
    if not isinstance(error, OperationalError):
        return False
    # SQLite: SQLITE_BUSY ("database is locked") and SQLITE_LOCKED ("... table is locked").
    if "is locked" in str(error):
        return True
    return getattr(error.__cause__, "sqlstate", None) in BUSY_SQLSTATES


def busy_response(request: HttpRequest) -> HttpResponse:
    response = render(
        request,
        "core/busy.html",
        {"retry_after": RETRY_AFTER_SECONDS},
        status=503,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class BusyDatabaseMiddleware:
    """Turns "database is locked" from a view into a 503 page with Retry-After."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_busy(exception):
            return busy_response(request)
        return None
