"""Reads for the calendar feed: the owner's feed, the feed a token opens, and what is coming.

The feed leaves the owner's pages (it is read by a calendar app, often a hosted one), so its
items are gathered inside `outward_reading()` (core/privacy.py): whatever the app selectors
load is sealed, and no private field or record can be read. Every rule is its app's own:
open actions (`open_actions`), active goals (`goal_list`), running and designed experiments
(`experiment_list`, `experiment_check_ins_due`'s rhythm), people past their contact rhythm
(`days_past_rhythm` from `with_last_interaction`), the review's due day (`review_due` over
`last_review_on` and the owner's `review_days`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Max
from django.urls import reverse

from wayfinder.calendars.models import CalendarFeed, FeedKind
from wayfinder.conversations.models import ConversationStatus
from wayfinder.conversations.selectors import conversation_list
from wayfinder.core.clock import UnknownTimeZone, zone_named
from wayfinder.core.dates import date_shown
from wayfinder.core.models import Profile
from wayfinder.core.privacy import outward_reading
from wayfinder.core.thresholds import thresholds_for
from wayfinder.core.tokens import token_hash
from wayfinder.direction.models import GoalStatus
from wayfinder.direction.selectors import goal_list
from wayfinder.experiments.models import ExperimentStatus
from wayfinder.experiments.selectors import experiment_check_ins_due, experiment_list
from wayfinder.network.selectors import added_on, days_past_rhythm, people_list
from wayfinder.plan.selectors import open_actions
from wayfinder.reflection.selectors import last_review_on, review_due

# `experiment_check_ins_due`'s rhythm: a running experiment is due a check-in this many days
# after its last one (or its start). Read from the selector itself, so the two never differ.
CHECK_IN_EVERY_DAYS: int = (experiment_check_ins_due.__kwdefaults__ or {})["every_days"]
# A called-off conversation stays in the feed, cancelled, until this many days after its day.
CANCELLED_KEPT_DAYS = 30
# The host part of every UID when WAYFINDER_BASE_URL names none.
DEFAULT_UID_HOST = "wayfinder.local"


def calendar_feed_of(*, owner: Profile) -> CalendarFeed | None:
    """The owner's feed settings, or None while they have never opened them."""
    return CalendarFeed.objects.for_owner(owner).first()


def feed_for_token(*, token: str) -> CalendarFeed | None:
    """The turned-on feed whose secret address holds `token`, with its owner; None for an
    unknown, rotated or turned-off token."""
    if not token or len(token) > 200:
        return None
    return (
        # A deactivated owner's feed opens nothing until they are reactivated.
        CalendarFeed.objects.filter(
            enabled=True, token_hash=token_hash(token), owner__user__is_active=True
        )
        .select_related("owner")
        .first()
    )


def feed_address(*, token: str, base_url: str) -> str:
    """The feed's address for `token`: absolute from `base_url` (a path when it is empty)."""
    return base_url.rstrip("/") + reverse("calendars:feed", args=[token])


def uid_host() -> str:
    """The instance's host, the right-hand side of every UID (RFC 5545 suggests one)."""
    return urlsplit(settings.WAYFINDER_BASE_URL).hostname or DEFAULT_UID_HOST


def owner_zone(owner: Profile) -> dt.tzinfo:
    """The owner's time zone; one this machine does not know reads as UTC."""
    try:
        return zone_named(owner.time_zone)
    except UnknownTimeZone:
        return dt.UTC


@dataclass(frozen=True)
class CalendarItem:
    """One event of the feed. `start`/`end` are dates (all-day; `end` exclusive) or aware
    datetimes in the owner's zone; `path` is the item's page on the instance."""

    uid: str
    kind: str
    summary: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime
    description: str
    created: dt.datetime
    last_modified: dt.datetime
    path: str
    cancelled: bool = False

    @property
    def sequence(self) -> int:
        """Grows with every change of the item: whole seconds from its creation to its last
        change (RFC 5545 asks only that it grows)."""
        return max(0, int((self.last_modified - self.created).total_seconds()))


def _all_day(day: dt.date) -> tuple[dt.date, dt.date]:
    return day, day + dt.timedelta(days=1)


def _latest(*moments: dt.datetime | None) -> dt.datetime:
    return max(moment for moment in moments if moment is not None)


