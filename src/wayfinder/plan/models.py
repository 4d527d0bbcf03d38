"""The development plan: actions, dated revisions, and opportunities."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import models
from django.urls import reverse

from wayfinder.core.models import OwnedModel, OwnedQuerySet, Skill, choice_constraint
from wayfinder.direction.models import Goal
from wayfinder.experiments.models import Experiment
from wayfinder.network.models import Person


class DevelopmentPlan(OwnedModel):
    """The owner's one living plan; revised three or four times a year."""

    title = models.CharField(max_length=200, default="My development plan")
    focus = models.TextField(blank=True, help_text="What this plan is mainly about right now.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner"], name="plan_one_per_owner")]

    def __str__(self) -> str:
        return self.title


class ActionKind(models.TextChoices):
    COURSE = "course", "Course"
    STRETCH = "stretch", "Stretch assignment"
    PRESENTATION = "presentation", "Presentation to a senior audience"
    TASK_FORCE = "task_force", "Task force"
    PROJECT = "project", "Project"
    READING = "reading", "Reading"
    MENTORING = "mentoring", "Mentoring"
    NETWORKING = "networking", "Networking"
    OTHER = "other", "Other"


class ActionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


# An action still to do: planned or in progress, not done and not dropped.
OPEN_ACTION_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


class ActionQuerySet(OwnedQuerySet):
    def open(self) -> ActionQuerySet:
        """Actions still to do (`DevelopmentAction.is_open`): planned or in progress."""
        return self.filter(status__in=OPEN_ACTION_STATUSES)

    def overdue_on(self, today: dt.date) -> ActionQuerySet:
        """Open actions due before `today`: the one rule for "overdue" on every surface.

        An action due today is not overdue yet; one without a due date never is.
        `DevelopmentAction.is_overdue_on` says the same for one row already loaded.
        """
        return self.open().filter(due_on__lt=today)


class DevelopmentAction(OwnedModel):
    # A stable identity across plan revisions, exports and imports.
    uid = models.UUIDField(default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=ActionKind.choices, default=ActionKind.OTHER)
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    skills = models.ManyToManyField(Skill, blank=True, related_name="actions")
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    completed_on = models.DateField(null=True, blank=True)
    evidence = models.TextField(blank=True, help_text="What shows it was done.")
    notes = models.TextField(blank=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["uid"], name="action_uid_unique"),
            choice_constraint("developmentaction", "kind", ActionKind),
            choice_constraint("developmentaction", "status", ActionStatus),
            models.CheckConstraint(
                condition=~models.Q(status=ActionStatus.DONE)
                | models.Q(completed_on__isnull=False),
                name="action_done_has_completed_on",
            ),
        ]
        indexes = [
            models.Index(fields=["owner", "status", "due_on"], name="action_owner_status_due")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        """Still to do: planned or in progress (`ActionQuerySet.open`)."""
        return self.status in OPEN_ACTION_STATUSES

    @property
    def is_done(self) -> bool:
        return self.status == ActionStatus.DONE

    @property
    def is_dropped(self) -> bool:
        return self.status == ActionStatus.DROPPED

    @property
    def is_in_progress(self) -> bool:
        return self.status == ActionStatus.IN_PROGRESS

    @property
    def can_start(self) -> bool:
        """Planned, or dropped and to be taken up again (what `action_start` accepts and
        the page offers)."""
        return self.status in (ActionStatus.PLANNED, ActionStatus.DROPPED)

    def is_overdue_on(self, today: dt.date) -> bool:
        """`ActionQuerySet.overdue_on` for a row in hand (no query)."""
        return self.is_open and self.due_on is not None and self.due_on < today


class PlanRevision(OwnedModel):
    """A dated snapshot of the whole plan; two revisions can be compared."""

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    revised_on = models.DateField()
    note = models.TextField(blank=True, help_text="What changed and why.")
    snapshot = models.JSONField(default=dict)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="revision_number_unique"),
        ]

    def __str__(self) -> str:
        return f"Revision {self.number} ({self.revised_on})"

    def get_absolute_url(self) -> str:
        return reverse("plan:revision", args=[self.number])


class OpportunityKind(models.TextChoices):
    STRETCH = "stretch", "Stretch assignment"
    PROJECT = "project", "Project"
    ROLE = "role", "Role"
    TASK_FORCE = "task_force", "Task force"
    PRESENTATION = "presentation", "Presentation"
    OTHER = "other", "Other"


class OpportunitySource(models.TextChoices):
    MANAGER = "manager", "Manager"
    SPONSOR = "sponsor", "Sponsor"
    MENTOR = "mentor", "Mentor"
    SELF = "self", "Self"
    OTHER = "other", "Other"


class OpportunityStatus(models.TextChoices):
    SPOTTED = "spotted", "Spotted"
    PURSUED = "pursued", "Pursued"
    SECURED = "secured", "Secured"
    DECLINED = "declined", "Declined"


class Opportunity(OwnedModel):
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(
        max_length=20, choices=OpportunityKind.choices, default=OpportunityKind.STRETCH
    )
    source = models.CharField(
        max_length=10, choices=OpportunitySource.choices, default=OpportunitySource.SELF
    )
    brought_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="opportunities"
    )
    status = models.CharField(
        max_length=10, choices=OpportunityStatus.choices, default=OpportunityStatus.SPOTTED
    )
    spotted_on = models.DateField()
    decided_on = models.DateField(null=True, blank=True)
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.SET_NULL, related_name="opportunities"
    )
    experiment = models.ForeignKey(
        Experiment, null=True, blank=True, on_delete=models.SET_NULL, related_name="opportunities"
    )

    class Meta:
        ordering = ["-spotted_on", "title"]
        verbose_name_plural = "opportunities"
        constraints = [
            choice_constraint("opportunity", "kind", OpportunityKind),
            choice_constraint("opportunity", "source", OpportunitySource),
            choice_constraint("opportunity", "status", OpportunityStatus),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_secured(self) -> bool:
        return self.status == OpportunityStatus.SECURED

    @property
    def is_declined(self) -> bool:
        return self.status == OpportunityStatus.DECLINED

    def get_absolute_url(self) -> str:
        return reverse("plan:opportunity", args=[self.pk])
