"""Network: people, the roles they play in the owner's career, and interactions."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse

from wayfinder.core.models import OwnedModel, OwnedQuerySet, choice_constraint
from wayfinder.core.privacy import Private


class Influence(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class Person(OwnedModel):
    """Someone in the owner's working world. Relative level: owner 0, manager +1, reports -1."""

    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    function = models.CharField(max_length=100, blank=True)
    # None: not placed yet (people brought in by an import wait for the owner to place them).
    relative_level = models.SmallIntegerField(
        default=0,
        null=True,
        blank=True,
        help_text="You are 0; your manager +1, skip-level +2, peers 0, reports -1.",
    )
    influence = models.CharField(max_length=10, choices=Influence.choices, default=Influence.MEDIUM)
    cadence_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How often you want to be in touch, in days."
    )
    email = models.EmailField(blank=True)
    url = models.URLField(
        "profile URL", max_length=500, blank=True, help_text="Their LinkedIn or web page."
    )
    # Two people may share a name: the first is namesake 0, the next 1, and so on, so that
    # capture still finds one person by name and two captures at once make one person.
    namesake = models.PositiveSmallIntegerField(default=0)
    notes = models.TextField(blank=True)
    private_notes = models.TextField(
        blank=True,
        help_text=(
            "Only you see this: it never appears in a narrative, an agenda or an export "
            "made for someone else."
        ),
    )
    privacy = Private(fields=("private_notes",))
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            # Capture finds people by name: two with one name (any case) would be ambiguous.
            models.UniqueConstraint(
                "owner", Lower("name"), "namesake", name="person_unique_name_per_owner"
            ),
            choice_constraint("person", "influence", Influence),
            models.CheckConstraint(
                condition=models.Q(relative_level__gte=-5, relative_level__lte=6),
                name="person_relative_level_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_placed(self) -> bool:
        """Whether the owner has set the relative level (imported people start without)."""
        return self.relative_level is not None

    @property
    def is_high_influence(self) -> bool:
        return self.influence == Influence.HIGH

    def get_absolute_url(self) -> str:
        return reverse("network:person", args=[self.pk])


class Role(models.TextChoices):
    MANAGER = "manager", "Manager"
    SKIP_LEVEL = "skip_level", "Skip-level"
    MENTOR = "mentor", "Mentor"
    SPONSOR = "sponsor", "Sponsor"
    PEER = "peer", "Peer"
    STAKEHOLDER = "stakeholder", "Stakeholder"
    COACH = "coach", "Coach"
    MENTEE = "mentee", "Mentee"
    REPORT = "report", "Direct report"


REPORTING_LINE_ROLES = {Role.MANAGER, Role.SKIP_LEVEL}


class PersonRoleQuerySet(OwnedQuerySet):
    def held_on(self, today: dt.date) -> PersonRoleQuerySet:
        """The roles held on `today`: the one rule every page, export and command uses.

        A role is held on a day when it started on or before that day (or has no start
        date) and has not ended by then: no end date, or an end date after that day.
        The boundary follows `role_end`, which records the day the role stops: a role
        that starts today is held today, one that ends today is not (it was held until
        yesterday). `PersonRole.is_held_on` says the same for one row already loaded.
        """
        return self.filter(
            models.Q(started_on__isnull=True) | models.Q(started_on__lte=today),
            models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=today),
        )


class PersonRole(OwnedModel):
    """A role a person plays for the owner; a person can hold several."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=Role.choices)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    objects = PersonRoleQuerySet.as_manager()

    class Meta:
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(fields=["person", "role"], name="person_role_unique"),
            choice_constraint("personrole", "role", Role),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"

    def is_held_on(self, today: dt.date) -> bool:
        """`PersonRoleQuerySet.held_on` for a row in hand (no query)."""
        started = self.started_on is None or self.started_on <= today
        return started and (self.ended_on is None or self.ended_on > today)


class InteractionKind(models.TextChoices):
    ONE_ON_ONE = "one_on_one", "1:1"
    COFFEE = "coffee", "Coffee"
    INFORMATIONAL = "informational", "Informational conversation"
    MENTORING = "mentoring", "Mentoring session"
    SPONSOR = "sponsor", "Sponsor check-in"
    MEETING = "meeting", "Meeting"
    MESSAGE = "message", "Message or call"
    EVENT = "event", "Event"
    OTHER = "other", "Other"


class Interaction(OwnedModel):
    occurred_on = models.DateField()
    kind = models.CharField(
        max_length=20, choices=InteractionKind.choices, default=InteractionKind.OTHER
    )
    people = models.ManyToManyField(Person, related_name="interactions")
    notes = models.TextField(blank=True)
    follow_ups = models.TextField(blank=True)
    follow_up_due = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        constraints = [choice_constraint("interaction", "kind", InteractionKind)]
        indexes = [models.Index(fields=["owner", "occurred_on"], name="interaction_owner_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_on}"

    def get_absolute_url(self) -> str:
        return reverse("network:interaction", args=[self.pk])
