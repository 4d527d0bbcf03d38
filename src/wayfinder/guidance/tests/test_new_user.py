"""Guidance makes sense to someone who has just started: nothing is overdue before it could
be, nudges come in the order to act on them, every line of the week leads somewhere, and
the sentences read as people write them."""

import dataclasses
import datetime as dt

import pytest
from django.utils import timezone

from wayfinder.core.models import Seniority
from wayfinder.core.thresholds import DEFAULTS
from wayfinder.direction.models import Horizon
from wayfinder.direction.tests.factories import GoalFactory
from wayfinder.guidance import indicators
from wayfinder.guidance.indicators import ATTENTION, HEALTHY, MISSING
from wayfinder.guidance.report import report_for
from wayfinder.guidance.selectors import this_week
from wayfinder.network.models import Role
from wayfinder.network.tests.factories import (
    InteractionFactory,
    PersonFactory,
    PersonRoleFactory,
)
from wayfinder.plan.models import ActionStatus
from wayfinder.plan.tests.factories import DevelopmentActionFactory, DevelopmentPlanFactory
from wayfinder.reflection.tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def added(days_ago: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days_ago)


@pytest.mark.parametrize(
    ("added_days_ago", "in_the_week"),
    [(0, False), (1, False), (30, False), (31, True), (400, True)],
)
def test_someone_never_met_is_due_a_rhythm_after_they_were_added(
    owner, added_days_ago, in_the_week
):
    PersonFactory(owner=owner, name="Noor", cadence_days=30, created_at=added(added_days_ago))
    people = [i for i in this_week(owner=owner, today=TODAY, limits=DEFAULTS) if i.kind == "person"]
    assert [(i.title, i.detail) for i in people] == (
        [("Noor", "never met: get in touch")] if in_the_week else []
    )


@pytest.mark.parametrize(
    ("added_days_ago", "expected"), [(0, HEALTHY), (60, HEALTHY), (61, ATTENTION)]
)
def test_a_mentor_never_met_is_due_a_rhythm_after_they_were_added(owner, added_days_ago, expected):
    limits = dataclasses.replace(DEFAULTS, min_mentors=1)
    mentor = PersonFactory(owner=owner, created_at=added(added_days_ago))
    PersonRoleFactory(owner=owner, person=mentor, role=Role.MENTOR)
    assert indicators.mentors(owner, TODAY, limits).state == expected


@pytest.mark.parametrize(
    ("plan_age", "completed", "expected"),
    [
        (0, None, HEALTHY),
        (89, None, HEALTHY),
        (90, None, ATTENTION),
        (400, None, ATTENTION),
        (400, 10, HEALTHY),
    ],
)
def test_no_completed_action_waits_until_the_plan_is_old_enough(
    owner, plan_age, completed, expected
):
    DevelopmentActionFactory(owner=owner, due_on=None, created_at=added(plan_age))
    if completed is not None:
        DevelopmentActionFactory(
            owner=owner, status=ActionStatus.DONE, completed_on=ago(completed), created_at=added(5)
        )
    result = indicators.plan_momentum(owner, TODAY, DEFAULTS)
    assert result.state == expected
    if plan_age < 90:
        assert "No development action completed" not in result.why


def test_the_plan_is_as_old_as_its_first_writing(owner):
    DevelopmentPlanFactory(owner=owner, created_at=added(200))
    DevelopmentActionFactory(owner=owner, due_on=None, created_at=added(3))
    assert indicators.plan_momentum(owner, TODAY, DEFAULTS).state == ATTENTION


@pytest.mark.parametrize(
    ("last_met", "expected"),
    [
        (ago(10), HEALTHY),
        (dt.date(2026, 5, 23), HEALTHY),  # six months to the day
        (dt.date(2026, 5, 22), ATTENTION),
        (None, ATTENTION),
    ],
)
def test_a_sponsor_out_of_touch_for_six_months_does_not_count(owner, last_met, expected):
    owner.seniority = Seniority.MANAGER
    sponsor = PersonFactory(owner=owner, name="Rosa", relative_level=3)
    PersonRoleFactory(owner=owner, person=sponsor, role=Role.SPONSOR)
    if last_met is not None:
        InteractionFactory(owner=owner, occurred_on=last_met, people=[sponsor])
    result = indicators.sponsor(owner, TODAY, DEFAULTS)
    assert result.state == expected
    if expected == ATTENTION:
        assert result.why == (
            "Rosa sponsors you, but you have not been in touch in the last 6 months."
        )
        assert result.next_step.text.startswith("Get back in touch with Rosa")


