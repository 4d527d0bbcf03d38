"""Quick capture moves the owner's data version on, so cached pages show the new entry."""

from __future__ import annotations

import pytest

from wayfinder.cli.tests.conftest import database, wayfinder


def version(data_dir) -> int | None:
    with database(data_dir) as db:
        row = db.execute("SELECT version FROM core_dataversion").fetchone()
    return row[0] if row else None


@pytest.mark.parametrize(
    "command",
    [("win", "Shipped the pricing page"), ("met", "Priya Raman", "Coffee about pricing")],
)
def test_each_capture_bumps_the_data_version(data_dir, command):
    assert version(data_dir) is None
    first = wayfinder(data_dir, *command)
    assert first.returncode == 0, first.stderr
    assert version(data_dir) == 1
    second = wayfinder(data_dir, *command)
    assert second.returncode == 0, second.stderr
    assert version(data_dir) == 2


def test_a_refused_capture_bumps_nothing(data_dir):
    refused = wayfinder(data_dir, "win", "Shipped", "--metric", "lots")
    assert refused.returncode == 1
    assert version(data_dir) is None
