"""Mentoring programs: who opted in (the projection the program sees), and the pairs.

A program spans owners, so it is not an OwnedModel; each opt-in belongs to the owner who
made it (see OptIn). An opt-in holds only the fields the program sees (`projection.py`), copied at
opt-in time from the owner's own record with their edits: the program never reads the
record itself.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from wayfinder.core.models import OwnedQuerySet, Profile, choice_constraint

MAX_CAPACITY = 5


class Program(models.Model):
    """A mentoring program; whoever creates it holds the program-administrator role."""

    name = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField()
    cap_per_mentor = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
        help_text="The most mentees any one mentor takes, whatever capacity they offer.",
    )
    skill_weight = models.PositiveSmallIntegerField(
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text="Points for every skill the mentee wants that the mentor offers.",
    )
    level_weight = models.PositiveSmallIntegerField(
        default=2,
        validators=[MaxValueValidator(20)],
        help_text=(
            "Points when the mentor is within the levels up the mentee prefers; 0 ignores levels."
        ),
    )
    function_weight = models.PositiveSmallIntegerField(
        default=1,
        validators=[MaxValueValidator(20)],
        help_text=(
            "Points for a mentor from another function, when the mentee asks for one; 0 ignores it."
        ),
    )
    time_zone_weight = models.PositiveSmallIntegerField(
        default=1,
        validators=[MaxValueValidator(20)],
        help_text="Points when the two are no further apart than the mentee accepts; 0 ignores it.",
    )
    rhythm_days = models.PositiveSmallIntegerField(
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="How often a pair is expected to meet: the rhythm each network gains.",
    )
    administrators = models.ManyToManyField(Profile, related_name="administered_programs")
    created_by = models.ForeignKey(Profile, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="program_period_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(cap_per_mentor__gte=1, cap_per_mentor__lte=MAX_CAPACITY),
                name="program_cap_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("mentoring:program", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class OptIn(models.Model):
    """What both sides state: the owner's function, level, time zone and chain.

    An opt-in is what the owner handed to the program, not part of their career record:
    it is reached through `for_owner` like the record, but it is not an OwnedModel, so it
    is not in the owner's export (it means nothing without its program) and withdrawing
    deletes it."""

    owner = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)
    display_name = models.CharField(max_length=150)
    username = models.CharField(max_length=150)
    function = models.CharField(max_length=100, blank=True)
    level = models.SmallIntegerField(validators=[MinValueValidator(0), MaxValueValidator(20)])
    time_zone = models.CharField(max_length=64, default="UTC")
    manager = models.CharField(
        max_length=254, blank=True, help_text="Your manager's username in this program, if any."
    )
    skip_level = models.CharField(
        max_length=254, blank=True, help_text="Your manager's manager's username, if any."
    )

    objects = OwnedQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.display_name} in {self.program}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            self.updated_at = timezone.now()
        super().save(*args, **kwargs)


class MenteeOptIn(OptIn):
    skills_wanted = models.JSONField(default=list)
    learning_goals = models.TextField(blank=True)
    levels_up_min = models.PositiveSmallIntegerField(default=1)
    levels_up_max = models.PositiveSmallIntegerField(default=3)
    prefers_other_function = models.BooleanField(default=False)
    max_hours_apart = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["display_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["program", "owner"], name="mentee_once_per_program"),
            models.CheckConstraint(
                condition=models.Q(levels_up_max__gte=models.F("levels_up_min")),
                name="mentee_levels_up_in_order",
            ),
        ]


class MentorOptIn(OptIn):
    skills_offered = models.JSONField(default=list)
    capacity = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)]
    )
    levels_mentored = models.JSONField(default=list)

    class Meta:
        ordering = ["display_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["program", "owner"], name="mentor_once_per_program"),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1, capacity__lte=MAX_CAPACITY),
                name="mentor_capacity_range",
            ),
        ]


class MatchState(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    PINNED = "pinned", "Pinned"
    FORBIDDEN = "forbidden", "Forbidden"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


# A live pair holds its mentee and a place with its mentor.
LIVE_STATES = (MatchState.PROPOSED, MatchState.PINNED, MatchState.ACCEPTED)


class Side(models.TextChoices):
    MENTEE = "mentee", "Mentee"
    MENTOR = "mentor", "Mentor"
    ADMINISTRATOR = "administrator", "Program administrator"


class Match(models.Model):
    """A proposed pair and what became of it."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="matches")
    mentee = models.ForeignKey(MenteeOptIn, on_delete=models.CASCADE, related_name="matches")
    mentor = models.ForeignKey(MentorOptIn, on_delete=models.CASCADE, related_name="matches")
    fit = models.PositiveIntegerField(default=0)
    explanation = models.CharField(max_length=500, blank=True)
    state = models.CharField(max_length=10, choices=MatchState.choices, default=MatchState.PROPOSED)
    mentee_accepted_at = models.DateTimeField(null=True, blank=True)
    mentor_accepted_at = models.DateTimeField(null=True, blank=True)
    declined_by = models.CharField(max_length=15, choices=Side.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["mentee__display_name", "id"]
        verbose_name_plural = "matches"
        constraints = [
            choice_constraint("match", "state", MatchState),
            # One live pair per mentee: the database refuses a second.
            models.UniqueConstraint(
                fields=["mentee"],
                condition=models.Q(state__in=LIVE_STATES),
                name="match_one_live_pair_per_mentee",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentee.display_name} with {self.mentor.display_name}"

    @property
    def is_live(self) -> bool:
        return self.state in LIVE_STATES

    @property
    def is_open(self) -> bool:
        """Proposed or pinned: waiting for both answers."""
        return self.state in (MatchState.PROPOSED, MatchState.PINNED)

    @property
    def is_pinned(self) -> bool:
        return self.state == MatchState.PINNED

    @property
    def is_forbidden(self) -> bool:
        return self.state == MatchState.FORBIDDEN

    @property
    def is_accepted(self) -> bool:
        return self.state == MatchState.ACCEPTED


class DeclinedPair(models.Model):
    """A pair one side declined: never proposed again in this program."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey(MenteeOptIn, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(MentorOptIn, on_delete=models.CASCADE, related_name="+")
    declined_by = models.CharField(max_length=15, choices=Side.choices)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mentee", "mentor"], name="declined_pair_once"),
        ]

    def __str__(self) -> str:
        return f"{self.mentee_id} and {self.mentor_id} declined"
