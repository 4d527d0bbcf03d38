import datetime as dt

import pytest
from django.db import IntegrityError

from wayfinder.core.tests.factories import SkillFactory
from wayfinder.direction.tests.factories import GoalFactory
from wayfinder.plan.models import ActionKind, ActionStatus, PlanRevision
from wayfinder.plan.revisions import snapshot_diff
from wayfinder.plan.selectors import (
    plan_days_since_revision,
    plan_last_revised_on,
    plan_revision_diff,
    plan_revisions,
    plan_unrevised_changes,
)
from wayfinder.plan.services import (
    PlanError,
    action_complete,
    action_create,
    action_drop,
    action_update,
    plan_revise,
    plan_update,
)
from wayfinder.plan.tests.factories import DevelopmentActionFactory, PlanRevisionFactory

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def test_revise_snapshots_the_whole_plan(owner, today):
    plan_update(owner=owner, title="2027", focus="Lead")
    goal = GoalFactory(owner=owner, title="Run the EMEA team")
    action = DevelopmentActionFactory(
        owner=owner, title="Negotiation course", kind=ActionKind.COURSE, goal=goal, due_on=today
    )
    action.skills.set(
        [SkillFactory(owner=owner, name="pricing"), SkillFactory(owner=owner, name="Deals")]
    )
    DevelopmentActionFactory(
        owner=owner, title="Read", status=ActionStatus.DONE, completed_on=today, evidence="Notes"
    )
    revision = plan_revise(owner=owner, today=today, note="Quarterly")
    assert (revision.number, revision.revised_on, revision.note) == (1, today, "Quarterly")
    assert revision.snapshot["plan"] == {"title": "2027", "focus": "Lead"}
    first, second = revision.snapshot["actions"]
    assert first == {
        "uid": str(action.uid),
        "title": "Negotiation course",
        "kind": "course",
        "goal": "Run the EMEA team",
        "skills": ["Deals", "pricing"],
        "due_on": today.isoformat(),
        "status": "planned",
        "completed_on": None,
        "evidence": "",
        "notes": "",
    }
    assert (second["status"], second["completed_on"], second["evidence"]) == (
        "done",
        today.isoformat(),
        "Notes",
    )


def test_revisions_are_numbered_in_order_and_never_overwritten(owner, outsider, today):
    plan_revise(owner=outsider, today=today)
    first = plan_revise(owner=owner, today=today - 100 * DAY)
    action_create(owner=owner, title="New action")
    second = plan_revise(owner=owner, today=today)
    assert (first.number, second.number) == (1, 2)
    first.refresh_from_db()
    assert first.snapshot["actions"] == []
    assert [r.number for r in plan_revisions(owner=owner)] == [2, 1]


def test_a_revision_cannot_be_dated_before_the_last_one(owner, today):
    plan_revise(owner=owner, today=today)
    with pytest.raises(PlanError, match="cannot be dated before"):
        plan_revise(owner=owner, today=today - DAY)
    assert PlanRevision.objects.for_owner(owner).count() == 1


def test_the_database_refuses_two_revisions_with_one_number(owner):
    revision = PlanRevisionFactory(owner=owner, number=1)
    with pytest.raises(IntegrityError):
        PlanRevisionFactory(owner=owner, plan=revision.plan, number=1)


def test_last_revised_and_days_since(owner, outsider, today):
    assert plan_last_revised_on(owner=owner) is None
    assert plan_days_since_revision(owner=owner, today=today) is None
    plan_revise(owner=owner, today=today - 121 * DAY)
    plan_revise(owner=owner, today=today - 30 * DAY)
    plan_revise(owner=outsider, today=today)
    assert plan_last_revised_on(owner=owner) == today - 30 * DAY
    assert plan_days_since_revision(owner=owner, today=today) == 30


