"""Assembling the promotion narrative from the owner's record, as editable Markdown.

Only shareable fields are read here: no `private_notes`, no private journal entries, no
private notes. The canary test (tests/test_privacy_canary.py) holds this module to that.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch

from wayfinder.advocacy.models import (
    Audience,
    Competency,
    Expectation,
    LadderChoice,
    LadderLevel,
)
from wayfinder.core.models import Profile
from wayfinder.direction.models import AmbitionStatement
from wayfinder.direction.selectors import ambition_current
from wayfinder.network.models import Person, PersonRole, Role
from wayfinder.plan.models import DevelopmentAction
from wayfinder.wins.models import ImpactMetric, Win, WinAudience
from wayfinder.wins.selectors import influential_leaders, wins_by_impact

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
class Gap:
    competency: Competency
    expects: str
    actions: list[DevelopmentAction] = field(default_factory=list)


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
    gaps: list[Gap]
    open_actions: list[DevelopmentAction]  # not already listed under a gap

    @property
    def highlights(self) -> list[Win]:
        return self.wins[:HIGHLIGHTS]


def _open_actions(owner: Profile) -> list[DevelopmentAction]:
    return list(DevelopmentAction.objects.for_owner(owner).open().order_by("due_on", "id"))


def _voices(owner: Profile, start: dt.date, end: dt.date, today: dt.date) -> list[Voice]:
    """Who knows any win of the period, among sponsors and leaders outside the line."""
    leaders = set(influential_leaders(owner=owner, today=today).values_list("pk", flat=True))
    sponsor_role = PersonRole.objects.held_on(today).filter(role=Role.SPONSOR)
    ledger = (
        WinAudience.objects.for_owner(owner)
        .filter(
            win__occurred_on__gte=start,
            win__occurred_on__lte=end,
            told_on__lte=today,
            person__is_active=True,
        )
        .select_related("person", "win")
        .annotate(is_sponsor=Exists(sponsor_role.filter(person=OuterRef("person"))))
        .order_by("person__name", "person_id", "told_on", "id")
    )
    voices: dict[int, Voice] = {}
    for entry in ledger:
        is_leader = entry.person_id in leaders
        if not (entry.is_sponsor or is_leader):
            continue
        voice = voices.setdefault(entry.person_id, Voice(entry.person, entry.is_sponsor, is_leader))
        voice.wins.append(entry.win)
    return sorted(voices.values(), key=lambda v: (not v.is_sponsor, v.person.name.lower()))


def narrative_assemble(
    *, owner: Profile, audience: str, start: dt.date, end: dt.date, today: dt.date
) -> NarrativeDraft:
    """Gather what the narrative tells for `audience` about the wins from `start` to `end`."""
    if audience not in Audience.values:
        raise NarrativeError(f"unknown audience {audience!r}")
    if end < start:
        raise NarrativeError(f"the period ends ({end}) before it starts ({start})")
    choice = (
        LadderChoice.objects.for_owner(owner)
        .select_related("ladder", "current_level", "target_level")
        .first()
    )
    target = choice.target_level if choice else None
    competencies: list[Competency] = []
    expects: dict[int, str] = {}
    if choice is not None:
        competencies = list(Competency.objects.for_owner(owner).filter(ladder=choice.ladder))
        if target is not None:
            expects = dict(
                Expectation.objects.for_owner(owner)
                .filter(level=target)
                .values_list("competency_id", "text")
            )
            competencies = [c for c in competencies if c.pk in expects]
    wanted = {c.pk for c in competencies}

    wins = list(
        wins_by_impact(owner=owner, since=start, until=end, today=today).prefetch_related(
            Prefetch(
                "competencies",
                queryset=Competency.objects.filter(pk__in=wanted),
                to_attr="target_competencies",
            ),
        )[: WINS_SHOWN[audience]]
    )

    groups = {c.pk: CompetencyGroup(c, expects.get(c.pk, "")) for c in competencies}
    other = CompetencyGroup(None)
    evidenced: set[int] = set()
    for win in wins:
        tags = sorted(win.target_competencies, key=lambda c: (c.rank, c.name))
        evidenced.update(c.pk for c in tags)
        # Each win is told once, under its first competency; the others are named with it.
        (groups[tags[0].pk] if tags else other).wins.append(win)
    ordered = [g for g in groups.values() if g.wins] + ([other] if other.wins else [])

    actions = _open_actions(owner)
    gaps = []
    for competency in competencies:
        if competency.pk in evidenced:
            continue
        name = competency.name.lower()
        matching = [a for a in actions if name in a.title.lower()]
        gaps.append(Gap(competency, expects.get(competency.pk, ""), matching))
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
    )


# --- Markdown ------------------------------------------------------------------------------


def _line(text: str) -> str:
    """Free text on one Markdown line: the owner's line breaks would break the structure."""
    return " ".join(text.split())


def _number(value: float) -> str:
    return f"{value:,.10g}"


def metric_text(metric: ImpactMetric) -> str:
    unit = metric.unit.strip()
    joiner = "" if unit.startswith("%") or unit == "pp" else " "
    text = f"{_number(metric.value)}{joiner}{unit}".strip()
    if metric.baseline is not None:
        text = f"{_number(metric.baseline)}{joiner}{unit} → {text}".strip()
    if metric.period:
        text += f" {_line(metric.period)}"
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


def _gaps_md(draft: NarrativeDraft, heading: str) -> list[str]:
    lines = [f"## {heading}", ""]
    if not draft.gaps and not draft.open_actions:
        return [*lines, "_Every competency of the target level has evidence in this period._", ""]
    if not draft.gaps:
        lines.append(
            f"Every competency of {_level(draft.target_level)} has evidence in this period."
        )
    for gap in draft.gaps:
        lines.append(
            f"- **{gap.competency.name}**: no evidence in this period yet."
            + (f" Expected: {_line(gap.expects)}" if gap.expects else "")
        )
        for action in gap.actions:
            lines.append(f"  - Plan: {_action(action)}")
    if draft.open_actions:
        lines += ["", "The rest of my development plan:", ""]
        lines += [f"- {_action(a)}" for a in draft.open_actions]
    return [*lines, ""]


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
