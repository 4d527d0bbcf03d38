import datetime as dt

import pytest
from django.urls import reverse

from wayfinder.core.tests.factories import SkillFactory
from wayfinder.direction.tests.factories import GoalFactory
from wayfinder.plan.models import ActionKind, ActionStatus, DevelopmentAction, DevelopmentPlan
from wayfinder.plan.services import action_delete, action_update, plan_revise, plan_update
from wayfinder.plan.tests.factories import DevelopmentActionFactory, PlanRevisionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_empty_plan_explains_the_pdp(signed_in):
    content = signed_in.get(reverse("plan:plan")).content.decode()
    assert "Your personal development plan" in content
    assert "three or four times a year" in content
    assert "Not revised yet" in content


def test_actions_grouped_by_status_with_overdue_marked(signed_in, owner, today):
    goal = GoalFactory(owner=owner, title="Lead the EMEA launch")
    late = DevelopmentActionFactory(
        owner=owner, title="Finish the finance course", goal=goal, due_on=today - dt.timedelta(1)
    )
    late.skills.add(SkillFactory(owner=owner, name="Forecasting"))
    DevelopmentActionFactory(
        owner=owner,
        title="Board deck",
        status=ActionStatus.DONE,
        completed_on=today,
        evidence="Deck approved by the CFO",
        due_on=today - dt.timedelta(1),
    )
    content = signed_in.get(reverse("plan:plan")).content.decode()
    assert content.index(">Planned <") < content.index(">Done <")
    assert content.count("Overdue") == 1
    assert "Lead the EMEA launch" in content and "Forecasting" in content
    assert "Evidence: Deck approved by the CFO" in content


