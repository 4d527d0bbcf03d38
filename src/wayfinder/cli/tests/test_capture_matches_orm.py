"""A row written by quick capture is the row the services would write, column by column."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from wayfinder.cli import capture
from wayfinder.core.metrics import metric_shown
from wayfinder.core.parsing import metric_parse
from wayfinder.core.services import owner_create
from wayfinder.network.models import Interaction, Person
from wayfinder.network.services import interaction_log, person_find_or_create
from wayfinder.wins.models import ImpactMetric, Win, WinSource
from wayfinder.wins.services import metric_parse as wins_metric_parse
from wayfinder.wins.services import win_create

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="quick capture SQL is for SQLite"),
]

STORED_DATETIME = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{6})?$")
TIMESTAMPS = {"created_at", "updated_at"}


@pytest.fixture
def owner():
    return owner_create(username="alice", time_zone="Europe/London")


@pytest.fixture
def path() -> Path:
    return Path(connection.settings_dict["NAME"])


def raw(path: Path, table: str, pk: int) -> dict[str, tuple[str, object]]:
    """A row as SQLite holds it: every value with its Python type, no converters."""
    with sqlite3.connect(path) as plain:
        cursor = plain.execute(f"SELECT * FROM {table} WHERE id = ?", (pk,))
        row = cursor.fetchone()
        return {d[0]: (type(v).__name__, v) for d, v in zip(cursor.description, row, strict=True)}


def without(row: dict, *names: str) -> dict:
    return {k: v for k, v in row.items() if k not in {"id", *TIMESTAMPS, *names}}


def assert_timestamps_as_django_writes_them(row: dict) -> None:
    for name in TIMESTAMPS:
        kind, value = row[name]
        assert kind == "str"
        assert STORED_DATETIME.match(value), value


def search_entry(path: Path, rowid: int) -> tuple | None:
    with sqlite3.connect(path) as plain:
        tables = {r[0] for r in plain.execute("SELECT name FROM sqlite_master")}
        if "search_entry" not in tables:
            return None
        return plain.execute(
            "SELECT owner_id, title, body FROM search_entry WHERE rowid = ?", (rowid,)
        ).fetchone()


# Typed as people write them: units, scales, a period and a baseline all reach the row.
METRICS_TYPED = ["30 %", "2 days", "$400k per year", "from 3.8 to 4.5"]


def test_a_captured_win_equals_a_win_from_the_service(owner, path):
    before = timezone.now()
    orm = win_create(
        owner=owner,
        title="Cut onboarding time",
        occurred_on=dt.date(2026, 11, 20),
        result="New hires ship in week one",
        skills=["Facilitation", "Writing"],
        metrics=[wins_metric_parse(text) for text in METRICS_TYPED],
        source=WinSource.CAPTURE,
    )
    line = capture.win_log(
        path,
        username=None,
        title="Cut onboarding time",
        occurred_on=dt.date(2026, 11, 20),
        result="New hires ship in week one",
        metrics=[metric_parse(text) for text in METRICS_TYPED],
        skills={"facilitation": "facilitation", "writing": "Writing"},
    )
    after = timezone.now()
    captured_id = int(re.search(r"#(\d+)", line).group(1))

    orm_row, captured_row = raw(path, "wins_win", orm.id), raw(path, "wins_win", captured_id)
    assert without(captured_row) == without(orm_row)
    assert_timestamps_as_django_writes_them(captured_row)

    captured = Win.objects.get(pk=captured_id)
    for field in Win._meta.concrete_fields:
        if field.name not in {"id", *TIMESTAMPS}:
            assert getattr(captured, field.attname) == getattr(orm, field.attname), field.name
    assert before <= captured.created_at == captured.updated_at <= after
    assert set(Win.objects.filter(created_at__range=(before, after))) == {orm, captured}
    # Skills are found case-insensitively: the same rows, none created twice.
    assert list(captured.skills.order_by("id")) == list(orm.skills.order_by("id"))
    orm_metrics = [raw(path, "wins_impactmetric", m.id) for m in orm.metrics.all()]
    captured_metrics = [raw(path, "wins_impactmetric", m.id) for m in captured.metrics.all()]
    assert [without(m, "win_id") for m in captured_metrics] == [
        without(m, "win_id") for m in orm_metrics
    ]
    for metric in captured_metrics:
        assert_timestamps_as_django_writes_them(metric)
    assert ImpactMetric.objects.filter(win=captured).count() == len(METRICS_TYPED)
    assert [metric_shown(m) for m in captured.metrics.all()] == [
        "30 %",
        "2 days",
        "$400k per year",
        "from 3.8 to 4.5",
    ]
    orm_entry = search_entry(path, orm.id * 8 + 1)
    assert search_entry(path, captured_id * 8 + 1) == orm_entry


def test_a_skill_created_by_capture_equals_one_created_by_the_service(owner, path):
    orm = win_create(owner=owner, title="A", occurred_on=dt.date(2026, 11, 1), skills=["Writing"])
    capture.win_log(
        path,
        username="alice",
        title="B",
        occurred_on=dt.date(2026, 11, 2),
        result="",
        metrics=[],
        skills={"negotiation": "Negotiation"},
    )

    orm_skill = orm.skills.get()
    captured_skill = type(orm_skill).objects.for_owner(owner).get(name="Negotiation")
    assert without(raw(path, "core_skill", captured_skill.id), "name") == without(
        raw(path, "core_skill", orm_skill.id), "name"
    )
    assert_timestamps_as_django_writes_them(raw(path, "core_skill", captured_skill.id))


def test_a_captured_person_and_interaction_equal_the_services(owner, path):
    orm_person = person_find_or_create(owner=owner, name="Ann Lee")
    orm = interaction_log(
        owner=owner,
        people=[orm_person],
        occurred_on=dt.date(2026, 11, 20),
        kind="coffee",
        notes="The platform role",
    )
    line = capture.interaction_log(
        path,
        username=None,
        person="Bo Chen",
        notes="The platform role",
        kind="coffee",
        occurred_on=dt.date(2026, 11, 20),
        allow_new=False,
    )
    captured_id = int(re.search(r"#(\d+)", line).group(1))
    captured_person = Person.objects.for_owner(owner).get(name="Bo Chen")

    person_row = raw(path, "network_person", captured_person.id)
    assert without(person_row, "name") == without(
        raw(path, "network_person", orm_person.id), "name"
    )
    assert_timestamps_as_django_writes_them(person_row)
    for field in Person._meta.concrete_fields:
        if field.name not in {"id", "name", *TIMESTAMPS}:
            assert getattr(captured_person, field.attname) == getattr(orm_person, field.attname)

    captured_row = raw(path, "network_interaction", captured_id)
    assert without(captured_row) == without(raw(path, "network_interaction", orm.id))
    assert_timestamps_as_django_writes_them(captured_row)
    captured = Interaction.objects.get(pk=captured_id)
    assert list(captured.people.all()) == [captured_person]
    assert captured.occurred_on == orm.occurred_on
    assert search_entry(path, captured_id * 8 + 3) == search_entry(path, orm.id * 8 + 3)
    assert search_entry(path, captured_person.id * 8 + 2)[1] == "Bo Chen"


def test_capture_finds_the_person_the_service_finds(owner, path):
    known = person_find_or_create(owner=owner, name="Priya Raman")

    line = capture.interaction_log(
        path,
        username=None,
        person="priya  raman",
        notes="",
        kind="other",
        occurred_on=dt.date(2026, 11, 20),
        allow_new=False,
    )

    assert "with Priya Raman" in line
    assert "new in your network" not in line
    assert Person.objects.for_owner(owner).count() == 1
    assert list(Interaction.objects.for_owner(owner).get().people.all()) == [known]


def test_new_adds_a_namesake_on_both_databases_alike(owner, path):
    from wayfinder.network.services import person_get_or_create

    first = person_find_or_create(owner=owner, name="Priya Raman")
    orm_twin, created = person_get_or_create(owner=owner, name="Priya Raman", allow_new=True)
    assert created and orm_twin.namesake == 1

    line = capture.interaction_log(
        path,
        username=None,
        person="Priya Raman",
        notes="",
        kind="other",
        occurred_on=dt.date(2026, 11, 20),
        allow_new=True,
    )

    assert "new in your network" in line
    people = Person.objects.for_owner(owner).filter(name="Priya Raman").order_by("namesake")
    assert [p.namesake for p in people] == [0, 1, 2]
    captured = people[2]
    assert without(raw(path, "network_person", captured.id), "namesake") == without(
        raw(path, "network_person", orm_twin.id), "namesake"
    )
    assert raw(path, "network_person", captured.id)["namesake"] == ("int", 2)
    assert first.namesake == 0


def test_capture_and_the_service_refuse_a_name_two_people_share(owner, path):
    from wayfinder.network.services import NetworkError, person_get_or_create

    person_find_or_create(owner=owner, name="Alex Kim")
    person_get_or_create(owner=owner, name="Alex Kim", allow_new=True)

    with pytest.raises(capture.CaptureError) as captured:
        capture.interaction_log(
            path,
            username=None,
            person="alex kim",
            notes="",
            kind="other",
            occurred_on=dt.date(2026, 11, 20),
            allow_new=False,
        )
    with pytest.raises(NetworkError) as served:
        person_find_or_create(owner=owner, name="alex kim")
    assert str(captured.value) == str(served.value)
    assert "2 people are called 'alex kim'" in str(served.value)
    assert not Interaction.objects.for_owner(owner).exists()
