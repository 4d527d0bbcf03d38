import datetime as dt

import pytest
from django.utils import timezone

from wayfinder.conversations.models import ConversationStatus
from wayfinder.conversations.tests.factories import DevelopmentConversationFactory
from wayfinder.core.thresholds import DEFAULTS
from wayfinder.experiments.tests.factories import CheckInFactory, ExperimentFactory
from wayfinder.guidance.selectors import DUE, OVERDUE, this_week
from wayfinder.network.tests.factories import InteractionFactory, PersonFactory
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.reflection.tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


def days(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


@pytest.fixture
def settled(owner):
    """An owner with nothing due: recent conversation and review."""
    DevelopmentConversationFactory(owner=owner, held_on=days(-10))
    ReviewFactory(owner=owner, held_on=days(-10))
    return owner


def added(days_ago: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days_ago)


def titles(items):
    return [(item.kind, item.title, item.urgency) for item in items]


def test_nothing_due(settled):
    assert this_week(owner=settled, today=TODAY, limits=DEFAULTS) == []


def test_actions_overdue_first_then_due_within_seven_days(settled):
    DevelopmentActionFactory(owner=settled, title="Due in 7", due_on=days(7))
    DevelopmentActionFactory(owner=settled, title="Due in 8", due_on=days(8))
    DevelopmentActionFactory(owner=settled, title="Late", due_on=days(-3))
    items = this_week(owner=settled, today=TODAY, limits=DEFAULTS)
    assert titles(items) == [("action", "Late", OVERDUE), ("action", "Due in 7", DUE)]
    assert items[0].detail == "overdue by 3 days"


def test_people_past_cadence_from_the_last_interaction(settled):
    met = PersonFactory(owner=settled, name="Ana", cadence_days=30)
    InteractionFactory(owner=settled, occurred_on=days(-31), people=[met])
    on_time = PersonFactory(owner=settled, name="Ben", cadence_days=30)
    InteractionFactory(owner=settled, occurred_on=days(-30), people=[on_time])
    PersonFactory(owner=settled, name="Cy", cadence_days=30, created_at=added(40))
    items = this_week(owner=settled, today=TODAY, limits=DEFAULTS)
    # Never met first, then the most overdue.
    assert [item.title for item in items] == ["Cy", "Ana"]
    assert items[0].detail == "never met: get in touch"


def test_conversation_planned_this_week(owner):
    ReviewFactory(owner=owner, held_on=days(-10))
    DevelopmentConversationFactory(owner=owner, held_on=days(-40))
    DevelopmentConversationFactory(
        owner=owner, held_on=days(3), status=ConversationStatus.PLANNED, supervisor=None
    )
    assert titles(this_week(owner=owner, today=TODAY, limits=DEFAULTS)) == [
        ("conversation", "Development conversation", DUE)
    ]


def test_conversation_due_when_none_is_planned(owner):
    ReviewFactory(owner=owner, held_on=days(-10))
    DevelopmentConversationFactory(owner=owner, held_on=days(-50))
    (item,) = this_week(owner=owner, today=TODAY, limits=DEFAULTS)
    assert (item.kind, item.urgency, item.on) == ("conversation", OVERDUE, days(-5))


def test_quarterly_review_due(owner):
    DevelopmentConversationFactory(owner=owner, held_on=days(-10))
    ReviewFactory(owner=owner, held_on=days(-86))
    (item,) = this_week(owner=owner, today=TODAY, limits=DEFAULTS)
    assert (item.kind, item.urgency, item.on) == ("review", DUE, days(6))


def test_experiments_ending_awaiting_verdict_and_check_ins(settled):
    ExperimentFactory(owner=settled, title="Ended", starts_on=days(-60), ends_on=days(-1))
    ending = ExperimentFactory(owner=settled, title="Ending", starts_on=days(-5), ends_on=days(5))
    CheckInFactory(owner=settled, experiment=ending, held_on=days(-2))
    ExperimentFactory(owner=settled, title="Quiet", starts_on=days(-20), ends_on=days(40))
    items = this_week(owner=settled, today=TODAY, limits=DEFAULTS)
    assert titles(items) == [
        ("experiment", "Ended", OVERDUE),  # due a verdict, not also a check-in
        ("experiment", "Quiet", DUE),
        ("experiment", "Ending", DUE),
    ]


def test_query_count_is_fixed(settled, django_assert_num_queries):
    def add_some():
        for n in range(5):
            DevelopmentActionFactory(owner=settled, due_on=days(n - 2))
            PersonFactory(owner=settled, cadence_days=7)
            ExperimentFactory(owner=settled, starts_on=days(-30), ends_on=days(n))

    add_some()
    # 14: readiness reads the target level's criteria and their ratings (two queries), the
    # overdue actions are counted with the first shown (one query), the actions' lines read
    # no skills, and the people past their rhythm are read even when there are none (the
    # first time here).
    with django_assert_num_queries(14):
        first = this_week(owner=settled, today=TODAY, limits=DEFAULTS)
    add_some()
    with django_assert_num_queries(14):
        second = this_week(owner=settled, today=TODAY, limits=DEFAULTS)
    assert len(second) > len(first)


def test_many_people_past_cadence_are_summed_up(settled):
    for n in range(8):
        PersonFactory(owner=settled, name=f"Person {n}", cadence_days=30, created_at=added(40))
    items = this_week(owner=settled, today=TODAY, limits=DEFAULTS)
    assert [item.title for item in items][-1] == "3 more people past your usual rhythm"
    assert len(items) == 6


def test_many_overdue_actions_are_summed_up(settled):
    for n in range(7):
        DevelopmentActionFactory(owner=settled, title=f"Late {n}", due_on=days(-10 - n))
    items = this_week(owner=settled, today=TODAY, limits=DEFAULTS)
    assert [item.title for item in items] == [
        "Late 6",
        "Late 5",
        "Late 4",
        "Late 3",
        "Late 2",
        "2 more overdue actions",
    ]
