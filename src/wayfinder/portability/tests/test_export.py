"""Export: every row of the owner's, named by refs, in a stable and readable shape."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from wayfinder.core.tests.factories import SkillFactory
from wayfinder.network.tests.factories import InteractionFactory, PersonFactory
from wayfinder.plan.tests.factories import DevelopmentActionFactory, PlanRevisionFactory
from wayfinder.portability.exporter import ExportError, export_text, owner_export
from wayfinder.portability.format import FORMAT_VERSION, sections
from wayfinder.reflection.tests.factories import JournalEntryFactory, PrivateNoteFactory
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db


def test_export_names_rows_by_ref_and_links_by_sorted_refs(owner, outsider):
    first, second = SkillFactory(owner=owner, name="Pricing"), SkillFactory(owner=owner)
    SkillFactory(owner=outsider, name="Not mine")
    win = WinFactory(owner=owner, title="Pricing win")
    win.skills.set([second, first])
    data = owner_export(owner=owner)
    assert [s["ref"] for s in data["skills"]] == [1, 2]
    assert data["skills"][0]["name"] == "Pricing"
    assert data["wins"][0]["skills"] == [1, 2]
    assert "Not mine" not in export_text(data)
    assert "id" not in data["wins"][0] and "owner" not in data["wins"][0]


def test_export_writes_dates_datetimes_uids_and_json_plainly(owner):
    moment = dt.datetime(2026, 11, 23, 9, 30, 15, 250000, tzinfo=dt.UTC)
    action = DevelopmentActionFactory(owner=owner, due_on=dt.date(2027, 2, 1), created_at=moment)
    revision = PlanRevisionFactory(owner=owner, plan=action.plan, snapshot={"actions": [1.5]})
    data = owner_export(owner=owner)
    exported = data["development_actions"][0]
    assert exported["due_on"] == "2027-02-01"
    assert exported["created_at"] == "2026-11-23T09:30:15.250000Z"
    assert exported["uid"] == str(action.uid)
    assert exported["plan"] == data["development_plans"][0]["ref"]
    assert data["plan_revisions"][0]["snapshot"] == revision.snapshot
    assert data["profile"]["username"] == owner.user.username


def test_export_includes_private_fields_and_records_for_the_owner(owner):
    PersonFactory(owner=owner, private_notes="Might leave soon")
    WinFactory(owner=owner, private_notes="Credit was taken")
    JournalEntryFactory(owner=owner, is_private=True, answer="Secret answer")
    PrivateNoteFactory(owner=owner, kind="backup_plan", title="Plan B")
    text = export_text(owner_export(owner=owner))
    for private in ("Might leave soon", "Credit was taken", "Secret answer", "Plan B"):
        assert private in text


def test_export_text_is_stable_sorted_and_ends_with_a_newline(owner):
    InteractionFactory(owner=owner, notes="Café ☕ with Zoë")
    text = export_text(owner_export(owner=owner))
    assert text == export_text(owner_export(owner=owner))
    assert text.endswith("}\n")
    assert "Café ☕ with Zoë" in text
    assert list(json.loads(text)) == sorted(json.loads(text))
    assert "exported_at" not in text


def test_export_has_every_section_even_when_empty(owner):
    data = owner_export(owner=owner)
    assert data["format"] == "wayfinder" and data["version"] == FORMAT_VERSION
    assert all(data[section.key] == [] for section in sections())


def test_export_refuses_a_row_pointing_at_another_owners_row(owner, outsider):
    win = WinFactory(owner=owner)
    win.collaborators.add(PersonFactory(owner=outsider))
    with pytest.raises(ExportError, match=r"wins row \d+: collaborators points at a row outside"):
        owner_export(owner=owner)


def test_export_takes_a_fixed_number_of_queries(owner, django_assert_max_num_queries):
    for _ in range(5):
        WinFactory(owner=owner).skills.add(SkillFactory(owner=owner))
    m2m = sum(len(section.model._meta.many_to_many) for section in sections())
    with django_assert_max_num_queries(1 + len(sections()) + m2m):
        owner_export(owner=owner)