def test_filters_return_the_fragment_to_htmx(signed_in, owner):
    goal = GoalFactory(owner=owner)
    DevelopmentActionFactory(owner=owner, title="Course one", kind=ActionKind.COURSE, goal=goal)
    DevelopmentActionFactory(owner=owner, title="Reading one", kind=ActionKind.READING)
    response = signed_in.get(
        reverse("plan:plan"), {"kind": "course", "goal": goal.pk}, headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="action-list">')
    assert "Course one" in content and "Reading one" not in content
    response = signed_in.get(reverse("plan:plan"), {"status": "dropped"})
    assert "No actions match these filters" in response.content.decode()


def test_dusty_plan_callout_and_unrevised_changes(signed_in, owner, today):
    PlanRevisionFactory(owner=owner, revised_on=today - dt.timedelta(days=121))
    DevelopmentActionFactory(owner=owner, title="Join the pricing task force")
    content = signed_in.get(reverse("plan:plan")).content.decode()
    assert "collecting dust" in content and "121 days ago" in content
    assert "Changed since the last revision: 1 added" in content
    assert "Join the pricing task force" in content


def test_unrevised_changes_are_counted_by_kind(signed_in, owner, today):
    kept = DevelopmentActionFactory(owner=owner, title="Shadow the CFO")
    gone = DevelopmentActionFactory(owner=owner, title="Read the pricing book")
    plan_revise(owner=owner, today=today - dt.timedelta(days=3))
    action_update(owner=owner, action=kept, title="Shadow the CFO for a quarter")
    action_delete(owner=owner, action=gone)
    DevelopmentActionFactory(owner=owner, title="Join the pricing task force")
    plan_update(owner=owner, focus="Ready for a director role")
    content = signed_in.get(reverse("plan:plan")).content.decode()
    assert (
        "Changed since the last revision: 1 added, 1 removed, 1 changed, focus or title edited"
    ) in content


def test_recently_revised_plan_is_not_dusty(signed_in, owner, today):
    plan_revise(owner=owner, today=today - dt.timedelta(days=120))
    content = signed_in.get(reverse("plan:plan")).content.decode()
    assert "Last revised 120 days ago" in content
    assert "collecting dust" not in content
    assert "Changed since the last revision" not in content


def test_add_an_action_with_goal_and_skills(signed_in, owner, today):
    goal = GoalFactory(owner=owner)
    response = signed_in.post(
        reverse("plan:action-new"),
        {
            "title": "Present the pipeline review to the CRO",
            "kind": "presentation",
            "goal": goal.pk,
            "skills": "Storytelling, forecasting, ",
            "due_on": (today + dt.timedelta(days=10)).isoformat(),
        },
    )
    action = DevelopmentAction.objects.for_owner(owner).get()
    assert response["Location"] == f"/plan/#action-{action.pk}"
    assert (action.kind, action.goal) == ("presentation", goal)
    assert sorted(s.name for s in action.skills.all()) == ["Storytelling", "forecasting"]


def test_a_blank_title_is_refused_and_the_form_kept(signed_in, owner):
    response = signed_in.post(
        reverse("plan:action-new"), {"title": "   ", "kind": "course", "skills": "Negotiation"}
    )
    content = response.content.decode()
    assert "This field is required" in content
    assert 'value="Negotiation"' in content
    assert not DevelopmentAction.objects.exists()


def test_another_owners_goal_cannot_be_chosen(signed_in, outsider):
    foreign = GoalFactory(owner=outsider)
    response = signed_in.post(
        reverse("plan:action-new"), {"title": "X", "kind": "course", "goal": foreign.pk}
    )
    assert "Select a valid choice" in response.content.decode()
    assert not DevelopmentAction.objects.exists()


def test_edit_keeps_skills_and_records_evidence(signed_in, owner):
    action = DevelopmentActionFactory(owner=owner, title="Old")
    action.skills.add(SkillFactory(owner=owner, name="Negotiation"))
    form = signed_in.get(reverse("plan:action-edit", args=[action.pk])).content.decode()
    assert 'value="Negotiation"' in form
    signed_in.post(
        reverse("plan:action-edit", args=[action.pk]),
        {"title": "New", "kind": "stretch", "skills": "Negotiation, Hiring", "evidence": "Memo"},
    )
    action.refresh_from_db()
    assert (action.title, action.kind, action.evidence) == ("New", "stretch", "Memo")
    assert action.due_on is None
    assert sorted(s.name for s in action.skills.all()) == ["Hiring", "Negotiation"]


def test_delete_asks_first(signed_in, owner):
    action = DevelopmentActionFactory(owner=owner)
    confirm = signed_in.get(reverse("plan:action-delete", args=[action.pk])).content.decode()
    assert "drop it instead" in confirm
    signed_in.post(reverse("plan:action-delete", args=[action.pk]))
    assert not DevelopmentAction.objects.exists()


def test_focus_is_saved(signed_in, owner):
    signed_in.post(reverse("plan:plan-edit"), {"title": "2027 plan", "focus": "Exec presence"})
    plan = DevelopmentPlan.objects.for_owner(owner).get()
    assert (plan.title, plan.focus) == ("2027 plan", "Exec presence")
    assert "Exec presence" in signed_in.get(reverse("plan:plan")).content.decode()


def test_start_and_complete_inline_return_the_row(signed_in, owner, today):
    action = DevelopmentActionFactory(owner=owner)
    htmx = {"HX-Request": "true"}
    response = signed_in.post(reverse("plan:action-start", args=[action.pk]), headers=htmx)
    assert response.content.decode().lstrip().startswith(f'<li id="action-{action.pk}"')
    assert "In progress" in response.content.decode()
    response = signed_in.post(
        reverse("plan:action-complete", args=[action.pk]),
        {"evidence": "Certificate"},
        headers=htmx,
    )
    assert "Evidence: Certificate" in response.content.decode()
    action.refresh_from_db()
    assert (action.status, action.completed_on) == (ActionStatus.DONE, today)


def test_reschedule_to_the_past_shows_the_error_in_the_row(signed_in, owner, today):
    action = DevelopmentActionFactory(owner=owner)
    due = action.due_on
    response = signed_in.post(
        reverse("plan:action-reschedule", args=[action.pk]),
        {"due_on": (today - dt.timedelta(days=3)).isoformat()},
        headers={"HX-Request": "true"},
    )
    assert "already past" in response.content.decode()
    action.refresh_from_db()
    assert action.due_on == due


def test_status_changes_without_htmx_redirect_with_a_message(signed_in, owner, today):
    action = DevelopmentActionFactory(owner=owner)
    new_due = today + dt.timedelta(days=40)
    response = signed_in.post(
        reverse("plan:action-reschedule", args=[action.pk]),
        {"due_on": new_due.isoformat()},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/plan/#action-{action.pk}"
    assert "is now due" in response.content.decode()
    signed_in.post(reverse("plan:action-drop", args=[action.pk]))
    action.refresh_from_db()
    assert (action.status, action.due_on) == (ActionStatus.DROPPED, new_due)
    response = signed_in.post(reverse("plan:action-complete", args=[action.pk]), follow=True)
    assert "was dropped" in response.content.decode()


@pytest.mark.parametrize(
    "name",
    [
        "action-edit",
        "action-delete",
        "action-start",
        "action-complete",
        "action-drop",
        "action-reschedule",
    ],
)
def test_another_owners_action_is_not_found(signed_in, outsider, name, today):
    action = DevelopmentActionFactory(owner=outsider, title="Theirs")
    url = reverse(f"plan:{name}", args=[action.pk])
    if name in ("action-edit", "action-delete"):
        assert signed_in.get(url).status_code == 404
    response = signed_in.post(url, {"title": "Mine", "kind": "course", "due_on": today})
    assert response.status_code == 404
    action.refresh_from_db()
    assert (action.title, action.status) == ("Theirs", ActionStatus.PLANNED)


def test_plan_query_count_is_fixed(signed_in, owner, today, django_assert_max_num_queries):
    def add(count):
        goal = GoalFactory(owner=owner)
        for action in DevelopmentActionFactory.create_batch(count, owner=owner, goal=goal):
            action.skills.add(SkillFactory(owner=owner))

    add(2)
    plan_revise(owner=owner, today=today)
    with django_assert_max_num_queries(18):
        signed_in.get(reverse("plan:plan"))
    add(30)
    with django_assert_max_num_queries(18):
        signed_in.get(reverse("plan:plan"))


def test_long_groups_show_their_first_actions_and_page_through_the_rest(signed_in, owner):
    from wayfinder.plan.models import ActionStatus
    from wayfinder.plan.views.actions import GROUP_SHOWN

    DevelopmentActionFactory.create_batch(
        GROUP_SHOWN + 3, owner=owner, status=ActionStatus.DONE, completed_on="2026-01-01"
    )
    content = signed_in.get(reverse("plan:plan")).content.decode()
    assert content.count('<li id="action-') == GROUP_SHOWN
    assert f"Show all {GROUP_SHOWN + 3} done actions" in content
    assert "?status=done" in content
    page = signed_in.get(reverse("plan:plan"), {"status": "done"}).content.decode()
    assert page.count('<li id="action-') == GROUP_SHOWN + 3


def test_a_long_filtered_list_is_paged(signed_in, owner):
    DevelopmentActionFactory.create_batch(53, owner=owner)
    first = signed_in.get(reverse("plan:plan"), {"status": "planned"}).content.decode()
    assert first.count('<li id="action-') == 50
    assert "1–50 of 53" in first
    second = signed_in.get(reverse("plan:plan"), {"status": "planned", "page": 2})
    assert second.content.decode().count('<li id="action-') == 3


def test_done_actions_read_most_recently_done_first(signed_in, owner, today):
    # Due dates run the other way round from the days they were done.
    for title, due, done in [
        ("Done long ago", 3, 90),
        ("Done last month", 2, 30),
        ("Done yesterday", 1, 1),
    ]:
        DevelopmentActionFactory(
            owner=owner,
            title=title,
            status=ActionStatus.DONE,
            due_on=today - dt.timedelta(days=due),
            completed_on=today - dt.timedelta(days=done),
        )
    expected = ["Done yesterday", "Done last month", "Done long ago"]
    for query in ({}, {"status": "done"}):
        content = signed_in.get(reverse("plan:plan"), query).content.decode()
        positions = [content.index(title) for title in expected]
        assert positions == sorted(positions), query


def test_each_status_shown_costs_one_query_and_their_skills_one_in_all(signed_in, owner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(status, name):
        action = DevelopmentActionFactory(
            owner=owner, status=status, completed_on="2026-01-01" if status == "done" else None
        )
        action.skills.add(SkillFactory(owner=owner, name=name))

    add(ActionStatus.PLANNED, "Negotiation")
    with CaptureQueriesContext(connection) as one_group:
        signed_in.get(reverse("plan:plan"))
    add(ActionStatus.IN_PROGRESS, "Forecasting")
    add(ActionStatus.DONE, "Storytelling")
    add(ActionStatus.DROPPED, "Pricing")
    with CaptureQueriesContext(connection) as four_groups:
        content = signed_in.get(reverse("plan:plan")).content.decode()
    assert len(four_groups) == len(one_group) + 3
    for name in ("Negotiation", "Forecasting", "Storytelling", "Pricing"):
        assert f"Builds: {name}" in content
