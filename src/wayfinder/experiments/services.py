"""Writes for experiments: design a next step to try on, run it, check in, decide."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TypedDict, Unpack, cast

from django.db import transaction

from wayfinder.core.checks import clean_title, ensure_owned, reject_unknown
from wayfinder.core.dates import date_shown
from wayfinder.core.models import Profile
from wayfinder.direction.models import CareerPath, Goal
from wayfinder.experiments.models import (
    CheckIn,
    Experiment,
    ExperimentStatus,
    ExperimentVerdict,
)


class ExperimentError(ValueError):
    """A change to an experiment that cannot be made as given; the message says why."""


VERDICTS = (ExperimentVerdict.ADOPT, ExperimentVerdict.ADAPT, ExperimentVerdict.ABANDON)

# A time box longer than this is more a plan than an experiment: the form asks to confirm.
LONG_TIME_BOX_DAYS = 365
# Concluding with more days than this left in the box: the form asks to confirm.
EARLY_CONCLUSION_DAYS = 7


def time_box_is_long(starts_on: dt.date, ends_on: dt.date) -> bool:
    """The time box runs over a year."""
    return (ends_on - starts_on).days > LONG_TIME_BOX_DAYS


def conclusion_is_early(experiment: Experiment, today: dt.date) -> bool:
    """Concluding `today` would cut its time box short by more than a week."""
    return (experiment.ends_on - today).days > EARLY_CONCLUSION_DAYS


_ensure_owned = partial(ensure_owned, error=ExperimentError)
_clean_title = partial(clean_title, error=ExperimentError)


def _ensure_not_concluded(experiment: Experiment) -> None:
    if experiment.status == ExperimentStatus.CONCLUDED:
        decided_on = cast(dt.date, experiment.decided_on)  # a concluded one is decided
        raise ExperimentError(
            f"{experiment.title!r} was concluded on {date_shown(decided_on)}; "
            "design a new experiment to try again"
        )


def _clean_hypothesis(hypothesis: str) -> str:
    hypothesis = hypothesis.strip()
    if not hypothesis:
        raise ExperimentError(
            "an experiment needs a hypothesis: what do you expect to learn, e.g. "
            "'I'd find people leadership more energising than IC work'"
        )
    return hypothesis


def _check_time_box(starts_on: dt.date, ends_on: dt.date) -> None:
    if ends_on < starts_on:
        raise ExperimentError(
            f"the time box ends ({date_shown(ends_on)}) before it starts "
            f"({date_shown(starts_on)}); "
            "the end must be on or after the start"
        )


@transaction.atomic
def experiment_design(
    *,
    owner: Profile,
    title: str,
    hypothesis: str,
    starts_on: dt.date,
    ends_on: dt.date,
    signals: str = "",
    goal: Goal | None = None,
    path: CareerPath | None = None,
    adapted_from: Experiment | None = None,
) -> Experiment:
    """Design an experiment: a hypothesis, a time box and the signals to watch; when it
    adapts a concluded one (verdict "adapt"), linked to it."""
    title = _clean_title(title, what="an experiment", model=Experiment)
    hypothesis = _clean_hypothesis(hypothesis)
    _check_time_box(starts_on, ends_on)
    _ensure_owned(owner, goal, "goal")
    _ensure_owned(owner, path, "path")
    _ensure_owned(owner, adapted_from, "experiment")
    if adapted_from is not None and not adapted_from.can_be_adapted:
        raise ExperimentError(
            f"{adapted_from.title!r} was not concluded with the verdict adapt; "
            "design a new experiment instead"
        )
    return Experiment.objects.create(
        owner=owner,
        title=title,
        hypothesis=hypothesis,
        starts_on=starts_on,
        ends_on=ends_on,
        signals=signals.strip(),
        goal=goal,
        path=path,
        adapted_from=adapted_from,
    )


class ExperimentChanges(TypedDict, total=False):
    title: str
    hypothesis: str
    starts_on: dt.date
    ends_on: dt.date
    signals: str
    goal: Goal | None
    path: CareerPath | None


@transaction.atomic
def experiment_update(
    *, owner: Profile, experiment: Experiment, **changes: Unpack[ExperimentChanges]
) -> Experiment:
    """Refine the design of an experiment not yet concluded; only the fields given change."""
    _ensure_owned(owner, experiment, "experiment")
    reject_unknown(changes, ExperimentChanges)
    _ensure_not_concluded(experiment)
    if "title" in changes:
        changes["title"] = _clean_title(changes["title"], what="an experiment", model=Experiment)
    if "hypothesis" in changes:
        changes["hypothesis"] = _clean_hypothesis(changes["hypothesis"])
    _check_time_box(
        changes.get("starts_on", experiment.starts_on), changes.get("ends_on", experiment.ends_on)
    )
    _ensure_owned(owner, changes.get("goal"), "goal")
    _ensure_owned(owner, changes.get("path"), "path")
    for name, value in changes.items():
        setattr(experiment, name, value.strip() if isinstance(value, str) else value)
    experiment.save()
    return experiment


@transaction.atomic
def experiment_start(*, owner: Profile, experiment: Experiment, today: dt.date) -> Experiment:
    """Start trying it on today; the time box keeps its end date."""
    _ensure_owned(owner, experiment, "experiment")
    if experiment.status != ExperimentStatus.DESIGNED:
        state = experiment.get_status_display().lower()
        raise ExperimentError(f"{experiment.title!r} is {state}, not waiting to start")
    if today > experiment.ends_on:
        raise ExperimentError(
            f"its time box ended on {date_shown(experiment.ends_on)}; "
            "move the end date before starting"
        )
    experiment.status = ExperimentStatus.RUNNING
    experiment.starts_on = today
    experiment.save(update_fields=["status", "starts_on"])
    return experiment


@transaction.atomic
def experiment_check_in(
    *,
    owner: Profile,
    experiment: Experiment,
    held_on: dt.date,
    notes: str = "",
    signals_observed: str = "",
    energy: int | None = None,
) -> CheckIn:
    """Record how a running experiment is going: notes, signals seen, energy from 1 to 5."""
    _ensure_owned(owner, experiment, "experiment")
    _ensure_not_concluded(experiment)
    if experiment.status != ExperimentStatus.RUNNING:
        raise ExperimentError(f"start {experiment.title!r} before checking in on it")
    if held_on < experiment.starts_on:
        raise ExperimentError(
            f"the experiment started on {date_shown(experiment.starts_on)}; check in after"
        )
    if energy is not None and not 1 <= energy <= 5:
        raise ExperimentError("energy goes from 1 (drained) to 5 (energised)")
    notes, signals_observed = notes.strip(), signals_observed.strip()
    if not (notes or signals_observed or energy):
        raise ExperimentError("a check-in needs notes, the signals you saw, or your energy")
    return CheckIn.objects.create(
        owner=owner,
        experiment=experiment,
        held_on=held_on,
        notes=notes,
        signals_observed=signals_observed,
        energy=energy,
    )


@transaction.atomic
def experiment_conclude(
    *,
    owner: Profile,
    experiment: Experiment,
    verdict: str,
    today: dt.date,
    learnings: str = "",
    ambition_fit: str = "",
) -> Experiment:
    """Decide: adopt, adapt or abandon, with what was learned, judged against the ambition."""
    _ensure_owned(owner, experiment, "experiment")
    _ensure_not_concluded(experiment)
    if verdict not in VERDICTS:
        raise ExperimentError(
            f"concluding needs a verdict: one of {', '.join(VERDICTS)} (got {verdict!r})"
        )
    experiment.status = ExperimentStatus.CONCLUDED
    experiment.verdict = verdict
    experiment.learnings = learnings.strip()
    experiment.ambition_fit = ambition_fit.strip()
    experiment.decided_on = today
    experiment.save(update_fields=["status", "verdict", "learnings", "ambition_fit", "decided_on"])
    return experiment


@transaction.atomic
def experiment_delete(*, owner: Profile, experiment: Experiment) -> None:
    """Delete an experiment and its check-ins; opportunities that served it stay."""
    _ensure_owned(owner, experiment, "experiment")
    experiment.delete()
