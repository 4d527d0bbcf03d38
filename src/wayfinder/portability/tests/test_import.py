"""Import: a valid file is written whole; a bad one is refused with what and where, and
nothing is written."""

from __future__ import annotations

import copy
import json

import pytest
from django.contrib.auth import get_user_model

from wayfinder.core.models import Profile
from wayfinder.core.services import owner_create
from wayfinder.core.tests.factories import TODAY, ProfileFactory
from wayfinder.demo.persona import demo_create
from wayfinder.portability.exporter import export_text, owner_export
from wayfinder.portability.format import sections
from wayfinder.portability.importer import owner_import
from wayfinder.portability.validation import ImportRefused, import_parse
from wayfinder.wins.models import Win
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported():
    """The demo persona's export, with the database emptied again."""
    owner = demo_create(today=TODAY)
    data = owner_export(owner=owner)
    owner.user.delete()
    return data


def _nothing_written() -> bool:
    return not Profile.objects.exists() and all(
        not section.model.objects.exists() for section in sections()
    )


def _refused(data, match: str, **kwargs) -> None:
    with pytest.raises(ImportRefused, match=match):
        owner_import(data=data, **kwargs)


def test_import_into_an_empty_database_creates_the_owner_from_the_file(exported):
    result = owner_import(data=exported)
    assert result.owner.user.username == "demo"
    assert result.owner.display_name == "Dana Okafor"
    assert dict(result.counts)["wins"] == 35
    assert export_text(owner_export(owner=result.owner)) == export_text(exported)


def test_import_into_an_owner_just_set_up_by_init(exported):
    owner = owner_create(username="dana")  # init makes no plan: the import brings it
    result = owner_import(data=exported)
    assert result.owner == owner
    owner.refresh_from_db()
    assert owner.user.username == "dana"
    assert owner.display_name == "Dana Okafor"
    assert result.owner.user.get_username() == "dana"


def test_import_into_a_new_named_owner_beside_others(exported):
    WinFactory(owner=ProfileFactory())
    result = owner_import(data=exported, username="restored")
    assert result.owner.user.username == "restored"
    assert get_user_model().objects.count() == 2


def test_import_refuses_an_owner_who_already_has_data(exported):
    owner = ProfileFactory()
    WinFactory(owner=owner)
    _refused(exported, f"owner '{owner.user.username}' already has data")
    assert Profile.objects.count() == 1
    assert owner_export(owner=owner)["wins"].__len__() == 1


def test_import_refuses_when_several_owners_and_none_named(exported):
    ProfileFactory()
    ProfileFactory()
    _refused(exported, "several owners")
    assert Profile.objects.count() == 2
    assert not Win.objects.exists()


def _break(data: dict, path: str, value) -> dict:
    """A copy of `data` with the item at `path` (like 'goals.3.horizon') replaced."""
    broken = copy.deepcopy(data)
    *parents, last = path.split(".")
    target = broken
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if isinstance(target, list):
        target[int(last)] = value
    elif value is KeyError:
        del target[last]
    else:
        target[last] = value
    return broken


