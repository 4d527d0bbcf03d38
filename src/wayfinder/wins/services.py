"""Writes for wins, their impact metrics and the visibility ledger."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TypedDict, Unpack

from django.db import transaction

from wayfinder.core import parsing
from wayfinder.core.checks import ensure_owned, ensure_storable
from wayfinder.core.inserts import insert_bulk, insert_saved
from wayfinder.core.models import Profile, related_as_written
from wayfinder.core.services import skills_get_or_create
from wayfinder.network.models import Person
from wayfinder.wins.models import ImpactMetric, Win, WinAudience, WinSource


class WinError(ValueError):
    """A win that cannot be recorded as given; the message says why."""


@dataclass(frozen=True)
class MetricInput:
    value: float
    unit: str = ""
    baseline: float | None = None
    period: str = ""
    label: str = ""


def metric_parse(text: str) -> MetricInput:
    """Read a metric as people write it ('$400k per year', 'from 3.8 to 4.5'), by the rules
    quick capture uses: core.parsing.metric_parse."""
    try:
        metric = parsing.metric_parse(text)
    except parsing.InputError as error:
        raise WinError(str(error)) from None
    return MetricInput(
        value=metric.value, unit=metric.unit, baseline=metric.baseline, period=metric.period
    )


@transaction.atomic
def win_create(
    *,
    owner: Profile,
    title: str,
    occurred_on: dt.date,
    situation: str = "",
    action: str = "",
    result: str = "",
    skills: Sequence[str] = (),
    metrics: Sequence[MetricInput] = (),
    source: str = WinSource.WEB,
    private_notes: str = "",
) -> Win:
    try:
        title = parsing.win_title_parse(title)
    except parsing.InputError as error:
        raise WinError(str(error)) from None
    win = Win(
        owner=owner,
        title=title,
        occurred_on=occurred_on,
        situation=situation,
        action=action,
        result=result,
        source=source,
        private_notes=private_notes.strip(),
    )
    ensure_storable(win, error=WinError)
    rows = [
        _metric_checked(
            ImpactMetric(
                owner=owner,
                value=metric.value,
                unit=metric.unit.strip(),
                baseline=metric.baseline,
                period=metric.period.strip(),
                label=metric.label.strip(),
            )
        )
        for metric in metrics
    ]
    # As `win.save()` and `bulk_create()`, with their INSERTs compiled once (core/inserts.py).
    insert_saved(win)
    skill_rows = skills_get_or_create(owner=owner, names=list(skills), error=WinError)
    if skill_rows:
        win.skills.set(skill_rows)
    for row in rows:
        row.win = win
    insert_bulk(ImpactMetric, rows)
    # What the caller reads back is what was just written: its metrics in the order made
    # (by id), no collaborators yet, and no skills when none were given. Skills given are
    # read back, in the database's order of their names.
    related_as_written(
        win, metrics=rows, collaborators=[], **({} if skill_rows else {"skills": []})
    )
    return win


_ensure_owned = partial(ensure_owned, error=WinError)


def _clean_title(title: str) -> str:
    try:
        title = parsing.win_title_parse(title)
    except parsing.InputError as error:
        raise WinError(str(error)) from None
    return title


class WinChanges(TypedDict, total=False):
    title: str
    occurred_on: dt.date
    situation: str
    action: str
    result: str
    private_notes: str
    skills: list[str]


@transaction.atomic
def win_update(*, owner: Profile, win: Win, **changes: Unpack[WinChanges]) -> Win:
    """Change a win's story; only the fields given change. `skills` replaces them by name."""
    _ensure_owned(owner, win, "win")
    unknown = set(changes) - set(WinChanges.__annotations__)
    if unknown:
        raise TypeError(f"cannot change {', '.join(sorted(unknown))}")
    skills = changes.pop("skills", None)
    if "title" in changes:
        changes["title"] = _clean_title(changes["title"])
    for field, value in changes.items():
        setattr(win, field, value.strip() if isinstance(value, str) else value)
    ensure_storable(win, error=WinError)
    win.save()
    if skills is not None:
        win.skills.set(skills_get_or_create(owner=owner, names=list(skills), error=WinError))
    return win


def _metric_checked(metric: ImpactMetric) -> ImpactMetric:
    """A metric whose numbers are finite and whose texts fit, as export and import need."""
    for what in ("value", "baseline"):
        number = getattr(metric, what)
        if number is None and what == "value":
            raise WinError("a metric needs a value")
        if number is not None and (isinstance(number, bool) or not isinstance(number, int | float)):
            raise WinError(f"the {what} must be a number (got {number!r})")
    ensure_storable(metric, error=WinError)
    return metric


@transaction.atomic
def win_add_metric(
    *,
    owner: Profile,
    win: Win,
    value: float,
    unit: str = "",
    baseline: float | None = None,
    period: str = "",
    label: str = "",
) -> ImpactMetric:
    """Show a win's result in a number, against a baseline where there is one."""
    _ensure_owned(owner, win, "win")
    metric = ImpactMetric(
        owner=owner,
        win=win,
        value=value,
        baseline=baseline,
        unit=unit.strip(),
        period=period.strip(),
        label=label.strip(),
    )
    _metric_checked(metric)
    metric.save()
    return metric


@transaction.atomic
def win_remove_metric(*, owner: Profile, metric: ImpactMetric) -> None:
    _ensure_owned(owner, metric, "metric")
    metric.delete()


@transaction.atomic
def win_set_collaborators(*, owner: Profile, win: Win, people: list[Person]) -> Win:
    """The people who did the work with the owner (replaces the list; [] clears it)."""
    _ensure_owned(owner, win, "win")
    for person in people:
        _ensure_owned(owner, person, "person")
    win.collaborators.set(people)
    return win


@transaction.atomic
def win_tell(*, owner: Profile, win: Win, person: Person, told_on: dt.date) -> WinAudience:
    """Record that `person` knows about `win`. Telling again keeps the earliest date."""
    _ensure_owned(owner, win, "win")
    _ensure_owned(owner, person, "person")
    known, created = WinAudience.objects.select_for_update().get_or_create(
        win=win, person=person, defaults={"owner": owner, "told_on": told_on}
    )
    if not created and told_on < known.told_on:
        known.told_on = told_on
        known.save(update_fields=["told_on"])
    return known


@transaction.atomic
def win_untell(*, owner: Profile, win: Win, person: Person) -> None:
    """Take a person off a win's audience (recorded by mistake); no-op if not there."""
    _ensure_owned(owner, win, "win")
    _ensure_owned(owner, person, "person")
    WinAudience.objects.for_owner(owner).filter(win=win, person=person).delete()


@transaction.atomic
def win_delete(*, owner: Profile, win: Win) -> None:
    """Remove a win with its metrics and audience."""
    _ensure_owned(owner, win, "win")
    win.delete()
