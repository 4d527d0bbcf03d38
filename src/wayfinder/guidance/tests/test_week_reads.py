"""The week's list and the dashboard's charts read less and say the same: the overdue
actions are counted with the first shown, the actions' lines read no skills, and the four
monthly series are one statement. Each is compared with the selectors it is built on."""

import datetime as dt

import pytest

from wayfinder.conversations.models import ConversationStatus
from wayfinder.conversations.selectors import conversations_held
from wayfinder.conversations.tests.factories import DevelopmentConversationFactory
from wayfinder.core.tests.factories import SkillFactory
from wayfinder.core.thresholds import DEFAULTS
from wayfinder.guidance.activity import activity, month_starts
from wayfinder.guidance.selectors import ACTIONS_SHOWN, OVERDUE, this_week
from wayfinder.network.selectors import interaction_list
from wayfinder.network.tests.factories import InteractionFactory
from wayfinder.plan.models import ActionStatus
from wayfinder.plan.selectors import actions_completed_since, due_soon_actions, overdue_actions
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.reflection.tests.factories import ReviewFactory
from wayfinder.wins.selectors import win_list
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)
DAY = dt.timedelta(days=1)


@pytest.fixture
def settled(owner):
    DevelopmentConversationFactory(owner=owner, held_on=TODAY - 10 * DAY)
    ReviewFactory(owner=owner, held_on=TODAY - 10 * DAY)
    return owner


@pytest.mark.parametrize("overdue", [0, 1, ACTIONS_SHOWN, ACTIONS_SHOWN + 1, 9])
def test_action_lines_as_the_plan_selectors_list_them(settled, overdue):
    skill = SkillFactory(owner=settled)
    for n in range(overdue):
        action = DevelopmentActionFactory(
            owner=settled, title=f"Late {n}", due_on=TODAY - (9 - n % 3) * DAY
        )
        action.skills.set([skill])
    DevelopmentActionFactory(
        owner=settled,
        title="Done late",
        due_on=TODAY - 9 * DAY,
        status=ActionStatus.DONE,
        completed_on=TODAY - DAY,
    )
    for n in range(3):
        DevelopmentActionFactory(owner=settled, title=f"Soon {n}", due_on=TODAY + n * 3 * DAY)

    items = [
        i for i in this_week(owner=settled, today=TODAY, limits=DEFAULTS) if i.kind == "action"
    ]

    late = list(overdue_actions(owner=settled, today=TODAY))
    soon = list(due_soon_actions(owner=settled, today=TODAY, days=7))
    expected = [
        (a.title, f"overdue by {(TODAY - a.due_on).days} days", a.due_on, f"/plan/#action-{a.pk}")
        for a in late[:ACTIONS_SHOWN]
    ]
    if len(late) > ACTIONS_SHOWN:
        more = len(late) - ACTIONS_SHOWN
        expected.append(
            (
                f"{more} more overdue action{'s' if more > 1 else ''}",
                "reschedule, drop or finish them in your plan",
                None,
                "/plan/",
            )
        )
    expected += [(a.title, "due", a.due_on, f"/plan/#action-{a.pk}") for a in soon]
    assert [(i.title, i.detail, i.on, i.url) for i in items] == expected
    assert [i.urgency == OVERDUE for i in items] == [i.on is None or i.on < TODAY for i in items]


def _month_counts(queryset, field, starts):
    """The old way: one count per month of the selector's own rows."""
    ends = [*starts[1:], TODAY + DAY]
    return [
        queryset.filter(**{f"{field}__gte": start, f"{field}__lt": end}).count()
        for start, end in zip(starts, ends, strict=True)
    ]


def test_the_four_series_are_one_query_and_count_as_each_selector(owner, django_assert_num_queries):
    for n in range(0, 420, 9):
        on = TODAY - n * DAY
        WinFactory(owner=owner, occurred_on=on)
        InteractionFactory(owner=owner, occurred_on=on)
        if n % 2:
            DevelopmentActionFactory(owner=owner, status=ActionStatus.DONE, completed_on=on)
        if n % 3 == 0:
            DevelopmentConversationFactory(owner=owner, held_on=on)
    DevelopmentConversationFactory(
        owner=owner, held_on=TODAY - 20 * DAY, status=ConversationStatus.PLANNED
    )
    WinFactory(owner=owner, occurred_on=TODAY + 3 * DAY)  # after today: not counted

    with django_assert_num_queries(1):
        starts, series = activity(owner=owner, today=TODAY)

    assert starts == month_starts(TODAY)
    since = starts[0]
    expected = {
        "Wins logged": _month_counts(
            win_list(owner=owner, since=since, until=TODAY), "occurred_on", starts
        ),
        "Actions completed": _month_counts(
            actions_completed_since(owner=owner, since=since, until=TODAY), "completed_on", starts
        ),
        "Development conversations": _month_counts(
            conversations_held(owner=owner, since=since, until=TODAY), "held_on", starts
        ),
        "Interactions": _month_counts(
            interaction_list(owner=owner, since=since, until=TODAY), "occurred_on", starts
        ),
    }
    assert {s.label: s.counts for s in series} == expected
    assert all(s.total for s in series)


def test_series_of_an_empty_account(owner, django_assert_num_queries):
    with django_assert_num_queries(1):
        _, series = activity(owner=owner, today=TODAY)
    assert [s.total for s in series] == [0, 0, 0, 0]
