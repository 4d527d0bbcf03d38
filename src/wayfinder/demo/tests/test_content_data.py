"""The demo persona read from its data files is the record the Python content made.

`fixtures/demo_export.json` is the export of `demo_create(today=TODAY)` made by the code
before the content became data, normalised by `_normalised` below: random uids, and the
timestamps of rows the demo does not date itself, are left out.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from wayfinder.core.tests.factories import TODAY
from wayfinder.demo.content import demo_content
from wayfinder.demo.persona import demo_create
from wayfinder.portability.exporter import owner_export

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent / "fixtures" / "demo_export.json"
# Rows the demo writes without its own dates carry the moment they were written.
UNDATED = {"people": {"updated_at"}, "person_roles": {"created_at", "updated_at"}}
UNDATED["win_audience"] = {"created_at", "updated_at"}


def _normalised(export: dict[str, Any]) -> dict[str, Any]:
    refs = {row["uid"]: row["ref"] for row in export["development_actions"]}
    out: dict[str, Any] = {"profile": export["profile"]}
    for key, rows in export.items():
        if not isinstance(rows, list):
            continue
        left_out = UNDATED.get(key, set()) | {"uid"}
        out[key] = [{k: v for k, v in row.items() if k not in left_out} for row in rows]
    for revision in out["plan_revisions"]:
        for action in revision["snapshot"]["actions"]:
            action["uid"] = refs[action["uid"]]
    return out


@pytest.fixture(scope="module")
def before() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture
def after() -> dict[str, Any]:
    return _normalised(owner_export(owner=demo_create(today=TODAY)))


def test_every_section_has_the_same_number_of_rows(before, after):
    counts = {key: len(rows) for key, rows in before.items() if isinstance(rows, list)}
    assert {key: len(after[key]) for key in counts} == counts
    assert counts["wins"] == 35 and counts["interactions"] == 122


def test_every_row_is_the_same_in_the_fields_it_had(before, after):
    # Fields added to the models since the fixture was made are not compared.
    assert {field: after["profile"][field] for field in before["profile"]} == before["profile"]
    for key, rows in before.items():
        if not isinstance(rows, list):
            continue
        now = [
            {field: row[field] for field in old if field in row}
            for row, old in zip(after[key], rows, strict=True)
        ]
        assert now == rows, key


def test_key_rows_keep_their_dates_relative_to_today(after):
    sam_mentor = [row for row in after["person_roles"] if row["ended_on"]]
    assert [(r["role"], r["started_on"], r["ended_on"]) for r in sam_mentor] == [
        ("mentor", "2024-02-27", "2025-09-29")
    ]
    pipeline = next(w for w in after["wins"] if w["title"].startswith("Marketing-sourced"))
    assert pipeline["occurred_on"] == "2026-09-14"
    assert pipeline["private_notes"] == "Marcus presented this one as his."


def test_a_later_today_moves_every_date_with_it(after):
    import datetime as dt

    from wayfinder.wins.models import Win

    owner = demo_create(today=TODAY + dt.timedelta(days=10), username="later")
    later = Win.objects.for_owner(owner).order_by("pk").values_list("occurred_on", flat=True)
    assert [day.isoformat() for day in later] == [
        (dt.date.fromisoformat(w["occurred_on"]) + dt.timedelta(days=10)).isoformat()
        for w in after["wins"]
    ]


def test_the_data_files_name_each_section_once_and_ship_in_the_package():
    content = demo_content()
    assert {"profile", "people", "wins", "actions", "narratives"} <= content.keys()
    assert content["profile"]["display_name"] == "Dana Okafor"
