"""Self-advocacy: career ladders, self-assessment with evidence, the promotion narrative."""

from __future__ import annotations

from django.db import models

from wayfinder.core.models import OwnedModel, choice_constraint
from wayfinder.wins.models import Win


class Ladder(OwnedModel):
    """A career ladder: levels, competencies, and what each level expects of each."""

    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    source = models.CharField(
        max_length=100, blank=True, help_text="The sample it came from, or the file imported."
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="ladder_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Track(OwnedModel):
    """A path through the ladder, such as individual contributor or people manager."""

    ladder = models.ForeignKey(Ladder, on_delete=models.CASCADE, related_name="tracks")
    key = models.SlugField(max_length=80)
    name = models.CharField(max_length=200)
    rank = models.PositiveSmallIntegerField(default=1, help_text="Display order.")

    class Meta:
        ordering = ["ladder", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["ladder", "key"], name="track_key_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class CompetencyGroup(OwnedModel):
    """A group (category, theme) of competencies, with its summary."""

    ladder = models.ForeignKey(Ladder, on_delete=models.CASCADE, related_name="groups")
    key = models.SlugField(max_length=80)
    name = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    rank = models.PositiveSmallIntegerField(default=1, help_text="Display order.")

    class Meta:
        ordering = ["ladder", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["ladder", "key"], name="competency_group_key_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class LadderLevel(OwnedModel):
    ladder = models.ForeignKey(Ladder, on_delete=models.CASCADE, related_name="levels")
    code = models.CharField(max_length=30, help_text="e.g. 'L5' or 'Senior'.")
    name = models.CharField(max_length=200)
    name_generated = models.BooleanField(
        default=False, help_text="The file gave no name; Wayfinder made this one up."
    )
    rank = models.PositiveSmallIntegerField(help_text="1 for the first level, then upwards.")
    # Levels on parallel tracks share a grade: moving between them is not a step down.
    grade = models.PositiveSmallIntegerField(default=1, help_text="Seniority, 1 upwards.")
    track = models.ForeignKey(
        Track, on_delete=models.CASCADE, related_name="levels", null=True, blank=True
    )
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["ladder", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["ladder", "rank"], name="ladder_level_rank_unique"),
            models.UniqueConstraint(fields=["ladder", "code"], name="ladder_level_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()


class Competency(OwnedModel):
    ladder = models.ForeignKey(Ladder, on_delete=models.CASCADE, related_name="competencies")
    key = models.SlugField(max_length=80)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    rank = models.PositiveSmallIntegerField(default=1, help_text="Display order.")
    group = models.ForeignKey(
        CompetencyGroup,
        on_delete=models.SET_NULL,
        related_name="competencies",
        null=True,
        blank=True,
    )
    wins = models.ManyToManyField(Win, blank=True, related_name="competencies")

    class Meta:
        ordering = ["ladder", "rank", "name"]
        verbose_name_plural = "competencies"
        constraints = [
            models.UniqueConstraint(fields=["ladder", "key"], name="competency_key_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Expectation(OwnedModel):
    """What one level expects for one competency."""

    competency = models.ForeignKey(
        Competency, on_delete=models.CASCADE, related_name="expectations"
    )
    level = models.ForeignKey(LadderLevel, on_delete=models.CASCADE, related_name="expectations")
    text = models.TextField()

    class Meta:
        ordering = ["competency", "level__rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["competency", "level"], name="expectation_unique_per_level"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency} at {self.level}"


class Criterion(OwnedModel):
    """One thing a level expects for a competency, assessable on its own."""

    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="criteria")
    level = models.ForeignKey(LadderLevel, on_delete=models.CASCADE, related_name="criteria")
    rank = models.PositiveSmallIntegerField(default=1, help_text="Display order.")
    text = models.TextField()
    examples = models.TextField(blank=True, help_text="One example a line.")
    proficiency = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["competency", "level__rank", "rank"]
        verbose_name_plural = "criteria"

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def example_list(self) -> list[str]:
        return [line for line in self.examples.splitlines() if line.strip()]


class LadderChoice(OwnedModel):
    """The ladder the owner measures themselves against, where they are and aim to be."""

    ladder = models.ForeignKey(Ladder, on_delete=models.CASCADE, related_name="choices")
    # SET_NULL, not PROTECT: deleting the ladder (or the owner) cascades to its levels.
    current_level = models.ForeignKey(
        LadderLevel, on_delete=models.SET_NULL, related_name="+", null=True, blank=True
    )
    target_level = models.ForeignKey(
        LadderLevel, on_delete=models.SET_NULL, related_name="+", null=True, blank=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner"], name="ladder_choice_one_per_owner"),
        ]

    def __str__(self) -> str:
        return f"{self.ladder}: {self.current_level} → {self.target_level}"


class CurrentRating(models.TextChoices):
    BELOW = "below", "Not yet at my level"
    MEETS = "meets", "Meets my level"
    EXCEEDS = "exceeds", "Beyond my level"


class TargetRating(models.TextChoices):
    NOT_YET = "not_yet", "Not yet"
    PARTLY = "partly", "Partly"
    MEETS = "meets", "Already there"


class SelfAssessment(OwnedModel):
    """A dated self-assessment of one competency, against the current and target level."""

    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="assessments")
    assessed_on = models.DateField()
    against_current = models.CharField(max_length=10, choices=CurrentRating.choices)
    against_target = models.CharField(max_length=10, choices=TargetRating.choices)
    notes = models.TextField(blank=True)
    evidence = models.ManyToManyField(Win, blank=True, related_name="assessments")

    class Meta:
        ordering = ["-assessed_on", "competency"]
        constraints = [
            models.UniqueConstraint(
                fields=["competency", "assessed_on"], name="assessment_one_per_day"
            ),
            choice_constraint("selfassessment", "against_current", CurrentRating),
            choice_constraint("selfassessment", "against_target", TargetRating),
        ]

    def __str__(self) -> str:
        return f"{self.competency} on {self.assessed_on}"


class CriterionRating(OwnedModel):
    """The owner's view of one criterion, within a self-assessment."""

    assessment = models.ForeignKey(
        SelfAssessment, on_delete=models.CASCADE, related_name="criterion_ratings"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="ratings")
    rating = models.CharField(max_length=10, choices=TargetRating.choices)

    class Meta:
        ordering = ["assessment", "criterion__rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="criterion_rating_once"
            ),
            choice_constraint("criterionrating", "rating", TargetRating),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.rating}"

    @property
    def is_not_yet(self) -> bool:
        return self.rating == TargetRating.NOT_YET


class Audience(models.TextChoices):
    MANAGER = "manager", "My manager"
    COMMITTEE = "committee", "A promotion committee"
    SKIP_LEVEL = "skip_level", "My skip-level"
    SPONSOR = "sponsor", "A sponsor"


class Narrative(OwnedModel):
    """A promotion case for one audience and period; its text is kept in versions."""

    title = models.CharField(max_length=200)
    audience = models.CharField(max_length=20, choices=Audience.choices)
    period_start = models.DateField()
    period_end = models.DateField()

    class Meta:
        ordering = ["-period_end", "-id"]
        constraints = [
            choice_constraint("narrative", "audience", Audience),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="narrative_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class NarrativeVersion(OwnedModel):
    narrative = models.ForeignKey(Narrative, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    body = models.TextField(help_text="Markdown.")
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["narrative", "number"], name="narrative_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.narrative} v{self.number}"
