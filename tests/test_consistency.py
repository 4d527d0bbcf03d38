"""One record, every surface, one truth (issue 9, §C).

The dashboard, `wayfinder today --json`, the agenda, the narrative and the readiness page
are built from one record with the edge cases each rule decides: roles that end today or
start tomorrow, an action due today beside an overdue one, an experiment on the last day
of its box beside one past it, and competencies with and without evidence. Each surface
must tell what the rule's one home says, and the dashboard must say what `today` says.
"""

from __future__ import annotations

import datetime as dt
import html
import json

import pytest
from django.urls import reverse

from wayfinder.advocacy.ladders import ladder_parse_yaml
from wayfinder.advocacy.models import Audience
from wayfinder.advocacy.narrative import narrative_assemble, narrative_markdown
from wayfinder.advocacy.selectors import readiness_gaps
from wayfinder.advocacy.services import (
    assessment_record,
    ladder_choose,
    ladder_import,
    win_competencies_set,
)
from wayfinder.cli import main
from wayfinder.conversations.agenda import agenda_draft, agenda_markdown
from wayfinder.experiments.models import Experiment
from wayfinder.experiments.tests.factories import ExperimentFactory
from wayfinder.network.models import Influence, PersonRole, Role
from wayfinder.network.tests.factories import PersonFactory, PersonRoleFactory
from wayfinder.plan.models import DevelopmentAction
from wayfinder.plan.tests.factories import DevelopmentActionFactory
from wayfinder.wins.tests.factories import WinAudienceFactory, WinFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)

LADDER = """\
name: Product
levels:
  - {code: P1, name: Product Manager}
  - {code: P2, name: Senior Product Manager}
competencies:
  - key: discovery
    name: Discovery
    expectations: {P1: Runs interviews., P2: Shapes the roadmap from evidence.}
  - key: delivery
    name: Delivery
    expectations: {P1: Ships., P2: Ships across teams.}
  - key: influence
    name: Stakeholder influence
    expectations: {P1: Informs., P2: Persuades directors.}
"""


@pytest.fixture
def record(owner, today):
    """The record every surface reads; returns the names a surface must and must not tell."""

    def person(name: str, role: str, start: dt.date, end: dt.date | None = None, **fields):
        someone = PersonFactory(owner=owner, name=name, **fields)
        PersonRoleFactory(owner=owner, person=someone, role=role, started_on=start, ended_on=end)
        return someone

    # Roles: held from their start day, no longer held on their end day.
    person("Mia Held", Role.MENTOR, today - 100 * DAY)
    person("Fred Tomorrow", Role.MENTOR, today + DAY)
    person("Max Ended Today", Role.MENTOR, today - 300 * DAY, today)
    sponsor = person("Sonia Held", Role.SPONSOR, today - 50 * DAY, relative_level=3)
    former = person("Ed Former", Role.SPONSOR, today - 500 * DAY, today - 10 * DAY)
    former.relative_level, former.influence = 3, Influence.LOW
    former.save(update_fields=["relative_level", "influence"])

    # Actions: overdue means open and due before today.
    DevelopmentActionFactory(owner=owner, title="Late action", due_on=today - 3 * DAY)
    DevelopmentActionFactory(owner=owner, title="Due today action", due_on=today)

    # Experiments: past the box means running and the box's last day before today.
    ExperimentFactory(owner=owner, title="Over box", ends_on=today - DAY)
    ExperimentFactory(owner=owner, title="Last day box", ends_on=today)

    # Readiness: evidence and a rating beyond "not yet" (no gap), evidence but rated
    # "not yet" (a gap), neither (a gap).
    ladder = ladder_import(owner=owner, spec=ladder_parse_yaml(LADDER))
    levels = list(ladder.levels.all())
    ladder_choose(owner=owner, ladder=ladder, current_level=levels[0], target_level=levels[1])
    competencies = {c.key: c for c in ladder.competencies.all()}
    for key, rating in (("discovery", "partly"), ("delivery", "not_yet")):
        win = WinFactory(owner=owner, title=f"The {key} win", occurred_on=today - 5 * DAY)
        win_competencies_set(owner=owner, win=win, competencies=[competencies[key]])
        assessment_record(
            owner=owner,
            competency=competencies[key],
            assessed_on=today,
            against_current="meets",
            against_target=rating,
        )
        for told in (sponsor, former):
            WinAudienceFactory(owner=owner, win=win, person=told, told_on=today - 4 * DAY)
    return {
        "mentors": {"Mia Held"},
        "not_mentors": {"Fred Tomorrow", "Max Ended Today"},
        "sponsors": {"Sonia Held"},
        "not_sponsors": {"Ed Former"},
        "overdue": {"Late action"},
        "not_overdue": {"Due today action"},
        "past_box": {"Over box"},
        "not_past_box": {"Last day box"},
        "gaps": ["Delivery", "Stakeholder influence"],
    }


