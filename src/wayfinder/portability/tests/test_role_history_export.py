"""The role history and the résumé summary in the export: exported, imported back as they
were, refused in plain words when broken, and read as empty from a version 4 file."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from wayfinder.core.models import Position, Profile
from wayfinder.core.tests.factories import PositionFactory
from wayfinder.portability.exporter import export_text, owner_export
from wayfinder.portability.format import format_upgrade
from wayfinder.portability.importer import owner_import
from wayfinder.portability.validation import ImportRefused

pytestmark = pytest.mark.django_db

ROLE_FIELDS = ("title", "organisation", "location", "started_on", "ended_on", "summary")


@pytest.fixture
def exported(owner):
    owner.summary = "I build teams that learn fast."
    owner.save()
    PositionFactory(owner=owner, title="Director", location="London", summary="Team of 8.")
    PositionFactory(
        owner=owner,
        title="Board member",
        organisation="Charity",
        started_on=dt.date(2024, 5, 1),
        highlight_wins=False,
    )
    PositionFactory(
        owner=owner,
        title="Analyst",
        started_on=dt.date(2015, 1, 5),
        ended_on=dt.date(2019, 12, 20),
    )
    data = owner_export(owner=owner)
    owner.user.delete()
    return data


def test_the_role_history_and_summary_round_trip(exported):
    assert exported["profile"]["summary"] == "I build teams that learn fast."
    assert [row["title"] for row in exported["positions"]] == [
        "Director",
        "Board member",
        "Analyst",
    ]
    assert exported["positions"][1]["highlight_wins"] is False
    result = owner_import(data=copy.deepcopy(exported))
    assert result.owner.summary == "I build teams that learn fast."
    roles = Position.objects.for_owner(result.owner)
    assert [tuple(getattr(r, f) for f in ROLE_FIELDS) for r in roles] == [
        ("Board member", "Charity", "", dt.date(2024, 5, 1), None, ""),
        ("Director", "Northwind", "London", dt.date(2022, 3, 1), None, "Team of 8."),
        ("Analyst", "Northwind", "", dt.date(2015, 1, 5), dt.date(2019, 12, 20), ""),
    ]
    assert export_text(owner_export(owner=result.owner)) == export_text(exported)


def test_a_role_ending_before_it_starts_is_refused_in_plain_words(exported):
    exported["positions"][2]["ended_on"] = "2014-12-31"
    with pytest.raises(ImportRefused, match="ended_on must not be before started_on"):
        owner_import(data=exported)
    assert not Profile.objects.exists() and not Position.objects.exists()


def test_the_same_role_twice_is_refused(exported):
    twin = exported["positions"][1] | {"ref": 99}
    exported["positions"].append(twin)
    with pytest.raises(ImportRefused, match="repeats"):
        owner_import(data=exported)
    assert not Position.objects.exists()


def test_a_version_4_file_reads_with_no_roles_and_no_summary(exported):
    old = copy.deepcopy(exported) | {"version": 4}
    del old["positions"]
    del old["profile"]["summary"]
    upgraded = format_upgrade(old)
    assert upgraded["positions"] == [] and upgraded["profile"]["summary"] == ""
    result = owner_import(data=old)
    assert result.owner.summary == ""
    assert not Position.objects.for_owner(result.owner).exists()