def _conversations(
    owner: Profile, feed: CalendarFeed, zone: dt.tzinfo, today: dt.date
) -> list[CalendarItem]:
    items = [
        conversation_item(conversation, feed=feed, zone=zone)
        for conversation in conversation_list(owner=owner, status=ConversationStatus.PLANNED)
    ]
    # Called off: kept a while as cancelled, so calendars that had it take it away.
    kept_from = today - dt.timedelta(days=CANCELLED_KEPT_DAYS)
    for conversation in conversation_list(owner=owner, status=ConversationStatus.CANCELLED):
        if conversation.held_on >= kept_from:
            items.append(conversation_item(conversation, feed=feed, zone=zone))
    return items


def conversation_item(conversation, *, feed: CalendarFeed, zone: dt.tzinfo) -> CalendarItem:
    """A planned (or called-off) conversation as a timed event at the feed's time, in the
    owner's zone, its agenda as the description. `conversation` must be sealed."""
    start = dt.datetime.combine(conversation.held_on, feed.conversation_time, tzinfo=zone)
    with_whom = f" with {conversation.supervisor.name}" if conversation.supervisor else ""
    return CalendarItem(
        uid=f"conversation-{conversation.pk}",
        kind=FeedKind.CONVERSATIONS,
        summary=f"Development conversation{with_whom}",
        start=start,
        end=start + dt.timedelta(minutes=feed.conversation_minutes),
        description=conversation.agenda.strip(),
        created=conversation.created_at,
        # The feed's own time for conversations moves them too.
        last_modified=_latest(conversation.updated_at, feed.updated_at if feed.pk else None),
        path=conversation.get_absolute_url(),
        cancelled=conversation.is_cancelled,
    )


def _actions(owner: Profile) -> list[CalendarItem]:
    items = []
    for action in open_actions(owner=owner).select_related("goal"):
        if action.due_on is None:
            continue
        start, end = _all_day(action.due_on)
        serves = f"It serves your goal: {action.goal.title}." if action.goal else ""
        items.append(
            CalendarItem(
                uid=f"action-{action.uid}",
                kind=FeedKind.ACTIONS,
                summary=f"Due: {action.title}",
                start=start,
                end=end,
                description=" ".join(
                    part
                    for part in (
                        f"From your development plan ({action.get_kind_display().lower()}).",
                        serves,
                    )
                    if part
                ),
                created=action.created_at,
                last_modified=action.updated_at,
                path=f"{reverse('plan:plan')}#action-{action.pk}",
            )
        )
    return items


def _goals(owner: Profile) -> list[CalendarItem]:
    items = []
    for goal in goal_list(owner=owner, status=GoalStatus.ACTIVE):
        if goal.target_date is None:
            continue
        start, end = _all_day(goal.target_date)
        measure = " ".join(goal.success_measure.split())
        items.append(
            CalendarItem(
                uid=f"goal-{goal.pk}",
                kind=FeedKind.GOALS,
                summary=f"Goal target: {goal.title}",
                start=start,
                end=end,
                description=f"How you will know: {measure}" if measure else "",
                created=goal.created_at,
                last_modified=goal.updated_at,
                path=goal.get_absolute_url(),
            )
        )
    return items


def _experiments(owner: Profile) -> list[CalendarItem]:
    items = []
    for status in (ExperimentStatus.DESIGNED, ExperimentStatus.RUNNING):
        experiments = experiment_list(owner=owner, status=status).annotate(
            check_in_changed=Max("check_ins__updated_at")
        )
        for experiment in experiments:
            start, end = _all_day(experiment.ends_on)
            items.append(
                CalendarItem(
                    uid=f"experiment-end-{experiment.pk}",
                    kind=FeedKind.EXPERIMENTS,
                    summary=f"Time box ends: {experiment.title}",
                    start=start,
                    end=end,
                    description="Time to adopt, adapt or abandon: "
                    + " ".join(experiment.hypothesis.split()),
                    created=experiment.created_at,
                    last_modified=experiment.updated_at,
                    path=experiment.get_absolute_url(),
                )
            )
            if not experiment.is_running:
                continue
            # experiment_list annotates the check-in summary (count and last day).
            touched = experiment.last_check_in or experiment.starts_on  # type: ignore[attr-defined]
            due = touched + dt.timedelta(days=CHECK_IN_EVERY_DAYS)
            if due > experiment.ends_on:
                continue  # the end of the box comes first: a verdict, not a check-in
            start, end = _all_day(due)
            count = experiment.check_in_count  # type: ignore[attr-defined]
            items.append(
                CalendarItem(
                    # One check-in each: a new check-in makes the next one a new event.
                    uid=f"experiment-check-in-{experiment.pk}-{due.isoformat()}",
                    kind=FeedKind.EXPERIMENTS,
                    summary=f"Check in: {experiment.title}",
                    start=start,
                    end=end,
                    description=f"Note the signals you watch: {count} "
                    f"check-in{'' if count == 1 else 's'} so far.",
                    created=experiment.created_at,
                    last_modified=_latest(experiment.updated_at, experiment.check_in_changed),
                    path=experiment.get_absolute_url(),
                )
            )
    return items


