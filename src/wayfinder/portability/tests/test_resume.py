"""resume.json: basics, the role history with each role's highlights, and skills, valid
against the JSON Resume schema."""

from __future__ import annotations

import copy
import datetime as dt
import json
from importlib import resources

import jsonschema
import pytest
from django.urls import reverse

from wayfinder.core.tests.factories import PositionFactory, SkillFactory
from wayfinder.direction.tests.factories import AmbitionStatementFactory
from wayfinder.portability.resume import resume_build
from wayfinder.wins.tests.factories import ImpactMetricFactory, WinFactory

pytestmark = pytest.mark.django_db


def schema() -> dict:
    text = (
        resources.files("wayfinder.portability.schema")
        .joinpath("jsonresume.schema.json")
        .read_text()
    )
    return json.loads(text)


def validate(document: dict) -> None:
    jsonschema.validate(
        document, schema(), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )


@pytest.fixture
def record(owner, today):
    owner.summary = "I build **marketing teams** that learn fast.\n\nB2B, eleven years."
    owner.save()
    AmbitionStatementFactory(owner=owner, version=1, summary="CANARY-AMBITION: become a CMO.")
    strong = WinFactory(
        owner=owner,
        title="Launched the *partner* programme",
        result="Pipeline **+30 %**",
        occurred_on=today - dt.timedelta(days=20),
        private_notes="CANARY-WIN",
    )
    ImpactMetricFactory(owner=owner, win=strong)
    WinFactory(owner=owner, title="Ran the offsite", result="", occurred_on=today)
    WinFactory(
        owner=owner,
        title="Rebuilt the `nurture` emails",
        result="",
        occurred_on=dt.date(2023, 5, 10),
    )
    SkillFactory(owner=owner, name="Storytelling")
    SkillFactory(owner=owner, name="Analytics")
    PositionFactory(
        owner=owner,
        title="Marketing Director",
        organisation="Northwind",
        location="London",
        started_on=dt.date(2024, 1, 8),
        summary="Leads a team of _eight_.",
    )
    PositionFactory(
        owner=owner,
        title="Marketing Manager",
        organisation="Contoso",
        started_on=dt.date(2021, 2, 1),
        ended_on=dt.date(2024, 1, 5),
    )
    return strong


def test_resume_from_the_record(owner, today, record):
    document = resume_build(owner=owner, today=today)
    validate(document)
    assert document["basics"] == {
        "name": owner.display_name,
        "label": "Marketing Director",
        "email": owner.user.email,
        "summary": "I build marketing teams that learn fast. B2B, eleven years.",
    }
    assert document["work"] == [
        {
            "name": "Northwind",
            "position": "Marketing Director",
            "location": "London",
            "startDate": "2024-01-08",
            "summary": "Leads a team of eight.",
            "highlights": ["Launched the partner programme — Pipeline +30 %", "Ran the offsite"],
        },
        {
            "name": "Contoso",
            "position": "Marketing Manager",
            "startDate": "2021-02-01",
            "endDate": "2024-01-05",
            "highlights": ["Rebuilt the nurture emails"],
        },
    ]
    assert document["skills"] == [{"name": "Analytics"}, {"name": "Storytelling"}]
    text = json.dumps(document)
    assert "CANARY" not in text
    assert not any(mark in text for mark in ("*", "`", "_eight_"))


def test_a_role_lists_only_the_wins_of_its_own_period(owner, today):
    role = PositionFactory(
        owner=owner, started_on=dt.date(2025, 3, 1), ended_on=dt.date(2025, 6, 30)
    )
    WinFactory(owner=owner, title="The day before", result="", occurred_on=dt.date(2025, 2, 28))
    WinFactory(owner=owner, title="First day", result="", occurred_on=role.started_on)
    WinFactory(owner=owner, title="Last day", result="", occurred_on=role.ended_on)
    WinFactory(owner=owner, title="The day after", result="", occurred_on=dt.date(2025, 7, 1))
    (entry,) = resume_build(owner=owner, today=today)["work"]
    assert sorted(entry["highlights"]) == ["First day", "Last day"]


def test_overlapping_roles_do_not_repeat_a_win_and_a_side_role_lists_none(owner, today):
    PositionFactory(owner=owner, title="Director", started_on=dt.date(2024, 1, 1))
    PositionFactory(
        owner=owner,
        title="Board member",
        organisation="Charity",
        started_on=dt.date(2025, 1, 1),
        highlight_wins=False,
    )
    PositionFactory(
        owner=owner,
        title="Interim lead",
        started_on=dt.date(2023, 6, 1),
        ended_on=dt.date(2024, 2, 1),
    )
    WinFactory(owner=owner, title="Handover win", result="", occurred_on=dt.date(2024, 1, 15))
    WinFactory(owner=owner, title="Early win", result="", occurred_on=dt.date(2023, 9, 1))
    board, director, interim = resume_build(owner=owner, today=today)["work"]
    assert board["position"] == "Board member" and "highlights" not in board
    assert director["highlights"] == ["Handover win"]
    assert interim["highlights"] == ["Early win"]


