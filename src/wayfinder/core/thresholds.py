"""What counts as healthy for an owner: the thresholds every practice's rules are judged by.

The defaults come from the coaching model (DOMAIN.md); the owner changes them on the
guidance settings page. The type lives in core because rules in several apps take it (the
plan collects dust after `plan_revision_days`, a review is due after `review_days`). The
owner's own values are stored by guidance, which sits above the practice apps: a practice
page asks `thresholds_for` here, and guidance answers (it registers its reader when it
loads), so no practice app imports guidance.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wayfinder.core.models import Profile


@dataclass(frozen=True)
class Thresholds:
    ambition_review_days: int = 365
    plan_revision_days: int = 120
    action_completed_days: int = 90
    supervisor_days: int = 45
    min_mentors: int = 2
    # A mentor without a cadence of their own is due after this many days.
    mentor_default_cadence_days: int = 60
    sponsor_min_levels_above: int = 2
    network_min_levels: int = 3
    network_min_functions: int = 2
    visibility_months: int = 6
    visibility_top_wins: int = 5
    win_days: int = 30
    experiment_decision_days: int = 365
    review_days: int = 92


DEFAULTS = Thresholds()

_reader: list[Callable[[Profile], Thresholds]] = []


def thresholds_reader(read: Callable[[Profile], Thresholds]) -> None:
    """Name the one function that reads an owner's thresholds (guidance calls this once)."""
    _reader[:] = [read]


def thresholds_for(*, owner: Profile) -> Thresholds:
    """The owner's thresholds: their settings, or the defaults while they have changed none."""
    if not _reader:
        raise LookupError("no app reads the owner's thresholds: is guidance installed?")
    return _reader[0](owner)