def test_diff_shows_added_removed_and_changed_actions(owner, today):
    kept = action_create(owner=owner, title="Course", due_on=today)
    gone = action_create(owner=owner, title="Old idea")
    same = action_create(owner=owner, title="Untouched")
    before = plan_revise(owner=owner, today=today - 90 * DAY)
    gone.delete()
    action_complete(owner=owner, action=kept, today=today, evidence="Certificate")
    action_update(owner=owner, action=same, notes="")
    added = action_create(owner=owner, title="Present to the CRO", skills=["Storytelling"])
    plan_update(owner=owner, focus="Sales leadership")
    after = plan_revise(owner=owner, today=today)

    result = plan_revision_diff(older=before, newer=after)
    diff = result.diff
    assert (result.from_revision, result.to_revision) == (before, after)
    assert [a["uid"] for a in diff.added] == [str(added.uid)]
    assert diff.added[0]["skills"] == ["Storytelling"]
    assert [a["title"] for a in diff.removed] == ["Old idea"]
    [change] = diff.changed
    assert change.uid == str(kept.uid)
    assert {(c.field, c.before, c.after) for c in change.changes} == {
        ("status", "planned", "done"),
        ("completed_on", None, today.isoformat()),
        ("evidence", "", "Certificate"),
    }
    assert [(c.field, c.before, c.after) for c in diff.plan_changes] == [
        ("focus", "", "Sales leadership")
    ]


def test_diff_reads_from_the_lower_number_whatever_the_argument_order(owner, today):
    before = plan_revise(owner=owner, today=today - DAY)
    action = action_create(owner=owner, title="Mentor a junior")
    after = plan_revise(owner=owner, today=today)
    forwards = plan_revision_diff(older=before, newer=after)
    backwards = plan_revision_diff(older=after, newer=before)
    assert backwards == forwards
    assert backwards.from_revision == before
    assert [a["uid"] for a in backwards.diff.added] == [str(action.uid)]
    assert backwards.diff.removed == []


def test_diff_ignores_the_order_of_actions():
    one = {"uid": "1", "title": "A", "due_on": "2026-12-01"}
    two = {"uid": "2", "title": "B", "due_on": "2026-12-02"}
    diff = snapshot_diff({"actions": [one, two]}, {"actions": [two, one]})
    assert diff.is_empty


def test_diff_of_an_action_renamed_keeps_it_matched_by_uid(owner, today):
    action = action_create(owner=owner, title="Course")
    before = plan_revise(owner=owner, today=today)
    action_update(owner=owner, action=action, title="Negotiation course", kind=ActionKind.COURSE)
    after = plan_revise(owner=owner, today=today)
    diff = plan_revision_diff(older=before, newer=after).diff
    assert diff.added == diff.removed == []
    assert diff.changed[0].title == "Negotiation course"
    assert [c.field for c in diff.changed[0].changes] == ["title", "kind"]


def test_diff_reads_old_snapshots_missing_the_plan_section(owner):
    old = PlanRevisionFactory(owner=owner, number=1, snapshot={"actions": []})
    new = PlanRevisionFactory(
        owner=owner,
        plan=old.plan,
        number=2,
        snapshot={"plan": {"title": "T", "focus": ""}, "actions": []},
    )
    diff = plan_revision_diff(older=old, newer=new).diff
    assert [(c.field, c.before, c.after) for c in diff.plan_changes] == [
        ("title", None, "T"),
        ("focus", None, ""),
    ]


def test_diff_refuses_revisions_of_two_owners(owner, outsider):
    with pytest.raises(PlanError, match="same plan"):
        plan_revision_diff(
            older=PlanRevisionFactory(owner=owner), newer=PlanRevisionFactory(owner=outsider)
        )


def test_unrevised_changes_compare_the_plan_with_its_last_revision(owner, today):
    assert plan_unrevised_changes(owner=owner) is None
    action = action_create(owner=owner, title="Course")
    plan_revise(owner=owner, today=today)
    assert plan_unrevised_changes(owner=owner).is_empty
    action_drop(owner=owner, action=action)
    [change] = plan_unrevised_changes(owner=owner).changed
    assert [(c.field, c.after) for c in change.changes] == [("status", "dropped")]


def test_revision_list_is_one_query_without_snapshots(owner, today, django_assert_num_queries):
    for n in range(5):
        plan_revise(owner=owner, today=today + n * DAY)
    with django_assert_num_queries(1):
        revisions = list(plan_revisions(owner=owner))
        assert [r.revised_on for r in revisions] == [today + n * DAY for n in (4, 3, 2, 1, 0)]
    assert all("snapshot" in r.get_deferred_fields() for r in revisions)