def test_the_summary_is_the_owners_own_never_the_ambition(owner, today):
    AmbitionStatementFactory(owner=owner, version=1, summary="Become a CMO.")
    document = resume_build(owner=owner, today=today)
    validate(document)
    assert "summary" not in document["basics"]
    assert "Become a CMO" not in json.dumps(document)


def test_no_role_history_yet_gives_one_undated_entry_for_the_current_role(owner, today):
    WinFactory(owner=owner, title="Ran the offsite", result="", occurred_on=today)
    document = resume_build(owner=owner, today=today)
    validate(document)
    assert document["work"] == [
        {"name": "Northwind", "position": "Marketing Director", "highlights": ["Ran the offsite"]}
    ]


def _empty_values(value, path="") -> list[str]:
    if value in ("", [], {}, None):
        return [path]
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _empty_values(item, f"{path}.{key}")]
    if isinstance(value, list):
        return [p for n, item in enumerate(value) for p in _empty_values(item, f"{path}[{n}]")]
    return []


def test_an_empty_profile_is_still_a_valid_resume_with_no_empty_values(owner, today):
    owner.current_title = owner.organisation = ""
    owner.user.email = ""
    PositionFactory(owner=owner, title="Consultant", organisation="", started_on=today)
    document = resume_build(owner=owner, today=today)
    validate(document)
    assert "skills" not in document
    assert document["work"] == [{"position": "Consultant", "startDate": today.isoformat()}]
    assert set(document["basics"]) == {"name"}
    assert _empty_values(document) == []


def test_an_owner_with_nothing_has_no_work_and_no_skills(owner, today):
    owner.current_title = owner.organisation = ""
    document = resume_build(owner=owner, today=today)
    validate(document)
    assert "work" not in document and "skills" not in document
    assert _empty_values(document) == []


def test_the_demo_resume_lists_danas_roles_with_dates(today):
    from wayfinder.demo.persona import demo_create

    dana = demo_create(today=today)
    document = resume_build(owner=dana, today=today)
    validate(document)
    assert [(role["position"], role.get("endDate")) for role in document["work"]] == [
        ("Marketing Director", None),
        ("Advisory board member", None),
        ("Senior Marketing Manager", (today - dt.timedelta(days=1041)).isoformat()),
        ("Marketing Manager", (today - dt.timedelta(days=2141)).isoformat()),
    ]
    director, board = document["work"][:2]
    assert "highlights" not in board  # a side role: its period's wins are the director's
    assert len(director["highlights"]) == 5
    assert director["startDate"] == (today - dt.timedelta(days=1040)).isoformat()
    assert document["basics"]["summary"].startswith("Marketing leader")
    assert _empty_values(document) == []


def test_the_queries_grow_with_the_roles_never_with_the_wins(
    owner, today, record, django_assert_max_num_queries
):
    # top_wins (the one home of "top wins") runs once per role with its own prefetches:
    # four queries per role of the history, and two besides (the roles, the skills).
    with django_assert_max_num_queries(2 + 4 * 2):
        resume_build(owner=owner, today=today)
    WinFactory.create_batch(20, owner=owner, occurred_on=today - dt.timedelta(days=30))
    with django_assert_max_num_queries(2 + 4 * 2):
        resume_build(owner=owner, today=today)
    PositionFactory(owner=owner, title="Analyst", started_on=dt.date(2019, 1, 1))
    with django_assert_max_num_queries(2 + 4 * 3):
        resume_build(owner=owner, today=today)


@pytest.mark.parametrize(
    ("path", "wrong"),
    [
        (("basics", "name"), 42),
        (("basics", "email"), "not an email"),
        (("work", 0, "highlights"), "one string, not a list"),
        (("skills", 0, "name"), ["a list"]),
        (("work", 0, "startDate"), "March 2026"),
    ],
)
def test_the_schema_refuses_a_wrong_type(owner, today, record, path, wrong):
    document = copy.deepcopy(resume_build(owner=owner, today=today))
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = wrong
    with pytest.raises(jsonschema.ValidationError):
        validate(document)


def test_the_download_is_the_owners_resume_only(client, owner, outsider, today, record):
    WinFactory(owner=outsider, title="Outsider win", occurred_on=today)
    client.force_login(owner.user)
    response = client.get(reverse("portability:resume-json"))
    assert reverse("portability:resume-json") == "/data/resume.json"
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == 'attachment; filename="resume.json"'
    document = json.loads(response.content)
    validate(document)
    text = response.content.decode()
    assert "Launched the partner programme" in text
    assert "Outsider" not in text and "CANARY" not in text
