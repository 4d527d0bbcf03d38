"""resume.json: basics, work highlights and skills, valid against the JSON Resume schema."""

from __future__ import annotations

import copy
import datetime as dt
import json
from importlib import resources

import jsonschema
import pytest
from django.urls import reverse

from wayfinder.core.tests.factories import SkillFactory
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
    AmbitionStatementFactory(
        owner=owner, version=1, summary="Build marketing teams that learn fast."
    )
    strong = WinFactory(
        owner=owner,
        title="Launched the partner programme",
        result="Pipeline +30 %",
        occurred_on=today - dt.timedelta(days=20),
        private_notes="CANARY-WIN",
    )
    ImpactMetricFactory(owner=owner, win=strong)
    WinFactory(owner=owner, title="Ran the offsite", result="", occurred_on=today)
    SkillFactory(owner=owner, name="Storytelling")
    SkillFactory(owner=owner, name="Analytics")
    return strong


def test_resume_from_the_record(owner, today, record):
    document = resume_build(owner=owner, today=today)
    validate(document)
    assert document["basics"] == {
        "name": owner.display_name,
        "label": "Marketing Director",
        "email": owner.user.email,
        "summary": "Build marketing teams that learn fast.",
    }
    assert document["work"] == [
        {
            "name": "Northwind",
            "position": "Marketing Director",
            "highlights": ["Launched the partner programme — Pipeline +30 %", "Ran the offsite"],
        }
    ]
    assert document["skills"] == [{"name": "Analytics"}, {"name": "Storytelling"}]
    assert "CANARY" not in json.dumps(document)


def test_an_empty_profile_is_still_a_valid_resume(owner, today):
    owner.current_title = owner.organisation = ""
    owner.user.email = ""
    document = resume_build(owner=owner, today=today)
    validate(document)
    assert document["work"] == [] and document["skills"] == []
    assert set(document["basics"]) == {"name"}


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
