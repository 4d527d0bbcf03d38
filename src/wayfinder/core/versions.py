"""The owner's data version: cached pages are keyed by it and every write moves it on."""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest, HttpResponse

from wayfinder.core.middleware import UNSAFE_METHODS
from wayfinder.core.models import DataVersion, Profile

# Set on a request once its write has moved the owner's version on.
_RECORDED = "_wayfinder_data_version_recorded"


def data_version_of(*, owner: Profile) -> int:
    """The owner's current data version, in one query (0 before any write was recorded)."""
    return DataVersion.objects.filter(owner=owner).values_list("version", flat=True).first() or 0


def data_version_bump(*, owner_id: int) -> None:
    """Record that the owner's data changed: every page cached for them is now stale."""
    if _version_moved(owner_id):
        return
    try:
        with transaction.atomic():
            DataVersion.objects.create(owner_id=owner_id, version=1)
    except IntegrityError:  # created meanwhile by another writer
        _version_moved(owner_id)


def _version_moved(owner_id: int) -> bool:
    """`DataVersion.objects.filter(owner_id=...).update(version=F("version") + 1)`, as the
    one statement it compiles to: every write runs it, and the ORM took longer to build
    it than the database to run it. False when the owner has no version row yet."""
    quote = connection.ops.quote_name
    table = quote(DataVersion._meta.db_table)
    version = quote(DataVersion._meta.get_field("version").column)
    owner = quote(DataVersion._meta.get_field("owner").column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {version} = {version} + 1 WHERE {owner} = %s", [owner_id]
        )
        return cursor.rowcount > 0


def data_version_bump_after(request: HttpRequest, response: HttpResponse) -> None:
    """After a request: a write by a signed-in owner makes their cached pages stale.

    A write is an unsafe method that was not refused: a 4xx (input that cannot be stored,
    CSRF, a missing scope...) or a 503 (the database was busy, core/busy.py) wrote nothing.
    """
    if request.method in UNSAFE_METHODS and response.status_code < 400:
        data_version_bump_by(request)


def data_version_bump_by(request: HttpRequest) -> None:
    """The request wrote: the signed-in owner's cached pages are stale. At most once a
    request, so the API can move the version inside the write's own transaction (one
    commit), and the middleware, which calls `data_version_bump_after` for every request,
    then leaves it be."""
    if getattr(request, _RECORDED, False) or not request.user.is_authenticated:
        return
    profile_id = getattr(getattr(request.user, "profile", None), "pk", None)
    if profile_id is not None:
        data_version_bump(owner_id=profile_id)
        setattr(request, _RECORDED, True)
