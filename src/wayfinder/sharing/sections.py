"""The sections a share may allow, defined once: a label and a projection per key.

A projection `(share, today) -> dict` builds what the share's viewer sees, ONLY through
the apps' selectors inside the privacy projection (`core.privacy.outward_reading`), and
copies an allow-list of fields into plain dicts and lists: nothing handed to a viewer's
page is a model instance that could load more. Private fields and records are never
read (the projection refuses them), nor is the owner's network of other people: wins name
collaborators only when the share's `show_collaborators` says so, conversations are only
those with the share's person, and who was told of a win is never shown.

The share's period limits the dated items (wins, check-ins, progress, conversations,
revisions, actions by due or completion date, experiments by time box, path decisions);
undated items are shown whatever the period.

Every item a viewer may comment on carries `kind` and `id`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q

from wayfinder.advocacy.selectors import readiness
from wayfinder.conversations.selectors import conversation_list
from wayfinder.core.metrics import metric_shown
from wayfinder.core.privacy import outward_reading
from wayfinder.direction.selectors import (
    ambition_current,
    goal_list,
    goals_with_progress,
    path_list,
)
from wayfinder.experiments.selectors import experiment_list
from wayfinder.guidance.report import report_for
from wayfinder.plan.selectors import action_list, plan_revision_diff, plan_revisions
from wayfinder.sharing.models import SectionKey, Share
from wayfinder.wins.selectors import win_list

Data = dict[str, Any]
Projection = Callable[[Share, dt.date], Data]


def _date_filter(share: Share, field: str) -> Q:
    """Rows whose `field` lies inside the share's period, or is empty."""
    if share.period_start is None and share.period_end is None:
        return Q()
    inside = Q()
    if share.period_start is not None:
        inside &= Q(**{f"{field}__gte": share.period_start})
    if share.period_end is not None:
        inside &= Q(**{f"{field}__lte": share.period_end})
    return inside | Q(**{f"{field}__isnull": True})


def _direction(share: Share, today: dt.date) -> Data:
    owner = share.owner
    ambition = ambition_current(owner=owner)
    paths = path_list(owner=owner).filter(_date_filter(share, "decided_on"))
    return {
        "ambition": None
        if ambition is None
        else {
            "written_on": ambition.written_on,
            "reviewed_on": ambition.reviewed_on,
            "summary": ambition.summary,
            "problems": ambition.problems,
            "impact": ambition.impact,
            "more_of": ambition.more_of,
            "less_of": ambition.less_of,
        },
        "paths": [
            {
                "kind": "path",
                "id": path.pk,
                "title": path.title,
                "description": path.description,
                "verdict": path.get_verdict_display(),
                "is_pursued": path.is_pursued,
                "is_ruled_out": path.is_ruled_out,
                "verdict_reason": path.verdict_reason,
                "decided_on": path.decided_on,
            }
            for path in paths
        ],
    }


def _goals(share: Share, today: dt.date) -> Data:
    goals = goals_with_progress(goal_list(owner=share.owner))
    return {
        "goals": [
            {
                "kind": "goal",
                "id": goal.pk,
                "title": goal.title,
                "description": goal.description,
                "horizon": goal.get_horizon_display(),
                "success_measure": goal.success_measure,
                "target_date": goal.target_date,
                "status": goal.get_status_display(),
                "is_achieved": goal.is_achieved,
                "achieved_on": goal.achieved_on,
                "progress": [
                    {
                        "checked_on": check_in.checked_on,
                        "text": check_in.progress_text,
                        "percent": check_in.percent,
                        "note": check_in.note,
                    }
                    for check_in in goal.progress_history
                    if share.in_period(check_in.checked_on)
                ],
            }
            for goal in goals
        ]
    }


def _action_day(action: Any) -> dt.date | None:
    return action.completed_on or action.due_on


def _plan(share: Share, today: dt.date) -> Data:
    owner = share.owner
    shows_goals = share.allows(SectionKey.GOALS)
    actions = [a for a in action_list(owner=owner) if share.in_period(_action_day(a))]
    revisions = plan_revisions(owner=owner).filter(_date_filter(share, "revised_on"))
    return {
        "actions": [
            {
                "kind": "action",
                "id": action.pk,
                "title": action.title,
                "type": action.get_kind_display(),
                "status": action.get_status_display(),
                "is_open": action.is_open,
                "is_done": action.is_done,
                "is_dropped": action.is_dropped,
                "is_overdue": action.is_overdue_on(today),
                "due_on": action.due_on,
                "completed_on": action.completed_on,
                "evidence": action.evidence,
                "skills": [skill.name for skill in action.skills.all()],
                "goal": action.goal.title if shows_goals and action.goal else "",
            }
            for action in actions
        ],
        "revisions": [
            {"number": r.number, "revised_on": r.revised_on, "note": r.note} for r in revisions
        ],
    }


