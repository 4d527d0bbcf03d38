"""When a practice counts as healthy: the defaults from the coaching model (DOMAIN.md)."""

from __future__ import annotations

from dataclasses import dataclass

from wayfinder.core.models import Seniority


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

# From senior IC / manager level on, not having a sponsor is a gap.
SPONSOR_EXPECTED_FROM = {
    Seniority.SENIOR_IC,
    Seniority.MANAGER,
    Seniority.SENIOR_MANAGER,
    Seniority.DIRECTOR,
    Seniority.EXECUTIVE,
}
