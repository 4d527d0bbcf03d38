"""Which practices need the owner's attention today, for pages that put those first.

Guidance judges it, from every practice app's data and the owner's thresholds. It sits
above the practice apps, so a practice page (the review's coaching questions) asks here and
guidance answers: it registers its judge when it loads. Practice keys are those of the
question library (`reflection.questions.PRACTICES`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wayfinder.core.models import Profile

Judge = Callable[["Profile", dt.date], list[str]]

_judge: list[Judge] = []


def attention_judge(judge: Judge) -> None:
    """Name the one function that judges which practices need attention (guidance, once)."""
    _judge[:] = [judge]


def practices_needing_attention(*, owner: Profile, today: dt.date) -> list[str]:
    """The practices not healthy on `today`, the most pressing first."""
    if not _judge:
        raise LookupError("no app judges the practices: is guidance installed?")
    return _judge[0](owner, today)