# What of an action a comparison of revisions shows: the plan section's allow-list.
COMPARED_ACTION_FIELDS = ("title", "kind", "skills", "due_on", "status", "completed_on", "evidence")


def plan_compare(share: Share, older: int, newer: int) -> Data | None:
    """What changed in the plan between revisions `older` and `newer` (by number), as the
    plan section shows it; None when either is not shared (outside the period)."""
    if not share.allows(SectionKey.PLAN):
        return None
    with outward_reading():
        found = {
            r.number: r
            for r in plan_revisions(owner=share.owner)
            .defer(None)
            .filter(_date_filter(share, "revised_on"), number__in=[older, newer])
        }
        if older not in found or newer not in found or older == newer:
            return None
        compared = plan_revision_diff(older=found[older], newer=found[newer])

    def action(row: dict[str, Any]) -> Data:
        return {name: row.get(name) for name in COMPARED_ACTION_FIELDS}

    diff = compared.diff
    return {
        "from_number": compared.from_revision.number,
        "from_revised_on": compared.from_revision.revised_on,
        "to_number": compared.to_revision.number,
        "to_revised_on": compared.to_revision.revised_on,
        "plan_changes": [
            {"field": c.field, "before": c.before, "after": c.after} for c in diff.plan_changes
        ],
        "added": [action(row) for row in diff.added],
        "removed": [action(row) for row in diff.removed],
        "changed": [
            {
                "title": change.title,
                "changes": [
                    {"field": c.field, "before": c.before, "after": c.after}
                    for c in change.changes
                    if c.field in COMPARED_ACTION_FIELDS
                ],
            }
            for change in diff.changed
            if any(c.field in COMPARED_ACTION_FIELDS for c in change.changes)
        ],
    }


def _experiments(share: Share, today: dt.date) -> Data:
    experiments = experiment_list(owner=share.owner).prefetch_related("check_ins")
    if share.period_start is not None:
        experiments = experiments.filter(ends_on__gte=share.period_start)
    if share.period_end is not None:
        experiments = experiments.filter(starts_on__lte=share.period_end)
    return {
        "experiments": [
            {
                "kind": "experiment",
                "id": e.pk,
                "title": e.title,
                "hypothesis": e.hypothesis,
                "starts_on": e.starts_on,
                "ends_on": e.ends_on,
                "signals": e.signals,
                "status": e.get_status_display(),
                "is_running": e.is_running,
                "is_concluded": e.is_concluded,
                "verdict": e.get_verdict_display() if e.verdict else "",
                "learnings": e.learnings,
                "ambition_fit": e.ambition_fit,
                "decided_on": e.decided_on,
                "check_ins": [
                    {
                        "held_on": c.held_on,
                        "notes": c.notes,
                        "signals_observed": c.signals_observed,
                        "energy": c.energy,
                    }
                    for c in sorted(e.check_ins.all(), key=lambda c: (c.held_on, c.pk))
                    if share.in_period(c.held_on)
                ],
            }
            for e in experiments
        ]
    }


def _wins(share: Share, today: dt.date) -> Data:
    wins = win_list(owner=share.owner, since=share.period_start, until=share.period_end)
    if share.show_collaborators:
        wins = wins.prefetch_related(Prefetch("collaborators", to_attr="named_collaborators"))
    return {
        "wins": [
            {
                "kind": "win",
                "id": win.pk,
                "title": win.title,
                "occurred_on": win.occurred_on,
                "situation": win.situation,
                "action": win.action,
                "result": win.result,
                "metrics": [metric_shown(m) for m in win.metrics.all()],
                "skills": [skill.name for skill in win.skills.all()],
                "collaborators": [p.name for p in win.named_collaborators]
                if share.show_collaborators
                else [],
            }
            for win in wins
        ],
        "shows_collaborators": share.show_collaborators,
    }


def _advocacy(share: Share, today: dt.date) -> Data:
    choice, rows = readiness(
        owner=share.owner, today=today, since=share.period_start, until=share.period_end
    )
    target = choice.target_level if choice is not None else None
    # A draft share (the preview before saving, a share pack) is never saved: it holds
    # the versions the owner picked so far as a list.
    versions = (
        share.narrative_versions.filter(owner_id=share.owner_id)
        .select_related("narrative")
        .order_by("narrative__title", "-number")
        if share.pk is not None
        else getattr(share, "draft_narrative_versions", [])
    )
    return {
        "ladder": choice.ladder.name if choice is not None else "",
        "target": str(target) if target is not None else "",
        "readiness": [
            {
                "competency": row.competency.name,
                "expectation": row.expectation,
                "ready": row.ready,
                "gaps": row.gaps,
                "evidence": [
                    {"title": win.title, "occurred_on": win.occurred_on} for win in row.evidence
                ],
            }
            for row in rows
        ],
        "narratives": [
            {
                "title": version.narrative.title,
                "audience": version.narrative.get_audience_display(),
                "number": version.number,
                "body": version.body,
            }
            for version in versions
        ],
    }