@pytest.fixture
def surfaces(client, owner, today, record, capsys):
    """Every surface's text for the record, read once."""
    client.force_login(owner.user)
    dashboard = html.unescape(client.get(reverse("home")).content.decode())
    readiness = html.unescape(client.get(reverse("advocacy:readiness")).content.decode())
    assert main(["today", "--json"]) == 0
    today_json = json.loads(capsys.readouterr().out)
    agenda = agenda_draft(owner=owner, today=today)
    narrative = narrative_assemble(
        owner=owner, audience=Audience.MANAGER, start=today - 365 * DAY, end=today, today=today
    )
    return {
        "dashboard": dashboard,
        "today": today_json,
        "practices": {p["key"]: p for p in today_json["practices"]},
        "agenda": agenda,
        "agenda_text": agenda_markdown(agenda),
        "narrative": narrative,
        "narrative_text": narrative_markdown(narrative),
        "readiness": readiness,
    }


def test_the_rules_themselves(owner, today, record):
    held = PersonRole.objects.for_owner(owner).held_on(today).select_related("person")
    assert {r.person.name for r in held if r.role == Role.MENTOR} == record["mentors"]
    assert {r.person.name for r in held if r.role == Role.SPONSOR} == record["sponsors"]
    overdue = DevelopmentAction.objects.for_owner(owner).overdue_on(today)
    assert {a.title for a in overdue} == record["overdue"]
    past = Experiment.objects.for_owner(owner).past_time_box(today)
    assert {e.title for e in past} == record["past_box"]
    _level, gaps = readiness_gaps(owner=owner, today=today)
    assert [gap.competency.name for gap in gaps] == record["gaps"]


def test_the_dashboard_says_what_today_says(surfaces):
    """Every practice's state sentence and every "this week" item of `today --json` is on
    the dashboard, word for word."""
    for practice in surfaces["today"]["practices"]:
        assert practice["why"] in surfaces["dashboard"], practice["key"]
    for item in surfaces["today"]["this_week"]:
        assert item["title"] in surfaces["dashboard"]
        assert item["detail"] in surfaces["dashboard"]


def test_current_roles_agree(surfaces, record):
    mentors = surfaces["practices"]["mentors"]["why"]
    assert mentors.startswith(f"You have {len(record['mentors'])} active mentor")
    voices = {voice.person.name for voice in surfaces["narrative"].voices if voice.is_sponsor}
    assert voices == record["sponsors"]
    for name in record["not_sponsors"] | record["not_mentors"]:
        assert name not in surfaces["narrative_text"]
        assert name not in surfaces["agenda_text"]
        assert name not in surfaces["dashboard"]


def test_overdue_actions_agree(surfaces, record):
    week = surfaces["today"]["this_week"]
    assert {i["title"] for i in week if i["kind"] == "action" and i["urgency"] == "overdue"} == (
        record["overdue"]
    )
    (late,) = record["overdue"]
    assert late in surfaces["practices"]["plan_momentum"]["why"]
    assert f"{len(record['overdue'])} development action is overdue" in surfaces["dashboard"]
    prefix = "Overdue: "
    blocked = {b[len(prefix) :].split(" (was due")[0] for b in surfaces["agenda"].blockers}
    assert {b for b in blocked if not b.startswith("Experiment")} >= record["overdue"]
    for title in record["not_overdue"]:
        assert f"Overdue: {title}" not in surfaces["agenda_text"]


def test_experiments_past_their_time_box_agree(surfaces, record):
    week = surfaces["today"]["this_week"]
    verdicts = {i["title"] for i in week if i["detail"].startswith("time box over")}
    assert verdicts == record["past_box"]
    # An experiment is listed once this week: due a verdict, ending, or due a check-in.
    experiments = [i["title"] for i in week if i["kind"] == "experiment"]
    assert len(experiments) == len(set(experiments))
    assert surfaces["practices"]["experiments"]["why"].endswith(
        f"{len(record['past_box'])} past its time box: time for a verdict."
    )
    prefix = "Experiment past its time box: "
    blockers = surfaces["agenda"].blockers
    assert {b[len(prefix) :].split(" (ended")[0] for b in blockers if b.startswith(prefix)} == (
        record["past_box"]
    )


def test_gaps_agree(surfaces, record):
    names = ", ".join(record["gaps"])
    sentence = f"{len(record['gaps'])} competencies still show a gap for P2: {names}."
    assert sentence in surfaces["practices"]["self_advocacy"]["why"]
    assert sentence in surfaces["dashboard"]
    assert [gap.competency.name for gap in surfaces["narrative"].gaps] == record["gaps"]
    assert f"{len(record['gaps'])} competencies still show a gap." in surfaces["readiness"]
    for name in record["gaps"]:
        assert name in surfaces["narrative_text"]
    assert (
        f"Your view of my gaps for P2 Senior Product Manager: {names}." in (surfaces["agenda_text"])
    )
    assert "Every competency" not in surfaces["narrative_text"]
