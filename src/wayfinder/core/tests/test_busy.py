"""While another writer holds the database, a web write is a 503 "busy" page with
Retry-After, and nothing is written (issue 8, §3.5)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from wayfinder.core.busy import is_busy
from wayfinder.core.models import DataVersion
from wayfinder.core.tests.factories import ProfileFactory
from wayfinder.wins.models import Win
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db(transaction=True)

SHORT_WAIT_MS = 200


@contextmanager
def sqlite_write_lock(monkeypatch) -> Iterator[None]:
    """Another connection holds the write lock, as a long import does; ours waits briefly."""
    options = connection.settings_dict["OPTIONS"]
    monkeypatch.setitem(options, "timeout", SHORT_WAIT_MS / 1000)
    monkeypatch.setitem(
        options,
        "init_command",
        options["init_command"].replace("busy_timeout=5000", f"busy_timeout={SHORT_WAIT_MS}"),
    )
    connection.close()  # the next query connects with the short wait
    holder = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


@contextmanager
def postgres_row_lock(monkeypatch, win: Win) -> Iterator[None]:
    """Another session holds the win's row; ours gives up waiting after a short lock_timeout."""
    import psycopg

    settings = connection.settings_dict
    monkeypatch.setitem(
        settings, "OPTIONS", {**settings["OPTIONS"], "options": f"-c lock_timeout={SHORT_WAIT_MS}"}
    )
    connection.close()
    holder = psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname=settings["NAME"],
    )
    holder.execute("SELECT id FROM wins_win WHERE id = %s FOR UPDATE", (win.pk,))
    try:
        yield
    finally:
        holder.rollback()
        holder.close()


@pytest.fixture
def signed_in(client):
    owner = ProfileFactory()
    client.force_login(owner.user)
    return owner


def _held(monkeypatch, win: Win):
    if connection.vendor == "sqlite":
        return sqlite_write_lock(monkeypatch)
    return postgres_row_lock(monkeypatch, win)


def test_a_write_while_the_database_is_held_is_a_busy_page(client, signed_in, monkeypatch):
    win = WinFactory(owner=signed_in, title="Before")
    versions = list(DataVersion.objects.values_list("owner_id", "version"))

    with _held(monkeypatch, win):
        response = client.post(
            reverse("wins:win-edit", args=[win.pk]),
            {"title": "After", "occurred_on": str(win.occurred_on)},
        )

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert b"busy, try again in a moment" in response.content
    assert b"Traceback" not in response.content
    win.refresh_from_db()
    assert win.title == "Before"
    # Nothing was written, so the owner's cached pages stay valid.
    assert list(DataVersion.objects.values_list("owner_id", "version")) == versions


def test_the_same_write_goes_through_once_the_lock_is_gone(client, signed_in):
    win = WinFactory(owner=signed_in, title="Before")

    response = client.post(
        reverse("wins:win-edit", args=[win.pk]),
        {"title": "After", "occurred_on": str(win.occurred_on)},
    )

    assert response.status_code == 302
    win.refresh_from_db()
    assert win.title == "After"


@pytest.mark.parametrize(
    ("error", "busy"),
    [
        (OperationalError("database is locked"), True),
        (OperationalError("database table is locked"), True),
        (OperationalError("no such table: wins_win"), False),
        (ValueError("database is locked"), False),
    ],
)
def test_only_a_held_database_counts_as_busy(error, busy):
    assert is_busy(error) is busy
