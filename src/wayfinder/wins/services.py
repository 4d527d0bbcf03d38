"""Writes for wins, their impact metrics and the visibility ledger."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import transaction

from wayfinder.core.models import Profile
from wayfinder.core.services import skills_get_or_create
from wayfinder.wins.models import ImpactMetric, Win, WinSource


class WinError(ValueError):
    """A win that cannot be recorded as given; the message says why."""


@dataclass(frozen=True)
class MetricInput:
    value: float
    unit: str = ""
    baseline: float | None = None
    period: str = ""
    label: str = ""


_METRIC = re.compile(r"^\s*([-+]?\d+(?:[.,]\d+)?)\s*(.*?)\s*$")


def metric_parse(text: str) -> MetricInput:
    """Read '30 %', '1.2 M$', '-15 days' as a number and a unit."""
    match = _METRIC.match(text)
    if not match:
        raise WinError(f"a metric starts with a number, like '30 %' (got {text!r})")
    return MetricInput(value=float(match.group(1).replace(",", ".")), unit=match.group(2))


@transaction.atomic
def win_create(
    *,
    owner: Profile,
    title: str,
    occurred_on: dt.date,
    situation: str = "",
    action: str = "",
    result: str = "",
    skills: list[str] = (),
    metrics: list[MetricInput] = (),
    source: str = WinSource.WEB,
) -> Win:
    title = " ".join(title.split())
    if not title:
        raise WinError("a win needs a line saying what happened")
    if len(title) > Win._meta.get_field("title").max_length:
        raise WinError("keep the headline under 300 characters; put the rest in the details")
    win = Win.objects.create(
        owner=owner,
        title=title,
        occurred_on=occurred_on,
        situation=situation,
        action=action,
        result=result,
        source=source,
    )
    skill_rows = skills_get_or_create(owner=owner, names=list(skills))
    if skill_rows:
        win.skills.set(skill_rows)
    ImpactMetric.objects.bulk_create(
        ImpactMetric(
            owner=owner,
            win=win,
            value=metric.value,
            unit=metric.unit,
            baseline=metric.baseline,
            period=metric.period,
            label=metric.label,
        )
        for metric in metrics
    )
    return win
