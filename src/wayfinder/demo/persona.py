"""The demo persona: Dana Okafor's record (see `data/`), dated relative to `today`.

Written through the models directly, so the demo does not depend on every service.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from typing import Any

from django.db import transaction

from wayfinder.advocacy.ladders import ladder_sample
from wayfinder.advocacy.models import (
    Competency,
    CompetencyGroup,
    Criterion,
    CriterionRating,
    Expectation,
    Ladder,
    LadderChoice,
    LadderLevel,
    Narrative,
    NarrativeVersion,
    SelfAssessment,
    Track,
)
from wayfinder.advocacy.services import ladder_import
from wayfinder.api.models import AccessToken
from wayfinder.api.services import token_hash as api_token_hash
from wayfinder.calendars.models import CalendarFeed
from wayfinder.conversations.models import AgreedAction, DevelopmentConversation
from wayfinder.core.models import Position, Profile, Skill
from wayfinder.core.services import owner_create
from wayfinder.demo.content import demo_content
from wayfinder.direction.models import AmbitionStatement, CareerPath, Goal, GoalCheckIn
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
from wayfinder.plan.services import plan_get_or_create
from wayfinder.reflection.models import JournalEntry, PrivateNote, Review
from wayfinder.sharing.models import AgendaPoint, Comment, Proposal, Share, ShareAccess
from wayfinder.sharing.sections import TEMPLATES
from wayfinder.sharing.services import token_hash
from wayfinder.wins.models import ImpactMetric, Win, WinAudience

Row = dict[str, Any]

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


def _positions(owner: Profile, clock: Clock, rows: list[Row]) -> None:
    for row in rows:
        started = clock.ago(row["from_days_ago"])
        Position.objects.create(
            owner=owner,
            title=row["title"],
            organisation=row["organisation"],
            location=row["location"],
            started_on=started,
            ended_on=clock.ago(row["to_days_ago"]),
            summary=row["summary"],
            highlight_wins=row["highlight_wins"],
            # Entered when she started using Wayfinder, or when the role began after that.
            **clock.stamp(max(started, owner.created_at.date())),
        )


def _ambitions(owner: Profile, clock: Clock, rows: list[Row]) -> dict[int, AmbitionStatement]:
    made = {}
    for row in rows:
        written, reviewed = row["written_days_ago"], row["reviewed_days_ago"]
        made[row["version"]] = AmbitionStatement.objects.create(
            owner=owner,
            version=row["version"],
            written_on=clock.ago(written),
            reviewed_on=clock.ago(reviewed),
            problems=row["problems"],
            impact=row["impact"],
            more_of=row["more_of"],
            less_of=row["less_of"],
            summary=row["summary"],
            **clock.stamp(clock.ago(reviewed if reviewed is not None else written)),
        )
    return made


def _direction(
    owner: Profile, clock: Clock, content: dict[str, Any]
) -> tuple[dict[str, Goal], list[CareerPath]]:
    ambitions = _ambitions(owner, clock, content["ambitions"])
    paths = [
        CareerPath.objects.create(
            owner=owner,
            title=row["title"],
            description=row["description"],
            research_notes=row["research_notes"],
            learned_from_people=row["learned_from_people"],
            verdict=row["verdict"],
            verdict_reason=row["verdict_reason"],
            decided_on=clock.ago(row["decided_days_ago"]),
            **clock.stamp(clock.ago(row["decided_days_ago"] or 240)),
        )
        for row in content["paths"]
    ]
    goals = {}
    for row in content["goals"]:
        ambition = ambitions[row["ambition_version"]]
        goals[row["key"]] = Goal.objects.create(
            owner=owner,
            title=row["title"],
            description=row["description"],
            horizon=row["horizon"],
            success_measure=row["success_measure"],
            target_date=clock.ahead(row["target_in_days"]),
            status=row["status"],
            achieved_on=clock.ago(row["achieved_days_ago"]),
            ambition=ambition,
            path=paths[row["path"]] if row["path"] is not None else None,
            **clock.stamp(ambition.written_on),
        )
    return goals, paths


def _goal_check_ins(owner: Profile, clock: Clock, goals: dict[str, Goal], rows: list[Row]) -> None:
    for row in rows:
        GoalCheckIn.objects.create(
            owner=owner,
            goal=goals[row["goal"]],
            checked_on=clock.ago(row["checked_days_ago"]),
            percent=row["percent"],
            milestone=row["milestone"],
            note=row["note"],
            **clock.stamp(clock.ago(row["checked_days_ago"])),
        )


def _network(owner: Profile, clock: Clock, content: dict[str, Any]) -> dict[str, Person]:
    people = {}
    for row in content["people"]:
        name, organisation = row["name"], row["organisation"]
        domain = organisation.lower().replace(" ", "").replace("&", "")
        person = Person.objects.create(
            owner=owner,
            name=name,
            title=row["title"],
            organisation=organisation,
            function=row["function"],
            relative_level=row["relative_level"],
            influence=row["influence"],
            cadence_days=row["cadence_days"],
            email=f"{name.split()[0].lower()}@{domain}.com",
            notes=row["notes"],
            private_notes=row.get("private_notes", ""),
            **clock.stamp(clock.ago(900)),
        )
        people[name] = person
        for role in row["roles"]:
            PersonRole.objects.create(
                owner=owner, person=person, role=role, started_on=clock.ago(900)
            )
    # Roles that have ended: a mentor from earlier years, so Dana has one active mentor.
    for row in content["past_roles"]:
        PersonRole.objects.create(
            owner=owner,
            person=people[row["person"]],
            role=row["role"],
            started_on=clock.ago(row["from_days_ago"]),
            ended_on=clock.ago(row["to_days_ago"]),
        )
    _interactions(owner, clock, people, content)
    return people


def _interactions(
    owner: Profile, clock: Clock, people: dict[str, Person], content: dict[str, Any]
) -> None:
    rows: list[Row] = list(content["interactions"])
    for rhythm in content["rhythms"]:
        topics = rhythm["topics"]
        days = range(rhythm["from_days_ago"], rhythm["to_days_ago"] - 1, -rhythm["every_days"])
        for n, day in enumerate(days):
            rows.append(
                {
                    "days_ago": day,
                    "kind": rhythm["kind"],
                    "people": [rhythm["person"]],
                    "notes": topics[n % len(topics)],
                }
            )
    # A fixed seed keeps the demo the same on every run, apart from the dates.
    chance = random.Random(20261123)
    casual = [p for p in people if p not in {"Marcus Webb", "Grace Lindqvist"}]
    while len(rows) < 120:
        name = chance.choice(casual)
        kind = chance.choice(["coffee", "message", "meeting"])
        day = chance.randint(20, 540)
        rows.append(
            {"days_ago": day, "kind": kind, "people": [name], "notes": f"Caught up with {name}."}
        )
    for row in rows:
        interaction = Interaction.objects.create(
            owner=owner,
            occurred_on=clock.ago(row["days_ago"]),
            kind=row["kind"],
            notes=row["notes"],
            follow_ups=row.get("follow_ups", ""),
            follow_up_due=clock.ahead(row.get("follow_up_in_days")),
            **clock.stamp(clock.ago(row["days_ago"])),
        )
        interaction.people.set([people[name] for name in row["people"]])


def _skills(owner: Profile, clock: Clock, names: list[str]) -> dict[str, Skill]:
    return {
        name: Skill.objects.create(owner=owner, name=name, **clock.stamp(clock.ago(1060)))
        for name in names
    }


def _metric(owner: Profile, clock: Clock, win: Win, days: int, metric: Row) -> None:
    ImpactMetric.objects.create(
        owner=owner,
        win=win,
        value=metric["value"],
        unit=metric["unit"],
        baseline=metric["baseline"],
        period=metric["period"],
        label=metric["label"],
        **clock.stamp(clock.ago(days)),
    )


def _wins(
    owner: Profile,
    clock: Clock,
    skills: dict[str, Skill],
    people: dict[str, Person],
    content: dict[str, Any],
) -> dict[str, Win]:
    keyed = {}
    for row in content["wins"]:
        days = row["days_ago"]
        win = Win.objects.create(
            owner=owner,
            occurred_on=clock.ago(days),
            title=row["title"],
            situation=row["situation"],
            action=row["action"],
            result=row["result"],
            private_notes=row.get("private_notes", ""),
            **clock.stamp(clock.ago(days)),
        )
        keyed[row["key"]] = win
        win.skills.set([skills[name] for name in row["skills"]])
        win.collaborators.set([people[name] for name in row["collaborators"]])
        for metric in row["metrics"]:
            _metric(owner, clock, win, days, metric)
        for told in row["told"]:
            WinAudience.objects.create(
                owner=owner,
                win=win,
                person=people[told["person"]],
                told_on=clock.ago(days - told["days_after"]),
            )
    for row in content["small_wins"]:
        days = row["days_ago"]
        win = Win.objects.create(
            owner=owner,
            occurred_on=clock.ago(days),
            title=row["title"],
            result=row["result"],
            source="capture" if days < 200 else "web",
            **clock.stamp(clock.ago(days)),
        )
        win.skills.set([skills[name] for name in row["skills"]])
        if row["metric"]:
            _metric(owner, clock, win, days, row["metric"])
        WinAudience.objects.create(
            owner=owner, win=win, person=people["Marcus Webb"], told_on=clock.ago(days)
        )
    return keyed


def _advocacy(owner: Profile, clock: Clock, wins: dict[str, Win], content: dict[str, Any]) -> None:
    chosen = content["ladder"]
    ladder = ladder_import(
        owner=owner,
        spec=ladder_sample(chosen["sample"]),
        source=f"sample: {chosen['sample']}",
    )
    for model in (Ladder, Track, CompetencyGroup, LadderLevel, Competency, Expectation, Criterion):
        model.objects.for_owner(owner).update(**clock.stamp(clock.ago(160)))
    levels = {level.code: level for level in ladder.levels.all()}
    competencies = {competency.key: competency for competency in ladder.competencies.all()}
    LadderChoice.objects.create(
        owner=owner,
        ladder=ladder,
        current_level=levels[chosen["current_level"]],
        target_level=levels[chosen["target_level"]],
        **clock.stamp(clock.ago(160)),
    )
    for key, names in content["win_competencies"].items():
        wins[key].competencies.set([competencies[name] for name in names])
    for row in content["assessments"]:
        days = row["days_ago"]
        assessment = SelfAssessment.objects.create(
            owner=owner,
            competency=competencies[row["competency"]],
            assessed_on=clock.ago(days),
            against_current=row["against_current"],
            against_target=row["against_target"],
            notes=row["notes"],
            **clock.stamp(clock.ago(days)),
        )
        assessment.evidence.set([wins[name] for name in row["evidence"]])
        # The target level's criteria of the competency, rated in order of rank.
        criteria = Criterion.objects.for_owner(owner).filter(
            competency=assessment.competency, level=levels[chosen["target_level"]]
        )
        for criterion, rating in zip(criteria, row.get("criteria", []), strict=False):
            CriterionRating.objects.create(
                owner=owner,
                assessment=assessment,
                criterion=criterion,
                rating=rating,
                **clock.stamp(clock.ago(days)),
            )
    for row in content["narratives"]:
        versions = row["versions"]
        narrative = Narrative.objects.create(
            owner=owner,
            title=row["title"],
            audience=row["audience"],
            period_start=clock.ago(row["period_start_days_ago"]),
            period_end=clock.ago(row["period_end_days_ago"]),
            **clock.stamp(clock.ago(versions[0]["days_ago"])),
        )
        for number, version in enumerate(versions, start=1):
            NarrativeVersion.objects.create(
                owner=owner,
                narrative=narrative,
                number=number,
                note=version["note"],
                body=version["body"],
                **clock.stamp(clock.ago(version["days_ago"])),
            )


def _snapshot_status(row: Row, number: int, revised_on: dt.date, clock: Clock) -> str:
    status, completed = row["status"], clock.ahead(row["completed_in_days"])
    if completed is not None and completed <= revised_on:
        return "done"
    if status == "dropped":
        return "dropped" if number >= 3 else "planned"
    return "in_progress" if status == "in_progress" and number >= 3 else "planned"


def _plan(
    owner: Profile,
    clock: Clock,
    goals: dict[str, Goal],
    skills: dict[str, Skill],
    content: dict[str, Any],
) -> dict[str, DevelopmentAction]:
    revisions, earlier_due = content["revisions"], content["earlier_due"]
    revised_days = {row["number"]: row["days_ago"] for row in revisions}
    plan = plan_get_or_create(owner=owner)  # a new owner has no plan until something goes on it
    DevelopmentPlan.objects.for_owner(owner).filter(pk=plan.pk).update(
        title="Dana's development plan",
        focus=revisions[-1]["focus"],
        **clock.stamp(clock.ago(revised_days[1])),
    )
    plan.refresh_from_db()
    actions = {}
    for row in content["actions"]:
        # Added when the revision first listing it was made; the last one after the
        # latest conversation.
        added = clock.ago(revised_days.get(row["since_revision"], 70))
        action = DevelopmentAction.objects.create(
            owner=owner,
            plan=plan,
            title=row["title"],
            kind=row["kind"],
            goal=goals.get(row["goal"]),
            due_on=clock.ahead(row["due_in_days"]),
            status=row["status"],
            completed_on=clock.ahead(row["completed_in_days"]),
            evidence=row["evidence"],
            notes=row["notes"],
            **clock.stamp(added),
        )
        action.skills.set([skills[name] for name in row["skills"]])
        actions[row["key"]] = action

    def due_in(row: Row, number: int) -> int:
        return earlier_due.get(row["key"], {}).get(number, row["due_in_days"])

    for revision in revisions:
        number = revision["number"]
        revised_on = clock.ago(revision["days_ago"])
        listed = sorted(
            (row for row in content["actions"] if row["since_revision"] <= number),
            key=lambda row: due_in(row, number),
        )
        snapshot: dict[str, Any] = {
            "format": SNAPSHOT_FORMAT,
            "plan": {"title": plan.title, "focus": revision["focus"]},
            "actions": [
                {
                    "uid": str(actions[row["key"]].uid),
                    "title": row["title"],
                    "kind": row["kind"],
                    "goal": goals[row["goal"]].title if row["goal"] else None,
                    "skills": sorted(row["skills"], key=str.casefold),
                    "due_on": clock.ahead(due_in(row, number)).isoformat(),
                    "status": (status := _snapshot_status(row, number, revised_on, clock)),
                    "completed_on": (
                        clock.ahead(row["completed_in_days"]).isoformat()
                        if status == "done"
                        else None
                    ),
                    "evidence": row["evidence"] if status == "done" else "",
                    "notes": row["notes"],
                }
                for row in listed
            ],
        }
        PlanRevision.objects.create(
            owner=owner,
            plan=plan,
            number=number,
            revised_on=revised_on,
            note=revision["note"],
            snapshot=snapshot,
            **clock.stamp(revised_on),
        )
    return actions


def _experiments(
    owner: Profile,
    clock: Clock,
    goals: dict[str, Goal],
    paths: list[CareerPath],
    content: dict[str, Any],
) -> list[Experiment]:
    made = []
    for row in content["experiments"]:
        starts = row["starts_days_ago"]
        experiment = Experiment.objects.create(
            owner=owner,
            title=row["title"],
            hypothesis=row["hypothesis"],
            starts_on=clock.ago(starts),
            ends_on=clock.ahead(row["ends_in_days"]),
            signals=row["signals"],
            status=row["status"],
            verdict=row["verdict"],
            learnings=row["learnings"],
            ambition_fit=row["ambition_fit"],
            decided_on=clock.ago(row["decided_days_ago"]),
            goal=goals[row["goal"]],
            path=paths[row["path"]] if row["path"] is not None else None,
            **clock.stamp(clock.ago(max(starts, 0) + 7)),
        )
        for check_in in row["check_ins"]:
            CheckIn.objects.create(
                owner=owner,
                experiment=experiment,
                held_on=clock.ago(check_in["days_ago"]),
                notes=check_in["notes"],
                signals_observed=check_in["signals_observed"],
                energy=check_in["energy"],
                **clock.stamp(clock.ago(check_in["days_ago"])),
            )
        made.append(experiment)
    return made


def _opportunities(
    owner: Profile,
    clock: Clock,
    goals: dict[str, Goal],
    people: dict[str, Person],
    experiments: list[Experiment],
    content: dict[str, Any],
) -> None:
    for row in content["opportunities"]:
        spotted, decided, experiment = (
            row["spotted_days_ago"],
            row["decided_days_ago"],
            row["experiment"],
        )
        Opportunity.objects.create(
            owner=owner,
            title=row["title"],
            description=row["description"],
            kind=row["kind"],
            source=row["source"],
            brought_by=people.get(row["brought_by"]),
            status=row["status"],
            spotted_on=clock.ago(spotted),
            decided_on=clock.ago(decided),
            goal=goals[row["goal"]],
            experiment=experiments[experiment] if experiment is not None else None,
            **clock.stamp(clock.ago(decided if decided is not None else spotted)),
        )


def _conversations(
    owner: Profile,
    clock: Clock,
    people: dict[str, Person],
    actions: dict[str, DevelopmentAction],
    content: dict[str, Any],
) -> None:
    for row in content["conversations"]:
        days = row["days_ago"]
        conversation = DevelopmentConversation.objects.create(
            owner=owner,
            held_on=clock.ago(days),
            supervisor=people["Marcus Webb"],
            status=row["status"],
            agenda=row["agenda"],
            notes=row["notes"],
            private_notes=row["private_notes"],
            **clock.stamp(clock.ago(days)),
        )
        for agreed in row["agreed"]:
            AgreedAction.objects.create(
                owner=owner,
                conversation=conversation,
                description=agreed["description"],
                who=agreed["who"],
                due_on=clock.ahead(agreed["due_in_days"]),
                done=agreed["done"],
                plan_action=actions.get(agreed["plan_action"]),
                **clock.stamp(clock.ago(days)),
            )


def _reflection(owner: Profile, clock: Clock, content: dict[str, Any]) -> None:
    reviews = [
        Review.objects.create(
            owner=owner,
            held_on=clock.ago(row["days_ago"]),
            kind=row["kind"],
            summary=row["summary"],
            **clock.stamp(clock.ago(row["days_ago"])),
        )
        for row in content["reviews"]
    ]
    for row in content["journal"]:
        JournalEntry.objects.create(
            owner=owner,
            review=reviews[row["review"]] if row["review"] is not None else None,
            written_on=clock.ago(row["days_ago"]),
            question_key=row["question_key"],
            question=row["question"],
            answer=row["answer"],
            is_private=row["is_private"],
            **clock.stamp(clock.ago(row["days_ago"])),
        )
    for row in content["private_notes"]:
        PrivateNote.objects.create(
            owner=owner,
            kind=row["kind"],
            title=row["title"],
            body=row["body"],
            **clock.stamp(clock.ago(row["days_ago"])),
        )


def _moment(clock: Clock, days: int | None) -> dt.datetime | None:
    day = clock.ago(days)
    return None if day is None else dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC)


def _shares(
    owner: Profile, clock: Clock, people: dict[str, Person], content: dict[str, Any]
) -> None:
    for row in content["shares"]:
        person = people[row["person"]]
        accesses = row["accesses"]
        share = Share.objects.create(
            owner=owner,
            person=person,
            email=person.email,
            sections=list(TEMPLATES[row["template"]]),
            expires_on=clock.ahead(row["expires_in_days"]),
            allow_comments=row["allow_comments"],
            # Nobody holds the demo's invitations: only a hash is ever stored.
            token_hash=token_hash(secrets.token_urlsafe(32)),
            invited_at=_moment(clock, row["created_days_ago"]),
            accepted_at=_moment(clock, row["accepted_days_ago"]),
            revoked_at=_moment(clock, row["revoked_days_ago"]),
            last_access_at=max((_moment(clock, a["days_ago"]) for a in accesses), default=None),
            **clock.stamp(clock.ago(row["created_days_ago"])),
        )
        for access in accesses:
            ShareAccess.objects.create(
                owner=owner,
                share=share,
                page=access["page"],
                path=f"/sharing/shared/{share.pk}/{access['path']}/",
                viewed_at=_moment(clock, access["days_ago"]),
                **clock.stamp(clock.ago(access["days_ago"])),
            )


def _api_tokens(owner: Profile, clock: Clock) -> None:
    """Dana's phone shortcut logs wins through the API; an old script's token is revoked.
    Nobody holds the demo's tokens: only a hash is ever stored."""
    AccessToken.objects.create(
        owner=owner,
        name="Phone shortcut",
        scopes=["read:wins", "write:wins"],
        token_hash=api_token_hash(secrets.token_urlsafe(32)),
        last_used_at=_moment(clock, 2),
        **clock.stamp(clock.ago(120)),
    )
    AccessToken.objects.create(
        owner=owner,
        name="Old export script",
        scopes=["read:goals", "read:plan", "read:wins"],
        token_hash=api_token_hash(secrets.token_urlsafe(32)),
        last_used_at=_moment(clock, 200),
        revoked_at=_moment(clock, 150),
        **clock.stamp(clock.ago(400)),
    )


