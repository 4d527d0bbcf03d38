"""Assembling the promotion narrative from the owner's record, as editable Markdown.

The narrative is made for others, so it is built from the privacy projection
(core/privacy.py): a private field or record cannot be read here. The canary test
(tests/test_privacy_canary.py) holds this module and its exports to that.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch, prefetch_related_objects

from wayfinder.advocacy.models import Audience, Competency, LadderLevel
from wayfinder.advocacy.selectors import (
    NO_EVIDENCE,
    NOT_ASSESSED,
    RATED_NOT_YET,
    Readiness,
    readiness,
)
from wayfinder.core.metrics import metric_shown
from wayfinder.core.models import Profile
from wayfinder.core.privacy import outward_reader
from wayfinder.direction.selectors import GoalProgress, ambition_current, goal_progress_between
from wayfinder.network.selectors import current_sponsors, influential_leaders
from wayfinder.plan.selectors import open_actions
from wayfinder.wins.selectors import top_wins, wins_told_in_period

if TYPE_CHECKING:
    from wayfinder.direction.models import AmbitionStatement
    from wayfinder.network.models import Person
    from wayfinder.plan.models import DevelopmentAction
    from wayfinder.wins.models import ImpactMetric, Win

# How many wins each audience reads: a sponsor gets the short version.
WINS_SHOWN = {
    Audience.MANAGER: 10,
    Audience.COMMITTEE: 12,
    Audience.SKIP_LEVEL: 8,
    Audience.SPONSOR: 3,
}
HIGHLIGHTS = 3
VOICE_WINS = 3  # wins named per person who knows the work


class NarrativeError(ValueError):
    """A narrative request that cannot be honoured; the message says why."""


@dataclass
class CompetencyGroup:
    """The wins that show one competency, next to what the target level expects of it."""

    competency: Competency | None  # None: the "Other" group
    expects: str = ""
    wins: list[Win] = field(default_factory=list)


@dataclass
class Voice:
    """Someone weighty who knows the work: a sponsor or a leader outside the reporting line."""

    person: Person
    is_sponsor: bool
    is_leader: bool
    wins: list[Win] = field(default_factory=list)


@dataclass
class NarrativeDraft:
    owner_name: str
    audience: str
    start: dt.date
    end: dt.date
    ambition: AmbitionStatement | None
    current_level: LadderLevel | None
    target_level: LadderLevel | None
    wins: list[Win]  # strongest first
    groups: list[CompetencyGroup]
    voices: list[Voice]
    # The readiness rows with a gap, over every win of the period (not only those shown).
    gaps: list[Readiness]
    open_actions: list[DevelopmentAction]  # not already listed under a gap
    measured: bool = False  # a target level with competencies to measure against
    goal_progress: list[GoalProgress] = field(default_factory=list)  # latest in the period

    @property
    def highlights(self) -> list[Win]:
        return self.wins[:HIGHLIGHTS]


def _voices(owner: Profile, start: dt.date, end: dt.date, today: dt.date) -> list[Voice]:
    """Who knows any win of the period, among sponsors and leaders outside the line."""
    leaders = set(influential_leaders(owner=owner, today=today).values_list("pk", flat=True))
    sponsors = set(current_sponsors(owner=owner, today=today).values_list("pk", flat=True))
    voices: dict[int, Voice] = {}
    for entry in wins_told_in_period(owner=owner, since=start, until=end, today=today):
        is_sponsor, is_leader = entry.person_id in sponsors, entry.person_id in leaders
        if not (is_sponsor or is_leader):
            continue
        voice = voices.setdefault(entry.person_id, Voice(entry.person, is_sponsor, is_leader))
        voice.wins.append(entry.win)
    return sorted(voices.values(), key=lambda v: (not v.is_sponsor, v.person.name.lower()))


@outward_reader
def narrative_assemble(
    *, owner: Profile, audience: str, start: dt.date, end: dt.date, today: dt.date
) -> NarrativeDraft:
    """Gather what the narrative tells for `audience` about the wins from `start` to `end`."""
    if audience not in Audience.values:
        raise NarrativeError(f"unknown audience {audience!r}")
    if end < start:
        raise NarrativeError(f"the period ends ({end}) before it starts ({start})")
    # Gaps are readiness's, over every win of the period, so both pages say the same.
    actions = list(open_actions(owner=owner))
    choice, rows = readiness(owner=owner, today=today, since=start, until=end, actions=actions)
    target = choice.target_level if choice else None
    competencies = [row.competency for row in rows]
    expects = {row.competency.pk: row.expectation for row in rows}

    wins = top_wins(owner=owner, today=today, since=start, until=end, limit=WINS_SHOWN[audience])
    prefetch_related_objects(
        wins,
        Prefetch(
            "competencies",
            queryset=Competency.objects.for_owner(owner).filter(pk__in=expects),
            to_attr="target_competencies",
        ),
    )

    groups = {c.pk: CompetencyGroup(c, expects[c.pk]) for c in competencies}
    other = CompetencyGroup(None)
    for win in wins:
        tags = sorted(win.target_competencies, key=lambda c: (c.rank, c.name))
        # Each win is told once, under its first competency; the others are named with it.
        (groups[tags[0].pk] if tags else other).wins.append(win)
    ordered = [g for g in groups.values() if g.wins] + ([other] if other.wins else [])

    gaps = [row for row in rows if not row.ready]
    planned = {a.pk for gap in gaps for a in gap.actions}

    return NarrativeDraft(
        owner_name=owner.display_name or owner.user.get_username(),
        audience=audience,
        start=start,
        end=end,
        ambition=ambition_current(owner=owner),
        current_level=choice.current_level if choice else None,
        target_level=target,
        wins=wins,
        groups=ordered,
        voices=_voices(owner, start, end, today),
        gaps=gaps,
        open_actions=[a for a in actions if a.pk not in planned],
        measured=bool(rows),
        goal_progress=goal_progress_between(owner=owner, start=start, end=end),
    )


# --- Markdown ------------------------------------------------------------------------------


def _line(text: str) -> str:
    """Free text on one Markdown line: the owner's line breaks would break the structure."""
    return " ".join(text.split())


