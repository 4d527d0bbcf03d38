"""What several parts of one assessment read, read once: the indicators and the week's
list share the overdue actions, the last conversation held, the last review, the
experiments past their time box, the network the mentor and sponsor candidates choose
from, and the visibility matrix (whose ledger read also says how many top wins each person
knows, what ranks the sponsor candidates).

Not a cache: a `Reads` lives as long as one report (`guidance.report.report_for`), on one
day's data, and reads each set only when first asked. Each rule stays in its selector;
this only holds what the selector gave.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from wayfinder.conversations.selectors import last_conversation
from wayfinder.core.models import Profile
from wayfinder.core.thresholds import Thresholds
from wayfinder.experiments.selectors import experiment_lines, experiments_awaiting_verdict
from wayfinder.network.candidates import Reachable, approachable
from wayfinder.plan.selectors import ActionLine, overdue_lines
from wayfinder.reflection.selectors import last_review_on
from wayfinder.wins.selectors import VisibilityMatrix, visibility_matrix

if TYPE_CHECKING:
    from wayfinder.conversations.models import DevelopmentConversation
    from wayfinder.experiments.models import Experiment

# Beyond this many, overdue actions are summed up in a line of the week.
ACTIONS_SHOWN = 5


@dataclass
class Reads:
    owner: Profile
    today: dt.date
    limits: Thresholds

    @cached_property
    def overdue(self) -> tuple[int, list[ActionLine]]:
        """How many actions are overdue, and the ACTIONS_SHOWN oldest (oldest first)."""
        return overdue_lines(owner=self.owner, today=self.today, first=ACTIONS_SHOWN)

    @cached_property
    def last_conversation(self) -> DevelopmentConversation | None:
        return last_conversation(owner=self.owner, today=self.today)

    @cached_property
    def last_review_on(self) -> dt.date | None:
        return last_review_on(owner=self.owner, today=self.today)

    @cached_property
    def awaiting_verdict(self) -> list[Experiment]:
        return list(
            experiment_lines(experiments_awaiting_verdict(owner=self.owner, today=self.today))
        )

    @cached_property
    def network(self) -> list[Reachable]:
        return approachable(owner=self.owner, today=self.today, limits=self.limits)

    @cached_property
    def matrix(self) -> VisibilityMatrix:
        return visibility_matrix(
            owner=self.owner,
            today=self.today,
            months=self.limits.visibility_months,
            limit=self.limits.visibility_top_wins,
        )