BROKEN = [
    ("format", "csv", r"format: expected 'wayfinder', got 'csv'"),
    ("version", 6, r"version: 6 is not supported \(this Wayfinder reads 1, 2, 3, 4, 5\); it was w"),
    ("version", 0, r"version: 0 is not supported \(this Wayfinder reads 1, 2, 3, 4, 5\)$"),
    ("version", True, r"version: True is not supported"),
    ("version", "1", r"version: '1' is not supported"),
    ("goals", KeyError, r"file: missing key 'goals'"),
    ("surprise", [], r"file: unknown key 'surprise'"),
    (
        "goals.3.horizon",
        "someday",
        r"goals\[3\]\.horizon: 'someday' is not one of short, mid, long",
    ),
    ("goals.0.target_date", "2026-13-01", r"goals\[0\]\.target_date: '2026-13-01' is not a date"),
    ("goals.0.title", 42, r"goals\[0\]\.title: expected text, got a number"),
    ("goals.0.title", "", r"goals\[0\]\.title: must not be empty"),
    ("goals.0.title", "x" * 201, r"goals\[0\]\.title: Ensure this value has at most 200"),
    ("goals.0.horizon", None, r"goals\[0\]\.horizon: must not be null"),
    ("goals.0.ambition", 99, r"goals\[0\]\.ambition: ref 99 not found in ambition_statements"),
    ("goals.0.ambition", "1", r"goals\[0\]\.ambition: expected a ref"),
    ("goals.0.color", "red", r"goals\[0\]: unknown key 'color'"),
    ("goals.0.status", KeyError, r"goals\[0\]: missing key 'status'"),
    ("goals.1.ref", 1, r"goals\[1\]\.ref: ref 1 is used twice in goals"),
    ("goals.1.ref", 0, r"goals\[1\]\.ref: expected a whole number from 1"),
    ("goals.1", "a goal", r"goals\[1\]: expected an object, got text"),
    ("goals", {}, r"goals: expected a list, got an object"),
    ("wins.12.skills", [1, 99], r"wins\[12\]\.skills\[1\]: ref 99 not found in skills"),
    ("wins.12.skills", [1, 1], r"wins\[12\]\.skills: a ref appears twice"),
    ("wins.0.skills", 3, r"wins\[0\]\.skills: expected a list of refs"),
    ("impact_metrics.0.value", "lots", r"impact_metrics\[0\]\.value: expected a number"),
    ("impact_metrics.0.value", True, r"impact_metrics\[0\]\.value: expected a number"),
    ("people.0.relative_level", 1.5, r"people\[0\]\.relative_level: expected a whole number"),
    ("people.0.relative_level", 9, r"people\[0\]: relative_level must be between -5 and 6"),
    ("people.0.is_active", "yes", r"people\[0\]\.is_active: expected true or false"),
    ("people.0.email", "not-an-email", r"people\[0\]\.email: Enter a valid email address"),
    ("people.0.created_at", "2026-01-01T09:00:00", r"people\[0\]\.created_at: .* no time zone"),
    ("people.0.created_at", "yesterday", r"people\[0\]\.created_at: 'yesterday' is not a date"),
    ("career_paths.2.verdict_reason", "", r"career_paths\[2\]: a ruled-out path needs a verdict"),
    ("ambition_statements.1.version", 1, r"ambition_statements\[1\]: version 1 repeats"),
    ("plan_revisions.1.number", 1, r"plan_revisions\[1\]: plan 1 and number 1 repeats"),
    ("experiments.0.ends_on", "2000-01-01", r"experiments\[0\]: ends_on must not be before"),
    ("check_ins.0.energy", 6, r"check_ins\[0\]: energy must be between 1 and 5"),
    ("goal_check_ins.0.percent", 101, r"goal_check_ins\[0\]: percent must be between 0 and 100"),
    ("goal_check_ins.0.percent", -1, r"goal_check_ins\[0\]\.percent: Ensure this value is gre"),
    ("goal_check_ins.3.milestone", "", r"goal_check_ins\[3\]: a goal check-in needs a percent or"),
    ("goal_check_ins.0.goal", 99, r"goal_check_ins\[0\]\.goal: ref 99 not found in goals"),
    ("experiments.0.adapted_from", 99, r"experiments\[0\]\.adapted_from: ref 99 not found in exp"),
    ("experiments.0.adapted_from", "2", r"experiments\[0\]\.adapted_from: expected a ref"),
    ("development_actions.0.uid", "nope", r"development_actions\[0\]\.uid: 'nope' is not a UUID"),
    ("plan_revisions.0.snapshot", None, r"plan_revisions\[0\]\.snapshot: must not be null"),
    ("journal_entries.0.question_key", "not a slug!", r"journal_entries\[0\]\.question_key: "),
    ("profile.seniority", "boss", r"profile\.seniority: 'boss' is not one of entry, mid"),
    ("profile.time_zone", "Mars/Olympus", r"profile\.time_zone: 'Mars/Olympus' is not a known"),
    ("profile.username", "no spaces allowed", r"profile\.username: Enter a valid username"),
    ("profile", [], r"profile: expected an object, got a list"),
]


@pytest.mark.parametrize(("path", "value", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_import_refuses_a_broken_file_and_writes_nothing(exported, path, value, message):
    _refused(_break(exported, path, value), message)
    assert _nothing_written()


def test_import_refuses_a_second_backup_plan(exported):
    notes = exported["private_notes"]
    broken = _break(exported, f"private_notes.{len(notes) - 1}.kind", "backup_plan")
    _refused(broken, r"private_notes\[2\]: only one private note can be the backup plan")
    assert _nothing_written()


def test_import_refuses_a_second_development_plan(exported):
    broken = copy.deepcopy(exported)
    broken["development_plans"].append(dict(broken["development_plans"][0], ref=2))
    _refused(
        broken,
        r"development_plans\[1\]: an owner has one development plan \(development_plans\[0\]",
    )
    assert _nothing_written()


def test_import_refuses_two_agreed_actions_converted_to_the_same_action(exported):
    broken = copy.deepcopy(exported)
    converted = next(a for a in broken["agreed_actions"] if a["plan_action"])
    other = next(a for a in broken["agreed_actions"] if not a["plan_action"])
    other["plan_action"] = converted["plan_action"]
    _refused(broken, r"agreed_actions\[\d+\]: plan_action \d+ repeats agreed_actions\[\d+\]")
    assert _nothing_written()


def test_import_refuses_an_action_uid_taken_on_the_instance(exported):
    owner_import(data=exported)
    _refused(exported, r"development_actions\[0\]\.uid: .* already exists", username="again")
    assert Profile.objects.count() == 1


def test_database_refusal_is_the_last_resort_and_rolls_back(exported):
    """Skill names are unique ignoring case: a rule only the database checks."""
    broken = _break(exported, "skills.1.name", exported["skills"][0]["name"].upper())
    _refused(broken, r"skills: the database refused these rows")
    assert _nothing_written()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "the file is empty"),
        (b"\xff\xfe{}", "byte 0: the file is not UTF-8 text"),
        (b'{\n  "format": "wayfinder",\n  "version" 1\n}', r"line 3 column 13: invalid JSON"),
        (b'{"format": "wayfinder", "wins": [', r"ends too early \(truncated\?\)"),
        (b'{"a": 1, "a": 2}', "the key 'a' appears twice"),
        (b'{"a": NaN}', "NaN is not a number JSON allows"),
    ],
)
def test_import_parse_says_where_the_json_breaks(raw, message):
    with pytest.raises(ImportRefused, match=message):
        import_parse(raw)


def test_a_truncated_export_is_refused(exported):
    text = export_text(exported)
    with pytest.raises(ImportRefused, match="truncated"):
        import_parse(text[: len(text) // 2].encode())


def test_import_refuses_json_that_is_not_an_export():
    _refused(json.loads("[1, 2]"), "expected a Wayfinder export .* got a list")
    _refused({"format": "wayfinder"}, r"version: None is not supported")
    assert not Profile.objects.exists()
