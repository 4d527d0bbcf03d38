"""Ten years of generated records for benchmarks: `wayfinder demo --scale heavy`.

Seeded, so the same seed and `today` give the same data; written with bulk_create in
batches. `scale` shrinks every count for tests (1.0 is the benchmark size).
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction

from wayfinder.advocacy.ladders import ladder_sample
from wayfinder.advocacy.models import (
    Audience,
    Competency,
    CompetencyGroup,
    Criterion,
    CriterionRating,
    CurrentRating,
    Expectation,
    Ladder,
    LadderChoice,
    LadderLevel,
    Narrative,
    NarrativeVersion,
    SelfAssessment,
    TargetRating,
    Track,
)
from wayfinder.advocacy.services import ladder_import
from wayfinder.api.models import AccessToken
from wayfinder.api.services import token_hash as api_token_hash
from wayfinder.calendars.models import CalendarFeed
from wayfinder.conversations.models import AgreedAction, DevelopmentConversation
from wayfinder.core.models import Position, Profile, Skill
from wayfinder.core.services import owner_create
from wayfinder.demo.persona import DEMO_USERNAME
from wayfinder.direction.models import AmbitionStatement, CareerPath, Goal, GoalCheckIn, Horizon
from wayfinder.experiments.models import CheckIn, Experiment
from wayfinder.guidance.models import GuidanceSettings
from wayfinder.network.models import Influence, Interaction, InteractionKind, Person, PersonRole
from wayfinder.plan.models import (
    ActionKind,
    DevelopmentAction,
    DevelopmentPlan,
    Opportunity,
    OpportunityKind,
    OpportunitySource,
    OpportunityStatus,
    PlanRevision,
)
from wayfinder.plan.revisions import SNAPSHOT_FORMAT
from wayfinder.plan.services import plan_get_or_create
from wayfinder.reflection.models import JournalEntry, PrivateNote, Review, ReviewKind
from wayfinder.sharing.models import (
    AgendaPoint,
    Comment,
    Proposal,
    ProposalKind,
    ProposalStatus,
    SectionKey,
    Share,
    ShareAccess,
)
from wayfinder.sharing.services import token_hash
from wayfinder.wins.models import ImpactMetric, Win, WinAudience, WinSource

YEARS = 10
BATCH = 1000
# Full-size counts; the minimums the benchmarks rely on.
SIZES = {
    "skills": 60,
    "paths": 16,
    "goals": 60,
    "people": 1600,
    "interactions": 20500,
    "experiments": 30,
    "actions": 850,
    "revisions": 42,
    "opportunities": 120,
    "wins": 5200,
    "conversations": 120,
    "journal": 600,
    "private_notes": 20,
    "shares": 30,
    "share_accesses": 3000,
    "comments": 120,
    "agenda_points": 40,
    "proposals": 40,
}

FIRST = [
    "Ada",
    "Ben",
    "Chloe",
    "Dev",
    "Elif",
    "Femi",
    "Gita",
    "Hugo",
    "Ines",
    "Jon",
    "Kai",
    "Lena",
    "Milo",
    "Nia",
    "Omar",
    "Pia",
    "Quinn",
    "Ravi",
    "Sara",
    "Teo",
    "Uma",
    "Vic",
    "Wren",
    "Xia",
    "Yusuf",
    "Zara",
    "Aiko",
    "Bruno",
    "Carla",
    "Dara",
    "Emil",
    "Faye",
    "Gus",
    "Hana",
    "Ivo",
    "Jade",
    "Kofi",
    "Lars",
    "Mina",
    "Nils",
]
LAST = [
    "Abbott",
    "Baker",
    "Costa",
    "Diaz",
    "Evans",
    "Ferreira",
    "Gupta",
    "Hart",
    "Ito",
    "Jensen",
    "Khan",
    "Lopez",
    "Moreau",
    "Novak",
    "Ortiz",
    "Patel",
    "Quist",
    "Rossi",
    "Sato",
    "Tanaka",
    "Ueda",
    "Varga",
    "Weber",
    "Xu",
    "Young",
    "Zhou",
    "Achebe",
    "Brandt",
    "Cruz",
    "Dahl",
    "Eze",
    "Fox",
    "Grant",
    "Holm",
    "Iyer",
    "Joshi",
    "Kerr",
    "Lund",
    "Mehta",
    "Nagy",
]
FUNCTIONS = [
    "Marketing",
    "Sales",
    "Product",
    "Engineering",
    "Finance",
    "People",
    "Data",
    "Design",
    "Partnerships",
    "Legal",
    "Operations",
    "Customer Success",
]
TITLES = ("Analyst", "Manager", "Senior Manager", "Director", "VP", "Chief Officer", "Lead")
SKILL_WORDS = [
    "Demand generation",
    "Positioning",
    "Storytelling",
    "Executive communication",
    "Budgeting",
    "Analytics",
    "Team leadership",
    "Influence",
    "Pricing",
    "Hiring",
    "Partner marketing",
    "Launches",
    "Negotiation",
    "Coaching",
    "Research",
    "Forecasting",
    "Writing",
    "Facilitation",
    "Brand",
    "Operations",
]
VERBS = ["Launched", "Shipped", "Grew", "Cut", "Rebuilt", "Negotiated", "Led", "Won", "Fixed"]
OBJECTS = [
    "the nurture programme",
    "the pricing page",
    "pipeline review",
    "the partner launch",
    "the attribution model",
    "the analyst briefing",
    "the webinar series",
    "the onboarding emails",
    "the board deck",
    "the regional roadshow",
    "lead routing",
    "the customer story programme",
]
TOPICS = [
    "quarterly plan",
    "budget",
    "hiring",
    "launch calendar",
    "pipeline",
    "career goals",
    "board prep",
    "customer feedback",
    "pricing",
    "team health",
    "attribution",
    "partner plans",
]


def _batches(model: type[models.Model], objects: list[Any]) -> list[Any]:
    return model.objects.bulk_create(objects, batch_size=BATCH)


def _stamp(day: dt.date) -> dict[str, dt.datetime]:
    moment = dt.datetime.combine(day, dt.time(17), tzinfo=dt.UTC)
    return {"created_at": moment, "updated_at": moment}


class Generator:
    def __init__(self, owner: Profile, today: dt.date, seed: int, scale: float):
        self.owner = owner
        self.today = today
        self.rng = random.Random(seed)
        # Action uids are unique on the instance: the same seed for another owner must
        # not repeat them.
        self.uid_rng = random.Random(f"{seed}:{owner.user.get_username()}")
        self.sizes = {key: max(2, round(size * scale)) for key, size in SIZES.items()}
        self.span = YEARS * 365

    def day(self, newest: int = 0, oldest: int | None = None) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randint(newest, oldest or self.span))

    def uid(self) -> uuid.UUID:
        return uuid.UUID(int=self.uid_rng.getrandbits(128), version=4)

    def sentence(self, words: Iterable[str] = TOPICS, n: int = 3) -> str:
        picked = self.rng.sample(list(words), n)
        return f"Talked about {', '.join(picked[:-1])} and {picked[-1]}."

    def links(self, through_field: models.ManyToManyField, pairs: list[tuple[int, int]]) -> None:
        through = through_field.remote_field.through
        source, target = through_field.m2m_field_name(), through_field.m2m_reverse_field_name()
        rows = [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in pairs]
        through.objects.bulk_create(rows, batch_size=BATCH * 5)

    def run(self) -> None:
        o, rng, size = self.owner, self.rng, self.sizes
        skills = _batches(
            Skill,
            [
                Skill(
                    owner=o,
                    name=f"{SKILL_WORDS[i % len(SKILL_WORDS)]} {i // 20 + 1}",
                    **_stamp(self.today - dt.timedelta(days=self.span)),
                )
                for i in range(size["skills"])
            ],
        )
        self.positions()
        ambitions = _batches(
            AmbitionStatement,
            [
                AmbitionStatement(
                    owner=o,
                    version=year + 1,
                    written_on=self.today - dt.timedelta(days=(YEARS - year) * 365),
                    summary=f"Year {year + 1}: {self.sentence(OBJECTS, 2)}",
                    problems=self.sentence(),
                    impact=self.sentence(OBJECTS, 2),
                    **_stamp(self.today - dt.timedelta(days=(YEARS - year) * 365)),
                )
                for year in range(YEARS)
            ],
        )
        paths = _batches(
            CareerPath,
            [
                CareerPath(
                    owner=o,
                    title=f"{rng.choice(TITLES)} of {rng.choice(FUNCTIONS)} ({i + 1})",
                    research_notes=self.sentence(),
                    verdict=(verdict := rng.choice(["pursuing", "open", "ruled_out"])),
                    verdict_reason=self.sentence() if verdict == "ruled_out" else "",
                    **_stamp(self.day()),
                )
                for i in range(size["paths"])
            ],
        )
        goals = _batches(
            Goal,
            [
                Goal(
                    owner=o,
                    title=f"Goal {i + 1}: {rng.choice(VERBS)} {rng.choice(OBJECTS)}",
                    horizon=rng.choice(Horizon.values),
                    status=rng.choice(["active", "achieved", "achieved", "dropped"]),
                    success_measure=self.sentence(),
                    target_date=self.day(-700, self.span),
                    ambition=rng.choice(ambitions),
                    path=rng.choice(paths),
                    **_stamp(self.day()),
                )
                for i in range(size["goals"])
            ],
        )
        people = self.people()
        self.interactions(people)
        self.plan(goals, skills)
        experiments = self.experiments(goals, paths)
        self.opportunities(goals, people, experiments)
        wins = self.wins(skills, people)
        self.conversations(people)
        self.reflection()
        self.advocacy(wins)
        self.goal_progress(goals)
        self.shares(people, wins)

    def positions(self) -> None:
        """Four roles over the ten years, one after the other; no random draw, so the
        rest of the record stays what the seed made it before there was a role history."""
        titles = ("Marketing Manager", "Senior Marketing Manager", "Head of Demand", None)
        length = self.span // len(titles)
        rows = []
        for n, title in enumerate(titles):
            started = self.today - dt.timedelta(days=self.span - n * length)
            last = n == len(titles) - 1
            rows.append(
                Position(
                    owner=self.owner,
                    title=title or self.owner.current_title,
                    organisation=self.owner.organisation if n >= 2 else "Corvid Analytics",
                    started_on=started,
                    ended_on=None if last else started + dt.timedelta(days=length - 1),
                    **_stamp(started),
                )
            )
        _batches(Position, rows)

    def goal_progress(self, goals: list[Goal]) -> None:
        """A few check-ins per goal, the percentage climbing; drawn last, so the rows drawn
        before them are the same as before goals had progress."""
        rng, check_ins = self.rng, []
        for goal in goals:
            percent = 0
            for _ in range(rng.randint(1, 6)):
                percent = min(100, percent + rng.randint(5, 30))
                day = self.day(0, 700)
                check_ins.append(
                    GoalCheckIn(
                        owner=self.owner,
                        goal=goal,
                        checked_on=day,
                        percent=percent,
                        milestone=rng.choice(["", "", f"{rng.choice(VERBS)} the first step"]),
                        note=self.sentence(),
                        **_stamp(day),
                    )
                )
        _batches(GoalCheckIn, check_ins)

    def people(self) -> list[Person]:
        o, rng = self.owner, self.rng
        people = _batches(
            Person,
            [
                Person(
                    owner=o,
                    name=f"{FIRST[i % 40]} {LAST[(i // 40) % 40]}"
                    + (f" {i // 1600 + 1}" if i >= 1600 else ""),
                    title=rng.choice(TITLES),
                    organisation=rng.choice(["Brightline", "Brightline", "Parcelo", "Ledgerly"]),
                    function=rng.choice(FUNCTIONS),
                    relative_level=rng.choice([-2, -1, -1, 0, 0, 0, 1, 1, 2, 3]),
                    influence=rng.choice(Influence.values),
                    cadence_days=rng.choice([None, 14, 30, 60, 90]),
                    notes=self.sentence(),
                    is_active=rng.random() > 0.2,
                    **_stamp(self.day()),
                )
                for i in range(self.sizes["people"])
            ],
        )
        roles = ["peer", "stakeholder", "report", "mentor", "sponsor", "mentee", "coach"]
        _batches(
            PersonRole,
            [
                PersonRole(
                    owner=o,
                    person=person,
                    role=rng.choice(roles),
                    started_on=(started := self.day()),
                    **_stamp(started),
                )
                for person in people[: len(people) // 2]
            ]
            + [PersonRole(owner=o, person=people[0], role="manager", **_stamp(self.today))],
        )
        return people

    def interactions(self, people: list[Person]) -> None:
        rng = self.rng
        rows = []
        for _ in range(self.sizes["interactions"]):
            day = self.day()
            rows.append(
                Interaction(
                    owner=self.owner,
                    occurred_on=day,
                    kind=rng.choice(InteractionKind.values),
                    notes=self.sentence(),
                    follow_ups=self.sentence(OBJECTS, 1) if rng.random() < 0.2 else "",
                    **_stamp(day),
                )
            )
        rows = _batches(Interaction, rows)
        pairs = []
        for interaction in rows:
            for person in rng.sample(people, rng.choice([1, 1, 1, 2, 3])):
                pairs.append((interaction.pk, person.pk))
        self.links(Interaction._meta.get_field("people"), pairs)

    def plan(self, goals: list[Goal], skills: list[Skill]) -> None:
        rng = self.rng
        plan_get_or_create(owner=self.owner)  # a new owner has no plan until now
        plans = DevelopmentPlan.objects.for_owner(self.owner)
        plans.update(
            focus="Ten years of development, generated for benchmarks.",
            **_stamp(self.today - dt.timedelta(days=self.span)),
        )
        plan = plans.get()
        actions = []
        for i in range(self.sizes["actions"]):
            added = self.day(30)
            status = rng.choice(["planned", "in_progress", "done", "done", "done", "dropped"])
            due = added + dt.timedelta(days=rng.randint(14, 200))
            actions.append(
                DevelopmentAction(
                    owner=self.owner,
                    uid=self.uid(),
                    plan=plan,
                    title=f"Action {i + 1}: {rng.choice(VERBS)} {rng.choice(OBJECTS)}",
                    kind=rng.choice(ActionKind.values),
                    goal=rng.choice(goals),
                    due_on=due,
                    status=status,
                    completed_on=due if status == "done" else None,
                    evidence=self.sentence(OBJECTS, 1) if status == "done" else "",
                    **_stamp(added),
                )
            )
        actions = _batches(DevelopmentAction, actions)
        pairs = [(a.pk, s.pk) for a in actions for s in rng.sample(skills, rng.randint(0, 2))]
        self.links(DevelopmentAction._meta.get_field("skills"), pairs)
        revisions = []
        count = self.sizes["revisions"]
        for number in range(1, count + 1):
            revised_on = self.today - dt.timedelta(days=(count - number) * 87 + 20)
            listed = [a for a in actions if a.created_at.date() <= revised_on]
            revisions.append(
                PlanRevision(
                    owner=self.owner,
                    plan=plan,
                    number=number,
                    revised_on=revised_on,
                    note=self.sentence(),
                    snapshot=self.snapshot(plan, listed[-60:], revised_on),
                    **_stamp(revised_on),
                )
            )
        _batches(PlanRevision, revisions)

    @staticmethod
    def snapshot(plan: DevelopmentPlan, actions: list[DevelopmentAction], on: dt.date) -> dict:
        def done(action: DevelopmentAction) -> bool:
            return action.completed_on is not None and action.completed_on <= on

        return {
            "format": SNAPSHOT_FORMAT,
            "plan": {"title": plan.title, "focus": plan.focus},
            "actions": [
                {
                    "uid": str(a.uid),
                    "title": a.title,
                    "kind": a.kind,
                    "goal": a.goal.title if a.goal else None,
                    "skills": [],
                    "due_on": a.due_on.isoformat() if a.due_on else None,
                    "status": "done" if done(a) else "planned",
                    "completed_on": a.completed_on.isoformat() if done(a) else None,
                    "evidence": a.evidence if done(a) else "",
                    "notes": a.notes,
                }
                for a in actions
            ],
        }

    def experiments(self, goals: list[Goal], paths: list[CareerPath]) -> list[Experiment]:
        rng = self.rng
        experiments = []
        for i in range(self.sizes["experiments"]):
            starts = self.day(60)
            concluded = i > 0
            experiments.append(
                Experiment(
                    owner=self.owner,
                    title=f"Experiment {i + 1}: try {rng.choice(OBJECTS)}",
                    hypothesis=self.sentence(),
                    starts_on=starts,
                    ends_on=starts + dt.timedelta(days=90),
                    status="concluded" if concluded else "running",
                    verdict=rng.choice(["adopt", "adapt", "abandon"]) if concluded else "",
                    learnings=self.sentence() if concluded else "",
                    decided_on=starts + dt.timedelta(days=95) if concluded else None,
                    goal=rng.choice(goals),
                    path=rng.choice(paths),
                    **_stamp(starts),
                )
            )
        experiments = _batches(Experiment, experiments)
        _batches(
            CheckIn,
            [
                CheckIn(
                    owner=self.owner,
                    experiment=experiment,
                    held_on=(held := experiment.starts_on + dt.timedelta(days=20 * k + 10)),
                    notes=self.sentence(),
                    energy=rng.randint(1, 5),
                    **_stamp(held),
                )
                for experiment in experiments
                for k in range(4)
            ],
        )
        return experiments

    def opportunities(self, goals, people, experiments) -> None:
        rng = self.rng
        _batches(
            Opportunity,
            [
                Opportunity(
                    owner=self.owner,
                    title=f"Opportunity {i + 1}: {rng.choice(OBJECTS)}",
                    kind=rng.choice(OpportunityKind.values),
                    source=rng.choice(OpportunitySource.values),
                    brought_by=rng.choice(people),
                    status=rng.choice(OpportunityStatus.values),
                    spotted_on=(spotted := self.day()),
                    **_stamp(spotted),
                    goal=rng.choice(goals),
                    experiment=rng.choice(experiments) if rng.random() < 0.2 else None,
                )
                for i in range(self.sizes["opportunities"])
            ],
        )

    def wins(self, skills: list[Skill], people: list[Person]) -> list[Win]:
        rng, o = self.rng, self.owner
        wins = []
        for i in range(self.sizes["wins"]):
            day = self.day()
            wins.append(
                Win(
                    owner=o,
                    occurred_on=day,
                    title=f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} (#{i + 1})",
                    situation=self.sentence(),
                    action=self.sentence(OBJECTS, 2),
                    result=f"Up {rng.randint(5, 80)}% on the baseline.",
                    source=rng.choice(WinSource.values),
                    **_stamp(day),
                )
            )
        wins = _batches(Win, wins)
        metrics, audience, skill_pairs, team_pairs = [], [], [], []
        leaders = [p for p in people if p.influence == "high"] or people
        for win in wins:
            for _ in range(rng.choice([0, 1, 1, 2])):
                metrics.append(
                    ImpactMetric(
                        owner=o,
                        win=win,
                        value=round(rng.uniform(1, 500), 1),
                        unit=rng.choice(["%", "k$", "leads", "days"]),
                        baseline=round(rng.uniform(1, 400), 1) if rng.random() < 0.5 else None,
                        label=rng.choice(TOPICS),
                        **_stamp(win.occurred_on),
                    )
                )
            for person in rng.sample(leaders, min(len(leaders), rng.choice([0, 1, 2, 3]))):
                told = win.occurred_on + dt.timedelta(days=rng.randint(0, 30))
                audience.append(
                    WinAudience(owner=o, win=win, person=person, told_on=told, **_stamp(told))
                )
            skill_pairs += [(win.pk, s.pk) for s in rng.sample(skills, rng.randint(1, 2))]
            team_pairs += [(win.pk, p.pk) for p in rng.sample(people, rng.randint(0, 2))]
        _batches(ImpactMetric, metrics)
        _batches(WinAudience, audience)
        self.links(Win._meta.get_field("skills"), skill_pairs)
        self.links(Win._meta.get_field("collaborators"), team_pairs)
        return wins

    def shares(self, people: list[Person], wins: list[Win]) -> None:
        """Shares over the years, most expired or revoked, each with its access log; drawn
        after everything else, so the rows drawn before them are the same as before."""
        rng, size = self.rng, self.sizes
        keys = list(SectionKey.values)
        shares = []
        for _ in range(size["shares"]):
            person = rng.choice(people)
            invited = self.day(1)
            picked = set(rng.sample(keys, rng.randint(1, 4)))
            moment = dt.datetime.combine(invited, dt.time(9), tzinfo=dt.UTC)
            shares.append(
                Share(
                    owner=self.owner,
                    person=person,
                    email=person.email or "helper@example.com",
                    sections=[key for key in keys if key in picked],
                    expires_on=invited + dt.timedelta(days=rng.choice([30, 90, 180])),
                    allow_comments=rng.random() < 0.5,
                    # Nobody holds these invitations: only a hash is ever stored.
                    token_hash=token_hash(secrets.token_urlsafe(32)),
                    invited_at=moment,
                    accepted_at=moment + dt.timedelta(hours=2),
                    revoked_at=moment + dt.timedelta(days=20) if rng.random() < 0.3 else None,
                    **_stamp(invited),
                )
            )
        shares = _batches(Share, shares)
        accesses = []
        for _ in range(size["share_accesses"]):
            share = rng.choice(shares)
            viewed = share.invited_at + dt.timedelta(days=rng.randint(0, 19), hours=3)
            key = rng.choice(share.sections)
            accesses.append(
                ShareAccess(
                    owner=self.owner,
                    share=share,
                    page=SectionKey(key).label,
                    path=f"/sharing/shared/{share.pk}/{key}/",
                    viewed_at=viewed,
                    **_stamp(viewed.date()),
                )
            )
        _batches(ShareAccess, accesses)
        for share in shares:
            share.last_access_at = max(
                (a.viewed_at for a in accesses if a.share is share), default=None
            )
        Share.objects.bulk_update(shares, ["last_access_at"], batch_size=BATCH)
        self.collaboration(shares, wins)

    def collaboration(self, shares: list[Share], wins: list[Win]) -> None:
        """What viewers wrote: comments on wins (resolved, so they stay out of this week),
        agenda points on conversations and declined opportunity proposals."""
        rng, size = self.rng, self.sizes
        conversations = list(
            DevelopmentConversation.objects.for_owner(self.owner).order_by("held_on", "id")
        )
        comments, points, proposals = [], [], []
        for _ in range(size["comments"]):
            share, win = rng.choice(shares), rng.choice(wins)
            moment = share.invited_at + dt.timedelta(days=rng.randint(0, 19), hours=4)
            comments.append(
                Comment(
                    owner=self.owner,
                    share=share,
                    win=win,
                    body=f"What made “{win.title[:60]}” work? Worth telling the wider team.",
                    resolved_at=moment + dt.timedelta(days=1),
                    **_stamp(moment.date()),
                )
            )
        for _ in range(size["agenda_points"]):
            share, conversation = rng.choice(shares), rng.choice(conversations)
            points.append(
                AgendaPoint(
                    owner=self.owner,
                    share=share,
                    conversation=conversation,
                    text="How the last quarter's priorities landed, and what to drop next.",
                    **_stamp(share.invited_at.date()),
                )
            )
        for _ in range(size["proposals"]):
            share = rng.choice(shares)
            day = share.invited_at.date() + dt.timedelta(days=rng.randint(0, 19))
            proposals.append(
                Proposal(
                    owner=self.owner,
                    share=share,
                    kind=ProposalKind.OPPORTUNITY,
                    title="Lead the next quarterly business review",
                    status=ProposalStatus.DECLINED,
                    decided_on=day + dt.timedelta(days=2),
                    **_stamp(day),
                )
            )
        _batches(Comment, comments)
        _batches(AgendaPoint, points)
        _batches(Proposal, proposals)

    def conversations(self, people: list[Person]) -> None:
        rng, count = self.rng, self.sizes["conversations"]
        conversations = _batches(
            DevelopmentConversation,
            [
                DevelopmentConversation(
                    owner=self.owner,
                    held_on=(held := self.today - dt.timedelta(days=30 * (count - i))),
                    supervisor=people[0],
                    **_stamp(held),
                    agenda=self.sentence(),
                    notes=self.sentence(),
                    private_notes=self.sentence() if rng.random() < 0.1 else "",
                )
                for i in range(count)
            ],
        )
        _batches(
            AgreedAction,
            [
                AgreedAction(
                    owner=self.owner,
                    conversation=conversation,
                    description=f"Follow up on {rng.choice(TOPICS)}",
                    who=rng.choice(["me", "supervisor"]),
                    due_on=conversation.held_on + dt.timedelta(days=21),
                    done=rng.random() < 0.7,
                    **_stamp(conversation.held_on),
                )
                for conversation in conversations
                for _ in range(rng.randint(1, 4))
            ],
        )

    def reflection(self) -> None:
        rng = self.rng
        reviews = _batches(
            Review,
            [
                Review(
                    owner=self.owner,
                    held_on=(held := self.today - dt.timedelta(days=91 * quarter + 15)),
                    **_stamp(held),
                    kind=ReviewKind.QUARTERLY,
                    summary=self.sentence(),
                )
                for quarter in range(YEARS * 4)
            ],
        )
        _batches(
            JournalEntry,
            [
                JournalEntry(
                    owner=self.owner,
                    review=rng.choice(reviews) if rng.random() < 0.5 else None,
                    written_on=(written := self.day()),
                    **_stamp(written),
                    question_key="career-direction",
                    question="Where do you see your career going?",
                    answer=self.sentence(OBJECTS, 2),
                    is_private=rng.random() < 0.1,
                )
                for _ in range(self.sizes["journal"])
            ],
        )
        _batches(
            PrivateNote,
            [
                PrivateNote(
                    owner=self.owner,
                    kind="backup_plan" if i == 0 else "note",
                    title=f"Private note {i + 1}",
                    body=self.sentence(),
                    **_stamp(self.today),
                )
                for i in range(self.sizes["private_notes"])
            ],
        )

    def advocacy(self, wins: list[Win]) -> None:
        """The sample marketing ladder, a quarterly self-assessment, a yearly narrative."""
        rng, o = self.rng, self.owner
        ladder = ladder_import(owner=o, spec=ladder_sample("marketing"), source="sample")
        start = _stamp(self.today - dt.timedelta(days=self.span))
        for model in (Ladder, Track, CompetencyGroup, LadderLevel, Competency, Expectation):
            model.objects.for_owner(o).update(**start)
        Criterion.objects.for_owner(o).update(**start)
        levels = list(ladder.levels.all())
        competencies = list(ladder.competencies.all())
        LadderChoice.objects.create(
            owner=o, ladder=ladder, current_level=levels[4], target_level=levels[5], **start
        )
        tagged = rng.sample(wins, len(wins) // 3)
        self.links(
            Competency._meta.get_field("wins"),
            [
                (competency.pk, win.pk)
                for win in tagged
                for competency in rng.sample(competencies, rng.randint(1, 2))
            ],
        )
        assessments = _batches(
            SelfAssessment,
            [
                SelfAssessment(
                    owner=o,
                    competency=competency,
                    assessed_on=(day := self.today - dt.timedelta(days=91 * quarter + 10)),
                    against_current=rng.choice(CurrentRating.values),
                    against_target=rng.choice(TargetRating.values),
                    notes=self.sentence(),
                    **_stamp(day),
                )
                for quarter in range(YEARS * 4)
                for competency in competencies
            ],
        )
        self.links(
            SelfAssessment._meta.get_field("evidence"),
            [
                (assessment.pk, win.pk)
                for assessment in assessments
                for win in rng.sample(wins, rng.randint(0, 3))
            ],
        )
        narratives = _batches(
            Narrative,
            [
                Narrative(
                    owner=o,
                    title=f"Promotion case, year {year + 1}",
                    audience=rng.choice(Audience.values),
                    period_start=self.today - dt.timedelta(days=365 * (YEARS - year)),
                    period_end=(end := self.today - dt.timedelta(days=365 * (YEARS - year - 1))),
                    **_stamp(end),
                )
                for year in range(YEARS)
            ],
        )
        _batches(
            NarrativeVersion,
            [
                NarrativeVersion(
                    owner=o,
                    narrative=narrative,
                    number=number,
                    body=f"# {narrative.title}\n\n{self.sentence(OBJECTS, 2)}\n",
                    note=f"Version {number}",
                    **_stamp(narrative.period_end),
                )
                for narrative in narratives
                for number in range(1, rng.randint(1, 4) + 1)
            ],
        )
        # Each assessment rates the target level's criteria of its competency one by one.
        criteria: dict[int, list[Criterion]] = {}
        for criterion in Criterion.objects.for_owner(o).filter(level=levels[5]):
            criteria.setdefault(criterion.competency_id, []).append(criterion)
        _batches(
            CriterionRating,
            [
                CriterionRating(
                    owner=o,
                    assessment=assessment,
                    criterion=criterion,
                    rating=rng.choice(TargetRating.values),
                    **_stamp(assessment.assessed_on),
                )
                for assessment in assessments
                for criterion in criteria.get(assessment.competency_id, [])
            ],
        )


@transaction.atomic
def heavy_create(
    *, today: dt.date, seed: int = 2026, scale: float = 1.0, username: str = DEMO_USERNAME
) -> Profile:
    """Create the owner `username` with ten years of generated records."""
    owner = owner_create(
        username=username,
        display_name="Dana Okafor (ten years)",
        time_zone="America/Chicago",
        current_title="Marketing Director",
        seniority="director",
        function="Marketing",
        organisation="Brightline",
    )
    Generator(owner, today, seed, scale).run()
    # A director meets their own supervisor less often than the coaching default.
    GuidanceSettings.objects.create(owner=owner, supervisor_days=60, **_stamp(today))
    # Ten years of record in one calendar feed (off until turned on, like any other).
    CalendarFeed.objects.create(owner=owner, **_stamp(today))
    # API tokens: a script still in use and an old phone's, revoked. Nobody holds them.
    for name, made_days_ago, revoked in (("Weekly export", 300, False), ("Old phone", 900, True)):
        made = dt.datetime.combine(today - dt.timedelta(days=made_days_ago), dt.time(9), dt.UTC)
        AccessToken.objects.create(
            owner=owner,
            name=name,
            scopes=["read:goals", "read:plan", "read:wins"],
            token_hash=api_token_hash(secrets.token_urlsafe(32)),
            last_used_at=made + dt.timedelta(days=30),
            revoked_at=made + dt.timedelta(days=60) if revoked else None,
            created_at=made,
            updated_at=made,
        )
    # Ten years in, the first-run setup is long done.
    owner.onboarded_at = owner.created_at
    owner.save(update_fields=["onboarded_at"])
    return owner