def metric_text(metric: ImpactMetric) -> str:
    text = _line(metric_shown(metric))
    return f"{_line(metric.label)}: {text}" if metric.label else text


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _level(level: LadderLevel | None) -> str:
    return str(level) if level is not None else "the next level"


def _win_block(win: Win, *, brief: bool = False) -> list[str]:
    lines = [f"- **{_line(win.title)}** ({win.occurred_on:%b %Y})"]
    metrics = [metric_text(m) for m in win.metrics.all()]
    if metrics:
        lines.append(f"  - Impact: {'; '.join(metrics)}")
    if win.result and not brief:
        lines.append(f"  - Result: {_line(win.result)}")
    if win.action and not brief:
        lines.append(f"  - What I did: {_line(win.action)}")
    others = [c.name for c in getattr(win, "target_competencies", [])[1:]]
    if others and not brief:
        lines.append(f"  - Also shows: {', '.join(others)}")
    return lines


def _direction(draft: NarrativeDraft, heading: str) -> list[str]:
    ambition = draft.ambition
    lines = [f"## {heading}", ""]
    if ambition is None or not (ambition.summary or ambition.impact):
        lines.append("_Write your ambition in Wayfinder to open with where you are heading._")
    else:
        if ambition.summary:
            lines.append(_line(ambition.summary))
        if ambition.impact:
            lines += ["", f"The impact I want to have: {_line(ambition.impact)}"]
    if draft.target_level is not None:
        lines += [
            "",
            f"I am working toward **{draft.target_level}**"
            + (f", from {draft.current_level}." if draft.current_level else "."),
        ]
    if draft.goal_progress:
        lines += ["", "Progress on my goals in this period:", ""]
        lines += [f"- {_line(progress.text)}" for progress in draft.goal_progress]
    return [*lines, ""]


def _evidence(draft: NarrativeDraft, heading: str, *, committee: bool) -> list[str]:
    lines = [f"## {heading}", ""]
    if not draft.wins:
        return [*lines, "_No wins logged in this period yet._", ""]
    for group in draft.groups:
        lines.append(f"### {group.competency.name if group.competency else 'Other'}")
        lines.append("")
        if group.expects:
            label = f"{draft.target_level} expects" if committee else "At the next level"
            lines += [f"> **{label}:** {_line(group.expects)}", ""]
        for win in group.wins:
            lines += _win_block(win)
        lines.append("")
    return lines


def _highlights(draft: NarrativeDraft, heading: str) -> list[str]:
    lines = [f"## {heading}", ""]
    if not draft.highlights:
        return [*lines, "_No wins logged in this period yet._", ""]
    for win in draft.highlights:
        lines += _win_block(win, brief=True)
    return [*lines, ""]


