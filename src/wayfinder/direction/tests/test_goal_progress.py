"""Goal progress: dated check-ins (a percentage or a milestone, and a note), on the goal's
page and the goals list, in the agenda, the narrative and "this week"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from wayfinder.advocacy.models import Audience
from wayfinder.advocacy.narrative import narrative_assemble, narrative_markdown
from wayfinder.conversations.agenda import agenda_draft, agenda_markdown
from wayfinder.core.thresholds import DEFAULTS
from wayfinder.direction.models import GoalCheckIn, GoalStatus, Horizon
from wayfinder.direction.selectors import (
    GOAL_QUIET_DAYS,
    goal_progress_between,
    goals_without_recent_progress,
)
from wayfinder.direction.services import DirectionError, goal_check_in_add
from wayfinder.direction.tests.factories import GoalFactory
from wayfinder.guidance.selectors import this_week

pytestmark = pytest.mark.django_db


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def add(owner, goal, today, on=None, **values):
    return goal_check_in_add(owner=owner, goal=goal, checked_on=on or today, today=today, **values)


def check_in_row(goal, **values):
    return GoalCheckIn.objects.create(
        owner=goal.owner, goal=goal, checked_on=dt.date(2026, 11, 1), **values
    )


# The service and the database's rules ----------------------------------------------------


def test_a_check_in_holds_a_percentage_or_a_milestone_and_a_note(owner, today):
    goal = GoalFactory(owner=owner)

    first = add(owner, goal, today, on=today - days(3), percent=40, note="  Halfway soon  ")
    second = add(owner, goal, today, milestone="  Draft   shared ", percent=None)

    assert (first.percent, first.milestone, first.note) == (40, "", "Halfway soon")
    assert first.progress_text == "40 %"
    assert second.progress_text == "Milestone: Draft shared"
    both = add(owner, goal, today, percent=70, milestone="Beta out")
    assert both.progress_text == "70 %, milestone: Beta out"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({}, "say how far along the goal is"),
        ({"milestone": "   "}, "say how far along the goal is"),
        ({"percent": 101}, "from 0 to 100, not 101"),
        ({"percent": -1}, "from 0 to 100, not -1"),
        ({"milestone": "x" * 201}, "at most 200 characters"),
    ],
)
def test_a_check_in_that_says_nothing_or_too_much_is_refused(owner, today, values, message):
    goal = GoalFactory(owner=owner)
    with pytest.raises(DirectionError, match=message):
        add(owner, goal, today, **values)
    assert not GoalCheckIn.objects.exists()


def test_progress_is_not_recorded_for_a_day_to_come(owner, today):
    goal = GoalFactory(owner=owner)
    with pytest.raises(DirectionError, match="today or an earlier day"):
        add(owner, goal, today, on=today + days(1), percent=10)


def test_another_owners_goal_is_refused(owner, outsider, today):
    goal = GoalFactory(owner=outsider)
    with pytest.raises(DirectionError):
        add(owner, goal, today, percent=10)


@pytest.mark.parametrize(
    ("values", "rule"),
    [
        ({"percent": 101}, "goalcheckin_percent_0_to_100"),
        ({"percent": None, "milestone": ""}, "goalcheckin_percent_or_milestone"),
    ],
)
def test_the_database_holds_the_rules_too(owner, values, rule):
    goal = GoalFactory(owner=owner)
    with pytest.raises(IntegrityError, match=rule), transaction.atomic():
        check_in_row(goal, **values)


def test_boundaries_0_and_100_are_progress(owner):
    goal = GoalFactory(owner=owner)
    check_in_row(goal, percent=0)
    check_in_row(goal, percent=100)
    assert GoalCheckIn.objects.count() == 2


# Selectors ---------------------------------------------------------------------------------


def test_progress_between_gives_each_goals_latest_check_in_of_the_period(owner, outsider, today):
    short = GoalFactory(owner=owner, title="Ship the pricing review", horizon=Horizon.SHORT)
    mid = GoalFactory(owner=owner, title="Grow two leads", horizon=Horizon.MID)
    add(owner, mid, today, on=today - days(5), milestone="Jess ran planning")
    add(owner, short, today, on=today - days(40), percent=10)
    add(owner, short, today, on=today - days(10), percent=30, note="Options agreed")
    add(owner, short, today, on=today - days(2), percent=50)
    add(outsider, GoalFactory(owner=outsider), today, percent=90)

    progress = goal_progress_between(owner=owner, start=today - days(30), end=today - days(3))

    assert [(p.goal, p.latest.percent) for p in progress] == [(short, 30), (mid, None)]
    assert progress[0].text == "Ship the pricing review: 30 % on 13 Nov 2026 (Options agreed)"
    assert progress[1].text == "Grow two leads: Milestone: Jess ran planning on 18 Nov 2026"


@pytest.mark.parametrize(
    ("last_check_in_days_ago", "quiet"),
    [(None, True), (GOAL_QUIET_DAYS + 1, True), (GOAL_QUIET_DAYS, True), (29, False), (0, False)],
)
def test_a_short_term_goal_is_quiet_after_30_days_without_progress(
    owner, today, last_check_in_days_ago, quiet
):
    goal = GoalFactory(owner=owner, horizon=Horizon.SHORT)
    set_on = today - days(60)
    type(goal).objects.filter(pk=goal.pk).update(
        created_at=dt.datetime.combine(set_on, dt.time(12), tzinfo=dt.UTC)
    )
    if last_check_in_days_ago is not None:
        add(owner, goal, today, on=today - days(last_check_in_days_ago), percent=20)

    assert (goal in goals_without_recent_progress(owner=owner, today=today)) is quiet


def test_a_goal_set_recently_or_not_short_term_or_not_active_is_not_quiet(owner, today):
    long_ago = dt.datetime.combine(today - days(90), dt.time(12), tzinfo=dt.UTC)
    fresh = GoalFactory(owner=owner, horizon=Horizon.SHORT)  # set today, no progress yet
    others = [
        GoalFactory(owner=owner, horizon=Horizon.MID),
        GoalFactory(owner=owner, horizon=Horizon.SHORT, status=GoalStatus.ACHIEVED),
        GoalFactory(owner=owner, horizon=Horizon.SHORT, status=GoalStatus.PAUSED),
    ]
    type(fresh).objects.filter(pk__in=[g.pk for g in others]).update(created_at=long_ago)

    assert goals_without_recent_progress(owner=owner, today=today) == []


# Surfaces ----------------------------------------------------------------------------------


def _quiet_goal(owner, today, title="Present to the board"):
    goal = GoalFactory(owner=owner, title=title, horizon=Horizon.SHORT)
    type(goal).objects.filter(pk=goal.pk).update(
        created_at=dt.datetime.combine(today - days(80), dt.time(12), tzinfo=dt.UTC)
    )
    return goal


def test_this_week_asks_about_a_quiet_short_term_goal_with_a_link(owner, today):
    goal = _quiet_goal(owner, today)
    add(owner, goal, today, on=today - days(45), percent=20)

    items = [item for item in this_week(owner=owner, today=today, limits=DEFAULTS)]

    goal_items = [item for item in items if item.kind == "goal"]
    assert [(i.title, i.url) for i in goal_items] == [(goal.title, goal.get_absolute_url())]
    assert goal_items[0].detail == "no progress recorded since 9 Oct: how far along is it?"
    add(owner, goal, today, percent=35)
    assert not [i for i in this_week(owner=owner, today=today, limits=DEFAULTS) if i.kind == "goal"]


def test_the_agenda_reports_goal_progress_since_the_last_conversation(owner, today):
    goal = GoalFactory(owner=owner, title="Lead the pricing review")
    add(owner, goal, today, on=today - days(200), percent=5)  # before the agenda's period
    add(owner, goal, today, on=today - days(10), percent=45, note="Options agreed")

    agenda = agenda_draft(owner=owner, today=today)
    text = agenda_markdown(agenda)

    assert agenda.goal_progress == ["Lead the pricing review: 45 % on 13 Nov 2026 (Options agreed)"]
    assert "### Progress on my goals\n\n- Lead the pricing review: 45 % on 13 Nov 2026" in text
    assert ": 5 %" not in text


def test_an_agenda_with_no_goal_progress_has_no_such_section(owner, today):
    GoalFactory(owner=owner)
    assert "Progress on my goals" not in agenda_markdown(agenda_draft(owner=owner, today=today))


def test_the_narrative_tells_the_goal_progress_of_its_period(owner, today):
    goal = GoalFactory(owner=owner, title="Lead the pricing review")
    add(owner, goal, today, on=today - days(20), milestone="Board date set")
    add(owner, goal, today, on=dt.date(2025, 6, 1), percent=5)  # before the period

    draft = narrative_assemble(
        owner=owner, audience=Audience.MANAGER, start=dt.date(2026, 1, 1), end=today, today=today
    )
    text = narrative_markdown(draft)

    assert "Progress on my goals in this period:" in text
    assert "- Lead the pricing review: Milestone: Board date set on 3 Nov 2026" in text
    assert ": 5 %" not in text


# Pages -------------------------------------------------------------------------------------


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_record_progress_on_the_goal_page_then_see_it_there_and_in_the_list(
    signed_in, owner, today
):
    goal = GoalFactory(owner=owner, title="Lead the pricing review")
    page = signed_in.get(goal.get_absolute_url()).content.decode()
    assert "No progress recorded yet" in page and "Record progress" in page

    url = reverse("direction:goal-check-in", args=[goal.pk])
    response = signed_in.post(
        url, {"checked_on": "2026-11-20", "percent": "45", "milestone": "", "note": "On track"}
    )
    assert response["Location"] == goal.get_absolute_url()
    signed_in.post(url, {"checked_on": "2026-11-23", "percent": "", "milestone": "Options agreed"})

    page = signed_in.get(goal.get_absolute_url()).content.decode()
    assert "Latest: <strong>Milestone: Options agreed</strong> on 23 Nov 2026" in page
    assert "20 Nov 2026: 45 %" in page and "On track" in page
    listing = signed_in.get(reverse("direction:goals")).content.decode()
    assert "Progress: Milestone: Options agreed on 23 Nov 2026" in listing
    assert "2 check-ins" in listing


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({"checked_on": "2026-11-20", "percent": "", "milestone": ""}, "Say how far along"),
        ({"checked_on": "2026-11-20", "percent": "140"}, "less than or equal to 100"),
        ({"checked_on": "2026-12-24", "percent": "10"}, "today or an earlier day"),
        ({"checked_on": "not a date", "percent": "10"}, "Enter a valid date"),
    ],
)
def test_bad_progress_re_renders_the_page_with_a_message_and_saves_nothing(
    signed_in, owner, posted, message
):
    goal = GoalFactory(owner=owner)
    response = signed_in.post(reverse("direction:goal-check-in", args=[goal.pk]), posted)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not GoalCheckIn.objects.exists()


def test_remove_a_check_in(signed_in, owner, today):
    goal = GoalFactory(owner=owner)
    check_in = add(owner, goal, today, percent=10)
    url = reverse("direction:goal-check-in-delete", args=[goal.pk, check_in.pk])
    assert signed_in.get(url).status_code == 405
    assert signed_in.post(url)["Location"] == goal.get_absolute_url()
    assert not GoalCheckIn.objects.exists()


def test_another_owners_goal_and_check_ins_are_404(signed_in, outsider, owner, today):
    theirs = GoalFactory(owner=outsider)
    their_check_in = add(outsider, theirs, today, percent=10)
    mine = GoalFactory(owner=owner)
    posted = {"checked_on": "2026-11-20", "percent": "10"}

    assert (
        signed_in.post(reverse("direction:goal-check-in", args=[theirs.pk]), posted).status_code
        == 404
    )
    for goal in (theirs, mine):
        url = reverse("direction:goal-check-in-delete", args=[goal.pk, their_check_in.pk])
        assert signed_in.post(url).status_code == 404
    assert GoalCheckIn.objects.count() == 1


def test_the_goals_page_reads_progress_in_a_fixed_number_of_queries(
    signed_in, owner, today, django_assert_max_num_queries
):
    for n in range(3):
        add(owner, GoalFactory(owner=owner), today, percent=n * 10)
    with django_assert_max_num_queries(12) as few:
        signed_in.get(reverse("direction:goals"))
    for n in range(10):
        goal = GoalFactory(owner=owner)
        add(owner, goal, today, percent=n)
        add(owner, goal, today, milestone="Step")
    with django_assert_max_num_queries(len(few.captured_queries)):
        signed_in.get(reverse("direction:goals"))


def test_a_status_change_from_the_list_keeps_the_rows_progress(signed_in, owner, today):
    goal = GoalFactory(owner=owner)
    add(owner, goal, today, percent=30)

    response = signed_in.post(
        reverse("direction:goal-status", args=[goal.pk]),
        {"status": "paused"},
        HTTP_HX_REQUEST="true",
    )

    row = response.content.decode()
    assert row.lstrip().startswith(f'<li id="goal-{goal.pk}">')
    assert "Progress: 30 % on 23 Nov 2026" in row
