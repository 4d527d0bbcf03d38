"""Reads for experiments: what is running, what needs a check-in or a verdict."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, DateField, Max, QuerySet
from django.db.models.functions import Coalesce

from wayfinder.core.models import Profile
from wayfinder.experiments.models import CheckIn, Experiment, ExperimentStatus
from wayfinder.experiments.services import ExperimentError


def _with_check_in_summary(experiments: QuerySet[Experiment]) -> QuerySet[Experiment]:
    """Each experiment with `check_in_count` and `last_check_in` (None if none yet)."""
    return experiments.select_related("goal", "path").annotate(
        check_in_count=Count("check_ins"), last_check_in=Max("check_ins__held_on")
    )


def experiment_list(*, owner: Profile, status: str | None = None) -> QuerySet[Experiment]:
    """The owner's experiments, latest start first, with their check-in summary."""
    experiments = Experiment.objects.for_owner(owner)
    if status is not None:
        if status not in ExperimentStatus.values:
            raise ExperimentError(f"unknown experiment status {status!r}")
        experiments = experiments.filter(status=status)
    return _with_check_in_summary(experiments).order_by("-starts_on", "title", "id")


def experiment_check_ins(*, owner: Profile, experiment: Experiment) -> QuerySet[CheckIn]:
    """The check-ins of one experiment, oldest first."""
    if experiment.owner_id != owner.id:
        raise ExperimentError("that experiment is not one of yours")
    return CheckIn.objects.for_owner(owner).filter(experiment=experiment).order_by("held_on", "id")


def experiment_lines(experiments: QuerySet[Experiment]) -> QuerySet[Experiment]:
    """`experiments` as a line of a list shows them (the week, a notice): the title, the
    time box and the link, without the goal or path read beside them."""
    return experiments.select_related(None).only("pk", "title", "starts_on", "ends_on")


def experiment_adaptations(*, owner: Profile, experiment: Experiment) -> QuerySet[Experiment]:
    """The experiments designed to adapt this one, oldest first."""
    return (
        Experiment.objects.for_owner(owner)
        .filter(adapted_from=experiment)
        .order_by("starts_on", "id")
    )


def experiments_running(*, owner: Profile, today: dt.date) -> QuerySet[Experiment]:
    """Experiments being tried on today, soonest end first (past-due ones still count)."""
    running = Experiment.objects.for_owner(owner).filter(
        status=ExperimentStatus.RUNNING, starts_on__lte=today
    )
    return _with_check_in_summary(running).order_by("ends_on", "id")


def experiment_check_ins_due(
    *, owner: Profile, today: dt.date, every_days: int = 14
) -> QuerySet[Experiment]:
    """Running experiments still inside their time box with no check-in (or start) in the
    last `every_days` days. One past its box is due a verdict instead (`past_time_box`)."""
    if every_days < 1:
        raise ExperimentError("check in every one or more days")
    running = Experiment.objects.for_owner(owner).filter(
        status=ExperimentStatus.RUNNING, ends_on__gte=today
    )
    return (
        _with_check_in_summary(running)
        .annotate(
            last_touch=Coalesce(Max("check_ins__held_on"), "starts_on", output_field=DateField())
        )
        .filter(last_touch__lte=today - dt.timedelta(days=every_days))
        .order_by("last_touch", "id")
    )


def experiments_ending_soon(
    *, owner: Profile, today: dt.date, days: int = 14
) -> QuerySet[Experiment]:
    """Running experiments whose time box ends from today to `days` days ahead."""
    if days < 0:
        raise ExperimentError("look ahead zero or more days")
    running = Experiment.objects.for_owner(owner).filter(
        status=ExperimentStatus.RUNNING,
        ends_on__gte=today,
        ends_on__lte=today + dt.timedelta(days=days),
    )
    return _with_check_in_summary(running).order_by("ends_on", "id")


def experiments_awaiting_verdict(*, owner: Profile, today: dt.date) -> QuerySet[Experiment]:
    """Experiments past their time box (`ExperimentQuerySet.past_time_box`), the earliest
    ended first: time to adopt, adapt or abandon."""
    over = Experiment.objects.for_owner(owner).past_time_box(today)
    return _with_check_in_summary(over).order_by("ends_on", "id")


def experiments_not_started_on_time(*, owner: Profile, today: dt.date) -> QuerySet[Experiment]:
    """Designed experiments whose start day has passed, the longest waiting first."""
    waiting = Experiment.objects.for_owner(owner).not_started_on_time(today)
    return _with_check_in_summary(waiting).order_by("starts_on", "id")


def experiment_decisions_since(*, owner: Profile, since: dt.date) -> QuerySet[Experiment]:
    """Experiments concluded on or after `since`, most recent decision first."""
    concluded = Experiment.objects.for_owner(owner).filter(
        status=ExperimentStatus.CONCLUDED, decided_on__gte=since
    )
    return _with_check_in_summary(concluded).order_by("-decided_on", "-id")
