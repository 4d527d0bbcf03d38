"""The owner's calendar feed: whether it is on, the hash of its secret address, what it holds."""

from __future__ import annotations

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from wayfinder.core.models import OwnedModel


class FeedKind(models.TextChoices):
    """What the feed can hold; each one is turned on and off on its own."""

    CONVERSATIONS = "conversations", "Development conversations"
    ACTIONS = "actions", "Development actions' due dates"
    GOALS = "goals", "Goals' target dates"
    EXPERIMENTS = "experiments", "Experiments' time-box ends and next check-ins"
    PEOPLE = "people", "People due on their contact rhythm"
    REVIEW = "review", "The quarterly review"


MINUTES_A_DAY = 24 * 60

# The boolean field of each kind.
KIND_FIELDS = {kind: f"include_{kind}" for kind in FeedKind.values}


def _kind_field(kind: FeedKind) -> models.BooleanField:
    return models.BooleanField(kind.label, default=True)


class CalendarFeed(OwnedModel):
    """One per owner. The feed's address holds a secret token; only its SHA-256 is kept, so
    the address is shown once, when the feed is turned on or rotated."""

    token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    enabled = models.BooleanField(default=False)
    include_conversations = _kind_field(FeedKind.CONVERSATIONS)
    include_actions = _kind_field(FeedKind.ACTIONS)
    include_goals = _kind_field(FeedKind.GOALS)
    include_experiments = _kind_field(FeedKind.EXPERIMENTS)
    include_people = _kind_field(FeedKind.PEOPLE)
    include_review = _kind_field(FeedKind.REVIEW)
    # A conversation is recorded with its day only: the feed places it at this time of day
    # (minutes after midnight, in the owner's time zone), so it is a timed event a calendar
    # can warn about. Whole minutes, so the export format needs no time-of-day type.
    conversation_start_minute = models.PositiveSmallIntegerField(
        "Conversations start at",
        default=10 * 60,
        validators=[MaxValueValidator(MINUTES_A_DAY - 1, "Use a time of day.")],
        help_text="Your conversations are recorded by day; the feed puts them at this time.",
    )
    conversation_minutes = models.PositiveSmallIntegerField(
        "Conversations last, in minutes",
        default=60,
        validators=[
            MinValueValidator(5, "Use a whole number from 5 to 480."),
            MaxValueValidator(480, "Use a whole number from 5 to 480."),
        ],
    )
    rotated_at = models.DateTimeField(null=True, blank=True)
    # Bookkeeping of what was last served, for Last-Modified: the moment the feed's content
    # last changed (an item added, edited or gone), found by comparing its ETag.
    served_etag = models.CharField(max_length=64, blank=True, editable=False)
    # What the served content was built from (the feed's settings, the owner's data version,
    # the day): while it holds, a poll is answered without building the feed again.
    served_key = models.CharField(max_length=64, blank=True, editable=False)
    served_changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner"], name="calendarfeed_one_per_owner"),
            models.CheckConstraint(
                condition=models.Q(conversation_start_minute__lt=MINUTES_A_DAY),
                name="calendarfeed_conversation_start_in_the_day",
            ),
            models.CheckConstraint(
                condition=models.Q(conversation_minutes__gte=5, conversation_minutes__lte=480),
                name="calendarfeed_conversation_minutes_range",
            ),
            models.CheckConstraint(
                condition=models.Q(enabled=False) | models.Q(token_hash__isnull=False),
                name="calendarfeed_enabled_has_token",
            ),
        ]

    def __str__(self) -> str:
        return f"calendar feed of {self.owner}"

    def includes(self, kind: str) -> bool:
        return bool(getattr(self, KIND_FIELDS[kind]))

    @property
    def conversation_time(self) -> dt.time:
        """When in the day the feed puts a conversation."""
        return dt.time(*divmod(self.conversation_start_minute, 60))

    @property
    def kinds(self) -> list[str]:
        """The kinds turned on, in the order of FeedKind."""
        return [kind for kind in FeedKind.values if self.includes(kind)]