def _collaboration(
    owner: Profile,
    clock: Clock,
    goals: dict[str, Any],
    wins: dict[str, Win],
    content: dict[str, Any],
) -> None:
    """What Marcus sent back through his share: comments (one answered), an agenda point
    and two proposals, all dealt with, so they are no longer news in Dana's week."""
    data = content["collaboration"]
    share = Share.objects.for_owner(owner).get(person__name=data["share_with"])
    conversation = (
        DevelopmentConversation.objects.for_owner(owner)
        .filter(supervisor_id=share.person_id)
        .order_by("-held_on")
        .first()
    )
    for row in data["comments"]:
        item = {"goal": goals[row["goal"]]} if "goal" in row else {"win": wins[row["win"]]}
        comment = Comment.objects.create(
            owner=owner,
            share=share,
            body=row["body"],
            resolved_at=_moment(clock, row["resolved_days_ago"]),
            **item,
            **clock.stamp(clock.ago(row["days_ago"])),
        )
        for reply in row["replies"]:
            Comment.objects.create(
                owner=owner,
                share=share,
                from_owner=True,
                reply_to=comment,
                body=reply["body"],
                **item,
                **clock.stamp(clock.ago(reply["days_ago"])),
            )
    for row in data["agenda_points"]:
        AgendaPoint.objects.create(
            owner=owner,
            share=share,
            conversation=conversation,
            text=row["text"],
            **clock.stamp(clock.ago(row["days_ago"])),
        )
    for row in data["proposals"]:
        Proposal.objects.create(
            owner=owner,
            share=share,
            kind=row["kind"],
            conversation=conversation if row["kind"] == "action" else None,
            title=row["title"],
            description=row["description"],
            status=row["status"],
            decided_on=clock.ago(row["decided_days_ago"]),
            **clock.stamp(clock.ago(row["days_ago"])),
        )


