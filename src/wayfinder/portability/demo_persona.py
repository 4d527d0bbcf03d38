"""The demo persona: Dana Okafor's record (see demo_content), dated relative to `today`.

Written through the models directly, so the demo does not depend on every service.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction

from wayfinder.advocacy.ladders import ladder_sample
from wayfinder.advocacy.models import (
    Competency,
    Expectation,
    Ladder,
    LadderChoice,
    LadderLevel,
    Narrative,
    NarrativeVersion,
    SelfAssessment,
)
from wayfinder.advocacy.services import ladder_import
from wayfinder.conversations.models import AgreedAction, DevelopmentConversation
from wayfinder.core.models import Profile, Skill
from wayfinder.core.services import owner_create
from wayfinder.direction.models import AmbitionStatement, CareerPath, Goal
from wayfinder.experiments.models import CheckIn, Experiment
from wayfinder.guidance.models import GuidanceSettings
from wayfinder.network.models import Interaction, Person, PersonRole
from wayfinder.plan.models import (
    DevelopmentAction,
    DevelopmentPlan,
    Opportunity,
    PlanRevision,
)
from wayfinder.plan.revisions import SNAPSHOT_FORMAT
from wayfinder.portability import demo_content as content
from wayfinder.reflection.models import JournalEntry, PrivateNote, Review
from wayfinder.wins.models import ImpactMetric, Win, WinAudience

DEMO_USERNAME = "demo"


class Clock:
    """Dates counted back from `today`, and a timestamp for rows written on a day."""

    def __init__(self, today: dt.date):
        self.today = today

    def ago(self, days: int | None) -> dt.date | None:
        return None if days is None else self.today - dt.timedelta(days=days)

    def ahead(self, days: int | None) -> dt.date | None:
        return None if days is None else self.today + dt.timedelta(days=days)

    def stamp(self, day: dt.date) -> dict[str, dt.datetime]:
        moment = dt.datetime.combine(min(day, self.today), dt.time(16, 30), tzinfo=dt.UTC)
        return {"created_at": moment, "updated_at": moment}


def _ambitions(owner: Profile, clock: Clock) -> dict[int, AmbitionStatement]:
    made = {}
    for version, written, reviewed, problems, impact, more, less, summary in content.AMBITIONS:
        made[version] = AmbitionStatement.objects.create(
            owner=owner,
            version=version,
            written_on=clock.ago(written),
            reviewed_on=clock.ago(reviewed),
            problems=problems,
            impact=impact,
            more_of=more,
            less_of=less,
            summary=summary,
            **clock.stamp(clock.ago(reviewed if reviewed is not None else written)),
        )
    return made


def _direction(owner: Profile, clock: Clock) -> tuple[dict[str, Goal], list[CareerPath]]:
    ambitions = _ambitions(owner, clock)
    paths = [
        CareerPath.objects.create(
            owner=owner,
            title=title,
            description=description,
            research_notes=research,
            learned_from_people=learned,
            verdict=verdict,
            verdict_reason=reason,
            decided_on=clock.ago(decided),
            **clock.stamp(clock.ago(decided or 240)),
        )
        for title, description, research, learned, verdict, reason, decided in content.PATHS
    ]
    goals = {}
    for row in content.GOALS:
        key, title, horizon, status, target, achieved, version, path, measure, description = row
        goals[key] = Goal.objects.create(
            owner=owner,
            title=title,
            description=description,
            horizon=horizon,
            success_measure=measure,
            target_date=clock.ahead(target),
            status=status,
            achieved_on=clock.ago(achieved),
            ambition=ambitions[version],
            path=paths[path] if path is not None else None,
            **clock.stamp(ambitions[version].written_on),
        )
    return goals, paths


def _network(owner: Profile, clock: Clock) -> dict[str, Person]:
    people = {}
    for name, title, org, function, level, influence, cadence, roles, notes in content.PEOPLE:
        person = Person.objects.create(
            owner=owner,
            name=name,
            title=title,
            organisation=org,
            function=function,
            relative_level=level,
            influence=influence,
            cadence_days=cadence,
            email=f"{name.split()[0].lower()}@{org.lower().replace(' ', '').replace('&', '')}.com",
            notes=notes,
            **clock.stamp(clock.ago(900)),
        )
        people[name] = person
        for role in roles:
            PersonRole.objects.create(
                owner=owner, person=person, role=role, started_on=clock.ago(900)
            )
    # A mentor from earlier years: the role has ended, so Dana has one active mentor.
    PersonRole.objects.create(
        owner=owner,
        person=people["Sam Oyelaran"],
        role="mentor",
        started_on=clock.ago(1000),
        ended_on=clock.ago(420),
    )
    people["Sam Oyelaran"].private_notes = "Would hire me as a partner if I left. Keep warm."
    people["Sam Oyelaran"].save(update_fields=["private_notes"])
    people["Marcus Webb"].private_notes = "May be conflicted: I run most of his org."
    people["Marcus Webb"].save(update_fields=["private_notes"])
    _interactions(owner, clock, people)
    return people


def _interactions(owner: Profile, clock: Clock, people: dict[str, Person]) -> None:
    rows: list[tuple[int, str, list[str], str, str, int | None]] = list(content.INTERACTIONS)
    for name, kind, every, start, end, topics in content.RHYTHMS:
        for n, days in enumerate(range(start, end - 1, -every)):
            rows.append((days, kind, [name], topics[n % len(topics)], "", None))
    # A fixed seed keeps the demo the same on every run, apart from the dates.
    chance = random.Random(20261123)
    casual = [p for p in people if p not in {"Marcus Webb", "Grace Lindqvist"}]
    while len(rows) < 120:
        name = chance.choice(casual)
        kind = chance.choice(["coffee", "message", "meeting"])
        rows.append((chance.randint(20, 540), kind, [name], f"Caught up with {name}.", "", None))
    for days, kind, names, notes, follow_ups, due in rows:
        interaction = Interaction.objects.create(
            owner=owner,
            occurred_on=clock.ago(days),
            kind=kind,
            notes=notes,
            follow_ups=follow_ups,
            follow_up_due=clock.ahead(due),
            **clock.stamp(clock.ago(days)),
        )
        interaction.people.set([people[name] for name in names])


def _skills(owner: Profile, clock: Clock) -> dict[str, Skill]:
    return {
        name: Skill.objects.create(owner=owner, name=name, **clock.stamp(clock.ago(1060)))
        for name in content.SKILLS
    }


def _wins(
    owner: Profile, clock: Clock, skills: dict[str, Skill], people: dict[str, Person]
) -> dict[str, Win]:
    keyed = {}
    for key, days, title, situation, action, result, names, metrics, team, told in content.WINS:
        win = Win.objects.create(
            owner=owner,
            occurred_on=clock.ago(days),
            title=title,
            situation=situation,
            action=action,
            result=result,
            private_notes="Marcus presented this one as his." if key == "pipeline45" else "",
            **clock.stamp(clock.ago(days)),
        )
        keyed[key] = win
        win.skills.set([skills[name] for name in names])
        win.collaborators.set([people[name] for name in team])
        for value, unit, baseline, period, label in metrics:
            ImpactMetric.objects.create(
                owner=owner,
                win=win,
                value=value,
                unit=unit,
                baseline=baseline,
                period=period,
                label=label,
                **clock.stamp(clock.ago(days)),
            )
        for name, after in told:
            WinAudience.objects.create(
                owner=owner, win=win, person=people[name], told_on=clock.ago(days - after)
            )
    for days, title, result, names, metric in content.SMALL_WINS:
        win = Win.objects.create(
            owner=owner,
            occurred_on=clock.ago(days),
            title=title,
            result=result,
            source="capture" if days < 200 else "web",
            **clock.stamp(clock.ago(days)),
        )
        win.skills.set([skills[name] for name in names])
        if metric:
            value, unit, baseline, period, label = metric
            ImpactMetric.objects.create(
                owner=owner,
                win=win,
                value=value,
                unit=unit,
                baseline=baseline,
                period=period,
                label=label,
                **clock.stamp(clock.ago(days)),
            )
        WinAudience.objects.create(
            owner=owner, win=win, person=people["Marcus Webb"], told_on=clock.ago(days)
        )
    return keyed


def _advocacy(owner: Profile, clock: Clock, wins: dict[str, Win]) -> None:
    ladder = ladder_import(
        owner=owner, spec=ladder_sample(content.LADDER_SAMPLE), source="sample: marketing"
    )
    for model in (Ladder, LadderLevel, Competency, Expectation):
        model.objects.for_owner(owner).update(**clock.stamp(clock.ago(160)))
    levels = {level.code: level for level in ladder.levels.all()}
    competencies = {competency.key: competency for competency in ladder.competencies.all()}
    LadderChoice.objects.create(
        owner=owner,
        ladder=ladder,
        current_level=levels[content.LADDER_CURRENT],
        target_level=levels[content.LADDER_TARGET],
        **clock.stamp(clock.ago(160)),
    )
    for key, names in content.WIN_COMPETENCIES.items():
        wins[key].competencies.set([competencies[name] for name in names])
    for days, key, current, target, notes, evidence in content.ASSESSMENTS:
        assessment = SelfAssessment.objects.create(
            owner=owner,
            competency=competencies[key],
            assessed_on=clock.ago(days),
            against_current=current,
            against_target=target,
            notes=notes,
            **clock.stamp(clock.ago(days)),
        )
        assessment.evidence.set([wins[name] for name in evidence])
    for title, audience, start, end, versions in content.NARRATIVES:
        narrative = Narrative.objects.create(
            owner=owner,
            title=title,
            audience=audience,
            period_start=clock.ago(start),
            period_end=clock.ago(end),
            **clock.stamp(clock.ago(versions[0][0])),
        )
        for number, (days, note, body) in enumerate(versions, start=1):
            NarrativeVersion.objects.create(
                owner=owner,
                narrative=narrative,
                number=number,
                note=note,
                body=body,
                **clock.stamp(clock.ago(days)),
            )


def _snapshot_status(row: tuple, number: int, revised_on: dt.date, clock: Clock) -> str:
    status, completed = row[6], clock.ahead(row[7])
    if completed is not None and completed <= revised_on:
        return "done"
    if status == "dropped":
        return "dropped" if number >= 3 else "planned"
    return "in_progress" if status == "in_progress" and number >= 3 else "planned"


def _plan(
    owner: Profile, clock: Clock, goals: dict[str, Goal], skills: dict[str, Skill]
) -> dict[str, DevelopmentAction]:
    revised_days = {number: days for number, days, _, _ in content.REVISIONS}
    DevelopmentPlan.objects.for_owner(owner).update(
        title="Dana's development plan",
        focus=content.REVISIONS[-1][3],
        **clock.stamp(clock.ago(revised_days[1])),
    )
    plan = DevelopmentPlan.objects.for_owner(owner).get()
    actions = {}
    for row in content.ACTIONS:
        key, title, kind, goal, names, due, status, completed, evidence, notes, since = row
        # Added when the revision first listing it was made; the last one after the
        # latest conversation.
        added = clock.ago(revised_days.get(since, 70))
        action = DevelopmentAction.objects.create(
            owner=owner,
            plan=plan,
            title=title,
            kind=kind,
            goal=goals.get(goal),
            due_on=clock.ahead(due),
            status=status,
            completed_on=clock.ahead(completed),
            evidence=evidence,
            notes=notes,
            **clock.stamp(added),
        )
        action.skills.set([skills[name] for name in names])
        actions[key] = action
    for number, days, note, focus in content.REVISIONS:
        revised_on = clock.ago(days)
        listed = sorted(
            (row for row in content.ACTIONS if row[10] <= number),
            key=lambda row: content.EARLIER_DUE.get(row[0], {}).get(number, row[5]),
        )
        snapshot: dict[str, Any] = {
            "format": SNAPSHOT_FORMAT,
            "plan": {"title": plan.title, "focus": focus},
            "actions": [
                {
                    "uid": str(actions[row[0]].uid),
                    "title": row[1],
                    "kind": row[2],
                    "goal": goals[row[3]].title if row[3] else None,
                    "skills": sorted(row[4], key=str.casefold),
                    "due_on": clock.ahead(
                        content.EARLIER_DUE.get(row[0], {}).get(number, row[5])
                    ).isoformat(),
                    "status": (status := _snapshot_status(row, number, revised_on, clock)),
                    "completed_on": clock.ahead(row[7]).isoformat() if status == "done" else None,
                    "evidence": row[8] if status == "done" else "",
                    "notes": row[9],
                }
                for row in listed
            ],
        }
        PlanRevision.objects.create(
            owner=owner,
            plan=plan,
            number=number,
            revised_on=revised_on,
            note=note,
            snapshot=snapshot,
            **clock.stamp(revised_on),
        )
    return actions


def _experiments(
    owner: Profile, clock: Clock, goals: dict[str, Goal], paths: list[CareerPath]
) -> list[Experiment]:
    made = []
    for row in content.EXPERIMENTS:
        title, hypothesis, starts, ends, signals, status, verdict = row[:7]
        learnings, fit, decided, goal, path, check_ins = row[7:]
        experiment = Experiment.objects.create(
            owner=owner,
            title=title,
            hypothesis=hypothesis,
            starts_on=clock.ago(starts),
            ends_on=clock.ahead(ends),
            signals=signals,
            status=status,
            verdict=verdict,
            learnings=learnings,
            ambition_fit=fit,
            decided_on=clock.ago(decided),
            goal=goals[goal],
            path=paths[path] if path is not None else None,
            **clock.stamp(clock.ago(max(starts, 0) + 7)),
        )
        for days, notes, observed, energy in check_ins:
            CheckIn.objects.create(
                owner=owner,
                experiment=experiment,
                held_on=clock.ago(days),
                notes=notes,
                signals_observed=observed,
                energy=energy,
                **clock.stamp(clock.ago(days)),
            )
        made.append(experiment)
    return made


def _opportunities(owner, clock, goals, people, experiments) -> None:
    for row in content.OPPORTUNITIES:
        title, description, kind, source, brought_by, status, spotted, decided, goal, exp = row
        Opportunity.objects.create(
            owner=owner,
            title=title,
            description=description,
            kind=kind,
            source=source,
            brought_by=people.get(brought_by),
            status=status,
            spotted_on=clock.ago(spotted),
            decided_on=clock.ago(decided),
            goal=goals[goal],
            experiment=experiments[exp] if exp is not None else None,
            **clock.stamp(clock.ago(decided if decided is not None else spotted)),
        )


def _conversations(owner, clock, people, actions) -> None:
    for days, status, agenda, notes, private, agreed in content.CONVERSATIONS:
        conversation = DevelopmentConversation.objects.create(
            owner=owner,
            held_on=clock.ago(days),
            supervisor=people["Marcus Webb"],
            status=status,
            agenda=agenda,
            notes=notes,
            private_notes=private,
            **clock.stamp(clock.ago(days)),
        )
        for description, who, due, done, action in agreed:
            AgreedAction.objects.create(
                owner=owner,
                conversation=conversation,
                description=description,
                who=who,
                due_on=clock.ahead(due),
                done=done,
                plan_action=actions.get(action),
                **clock.stamp(clock.ago(days)),
            )


def _reflection(owner: Profile, clock: Clock) -> None:
    reviews = [
        Review.objects.create(
            owner=owner,
            held_on=clock.ago(days),
            kind=kind,
            summary=summary,
            **clock.stamp(clock.ago(days)),
        )
        for days, kind, summary in content.REVIEWS
    ]
    for days, review, key, question, answer, private in content.JOURNAL:
        JournalEntry.objects.create(
            owner=owner,
            review=reviews[review] if review is not None else None,
            written_on=clock.ago(days),
            question_key=key,
            question=question,
            answer=answer,
            is_private=private,
            **clock.stamp(clock.ago(days)),
        )
    for days, kind, title, body in content.PRIVATE_NOTES:
        PrivateNote.objects.create(
            owner=owner, kind=kind, title=title, body=body, **clock.stamp(clock.ago(days))
        )


@transaction.atomic
def demo_create(*, today: dt.date, username: str = DEMO_USERNAME) -> Profile:
    """Create the owner `username` with Dana Okafor's whole record, dated around `today`."""
    clock = Clock(today)
    profile_fields = dict(content.PROFILE)
    owner = owner_create(
        username=username,
        display_name=profile_fields.pop("display_name"),
        time_zone=profile_fields.pop("time_zone"),
        **profile_fields,
    )
    joined = dt.datetime.combine(clock.ago(1060), dt.time(9), tzinfo=dt.UTC)
    Profile.objects.filter(pk=owner.pk).update(
        created_at=joined, updated_at=joined, onboarded_at=joined
    )
    owner.refresh_from_db()
    skills = _skills(owner, clock)
    goals, paths = _direction(owner, clock)
    people = _network(owner, clock)
    wins = _wins(owner, clock, skills, people)
    actions = _plan(owner, clock, goals, skills)
    experiments = _experiments(owner, clock, goals, paths)
    _opportunities(owner, clock, goals, people, experiments)
    _conversations(owner, clock, people, actions)
    _reflection(owner, clock)
    _advocacy(owner, clock, wins)
    # Dana wants the weekly digest even in a quiet week.
    GuidanceSettings.objects.create(
        owner=owner, digest_send_empty=True, **clock.stamp(clock.ago(300))
    )
    return owner
