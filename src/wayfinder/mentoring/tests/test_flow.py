"""The program's flow through its services: opt in, run, pin and forbid, publish, answer."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from wayfinder.core.tests.factories import TODAY, ProfileFactory
from wayfinder.direction.models import GoalStatus
from wayfinder.direction.tests.factories import GoalFactory
from wayfinder.mentoring.models import DeclinedPair, Match, MatchState, Side
from wayfinder.mentoring.selectors import mentee_prefill, utc_offset_minutes
from wayfinder.mentoring.services import (
    MentoringError,
    match_accept,
    match_decline,
    match_forbid,
    match_pin,
    match_release,
    matching_run,
    mentee_opt_in,
    mentor_opt_in,
    opt_in_withdraw,
    program_create,
    program_publish,
)
from wayfinder.mentoring.tests.factories import (
    MenteeOptInFactory,
    MentorOptInFactory,
    ProgramFactory,
)
from wayfinder.network.models import Person, PersonRole, Role
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.plan.tests.factories import DevelopmentActionFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _published(program):
    matching_run(program=program, by=program.created_by)
    return program_publish(program=program, by=program.created_by, now=NOW)


def test_the_creator_administers_the_program():
    owner = ProfileFactory()
    program = program_create(
        owner=owner, name="  Sales  mentoring ", starts_on=TODAY, ends_on=TODAY
    )
    assert program.name == "Sales mentoring"
    assert list(program.administrators.all()) == [owner]
    with pytest.raises(MentoringError, match="ends on or after"):
        program_create(owner=owner, name="x", starts_on=TODAY, ends_on=TODAY - dt.timedelta(1))


def test_only_an_administrator_runs_the_matching():
    program = ProgramFactory()
    with pytest.raises(MentoringError, match="only the administrators"):
        matching_run(program=program, by=ProfileFactory())


def test_opting_in_copies_only_the_stated_fields():
    program = ProgramFactory()
    owner = ProfileFactory(user__username="sam")
    opt_in = mentee_opt_in(
        owner=owner,
        program=program,
        skills_wanted=["Pricing", " pricing ", "negotiation"],
        level=3,
        time_zone="Asia/Tokyo",
        manager="lee",
    )
    assert opt_in.skills_wanted == ["Pricing", "negotiation"]
    assert (opt_in.username, opt_in.display_name) == ("sam", str(owner))
    with pytest.raises(MentoringError, match="at least one skill"):
        mentor_opt_in(
            owner=owner,
            program=program,
            skills_offered=[" "],
            capacity=1,
            levels_mentored=[1],
            level=3,
        )
    with pytest.raises(MentoringError, match="between 1 and 5"):
        mentor_opt_in(
            owner=owner,
            program=program,
            skills_offered=["a"],
            capacity=6,
            levels_mentored=[1],
            level=3,
        )


def test_the_prefill_reads_the_owners_plan_skills_and_active_goals():
    owner = ProfileFactory(level="L4", function="Sales")
    action = DevelopmentActionFactory(owner=owner)
    action.skills.create(owner=owner, name="Negotiation")
    GoalFactory(owner=owner, title="Lead a pricing review", status=GoalStatus.ACTIVE)
    GoalFactory(owner=owner, title="An old goal", status=GoalStatus.DROPPED)
    prefill = mentee_prefill(owner=owner)
    assert prefill.skills_wanted == ["Negotiation"]
    assert prefill.learning_goals == "Lead a pricing review"
    assert (prefill.level, prefill.function) == (4, "Sales")


def test_a_run_proposes_explained_pairs_and_keeps_the_chain_rule():
    program = ProgramFactory()
    boss = MentorOptInFactory(program=program)
    other = MentorOptInFactory(program=program, capacity=1)
    mentee = MenteeOptInFactory(program=program, manager=boss.username)
    result = matching_run(program=program, by=program.created_by)
    match = Match.objects.get(program=program)
    assert (match.mentee, match.mentor, match.state) == (mentee, other, MatchState.PROPOSED)
    assert match.explanation.startswith("matched on negotiation, pricing; 2 levels up")
    assert "1 h time difference" in match.explanation
    assert result.total_fit == match.fit


def test_pins_stay_and_forbids_go_through_a_rerun():
    program = ProgramFactory()
    first = MentorOptInFactory(program=program, capacity=1)
    second = MentorOptInFactory(program=program, capacity=1, skills_offered=["negotiation"])
    a = MenteeOptInFactory(program=program)
    matching_run(program=program, by=program.created_by)
    proposed = Match.objects.get(mentee=a)
    assert proposed.mentor == first  # two shared skills beat one
    match_forbid(program=program, by=program.created_by, match=proposed)
    matching_run(program=program, by=program.created_by)
    assert Match.objects.get(mentee=a, state=MatchState.PROPOSED).mentor == second
    pinned = match_pin(
        program=program, by=program.created_by, match=Match.objects.get(mentee=a, mentor=second)
    )
    match_release(program=program, by=program.created_by, match=proposed)  # allow again
    matching_run(program=program, by=program.created_by)
    pinned.refresh_from_db()
    assert pinned.state == MatchState.PINNED  # kept, though `first` fits better now
    with pytest.raises(MentoringError, match="only a proposed pair"):
        match_pin(program=program, by=program.created_by, match=pinned)


def test_both_accepting_adds_each_to_the_others_network_with_a_rhythm():
    program = ProgramFactory(rhythm_days=21)
    mentor = MentorOptInFactory(program=program)
    mentee = MenteeOptInFactory(program=program)
    PersonFactory(owner=mentee.owner, name=mentor.display_name)  # already known: reused
    _published(program)
    match = Match.objects.get(program=program)
    with pytest.raises(MentoringError, match="not yours"):
        match_accept(owner=ProfileFactory(), match=match, now=NOW, today=TODAY)
    match = match_accept(owner=mentee.owner, match=match, now=NOW, today=TODAY)
    assert match.state == MatchState.PROPOSED
    assert not PersonRole.objects.for_owner(mentee.owner).exists()
    match = match_accept(owner=mentor.owner, match=match, now=NOW, today=TODAY)
    assert match.state == MatchState.ACCEPTED
    mine = Person.objects.for_owner(mentee.owner).get()
    assert (mine.name, mine.cadence_days) == (mentor.display_name, 21)
    assert list(mine.roles.values_list("role", "started_on")) == [(Role.MENTOR, TODAY)]
    theirs = Person.objects.for_owner(mentor.owner).get()
    assert theirs.name == mentee.display_name
    assert list(theirs.roles.values_list("role", flat=True)) == [Role.MENTEE]
    with pytest.raises(MentoringError, match="already accepted"):
        match_decline(owner=mentee.owner, match=match)


def test_answers_wait_for_publication():
    program = ProgramFactory()
    MentorOptInFactory(program=program)
    mentee = MenteeOptInFactory(program=program)
    matching_run(program=program, by=program.created_by)
    with pytest.raises(MentoringError, match="not published"):
        match_accept(owner=mentee.owner, match=Match.objects.get(), now=NOW, today=TODAY)


def test_a_decline_rematches_only_that_mentee_and_is_never_proposed_again():
    program = ProgramFactory()
    best = MentorOptInFactory(program=program, capacity=2)
    spare = MentorOptInFactory(program=program, capacity=1, skills_offered=["negotiation"])
    a = MenteeOptInFactory(program=program)
    b = MenteeOptInFactory(program=program)
    _published(program)
    assert set(Match.objects.values_list("mentor", flat=True)) == {best.pk}
    kept = Match.objects.get(mentee=b)
    match_accept(owner=b.owner, match=kept, now=NOW, today=TODAY)
    new = match_decline(owner=a.owner, match=Match.objects.get(mentee=a))
    assert new is not None and new.mentor == spare
    assert DeclinedPair.objects.get().declined_by == Side.MENTEE
    kept.refresh_from_db()
    assert kept.mentor == best and kept.mentee_accepted_at == NOW  # untouched
    matching_run(program=program, by=program.created_by)
    assert not Match.objects.filter(mentee=a, mentor=best, state=MatchState.PROPOSED).exists()


def test_an_opt_in_with_a_pair_is_not_changed_but_can_be_withdrawn():
    program = ProgramFactory()
    MentorOptInFactory(program=program)
    mentee = MenteeOptInFactory(program=program)
    matching_run(program=program, by=program.created_by)
    with pytest.raises(MentoringError, match="you have a pair"):
        mentee_opt_in(owner=mentee.owner, program=program, skills_wanted=["x"], level=2)
    opt_in_withdraw(owner=mentee.owner, program=program, side=Side.MENTEE)
    assert not Match.objects.exists()
    with pytest.raises(MentoringError, match="not opted in"):
        opt_in_withdraw(owner=mentee.owner, program=program, side=Side.MENTEE)


def test_publishing_needs_pairs():
    program = ProgramFactory()
    with pytest.raises(MentoringError, match="run the matching first"):
        program_publish(program=program, by=program.created_by, now=NOW)


def test_offsets_follow_the_programs_start():
    assert utc_offset_minutes("Europe/London", dt.date(2026, 7, 1)) == 60
    assert utc_offset_minutes("Europe/London", dt.date(2026, 1, 1)) == 0
    assert utc_offset_minutes("Nowhere/Else", dt.date(2026, 1, 1)) == 0