@transaction.atomic
def demo_create(*, today: dt.date, username: str = DEMO_USERNAME) -> Profile:
    """Create the owner `username` with Dana Okafor's whole record, dated around `today`."""
    clock = Clock(today)
    content = demo_content()
    profile = content["profile"]
    owner = owner_create(
        username=username,
        display_name=profile["display_name"],
        time_zone=profile["time_zone"],
        **{k: v for k, v in profile.items() if k not in {"display_name", "time_zone"}},
    )
    joined = dt.datetime.combine(clock.ago(1060), dt.time(9), tzinfo=dt.UTC)
    Profile.objects.filter(pk=owner.pk).update(
        created_at=joined, updated_at=joined, onboarded_at=joined
    )
    owner.refresh_from_db()
    skills = _skills(owner, clock, content["skills"])
    _positions(owner, clock, content["positions"])
    goals, paths = _direction(owner, clock, content)
    _goal_check_ins(owner, clock, goals, content["goal_check_ins"])
    people = _network(owner, clock, content)
    wins = _wins(owner, clock, skills, people, content)
    actions = _plan(owner, clock, goals, skills, content)
    experiments = _experiments(owner, clock, goals, paths, content)
    _opportunities(owner, clock, goals, people, experiments, content)
    _conversations(owner, clock, people, actions, content)
    _reflection(owner, clock, content)
    _advocacy(owner, clock, wins, content)
    _shares(owner, clock, people, content)
    _collaboration(owner, clock, goals, wins, content)
    # Dana wants the weekly digest even in a quiet week.
    GuidanceSettings.objects.create(
        owner=owner, digest_send_empty=True, **clock.stamp(clock.ago(300))
    )
    # Dana's calendar feed leaves her people out; it is off until she turns it on.
    CalendarFeed.objects.create(owner=owner, include_people=False, **clock.stamp(clock.ago(20)))
    _api_tokens(owner, clock)
    return owner
