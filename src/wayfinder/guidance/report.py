"""The owner's week in one structure: what `wayfinder today` prints and the digest sends.

The digest leaves by email, so the report is built from the privacy projection
(core/privacy.py): no private field or record can be read while it is assembled.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from wayfinder.core.models import Profile
from wayfinder.core.privacy import outward_reader
from wayfinder.guidance.indicators import HEALTHY, Indicator, assess
from wayfinder.guidance.reads import Reads
from wayfinder.guidance.selectors import WeekItem, this_week, thresholds_for

SCHEMA_VERSION = 1
STATE_MARKS = {HEALTHY: "✓", "attention": "!", "missing": "○"}


@dataclass(frozen=True)
class Report:
    owner: Profile
    today: dt.date
    indicators: list[Indicator]
    week: list[WeekItem]

    @property
    def nudges(self) -> list[Indicator]:
        return [i for i in self.indicators if i.state != HEALTHY]

    @property
    def healthy_count(self) -> int:
        return sum(1 for i in self.indicators if i.state == HEALTHY)

    @property
    def empty(self) -> bool:
        """Nothing needs attention and nothing is due: a digest would say nothing new."""
        return not self.nudges and not self.week

    def as_dict(self, base_url: str = "") -> dict[str, object]:
        def link(url: str | None) -> str | None:
            return f"{base_url}{url}" if url else None

        return {
            "schema": SCHEMA_VERSION,
            "date": self.today.isoformat(),
            "owner": self.owner.user.get_username(),
            "healthy": self.healthy_count,
            "practices": [
                {
                    "key": i.key,
                    "practice": i.practice,
                    "state": i.state,
                    "why": i.why,
                    "next_step": (
                        {"text": i.next_step.text, "url": link(i.next_step.url)}
                        if i.next_step
                        else None
                    ),
                    "approach": [
                        {
                            "name": c.person.name,
                            "reason": c.reason,
                            "url": link(c.conversation_url),
                        }
                        for c in i.approach
                    ],
                }
                for i in self.indicators
            ],
            "this_week": [{**item.as_dict(), "url": link(item.url)} for item in self.week],
        }

    def as_text(self, base_url: str = "") -> str:
        name = self.owner.display_name or self.owner.user.get_username()
        lines = [f"Wayfinder · {self.today:%A %-d %B %Y} · {name}", ""]
        if self.nudges:
            lines.append(
                f"Needs attention ({len(self.nudges)} of {len(self.indicators)} practices)"
            )
            for i in self.nudges:
                lines.append(f"  {STATE_MARKS[i.state]} {i.practice}: {i.why}")
                if i.next_step:
                    url = i.next_step.url
                    suffix = f"  {base_url}{url}" if url and base_url else ""
                    lines.append(f"    → {i.next_step.text}{suffix}")
                for candidate in i.approach:
                    lines.append(f"      · {candidate.person.name}: {candidate.reason}")
        else:
            lines.append(f"All {len(self.indicators)} practices are healthy.")
        lines += ["", "This week"]
        if self.week:
            for item in self.week:
                when = f" ({item.on:%a %-d %b})" if item.on else ""
                lines.append(f"  {item.urgency:<8} {item.title} — {item.detail}{when}")
        else:
            lines.append("  Nothing due or overdue in the next seven days.")
        return "\n".join(lines) + "\n"


@outward_reader
def report_for(*, owner: Profile, today: dt.date) -> Report:
    """The owner's week, judged by their own thresholds: what every surface shows (the
    dashboard, `wayfinder today`, the digest, and the review page's order of questions)."""
    limits = thresholds_for(owner=owner)
    reads = Reads(owner, today, limits)  # what the indicators and the week both read
    return Report(
        owner=owner,
        today=today,
        indicators=assess(owner=owner, today=today, limits=limits, reads=reads),
        week=this_week(owner=owner, today=today, limits=limits, reads=reads),
    )
