"""The career owner and the owner-scoped base every domain model is built on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from wayfinder.core.privacy import Private, reading_outward, refuse_private_load, seal


class Seniority(models.TextChoices):
    ENTRY = "entry", "Early career"
    MID = "mid", "Mid-level"
    SENIOR_IC = "senior_ic", "Senior individual contributor"
    MANAGER = "manager", "Manager"
    SENIOR_MANAGER = "senior_manager", "Senior manager"
    DIRECTOR = "director", "Director"
    EXECUTIVE = "executive", "Executive"


class Profile(models.Model):
    """A career owner: one per user. Every domain row belongs to exactly one profile."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(max_length=150, blank=True)
    current_title = models.CharField(max_length=200, blank=True)
    level = models.CharField(
        max_length=100, blank=True, help_text="Your level as your organisation names it."
    )
    seniority = models.CharField(max_length=20, choices=Seniority.choices, default=Seniority.MID)
    function = models.CharField(max_length=100, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    summary = models.TextField(
        "résumé summary",
        blank=True,
        # Rows written before the field (an older migration's state, a raw INSERT) read as
        # no summary.
        default="",
        db_default="",
        help_text="Two or three sentences about you and your work, in your own words: "
        "resume.json opens with them.",
    )
    time_zone = models.CharField(max_length=64, default="UTC")
    onboarded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(seniority__in=Seniority.values), name="profile_seniority_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.user.get_username()


class OwnedQuerySet(models.QuerySet):
    def for_owner(self, owner: Profile) -> Self:
        # By the column: the same SQL as `owner=owner`, without Django checking the instance
        # on every query (every page runs dozens). Anything but a saved Profile still gets
        # Django's own refusal.
        if type(owner) is Profile and owner.pk is not None:
            return self.filter(owner_id=owner.pk)
        return self.filter(owner=owner)


class OwnedModel(models.Model):
    """Abstract base: a row owned by one career owner, reached through `for_owner`."""

    owner = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = OwnedQuerySet.as_manager()
    # What of the model is private (core/privacy.py); None: nothing.
    privacy: Private | None = None

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            self.updated_at = timezone.now()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "updated_at"}
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if cls.privacy is not None and reading_outward():
            seal(instance)
        return instance

    def refresh_from_db(self, using=None, fields=None, from_queryset=None) -> None:
        refuse_private_load(self, fields)
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)


def related_as_written(instance: models.Model, **related: Sequence[models.Model]) -> None:
    """Let `instance`'s many-valued relations (`instance.<name>.all()`) answer from the
    rows just written with it, as `prefetch_related` would have read them back.

    For a service that has just made a record and its related rows: the answer to the
    write then needs no second read, and `prefetch_related_objects` skips these names.
    Each list must be what the read would give, in the related model's order. Any later
    change through the relation's manager (`add`, `set`, `remove`) drops them, as it does
    a prefetched list."""
    known = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    for name, rows in related.items():
        rows_read = getattr(instance, name).all()
        rows_read._result_cache = list(rows)
        rows_read._prefetch_done = True
        known[name] = rows_read


def choice_constraint(model_name: str, field: str, choices: type[models.TextChoices]):
    """A CHECK constraint so the database refuses a value outside a field's choices."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__in": choices.values}),
        name=f"{model_name}_{field}_valid",
    )


class Skill(OwnedModel):
    """A skill or competency named by the owner; wins and actions point at them."""

    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("owner", Lower("name"), name="skill_unique_name_per_owner"),
        ]

    def __str__(self) -> str:
        return self.name


class PositionQuerySet(OwnedQuerySet):
    def current(self) -> Self:
        """The roles the owner still holds: the one rule for a "current" role on the
        résumé and the profile (no end date yet; several can be current at once)."""
        return self.filter(ended_on__isnull=True)


class Position(OwnedModel):
    """A role in the owner's own history: a title at an organisation, from a start date to
    an end date (the last day in the role), or still held when it has no end date.

    Roles may overlap (a board seat beside a job, a handover month), and more than one can
    be current. The résumé lists them, each with the top wins of its own period unless
    `highlight_wins` is off (a side role whose period is the main job's too).
    """

    title = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=100, blank=True)
    started_on = models.DateField("start date")
    ended_on = models.DateField(
        "end date", null=True, blank=True, help_text="Leave empty while you hold this role."
    )
    summary = models.TextField(blank=True)
    highlight_wins = models.BooleanField(
        "list my wins of this period",
        default=True,
        help_text="Off for a side role (a board seat, a volunteer post) whose dates overlap "
        "your main job: its wins stay with the main role.",
    )

    objects = PositionQuerySet.as_manager()

    class Meta:
        # Current roles first, then the most recent.
        ordering = [models.F("ended_on").desc(nulls_first=True), "-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="position_ends_after_it_starts",
                violation_error_message="A role ends on or after the day it starts.",
            ),
            models.UniqueConstraint(
                fields=["owner", "title", "organisation", "started_on"],
                name="position_unique_per_owner",
                violation_error_message="You already have this role with this start date.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.organisation}" if self.organisation else self.title

    @property
    def is_current(self) -> bool:
        """`PositionQuerySet.current` for a row in hand (no query)."""
        return self.ended_on is None


class DataVersion(models.Model):
    """A counter bumped by every write to an owner's record, so views can cache safely.

    Bookkeeping, not career data: never exported. Web writes bump it in middleware, the
    command line where it writes.
    """

    owner = models.OneToOneField(Profile, on_delete=models.CASCADE, related_name="data_version")
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.owner} at version {self.version}"
