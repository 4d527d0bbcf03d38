"""One indicator per coaching practice: healthy or not, why, and one concrete next step.

Each indicator is a plain function of the owner's data and `today` (and the thresholds),
so the dashboard, `wayfinder today` and the digest all say the same thing. `assess` also
passes each the `Reads` (guidance/reads.py) several of them share, and the week's list
shares with them, so a set is read once per report; an indicator called alone reads it
itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

from wayfinder.advocacy.selectors import readiness_gaps
from wayfinder.conversations.selectors import conversation_due, days_since_conversation
from wayfinder.core.counts import count_of
from wayfinder.core.models import Profile, Seniority
from wayfinder.core.thresholds import Thresholds
from wayfinder.direction.selectors import (
    HORIZONS,
    ambition_current,
    horizons_without_active_goal,
    paths_ruled_out_from_fear,
)
from wayfinder.experiments.selectors import (
    experiment_decisions_since,
    experiment_list,
    experiments_running,
)
from wayfinder.guidance.reads import Reads
from wayfinder.network.candidates import Candidate, mentor_candidates, sponsor_candidates
from wayfinder.network.selectors import mentor_rhythms, network_breadth, sponsors
from wayfinder.plan.selectors import (
    actions_completed_since,
    plan_collecting_dust,
    plan_days_since_revision,
    plan_has_actions,
    plan_started_on,
)
from wayfinder.reflection.selectors import review_due
from wayfinder.wins.selectors import last_win_on, months_before

HEALTHY, ATTENTION, MISSING = "healthy", "attention", "missing"

# A sponsor not met for this long no longer counts: they cannot speak for recent work.
SPONSOR_IN_TOUCH_MONTHS = 6
# A nudge names this many people the owner could approach; the people page lists more.
APPROACH_SHOWN = 3
# From senior IC / manager level on, not having a sponsor is a gap.
SPONSOR_EXPECTED_FROM = {
    Seniority.SENIOR_IC,
    Seniority.MANAGER,
    Seniority.SENIOR_MANAGER,
    Seniority.DIRECTOR,
    Seniority.EXECUTIVE,
}


@dataclass(frozen=True)
class NextStep:
    text: str
    url_name: str
    query: str = ""
    args: tuple[object, ...] = ()

    @property
    def url(self) -> str | None:
        try:
            return reverse(self.url_name, args=self.args) + (f"?{self.query}" if self.query else "")
        except NoReverseMatch:
            return None


@dataclass(frozen=True)
class Indicator:
    key: str
    practice: str
    state: str
    why: str
    next_step: NextStep | None = None
    facts: dict[str, object] = field(default_factory=dict)
    # The data the verdict rests on, for a page that draws it (the visibility matrix).
    basis: object = None
    # People the owner could approach to act on it (mentor or sponsor candidates).
    approach: tuple[Candidate, ...] = ()

    @property
    def healthy(self) -> bool:
        return self.state == HEALTHY

    @property
    def missing(self) -> bool:
        return self.state == MISSING


def _days(n: int) -> str:
    return "today" if n == 0 else "yesterday" if n == 1 else f"{n} days ago"


def direction(
    owner: Profile, today: dt.date, limits: Thresholds, reads: Reads | None = None
) -> Indicator:
    current = ambition_current(owner=owner)
    step = NextStep(
        "Write your ambition: what problems do you want to solve, what impact do you want "
        "to have, what do you want to do more of and less of?",
        "direction:ambition-new",
    )
    if current is None:
        return Indicator(
            "direction", "Direction", MISSING, "You have not written an ambition yet.", step
        )
    touched = max(current.written_on, current.reviewed_on or current.written_on)
    age = (today - touched).days
    facts = {"days_since_review": age, "version": current.version}
    if age > limits.ambition_review_days:
        return Indicator(
            "direction",
            "Direction",
            ATTENTION,
            f"Your ambition was last written or reviewed {_days(age)}.",
            NextStep(
                "Re-read your ambition with the reframing questions: keep it, or write a new "
                "version.",
                "direction:ambition",
            ),
            facts,
        )
    # Ruled out lately: within the time an ambition stays current.
    since = today - dt.timedelta(days=limits.ambition_review_days)
    feared = paths_ruled_out_from_fear(owner=owner, since=since)
    if feared:
        # The coaching model: a path ruled out because it seems too big, or from fear of the
        # unknown, deserves a second look.
        path = feared[0].path
        return Indicator(
            "direction",
            "Direction",
            ATTENTION,
            f"You ruled out “{path.title}” for a reason that sounds like fear or the size of "
            f"the step: “{path.verdict_reason.strip().rstrip('.')}”. {feared[0].warnings[0]}",
            NextStep(
                "Would the reason still hold if the step did not feel too big or unknown? "
                f"Look at “{path.title}” again.",
                "direction:path",
                args=(path.pk,),
            ),
            {**facts, "paths_ruled_out_from_fear": [n.path.title for n in feared]},
        )
    return Indicator(
        "direction",
        "Direction",
        HEALTHY,
        f"Your ambition (version {current.version}) was written or reviewed {_days(age)}.",
        facts=facts,
    )


def _horizon_names(horizons: list[tuple[str, str]], conjunction: str) -> str:
    """ "short term (3-6 months), mid term (1-2 years) or long term (3-5+ years)"."""
    names = [label[0].lower() + label[1:] for _, label in horizons]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def horizons(
    owner: Profile, today: dt.date, limits: Thresholds, reads: Reads | None = None
) -> Indicator:
    missing = horizons_without_active_goal(owner=owner)
    if not missing:
        return Indicator(
            "horizons", "Horizons", HEALTHY, "You have an active goal on every horizon."
        )
    step = NextStep(
        f"Add a {missing[0][1].split(' (')[0].lower()} goal with a success measure and a date.",
        "direction:goal-new",
        f"horizon={missing[0][0]}",
    )
    state = MISSING if len(missing) == len(HORIZONS) else ATTENTION
    why = (
        f"You have no active goal on any horizon: {_horizon_names(missing, 'or')}."
        if state == MISSING
        else f"No active goal on the {_horizon_names(missing, 'and')} "
        f"horizon{'s' * (len(missing) > 1)}."
    )
    return Indicator("horizons", "Horizons", state, why, step, {"missing": [v for v, _ in missing]})


def plan_freshness(
    owner: Profile, today: dt.date, limits: Thresholds, reads: Reads | None = None
) -> Indicator:
    days = plan_days_since_revision(owner=owner, today=today)
    step = NextStep(
        "Revise your plan: drop what no longer serves your goals, add what does, and take a "
        "dated snapshot.",
        "plan:revise",
    )
    if days is None:
        return Indicator(
            "plan_freshness",
            "Plan freshness",
            MISSING,
            "Your development plan has never been revised.",
            step,
        )
    facts = {"days_since_revision": days}
    if plan_collecting_dust(days_since_revision=days, after_days=limits.plan_revision_days):
        return Indicator(
            "plan_freshness",
            "Plan freshness",
            ATTENTION,
            f"Your plan was last revised {_days(days)}: it is collecting dust.",
            step,
            facts,
        )
    return Indicator(
        "plan_freshness",
        "Plan freshness",
        HEALTHY,
        f"Your plan was revised {_days(days)}.",
        facts=facts,
    )


def plan_momentum(
    owner: Profile, today: dt.date, limits: Thresholds, reads: Reads | None = None
) -> Indicator:
    overdue, oldest = (reads or Reads(owner, today, limits)).overdue
    since = today - dt.timedelta(days=limits.action_completed_days)
    completed = actions_completed_since(owner=owner, since=since).count()
    facts = {"overdue": overdue, "completed_recently": completed}
    if overdue:
        first = oldest[0]
        return Indicator(
            "plan_momentum",
            "Plan momentum",
            ATTENTION,
            f"{count_of(overdue, 'development action is', 'development actions are')} "
            f"overdue, the oldest “{first.title}” (due {first.due_on:%-d %b %Y}).",
            NextStep("Reschedule, drop or finish the overdue actions.", "plan:plan"),
            facts,
        )
    if completed == 0:
        # Asked only when nothing was completed: whether there is a plan at all, and
        # whether it is too young to have stalled (no completion expected yet).
        any_action = plan_has_actions(owner=owner)
        started = plan_started_on(owner=owner) if any_action else None
        if started is not None and started > since:
            age = (today - started).days
            return Indicator(
                "plan_momentum",
                "Plan momentum",
                HEALTHY,
                f"Your plan started {_days(age)} and nothing is overdue; aim to finish a "
                f"first action within {limits.action_completed_days} days of starting.",
                facts=facts,
            )
        return Indicator(
            "plan_momentum",
            "Plan momentum",
            ATTENTION if any_action else MISSING,
            f"No development action completed in the last {limits.action_completed_days} days."
            if any_action
            else "Your plan has no development actions yet.",
            NextStep(
                "Pick one action you can finish in the next two weeks."
                if any_action
                else "Add a development action: a course, a stretch assignment, a "
                "presentation to a senior audience…",
                "plan:plan",
            ),
            facts,
        )
    return Indicator(
        "plan_momentum",
        "Plan momentum",
        HEALTHY,
        f"Nothing overdue, and {count_of(completed, 'action')} completed in the last "
        f"{limits.action_completed_days} days.",
        facts=facts,
    )


def supervisor(
    owner: Profile, today: dt.date, limits: Thresholds, reads: Reads | None = None
) -> Indicator:
    last = (reads or Reads(owner, today, limits)).last_conversation
    days = days_since_conversation(last, today=today)
    step = NextStep(
        "Prepare your next development conversation: progress on your plan, recent wins, "
        "blockers, asks and where you want your career to go.",
        "conversations:conversation-new",
    )
    if days is None:
        return Indicator(
            "supervisor",
            "Supervisor",
            MISSING,
            "You have not recorded a development conversation with your supervisor.",
            step,
        )
    facts = {"days_since_conversation": days}
    if conversation_due(days_since=days, after_days=limits.supervisor_days):
        return Indicator(
            "supervisor",
            "Supervisor",
            ATTENTION,
            f"Your last development conversation was {_days(days)}.",
            step,
            facts,
        )
    return Indicator(
        "supervisor",
        "Supervisor",
        HEALTHY,
        f"Your last development conversation was {_days(days)}.",
        facts=facts,
    )


def mentors(
    owner: Profile, today: dt.date, limits: Thresholds, reads: Reads | None = None
) -> Indicator:
    people = mentor_rhythms(
        owner=owner, today=today, default_every=limits.mentor_default_cadence_days
    )
    overdue = [mentor for mentor in people if mentor.days_past > 0]
    facts = {"mentors": len(people), "overdue": [p.name for p in overdue]}
    reads = reads or Reads(owner, today, limits)

    def candidates() -> tuple[Candidate, ...]:
        """Who could you approach: read only by a verdict that shows them."""
        return tuple(
            mentor_candidates(owner=owner, today=today, people=reads.network, limit=APPROACH_SHOWN)
        )

    if not people:
        return Indicator(
            "mentors",
            "Mentors",
            MISSING,
            "You have no active mentor.",
            NextStep(
                "Think of someone a few steps ahead whose judgement you trust, and ask them "
                "for a conversation about where your career is going.",
                "network:people",
            ),
            facts,
            approach=candidates(),
        )
    if len(people) < limits.min_mentors:
        return Indicator(
            "mentors",
            "Mentors",
            ATTENTION,
            f"You have {count_of(len(people), 'active mentor')}; more than one view helps.",
            NextStep("Approach a second mentor, ideally from another function.", "network:people"),
            facts,
            approach=candidates(),
        )
    if overdue:
        return Indicator(
            "mentors",
            "Mentors",
            ATTENTION,
            f"You have not been in touch with {overdue[0].name} within your usual rhythm.",
            NextStep(f"Reconnect with {overdue[0].name}.", "network:people"),
            facts,
        )
    return Indicator(
        "mentors",
        "Mentors",
        HEALTHY,
        f"{count_of(len(people), 'active mentor')}, {'met' if len(people) == 1 else 'each met'} "
        "within their rhythm.",
        facts=facts,
    )


def sponsor(
    owner: Profile, today: dt.date, limits: Thresholds, reads: Reads | None = None
) -> Indicator:
    found = list(
        sponsors(owner=owner, min_levels_above=limits.sponsor_min_levels_above, today=today)
    )
    expected = owner.seniority in SPONSOR_EXPECTED_FROM
    reads = reads or Reads(owner, today, limits)
    since = months_before(today, SPONSOR_IN_TOUCH_MONTHS)
    in_touch = [p for p in found if p.last_interaction_on and p.last_interaction_on >= since]
    facts = {"sponsors": len(found), "in_touch": len(in_touch), "expected": expected}
    if in_touch:
        return Indicator(
            "sponsor",
            "Sponsor",
            HEALTHY,
            f"{in_touch[0].name} sponsors you from "
            f"{count_of(in_touch[0].relative_level, 'level')} up.",
            facts=facts,
        )
    if found and expected:
        # A sponsor who has not heard from you in months cannot speak for your recent work.
        return Indicator(
            "sponsor",
            "Sponsor",
            ATTENTION,
            f"{found[0].name} sponsors you, but you have not been in touch in the last "
            f"{SPONSOR_IN_TOUCH_MONTHS} months.",
            NextStep(
                f"Get back in touch with {found[0].name}: share a recent win and where you "
                "want to go next.",
                "network:people",
            ),
            facts,
        )
    step = NextStep(
        "Name a candidate sponsor two or three levels up who has seen your work, and plan "
        "how they will see more of it.",
        "network:people",
    )
    if expected:
        return Indicator(
            "sponsor",
            "Sponsor",
            MISSING,
            f"No sponsor {limits.sponsor_min_levels_above} or more levels above you; at your "
            "level, decisions about you are made in rooms you are not in.",
            step,
            facts,
            # Who could you approach: read only by the verdict that shows them.
            approach=tuple(
                sponsor_candidates(
                    owner=owner,
                    today=today,
                    limits=limits,
                    known=reads.matrix.known,
                    people=reads.network,
                    limit=APPROACH_SHOWN,
                )
            ),
        )
    return Indicator(
        "sponsor",
        "Sponsor",
        HEALTHY,
        "A sponsor becomes essential from senior IC or manager level; it is never too early "
        "to be known two levels up.",
        facts=facts,
    )


def network(
    owner: Profile, today: dt.date, limits: Thresholds, reads: Reads | None = None
) -> Indicator:
    breadth = network_breadth(owner=owner)
    levels, functions = len(breadth.levels), len(breadth.other_functions)
    facts = {"levels": breadth.levels, "other_functions": breadth.other_functions}
    if levels == 0:
        return Indicator(
            "network",
            "Network breadth",
            MISSING,
            "Your network is empty in Wayfinder.",
            NextStep(
                "Add the people you work with, across levels and functions.", "network:people"
            ),
            facts,
        )
    gaps = []
    if levels < limits.network_min_levels:
        gaps.append(f"{count_of(levels, 'level')} (aim for {limits.network_min_levels})")
    if functions < limits.network_min_functions:
        gaps.append(
            f"{count_of(functions, 'other function')} (aim for {limits.network_min_functions})"
        )
    if gaps:
        return Indicator(
            "network",
            "Network breadth",
            ATTENTION,
            "Your active network spans " + " and ".join(gaps) + ".",
            NextStep(
                "Ask someone at another level or in another function for an informational "
                "conversation: what they do, what they like and dislike about it.",
                "network:people",
            ),
            facts,
        )
    return Indicator(
        "network",
        "Network breadth",
        HEALTHY,
        f"Your active network spans {levels} levels and {functions} other functions.",
        facts=facts,
    )


def visibility(
    owner: Profile, today: dt.date, limits: Thresholds, reads: Reads | None = None
) -> Indicator:
    matrix = (reads or Reads(owner, today, limits)).matrix
    unseen = [row.win for row in matrix.rows if not row.known_by_any]
    facts = {"top_wins": len(matrix.rows), "unseen": len(unseen), "leaders": len(matrix.leaders)}
    if not matrix.rows:
        return Indicator(
            "visibility",
            "Visibility",
            MISSING,
            f"No wins logged in the last {limits.visibility_months} months to make visible.",
            NextStep("Log a recent win: what happened, what you did, the result.", "wins:win-new"),
            facts,
            matrix,
        )
    if not matrix.leaders:
        return Indicator(
            "visibility",
            "Visibility",
            MISSING,
            "No influential leader outside your reporting line is in your network yet.",
            NextStep(
                "Add the senior leaders in other teams whose opinion weighs on promotions.",
                "network:people",
            ),
            facts,
            matrix,
        )
    if unseen:
        leader = matrix.leaders[0]
        return Indicator(
            "visibility",
            "Visibility",
            ATTENTION,
            f"{count_of(len(unseen), 'of your top wins is', 'of your top wins are')} known to no "
            "influential leader outside your reporting line.",
            NextStep(f"Tell {leader.name} about “{unseen[0].title}”.", "wins:wins"),
            facts,
            matrix,
        )
    return Indicator(
        "visibility",
        "Visibility",
        HEALTHY,
        "Each of your top wins is known to at least one influential leader outside your "
        "reporting line.",
        facts=facts,
        basis=matrix,
    )


def self_advocacy(
    owner: Profile, today: dt.date, limits: Thresholds, reads: Reads | None = None
) -> Indicator:
    """Wins logged recently. (The narrative's freshness is judged where narratives live.)"""
    last = last_win_on(owner=owner)
    step = NextStep(
        "Log a win: what happened, what you did, the result in numbers, who saw it.", "wins:win-new"
    )
    # The gaps on the target level are readiness's, as the readiness page counts them.
    target, gaps = readiness_gaps(owner=owner, today=today)
    facts: dict[str, object] = {"target_gaps": [gap.competency.name for gap in gaps]}
    gap_note = ""
    if gaps:
        gap_note = (
            f" {count_of(len(gaps), 'competency still shows', 'competencies still show')} a "
            f"gap for {target.code}: {', '.join(gap.competency.name for gap in gaps)}."
        )
    if last is None:
        return Indicator(
            "self_advocacy",
            "Self-advocacy",
            MISSING,
            "You have not logged a win yet." + gap_note,
            step,
            facts,
        )
    days = (today - last).days
    facts["days_since_win"] = days
    if days > limits.win_days:
        return Indicator(
            "self_advocacy",
            "Self-advocacy",
            ATTENTION,
            f"Your last logged win was {_days(days)}. The work does not speak for itself."
            + gap_note,
            step,
            facts,
        )
    return Indicator(
        "self_advocacy",
        "Self-advocacy",
        HEALTHY,
        f"Your last win was logged {_days(days)}." + gap_note,
        facts=facts,
    )


def experiments(
    owner: Profile, today: dt.date, limits: Thresholds, reads: Reads | None = None
) -> Indicator:
    running = experiments_running(owner=owner, today=today).count()
    # Past its time box: Experiment.objects.past_time_box, the rule every surface uses.
    over = len((reads or Reads(owner, today, limits)).awaiting_verdict)
    since = today - dt.timedelta(days=limits.experiment_decision_days)
    decided = experiment_decisions_since(owner=owner, since=since).count()
    facts = {"running": running, "past_time_box": over, "decided_recently": decided}
    step = NextStep(
        "Design an experiment: a next step to try on, a hypothesis, a time box and the "
        "signals to watch.",
        "experiments:experiment-new",
    )
    if running and over == running:
        return Indicator(
            "experiments",
            "Experiments",
            ATTENTION,
            f"{count_of(over, 'experiment')} past {'its' if over == 1 else 'their'} time box: "
            "adopt, adapt or abandon.",
            NextStep("Conclude it with a verdict.", "experiments:experiments"),
            facts,
        )
    if running:
        late = f" {over} past its time box: time for a verdict." if over else ""
        return Indicator(
            "experiments",
            "Experiments",
            HEALTHY,
            f"You are trying on {count_of(running, 'next step')}.{late}",
            facts=facts,
        )
    if decided:
        return Indicator(
            "experiments",
            "Experiments",
            HEALTHY,
            f"You reached a verdict on {count_of(decided, 'experiment')} this past year.",
            facts=facts,
        )
    # Asked only when nothing runs and nothing was decided: was there ever one?
    ever = experiment_list(owner=owner).exists()
    return Indicator(
        "experiments",
        "Experiments",
        ATTENTION if ever else MISSING,
        "No experiment running and no verdict in the last year."
        if ever
        else "You have not tried on a next step yet.",
        step,
        facts,
    )


def reflection(
    owner: Profile, today: dt.date, limits: Thresholds, reads: Reads | None = None
) -> Indicator:
    last = (reads or Reads(owner, today, limits)).last_review_on
    step = NextStep(
        "Do your quarterly review: a few coaching questions, answered honestly.",
        "reflection:review-new",
    )
    if last is None:
        return Indicator(
            "reflection", "Reflection", MISSING, "You have not done a review yet.", step
        )
    days = (today - last).days
    facts = {"days_since_review": days}
    if review_due(last_review_on=last, today=today, after_days=limits.review_days):
        return Indicator(
            "reflection",
            "Reflection",
            ATTENTION,
            f"Your last review was {_days(days)}.",
            step,
            facts,
        )
    return Indicator(
        "reflection", "Reflection", HEALTHY, f"Your last review was {_days(days)}.", facts=facts
    )


INDICATORS: tuple[Callable[[Profile, dt.date, Thresholds, Reads | None], Indicator], ...] = (
    direction,
    horizons,
    # Adding and finishing actions comes before revising the plan they make up.
    plan_momentum,
    plan_freshness,
    supervisor,
    mentors,
    sponsor,
    network,
    visibility,
    self_advocacy,
    experiments,
    reflection,
)


def assess(
    *, owner: Profile, today: dt.date, limits: Thresholds, reads: Reads | None = None
) -> list[Indicator]:
    """Every practice's indicator, in the order of the coaching model (sharing `reads`
    with the rest of a report, when given)."""
    reads = reads or Reads(owner, today, limits)
    return [indicator(owner, today, limits, reads) for indicator in INDICATORS]