def _people(owner: Profile, today: dt.date) -> list[CalendarItem]:
    items = []
    for person in people_list(owner=owner, today=today):
        if person.cadence_days is None:
            continue
        last = person.last_interaction_on  # type: ignore[attr-defined]  # people_list's
        late = days_past_rhythm(
            last_met_on=last,
            added_on=added_on(person.created_at, owner=owner),
            every=person.cadence_days,
            today=today,
        )
        # The first day `days_past_rhythm` counts them as past it (late == 1).
        due = today + dt.timedelta(days=1 - late)
        start, end = _all_day(due)
        met = f"last met {date_shown(last)}" if last else "not met yet"
        items.append(
            CalendarItem(
                uid=f"person-due-{person.pk}-{due.isoformat()}",
                kind=FeedKind.PEOPLE,
                summary=f"Get in touch: {person.name}",
                start=start,
                end=end,
                description=f"Your rhythm with {person.name} is every "
                f"{person.cadence_days} days; {met}.",
                created=person.created_at,
                last_modified=person.updated_at,
                path=person.get_absolute_url(),
            )
        )
    return items


def review_due_on(
    *, last_review_on: dt.date | None, joined_on: dt.date, after_days: int
) -> dt.date:
    """The first day `review_due` holds: the day after the last review is `after_days` old,
    or, with no review yet, the day the owner joined (one is due from the start)."""
    if last_review_on is None:
        return joined_on
    due = last_review_on + dt.timedelta(days=after_days)
    while not review_due(last_review_on=last_review_on, today=due, after_days=after_days):
        due += dt.timedelta(days=1)
    return due


def _review(owner: Profile, today: dt.date, zone: dt.tzinfo) -> list[CalendarItem]:
    last = last_review_on(owner=owner, today=today)
    every = thresholds_for(owner=owner).review_days
    joined = owner.created_at.astimezone(zone).date()
    due = review_due_on(last_review_on=last, joined_on=joined, after_days=every)
    since = dt.datetime.combine(last or joined, dt.time(), tzinfo=zone)
    start, end = _all_day(due)
    done = f"Your last review was on {date_shown(last)}" if last else "No review yet"
    return [
        CalendarItem(
            uid=f"review-due-{due.isoformat()}",
            kind=FeedKind.REVIEW,
            summary="Quarterly review",
            start=start,
            end=end,
            description=f"{done}; you review every {every} days: a few coaching questions, "
            "answered honestly.",
            created=since,
            last_modified=since,
            path=reverse("reflection:review-new"),
        )
    ]


def calendar_items(*, owner: Profile, feed: CalendarFeed, today: dt.date) -> list[CalendarItem]:
    """What is coming for the owner, of the kinds the feed holds, from the privacy
    projection: done, dropped, achieved and concluded items are left out; called-off
    conversations stay, marked cancelled, so calendars take them away."""
    zone = owner_zone(owner)
    items: list[CalendarItem] = []
    with outward_reading():
        if feed.includes(FeedKind.CONVERSATIONS):
            items += _conversations(owner, feed, zone, today)
        if feed.includes(FeedKind.ACTIONS):
            items += _actions(owner)
        if feed.includes(FeedKind.GOALS):
            items += _goals(owner)
        if feed.includes(FeedKind.EXPERIMENTS):
            items += _experiments(owner)
        if feed.includes(FeedKind.PEOPLE):
            items += _people(owner, today)
        if feed.includes(FeedKind.REVIEW):
            items += _review(owner, today, zone)
    return items
