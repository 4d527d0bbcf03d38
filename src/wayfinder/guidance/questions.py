"""Which coaching questions fit the owner right now: the ones about their current gaps."""

from __future__ import annotations

from collections.abc import Iterable

from wayfinder.guidance.indicators import HEALTHY, Indicator
from wayfinder.reflection.questions import QUESTIONS, Question

# Indicator keys name the practice the question library files its questions under, except
# the plan, which the library treats as one practice.
PRACTICE_OF_INDICATOR = {"plan_freshness": "plan", "plan_momentum": "plan"}


def gap_practices(indicators: Iterable[Indicator]) -> list[str]:
    """The question-library practices of the indicators not healthy, in indicator order."""
    found: list[str] = []
    for indicator in indicators:
        if indicator.state == HEALTHY:
            continue
        practice = PRACTICE_OF_INDICATOR.get(indicator.key, indicator.key)
        if practice not in found:
            found.append(practice)
    return found


def questions_for_gaps(indicators: Iterable[Indicator], *, limit: int = 3) -> list[Question]:
    """Up to `limit` questions, one per gap first (most pressing gap first), then more."""
    gaps = gap_practices(indicators)
    chosen: list[Question] = []
    # One question for each gap before a second one for any.
    for round_ in range(3):
        for practice in gaps:
            about = [q for q in QUESTIONS if q.practice == practice]
            if round_ < len(about) and about[round_] not in chosen:
                chosen.append(about[round_])
            if len(chosen) == limit:
                return chosen
    return chosen