def _voices_md(draft: NarrativeDraft, heading: str) -> list[str]:
    lines = [f"## {heading}", ""]
    if not draft.voices:
        return [
            *lines,
            "_No sponsor or leader outside my reporting line knows these wins yet._",
            "",
        ]
    for voice in draft.voices:
        who = ", ".join(x for x in [voice.person.title, voice.person.organisation] if x)
        kind = "sponsor" if voice.is_sponsor else "leader outside my reporting line"
        known = "; ".join(_line(w.title) for w in voice.wins[:VOICE_WINS])
        if len(voice.wins) > VOICE_WINS:
            known += f" and {len(voice.wins) - VOICE_WINS} more"
        lines.append(
            f"- **{_line(voice.person.name)}**{f' ({_line(who)})' if who else ''}, "
            f"{kind}: knows {known}"
        )
    return [*lines, ""]


def _gap_reasons(gap: Readiness) -> str:
    """Why readiness counts `gap` as one, in the owner's voice."""
    said = {
        NO_EVIDENCE: "no evidence in this period yet",
        NOT_ASSESSED: "not self-assessed yet",
        RATED_NOT_YET: f"I rate myself not yet at {gap.target_code}",
    }
    text = "; ".join(said[reason] for reason in gap.reasons)
    return text[:1].upper() + text[1:] + "."


def _gaps_md(draft: NarrativeDraft, heading: str) -> list[str]:
    lines = [f"## {heading}", ""]
    if not draft.measured:
        lines += [
            "_Choose a career ladder and a target level in Wayfinder to name the gaps here._",
            "",
        ]
    elif not draft.gaps:
        lines += [
            f"Every competency of {_level(draft.target_level)} has evidence in this period "
            "and a self-rating beyond “not yet”.",
            "",
        ]
    for gap in draft.gaps:
        lines.append(
            f"- **{_line(gap.competency.name)}**: {_gap_reasons(gap)}"
            + (f" Expected: {_line(gap.expectation)}" if gap.expectation else "")
        )
        # Two actions of one title (pressed twice before that was refused) are told once.
        for plan in dict.fromkeys(_action(action) for action in gap.actions):
            lines.append(f"  - Plan: {plan}")
    if draft.gaps:
        lines.append("")
    rest = list(dict.fromkeys(_action(a) for a in draft.open_actions))
    if rest:
        lines += ["The rest of my development plan:" if draft.gaps else "My development plan:", ""]
        lines += [f"- {plan}" for plan in rest]
        lines.append("")
    return lines


def _action(action: DevelopmentAction) -> str:
    due = f" (by {_date(action.due_on)})" if action.due_on else ""
    return f"{_line(action.title)}{due}"


def narrative_title(*, audience: str, target: LadderLevel | None, owner_name: str) -> str:
    if audience == Audience.COMMITTEE:
        return f"Promotion case: {owner_name} for {_level(target)}"
    if audience == Audience.SPONSOR:
        return f"{owner_name}: where I'm heading, in brief"
    if audience == Audience.SKIP_LEVEL:
        return f"{owner_name}: impact and direction"
    return f"{owner_name}: my case for {_level(target)}"


@outward_reader
def narrative_markdown(draft: NarrativeDraft) -> str:
    """The draft as Markdown, its order and words chosen for the audience."""
    title = narrative_title(
        audience=draft.audience, target=draft.target_level, owner_name=draft.owner_name
    )
    period = f"{_date(draft.start)} – {_date(draft.end)}"
    lines = [f"# {title}", "", f"_Period: {period}_", ""]
    target = _level(draft.target_level)
    if draft.audience == Audience.COMMITTEE:
        lines += _highlights(draft, "Impact first")
        lines += _evidence(draft, f"Evidence against {target}, by competency", committee=True)
        lines += _voices_md(draft, "Leaders and sponsors who know the work")
        lines += _direction(draft, "Direction")
        lines += _gaps_md(draft, f"Where I am still growing toward {target}, and the plan")
    elif draft.audience == Audience.SPONSOR:
        lines += _direction(draft, "Where I'm heading")
        lines += _highlights(draft, "What I delivered recently")
        lines += [
            "## How you could help",
            "",
            f"A word in the rooms where {target}-sized work is resourced, and any "
            "opportunity that would stretch me toward it.",
            "",
        ]
    elif draft.audience == Audience.SKIP_LEVEL:
        lines += _direction(draft, "Where I'm heading")
        lines += _highlights(draft, "The impact that matters most")
        lines += _evidence(draft, "The work, by competency", committee=False)
        lines += _voices_md(draft, "Who else knows the work")
    else:
        lines += _direction(draft, "Where I'm heading")
        lines += _evidence(draft, f"My wins, by competency for {target}", committee=False)
        lines += _voices_md(draft, "Leaders and sponsors who know the work")
        lines += _gaps_md(draft, "Gaps, and where I'd like your support")
    return "\n".join(lines).rstrip() + "\n"
