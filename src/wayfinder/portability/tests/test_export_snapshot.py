"""Export reads one snapshot: rows written meanwhile are all in or all out, and the
writers are not held up (on SQLite and on PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from wayfinder.core.tests.factories import TODAY, ProfileFactory
from wayfinder.demo.persona import demo_create
from wayfinder.portability import exporter
from wayfinder.wins.models import Win
from wayfinder.wins.services import MetricInput, win_create

pytestmark = pytest.mark.django_db(transaction=True)

WRITTEN = "Written during the export"


def _capture(owner_id: int, title: str) -> None:
    """A win with one metric, in its own transaction and connection, as capture does."""
    from wayfinder.core.models import Profile

    owner = Profile.objects.get(pk=owner_id)
    win_create(
        owner=owner,
        title=title,
        occurred_on=TODAY,
        metrics=[MetricInput(value=30, unit="%")],
        source="capture",
    )


def _in_a_thread(target, *args) -> list[BaseException]:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            target(*args)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive(), "the writer was held up by the export"
    return errors


def test_a_win_written_between_two_sections_is_not_half_exported(monkeypatch):
    owner = ProfileFactory()
    win_create(owner=owner, title="Before", occurred_on=TODAY, metrics=[MetricInput(1, "x")])
    real_value_text = exporter.value_text
    writes: list[list[BaseException]] = []

    def value_text(field, value):
        # Once the wins are read and before the metrics are: a writer commits a win and
        # its metric. The export must hold neither, and the writer must not wait.
        if field.model is Win and not writes:
            writes.append(_in_a_thread(_capture, owner.pk, WRITTEN))
        return real_value_text(field, value)

    monkeypatch.setattr(exporter, "value_text", value_text)

    data = exporter.owner_export(owner=owner)

    assert writes == [[]]
    assert Win.objects.filter(owner=owner, title=WRITTEN).exists()
    assert [win["title"] for win in data["wins"]] == ["Before"]
    assert [metric["win"] for metric in data["impact_metrics"]] == [1]


def test_exports_stay_whole_while_quick_capture_writes():
    owner = demo_create(today=TODAY)
    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:
        while not stop.is_set():
            _capture(owner.pk, f"{WRITTEN} {len(written)}")
            written.append(1)

    errors: list[BaseException] = []

    def run_writer() -> None:
        try:
            writer()
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run_writer)
    thread.start()
    try:
        exports = [exporter.owner_export(owner=owner) for _ in range(6)]
    finally:
        stop.set()
        thread.join(timeout=30)

    assert not errors
    assert written, "the writer never got to write during the exports"
    for data in exports:
        # Every captured win has one metric: a snapshot holds as many of each.
        captured = {w["ref"] for w in data["wins"] if w["title"].startswith(WRITTEN)}
        metrics = [m for m in data["impact_metrics"] if m["win"] in captured]
        assert len(metrics) == len(captured)
