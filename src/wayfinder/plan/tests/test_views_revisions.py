import datetime as dt

import pytest
from django.urls import reverse

from wayfinder.direction.tests.factories import GoalFactory
from wayfinder.plan.models import ActionStatus, PlanRevision
from wayfinder.plan.services import action_complete, action_create, plan_revise, plan_update
from wayfinder.plan.tests.factories import DevelopmentActionFactory, PlanRevisionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def _two_revisions(owner, today):
    kept = action_create(owner=owner, title="Finance for leaders", kind="course", due_on=today)
    gone = action_create(owner=owner, title="Read High Output Management", kind="reading")
    plan_revise(owner=owner, today=today - dt.timedelta(days=90), note="First cut")
    action_complete(owner=owner, action=kept, today=today, evidence="Certificate")
    gone.delete()
    action_create(owner=owner, title="Join the pricing task force", kind="task_force")
    plan_update(owner=owner, focus="Executive presence")
    plan_revise(owner=owner, today=today, note="After the Q3 review")


def test_empty_state_explains_revisions(signed_in):
    content = signed_in.get(reverse("plan:revisions")).content.decode()
    assert "No revisions yet" in content
    assert "Take the first snapshot" in content


def test_revise_takes_a_snapshot_and_shows_what_changed_first(signed_in, owner, today):
    plan_revise(owner=owner, today=today - dt.timedelta(days=30))
    DevelopmentActionFactory(owner=owner, title="Shadow the CRO for a week")
    page = signed_in.get(reverse("plan:revise")).content.decode()
    assert "Changed since the last revision" in page
    assert "Shadow the CRO for a week" in page
    response = signed_in.post(reverse("plan:revise"), {"note": "Added shadowing"})
    revision = PlanRevision.objects.for_owner(owner).get(number=2)
    assert response["Location"] == revision.get_absolute_url()
    assert revision.note == "Added shadowing"
    assert revision.revised_on == today
    detail = signed_in.get(revision.get_absolute_url()).content.decode()
    assert "Shadow the CRO for a week" in detail
    assert "Compare with revision 1" in detail


def test_revising_before_the_last_revision_is_refused(signed_in, owner, today):
    PlanRevisionFactory(owner=owner, number=1, revised_on=today + dt.timedelta(days=1))
    response = signed_in.post(reverse("plan:revise"), {"note": "Backdated"})
    assert "cannot be dated before that" in response.content.decode()
    assert "Backdated" in response.content.decode()
    assert PlanRevision.objects.count() == 1


def test_compare_marks_additions_removals_and_changes(signed_in, owner, today):
    _two_revisions(owner, today)
    listing = signed_in.get(reverse("plan:revisions")).content.decode()
    assert 'name="from"' in listing and "What changed from revision 1" in listing
    content = signed_in.get(reverse("plan:revision-compare"), {"from": 2, "to": 1}).content.decode()
    assert "Revision 1 → revision 2" in content
    assert '<span class="visually-hidden">Added: </span><strong>Join the pricing task force' in (
        content
    )
    assert "Removed: </span><strong>Read High Output Management" in content
    assert "Changed: </span><strong>Finance for leaders" in content
    assert "<td><del>Planned</del></td><td><ins>Done</ins></td>" in content
    assert "<td><del>—</del></td><td><ins>Certificate</ins></td>" in content
    assert "<td><ins>Executive presence</ins></td>" in content
    assert '<th scope="col">Revision 1</th>' in content


def test_compare_needs_two_numbers(signed_in, owner):
    response = signed_in.get(reverse("plan:revision-compare"), {"from": "x"}, follow=True)
    assert "Pick two revisions to compare" in response.content.decode()


def test_another_owners_revisions_are_not_found(signed_in, owner, outsider, today):
    PlanRevisionFactory(owner=owner, number=1)
    PlanRevisionFactory(owner=outsider, number=2)
    assert signed_in.get(reverse("plan:revision", args=[2])).status_code == 404
    response = signed_in.get(reverse("plan:revision-compare"), {"from": 1, "to": 2})
    assert response.status_code == 404


def test_query_counts_are_fixed(signed_in, owner, today, django_assert_max_num_queries):
    def grow(count):
        goal = GoalFactory(owner=owner)
        for action in DevelopmentActionFactory.create_batch(count, owner=owner, goal=goal):
            action.status = ActionStatus.IN_PROGRESS
            action.save()

    grow(2)
    plan_revise(owner=owner, today=today - dt.timedelta(days=2))
    grow(2)
    plan_revise(owner=owner, today=today)
    urls = [
        reverse("plan:revisions"),
        reverse("plan:revise"),
        reverse("plan:revision", args=[2]),
        reverse("plan:revision-compare") + "?from=1&to=2",
    ]
    for url in urls:
        with django_assert_max_num_queries(7):
            signed_in.get(url)
    grow(30)
    for _ in range(3):
        plan_revise(owner=owner, today=today)
    for url in urls:
        with django_assert_max_num_queries(7):
            signed_in.get(url)
