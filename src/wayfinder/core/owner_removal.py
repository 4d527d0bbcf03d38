"""What apps above accounts do before an owner leaves the instance, without being imported.

Deleting an owner is accounts' service, but some of what must happen first belongs to apps
above it: sharing ends the owner's shares and tells their viewers. Such an app registers a
step when it starts (in its AppConfig.ready); the deletion runs every step, in the same
transaction, before it deletes a row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from wayfinder.core.models import Profile

# Called with owner= and now=, inside the deletion's transaction; says what it did in a
# sentence, or None when it had nothing to do.
RemovalStep = Callable[..., str | None]

_STEPS: list[RemovalStep] = []


def owner_removal_register(step: RemovalStep) -> None:
    """Run `step` before any owner is deleted (registered once, however often asked)."""
    if step not in _STEPS:
        _STEPS.append(step)


def owner_removal_prepare(*, owner: Profile, now: dt.datetime) -> list[str]:
    """Run every registered step for `owner`, in the order they were registered; what
    they did, a sentence each."""
    done = [step(owner=owner, now=now) for step in _STEPS]
    return [sentence for sentence in done if sentence]
