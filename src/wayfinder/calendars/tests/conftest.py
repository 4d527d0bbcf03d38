"""A record with one item of every kind the feed holds, and a turned-on feed for it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from wayfinder.calendars.services import calendar_feed_turn_on
from wayfinder.conversations.models import ConversationStatus
from wayfinder.conversations.tests.factories import DevelopmentConversationFactory
from wayfinder.core.tests.factories import TODAY
from wayfinder.core.versions import data_version_bump
from wayfinder.direction.tests.factories import GoalFactory
from wayfinder.experiments.tests.factories import CheckInFactory, ExperimentFactory
from wayfinder.network.tests.factories import InteractionFactory, PersonFactory
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.reflection.tests.factories import ReviewFactory


@dataclass
class Record:
    owner: Any
    token: str
    conversation: Any
    cancelled: Any
    action: Any
    goal: Any
    experiment: Any
    person: Any
    review: Any

    @property
    def path(self) -> str:
        return f"/calendar/{self.token}.ics"

    def changed(self) -> None:
        """What every write through the web, the API or the command line does: the owner's
        data version moves on, and with it the feed's key."""
        data_version_bump(owner_id=self.owner.pk)


@pytest.fixture
def record(owner) -> Record:
    rob = PersonFactory(owner=owner, name="Rob Patel", cadence_days=30)
    conversation = DevelopmentConversationFactory(
        owner=owner,
        supervisor=rob,
        held_on=TODAY + dt.timedelta(days=7),
        status=ConversationStatus.PLANNED,
        agenda="Plan progress, wins; asks\nand a backslash \\ too",
    )
    cancelled = DevelopmentConversationFactory(
        owner=owner, held_on=TODAY + dt.timedelta(days=3), status=ConversationStatus.CANCELLED
    )
    experiment = ExperimentFactory(
        owner=owner,
        title="Lead the offsite",
        starts_on=TODAY - dt.timedelta(days=20),
        ends_on=TODAY + dt.timedelta(days=40),
    )
    CheckInFactory(owner=owner, experiment=experiment, held_on=TODAY - dt.timedelta(days=5))
    InteractionFactory(owner=owner, occurred_on=TODAY - dt.timedelta(days=10), people=[rob])
    record = Record(
        owner=owner,
        token=calendar_feed_turn_on(owner=owner),
        conversation=conversation,
        cancelled=cancelled,
        action=DevelopmentActionFactory(
            owner=owner, title="Present Q3 to the CRO", due_on=TODAY + dt.timedelta(days=12)
        ),
        goal=GoalFactory(
            owner=owner, title="Head of Growth", target_date=TODAY + dt.timedelta(days=200)
        ),
        experiment=experiment,
        person=rob,
        review=ReviewFactory(owner=owner, held_on=TODAY - dt.timedelta(days=60)),
    )
    return record
