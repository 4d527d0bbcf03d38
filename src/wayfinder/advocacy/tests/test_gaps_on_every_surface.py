"""The gaps on the target level are one rule (`advocacy.selectors.readiness`), told alike by
the readiness page, the narrative, the Self-advocacy practice (dashboard and
`wayfinder today --json`) and the agenda (issue 9, §A1)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse

from wayfinder.advocacy.ladders import ladder_parse_yaml
from wayfinder.advocacy.models import Audience
from wayfinder.advocacy.narrative import narrative_assemble
from wayfinder.advocacy.selectors import readiness_gaps
from wayfinder.advocacy.services import (
    assessment_record,
    ladder_choose,
    ladder_import,
    win_competencies_set,
)
from wayfinder.cli import main
from wayfinder.conversations.agenda import agenda_draft
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db

LADDER = """\
name: Design
levels:
  - {code: D1, name: Designer}
  - {code: D2, name: Senior Designer}
competencies:
  - key: craft
    name: Craft
    expectations: {D1: Polishes., D2: Sets the bar.}
  - key: research
    name: Research
    expectations: {D1: Joins studies., D2: Runs studies.}
  - key: voice
    name: Voice
    expectations: {D1: Presents., D2: Persuades leaders.}
"""


@pytest.fixture
def record(owner, today):
    ladder = ladder_import(owner=owner, spec=ladder_parse_yaml(LADDER))
    levels = list(ladder.levels.all())
    ladder_choose(owner=owner, ladder=ladder, current_level=levels[0], target_level=levels[1])
    comps = {c.key: c for c in ladder.competencies.all()}
    recent = today - dt.timedelta(days=5)
    # Craft: evidence and a rating beyond "not yet": no gap.
    # Research: evidence, but rated "not yet": a gap.
    # Voice: no evidence, not assessed: a gap.
    for key, rating in (("craft", "partly"), ("research", "not_yet")):
        win = WinFactory(owner=owner, title=f"{key} win", occurred_on=recent)
        win_competencies_set(owner=owner, win=win, competencies=[comps[key]])
        assessment_record(
            owner=owner,
            competency=comps[key],
            assessed_on=today,
            against_current="meets",
            against_target=rating,
        )
    return comps


def test_every_surface_names_the_same_gaps(client, owner, today, record, capsys):
    expected = ["Research", "Voice"]
    level, gaps = readiness_gaps(owner=owner, today=today)
    assert level.code == "D2"
    assert [gap.competency.name for gap in gaps] == expected

    client.force_login(owner.user)
    page = client.get(reverse("advocacy:readiness")).content.decode()
    assert "2 competencies still show a gap." in page

    draft = narrative_assemble(
        owner=owner,
        audience=Audience.MANAGER,
        start=today - dt.timedelta(days=365),
        end=today,
        today=today,
    )
    assert [gap.competency.name for gap in draft.gaps] == expected

    sentence = "2 competencies still show a gap for D2: Research, Voice."
    dashboard = client.get(reverse("home")).content.decode()
    assert sentence in dashboard

    assert main(["today", "--json"]) == 0
    practices = {p["key"]: p for p in json.loads(capsys.readouterr().out)["practices"]}
    assert sentence in practices["self_advocacy"]["why"]

    agenda = agenda_draft(owner=owner, today=today)
    asks = [ask for ask in agenda.asks if ask.startswith("Your view of my gaps")]
    assert asks == [
        "Your view of my gaps for D2 Senior Designer: Research, Voice. What would close them?"
    ]


def test_no_gap_no_gap_sentence(client, owner, today, record):
    assessment_record(
        owner=owner,
        competency=record["research"],
        assessed_on=today,
        against_current="meets",
        against_target="partly",
    )
    win = WinFactory(owner=owner, occurred_on=today)
    win_competencies_set(owner=owner, win=win, competencies=[record["voice"]])
    assessment_record(
        owner=owner,
        competency=record["voice"],
        assessed_on=today,
        against_current="meets",
        against_target="partly",
    )
    assert readiness_gaps(owner=owner, today=today)[1] == []
    client.force_login(owner.user)
    assert "still show" not in client.get(reverse("home")).content.decode()
    assert not [a for a in agenda_draft(owner=owner, today=today).asks if "my gaps" in a]
