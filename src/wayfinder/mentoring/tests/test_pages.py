"""The pages: who gets what, the opt-in forms, and what the administrator sees (opt-in
rows only, never an owner's record)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from wayfinder.core.tests.factories import ProfileFactory
from wayfinder.direction.tests.factories import GoalFactory
from wayfinder.mentoring.models import Match, MatchState, MenteeOptIn
from wayfinder.mentoring.projection import MENTEE_SEEN, MENTOR_SEEN
from wayfinder.mentoring.services import matching_run, program_publish
from wayfinder.mentoring.tests.factories import (
    MenteeOptInFactory,
    MentorOptInFactory,
    ProgramFactory,
)
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.reflection.tests.factories import JournalEntryFactory
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC)
CANARIES = ("CANARY-GOAL", "CANARY-SKILL", "CANARY-PERSON", "CANARY-WIN", "CANARY-JOURNAL")


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _client(client, profile):
    client.force_login(profile.user)
    return client


def test_the_opt_in_page_lists_exactly_what_the_program_sees_and_prefills(client):
    owner = ProfileFactory(level="L3")
    action = DevelopmentActionFactory(owner=owner)
    action.skills.create(owner=owner, name="Negotiation")
    program = ProgramFactory()
    page = _client(client, owner).get(reverse("mentoring:mentee-opt-in", args=[program.pk]))
    text = page.content.decode()
    for seen in MENTEE_SEEN:
        assert seen.label in text
    assert page.context["form"].initial["skills_wanted"] == "Negotiation"
    page = client.get(reverse("mentoring:mentor-opt-in", args=[program.pk]))
    assert all(seen.label in page.content.decode() for seen in MENTOR_SEEN)


def test_opting_in_through_the_form(client):
    owner = ProfileFactory()
    program = ProgramFactory()
    url = reverse("mentoring:mentee-opt-in", args=[program.pk])
    form = {
        "skills_wanted": "pricing, negotiation",
        "level": "2",
        "time_zone": "Europe/London",
        "levels_up_min": "1",
        "levels_up_max": "3",
    }
    bad = _client(client, owner).post(url, {**form, "time_zone": "Mars/Olympus"})
    assert bad.status_code == 200 and "is not a time zone name" in bad.content.decode()
    assert not MenteeOptIn.objects.exists()
    done = client.post(url, form)
    assert done.status_code == 302
    assert MenteeOptIn.objects.for_owner(owner).get().skills_wanted == ["pricing", "negotiation"]


def test_creating_a_program_makes_its_creator_the_administrator(client):
    owner = ProfileFactory()
    response = _client(client, owner).post(
        reverse("mentoring:program-new"),
        {
            "name": "Sales mentoring",
            "starts_on": "2026-12-01",
            "ends_on": "2027-05-31",
            "cap_per_mentor": "3",
            "skill_weight": "3",
            "level_weight": "2",
            "function_weight": "1",
            "time_zone_weight": "1",
            "rhythm_days": "14",
        },
    )
    assert response.status_code == 302
    assert owner.administered_programs.get().name == "Sales mentoring"


def _record_with_canaries(owner):
    action = DevelopmentActionFactory(owner=owner, title="CANARY-ACTION")
    action.skills.create(owner=owner, name="CANARY-SKILL")
    GoalFactory(owner=owner, title="CANARY-GOAL")
    PersonFactory(owner=owner, name="CANARY-PERSON", private_notes="CANARY-PRIVATE")
    WinFactory(owner=owner, title="CANARY-WIN")
    JournalEntryFactory(owner=owner, answer="CANARY-JOURNAL")


def test_the_administrators_page_shows_opt_in_rows_only(client, django_assert_max_num_queries):
    program = ProgramFactory()
    for n in range(3):
        mentee = MenteeOptInFactory(program=program, skills_wanted=[f"skill{n}", "pricing"])
        _record_with_canaries(mentee.owner)
        mentor = MentorOptInFactory(program=program)
        _record_with_canaries(mentor.owner)
    matching_run(program=program, by=program.created_by)
    _client(client, program.created_by)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("mentoring:manage", args=[program.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "skill0" in text and mentee.display_name in text
    assert "matched on pricing" in text
    for canary in (*CANARIES, "CANARY-ACTION", "CANARY-PRIVATE"):
        assert canary not in text


def test_only_administrators_manage(client):
    program = ProgramFactory()
    MentorOptInFactory(program=program)
    MenteeOptInFactory(program=program)
    matching_run(program=program, by=program.created_by)
    match = Match.objects.get()
    _client(client, ProfileFactory())
    assert client.get(reverse("mentoring:manage", args=[program.pk])).status_code == 404
    assert client.post(reverse("mentoring:run", args=[program.pk])).status_code == 404
    assert client.post(reverse("mentoring:match-pin", args=[match.pk])).status_code == 404
    match.refresh_from_db()
    assert match.state == MatchState.PROPOSED


def test_each_side_answers_on_their_own_page(client):
    program = ProgramFactory()
    mentor = MentorOptInFactory(program=program)
    mentee = MenteeOptInFactory(program=program)
    matching_run(program=program, by=program.created_by)
    match = Match.objects.get()
    accept = reverse("mentoring:match-accept", args=[match.pk])
    _client(client, mentee.owner)
    assert client.post(accept).status_code == 404  # not published: nothing to answer
    program_publish(program=program, by=program.created_by, now=NOW)
    page = client.get(program.get_absolute_url())
    assert f"Your mentor: {mentor.display_name}" in page.content.decode()
    assert client.post(accept).status_code == 302
    _client(client, ProfileFactory())
    assert client.post(accept).status_code == 404  # someone else's pair
    _client(client, mentor.owner)
    assert client.post(accept).status_code == 302
    match.refresh_from_db()
    assert match.is_accepted


def test_the_program_list_explains_an_empty_start(client):
    page = _client(client, ProfileFactory()).get(reverse("mentoring:programs"))
    assert "No mentoring program yet" in page.content.decode()
