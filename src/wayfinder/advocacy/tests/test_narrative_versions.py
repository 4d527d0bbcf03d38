"""Narrative versions: created from the record, edits kept as versions, regenerate."""

from __future__ import annotations

import datetime as dt

import pytest

from wayfinder.advocacy.models import Audience, NarrativeVersion
from wayfinder.advocacy.narrative import NarrativeError
from wayfinder.advocacy.narrative_selectors import (
    narrative_list,
    narrative_version,
    narrative_versions,
)
from wayfinder.advocacy.narrative_services import (
    narrative_create,
    narrative_delete,
    narrative_regenerate,
    narrative_version_save,
)
from wayfinder.wins.tests.factories import WinFactory

START = dt.date(2026, 1, 1)


def create(owner, today, **extra):
    args = {"audience": Audience.MANAGER, "period_start": START, "period_end": today}
    return narrative_create(owner=owner, today=today, **(args | extra))


def test_create_assembles_version_one_with_an_audience_title(owner, today):
    WinFactory(owner=owner, title="Shipped the thing")

    narrative = create(owner, today, audience=Audience.COMMITTEE)

    version = narrative_version(narrative=narrative)
    assert version.number == 1 and "Shipped the thing" in version.body
    assert narrative.title.startswith("Promotion case:")
    assert create(owner, today, title="  My   own  ").title == "My own"


def test_create_refuses_bad_input_and_writes_nothing(owner, today):
    with pytest.raises(NarrativeError, match="ends"):
        create(owner, today, period_start=today, period_end=START)
    with pytest.raises(NarrativeError, match="audience"):
        create(owner, today, audience="board")
    assert not narrative_list(owner=owner).exists()


def test_edits_become_new_versions_and_old_ones_stay(owner, today):
    narrative = create(owner, today)

    second = narrative_version_save(
        owner=owner, narrative=narrative, body="# Mine\r\n\r\nIn my words.", note="tone"
    )

    assert second.number == 2 and second.body == "# Mine\n\nIn my words." and second.note == "tone"
    assert [v.number for v in narrative_versions(narrative=narrative)] == [2, 1]
    assert "Where I'm heading" in narrative_version(narrative=narrative, number=1).body
    listed = narrative_list(owner=owner).get()
    assert listed.version_count == 2


@pytest.mark.parametrize(
    ("body", "message"),
    [("   \n", "empty"), ("same", "nothing changed"), ("x" * 200_001, "longer")],
)
def test_empty_unchanged_or_huge_edits_are_refused(owner, today, body, message):
    narrative = create(owner, today)
    narrative_version_save(owner=owner, narrative=narrative, body="same")

    with pytest.raises(NarrativeError, match=message):
        narrative_version_save(owner=owner, narrative=narrative, body=body)
    assert narrative.versions.count() == 2


def test_regenerate_takes_in_new_wins_and_keeps_the_edits(owner, today):
    narrative = create(owner, today)
    narrative_version_save(owner=owner, narrative=narrative, body="my edit")
    WinFactory(owner=owner, title="A later win")

    version = narrative_regenerate(owner=owner, narrative=narrative, today=today)

    assert version.number == 3 and "A later win" in version.body
    assert version.note.startswith("Regenerated from my record")
    assert narrative.versions.filter(body="my edit").exists()


def test_another_owners_narrative_cannot_be_written(owner, outsider, today):
    narrative = create(owner, today)

    with pytest.raises(NarrativeError, match="not yours"):
        narrative_version_save(owner=outsider, narrative=narrative, body="hijack")
    with pytest.raises(NarrativeError, match="not yours"):
        narrative_regenerate(owner=outsider, narrative=narrative, today=today)
    with pytest.raises(NarrativeError, match="not yours"):
        narrative_delete(owner=outsider, narrative=narrative)
    assert narrative.versions.count() == 1
    assert not narrative_list(owner=outsider).exists()


def test_missing_version_is_does_not_exist(owner, today):
    narrative = create(owner, today)

    with pytest.raises(NarrativeVersion.DoesNotExist):
        narrative_version(narrative=narrative, number=9)
    narrative_delete(owner=owner, narrative=narrative)
    assert not NarrativeVersion.objects.for_owner(owner).exists()