def _conversations(share: Share, today: dt.date) -> Data:
    conversations = conversation_list(owner=share.owner).filter(
        _date_filter(share, "held_on"), supervisor_id=share.person_id
    )
    return {
        "conversations": [
            {
                "kind": "conversation",
                "id": c.pk,
                "held_on": c.held_on,
                "status": c.get_status_display(),
                "is_planned": c.is_planned,
                "is_held": c.is_held,
                "agenda": c.agenda,
                "agreed_actions": [
                    {
                        "kind": "agreed_action",
                        "id": a.pk,
                        "description": a.description,
                        "who": a.get_who_display(),
                        "is_mine": a.is_mine,
                        "due_on": a.due_on,
                        "done": a.done,
                    }
                    for a in c.agreed_actions.all()
                ],
            }
            for c in conversations
        ]
    }


def _guidance(share: Share, today: dt.date) -> Data:
    report = report_for(owner=share.owner, today=today)
    # The state of each practice, not its explanation: the reasons and next steps name
    # people of the owner's network.
    return {
        "healthy": report.healthy_count,
        "total": len(report.indicators),
        "practices": [
            {
                "key": i.key,
                "practice": i.practice,
                "state": i.state,
                "is_healthy": i.state == "healthy",
            }
            for i in report.indicators
        ],
    }


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    project: Projection
    # What the owner reads on the share page about what the viewer will see.
    shows: str


SECTIONS: dict[str, Section] = {
    s.key: s
    for s in (
        Section(
            SectionKey.DIRECTION,
            SectionKey.DIRECTION.label,
            _direction,
            "Your current ambition, and the paths you considered with their verdicts and reasons.",
        ),
        Section(SectionKey.GOALS, SectionKey.GOALS.label, _goals, "Your goals and their progress."),
        Section(
            SectionKey.PLAN,
            SectionKey.PLAN.label,
            _plan,
            "Your development actions, the plan's revisions and what changed between them.",
        ),
        Section(
            SectionKey.EXPERIMENTS,
            SectionKey.EXPERIMENTS.label,
            _experiments,
            "Your experiments: hypothesis, time box, check-ins and verdict.",
        ),
        Section(
            SectionKey.WINS,
            SectionKey.WINS.label,
            _wins,
            "Your wins with their numbers and skills; who you worked with only if you tick it.",
        ),
        Section(
            SectionKey.ADVOCACY,
            SectionKey.ADVOCACY.label,
            _advocacy,
            "Your readiness for the target level, and the narrative versions you pick.",
        ),
        Section(
            SectionKey.CONVERSATIONS,
            SectionKey.CONVERSATIONS.label,
            _conversations,
            "Your development conversations with this person: agendas and agreed actions.",
        ),
        Section(
            SectionKey.GUIDANCE,
            SectionKey.GUIDANCE.label,
            _guidance,
            "How each of your practices is doing, healthy or not.",
        ),
    )
}

# Never shared, by any section (docs/sharing.md says the same).
NEVER_SHARED = (
    "private notes on wins, people and conversations",
    "private journal entries",
    "your private notes and backup plan",
    "your network of other people",
)

# The sections each usual helper starts with; the owner edits them before saving.
TEMPLATES: dict[str, list[str]] = {
    "supervisor": [SectionKey.PLAN, SectionKey.GOALS, SectionKey.WINS, SectionKey.CONVERSATIONS],
    "mentor": [SectionKey.DIRECTION, SectionKey.GOALS, SectionKey.EXPERIMENTS],
    "sponsor": [SectionKey.WINS, SectionKey.ADVOCACY],
    "coach": list(SectionKey.values),
}


def project(share: Share, section: str, today: dt.date) -> Data:
    """What `share` shows of `section` today: the projection, inside the privacy
    projection. A section the share does not allow raises LookupError."""
    if section not in SECTIONS or not share.allows(section):
        raise LookupError(f"the share does not show {section!r}")
    with outward_reading():
        return SECTIONS[section].project(share, today)


def project_all(share: Share, today: dt.date) -> dict[str, Data]:
    """Every section the share allows, in the registry's order (a preview, a share pack)."""
    return {key: project(share, key, today) for key in SECTIONS if share.allows(key)}