def test_nudges_come_in_the_order_to_act_on_them(owner):
    steps = [n.next_step.text for n in report_for(owner=owner, today=TODAY).nudges]
    add = next(i for i, text in enumerate(steps) if text.startswith("Add a development action"))
    revise = next(i for i, text in enumerate(steps) if text.startswith("Revise your plan"))
    assert steps[0].startswith("Write your ambition")
    assert add < revise


def test_every_item_of_the_week_links_to_its_page(owner):
    for n in range(7):
        DevelopmentActionFactory(owner=owner, title=f"Late {n}", due_on=ago(10 + n))
    DevelopmentActionFactory(owner=owner, title="Soon", due_on=TODAY + dt.timedelta(days=2))
    for n in range(7):
        PersonFactory(owner=owner, name=f"Person {n}", cadence_days=30, created_at=added(40))
    ReviewFactory(owner=owner, held_on=ago(100))
    items = this_week(owner=owner, today=TODAY, limits=DEFAULTS)
    kinds = {item.kind for item in items}
    assert {"action", "person", "conversation", "review"} <= kinds
    assert [item.title for item in items if item.url is None] == []
    links = {item.title: item.url for item in items}
    assert links["2 more overdue actions"] == "/plan/"
    assert links["2 more people past your usual rhythm"] == "/people/"
    assert links["Development conversation with your supervisor"] == "/conversations/new/"
    assert links["Quarterly review"] == "/reflection/reviews/new/"


def mentor(owner, name):
    person = PersonFactory(owner=owner, name=name)
    PersonRoleFactory(owner=owner, person=person, role=Role.MENTOR)
    InteractionFactory(owner=owner, occurred_on=ago(5), people=[person])


@pytest.mark.parametrize(
    ("mentors", "said"),
    [
        (1, "1 active mentor, met within their rhythm."),
        (2, "2 active mentors, each met within their rhythm."),
    ],
)
def test_mentors_read_as_people_write(owner, mentors, said):
    for n in range(mentors):
        mentor(owner, f"Mentor {n}")
    result = indicators.mentors(owner, TODAY, dataclasses.replace(DEFAULTS, min_mentors=1))
    assert (result.state, result.why) == (HEALTHY, said)


@pytest.mark.parametrize(
    ("level", "said"),
    [(1, "Rosa sponsors you from 1 level up."), (3, "Rosa sponsors you from 3 levels up.")],
)
def test_sponsor_levels_read_as_people_write(owner, level, said):
    sponsor = PersonFactory(owner=owner, name="Rosa", relative_level=level)
    PersonRoleFactory(owner=owner, person=sponsor, role=Role.SPONSOR)
    InteractionFactory(owner=owner, occurred_on=ago(5), people=[sponsor])
    limits = dataclasses.replace(DEFAULTS, sponsor_min_levels_above=1)
    assert indicators.sponsor(owner, TODAY, limits).why == said


@pytest.mark.parametrize(
    ("goals", "state", "said"),
    [
        (
            [],
            MISSING,
            "You have no active goal on any horizon: short term (3-6 months), mid term "
            "(1-2 years) or long term (3-5+ years).",
        ),
        (
            [Horizon.SHORT],
            ATTENTION,
            "No active goal on the mid term (1-2 years) and long term (3-5+ years) horizons.",
        ),
        (
            [Horizon.SHORT, Horizon.MID],
            ATTENTION,
            "No active goal on the long term (3-5+ years) horizon.",
        ),
        (
            [Horizon.SHORT, Horizon.MID, Horizon.LONG],
            HEALTHY,
            "You have an active goal on every horizon.",
        ),
    ],
)
def test_horizons_name_every_missing_horizon(owner, goals, state, said):
    for horizon in goals:
        GoalFactory(owner=owner, horizon=horizon)
    result = indicators.horizons(owner, TODAY, DEFAULTS)
    assert (result.state, result.why) == (state, said)


def test_the_dashboard_and_digest_read_states_from_properties(client, owner):
    DevelopmentActionFactory(owner=owner, title="Late one", due_on=ago(3), created_at=added(30))
    report = report_for(owner=owner, today=TODAY)
    assert [n.missing for n in report.nudges][:2] == [True, True]
    [late] = [item for item in report.week if item.title == "Late one"]
    assert (late.is_overdue, late.is_due) == (True, False)
    client.force_login(owner.user)
    content = client.get("/").content.decode()
    assert '<span class="badge badge-bad">missing</span>' in content
    assert '<span class="badge badge-bad">overdue</span>' in content
