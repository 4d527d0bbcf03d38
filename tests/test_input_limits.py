"""What the app accepts, it can export and import again (issue 8 §3.7).

The services refuse what the models' own fields do not allow (max_length, validators,
finite numbers), the same limits the importer checks. Before, SQLite stored a
100,000-character skill name or a 40-character metric unit, and the export then refused to
import.
"""

from __future__ import annotations

import json
import math

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wayfinder.core import parsing
from wayfinder.core.models import Profile, Skill
from wayfinder.core.services import OwnerError, owner_create
from wayfinder.core.tests.factories import TODAY, ProfileFactory
from wayfinder.network.models import Person
from wayfinder.network.services import NetworkError, person_get_or_create
from wayfinder.plan.services import PlanError, action_create
from wayfinder.portability.exporter import export_text, owner_export
from wayfinder.portability.importer import owner_import
from wayfinder.wins.models import ImpactMetric, Win
from wayfinder.wins.services import (
    MetricInput,
    WinError,
    metric_parse,
    win_add_metric,
    win_create,
    win_update,
)

pytestmark = pytest.mark.django_db

SKILL_LIMIT = Skill._meta.get_field("name").max_length
UNIT_LIMIT = ImpactMetric._meta.get_field("unit").max_length


def assert_export_imports(owner: Profile) -> None:
    """The owner's export is accepted by the importer, into a new owner of its own."""
    text = export_text(owner_export(owner=owner))
    owner.user.delete()  # the file's own rows (and keys) leave the instance first
    result = owner_import(data=json.loads(text), username="restored")
    assert export_text(owner_export(owner=result.owner)).count('"ref"') == text.count('"ref"')


def test_quick_capture_limits_are_the_models_own():
    assert UNIT_LIMIT == parsing.METRIC_UNIT_MAX
    assert SKILL_LIMIT == parsing.SKILL_NAME_MAX


@pytest.mark.parametrize(
    "write",
    [
        lambda owner, names: win_create(owner=owner, title="t", occurred_on=TODAY, skills=names),
        lambda owner, names: win_update(
            owner=owner,
            win=win_create(owner=owner, title="t", occurred_on=TODAY),
            skills=names,
        ),
        lambda owner, names: action_create(owner=owner, title="t", skills=names),
    ],
    ids=["win_create", "win_update", "action_create"],
)
def test_a_skill_name_longer_than_the_model_allows_is_refused(owner, write):
    with pytest.raises((WinError, PlanError), match=f"skill's name under {SKILL_LIMIT}"):
        write(owner, ["fine", "x" * 100_000])
    assert not Skill.objects.exists()


def test_a_skill_name_at_the_limit_is_kept_and_the_export_imports(owner):
    win_create(owner=owner, title="t", occurred_on=TODAY, skills=["x" * SKILL_LIMIT])
    assert_export_imports(owner)
    assert Skill.objects.get().name == "x" * SKILL_LIMIT


@pytest.mark.parametrize(
    "text",
    ["5 " + "%" * (UNIT_LIMIT + 10), "9" * 20 + " " + "x" * (UNIT_LIMIT + 1)],
)
def test_a_metric_unit_longer_than_the_model_allows_is_refused_when_read(text):
    with pytest.raises(WinError, match=f"unit under {UNIT_LIMIT}"):
        metric_parse(text)
    with pytest.raises(parsing.InputError, match=f"unit under {UNIT_LIMIT}"):
        parsing.metric_parse(text)  # quick capture's reading of `--metric`


@pytest.mark.parametrize(
    ("metric", "message"),
    [
        (MetricInput(value=math.inf), "value must be a number"),
        (MetricInput(value=math.nan), "value must be a number"),
        (MetricInput(value=1, baseline=-math.inf), "baseline must be a number"),
        (MetricInput(value=1, unit="u" * (UNIT_LIMIT + 1)), f"unit under {UNIT_LIMIT}"),
        (MetricInput(value=1, label="a\x00b"), "NUL"),
    ],
)
def test_win_create_refuses_a_metric_the_import_would_refuse(owner, metric, message):
    with pytest.raises(WinError, match=message):
        win_create(owner=owner, title="t", occurred_on=TODAY, metrics=[metric])
    assert not Win.objects.exists()
    assert not ImpactMetric.objects.exists()


def test_the_largest_finite_metric_is_kept_and_the_export_imports(owner):
    metric = metric_parse("9" * 308 + " %")
    win = win_create(owner=owner, title="t", occurred_on=TODAY, metrics=[metric])
    win_add_metric(owner=owner, win=win, value=-1.7976931348623157e308, unit="$")
    assert_export_imports(owner)
    assert sorted(ImpactMetric.objects.values_list("value", flat=True)) == [
        -1.7976931348623157e308,
        float("9" * 308),
    ]


def test_met_refuses_a_person_name_longer_than_the_model_allows(owner):
    limit = Person._meta.get_field("name").max_length
    with pytest.raises(NetworkError, match=f"name under {limit}"):
        person_get_or_create(owner=owner, name="n" * 10_000, allow_new=True)
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"username": "u" * 151}, "username under 150"),
        ({"username": "dana okafor"}, "valid username"),
        ({"username": "dana\x00"}, "NUL"),
        ({"username": "dana", "display_name": "D" * 151}, "display name under 150"),
    ],
)
def test_init_refuses_a_username_or_name_the_import_would_refuse(db, fields, message):
    with pytest.raises(OwnerError, match=message):
        owner_create(**fields)
    assert not get_user_model().objects.exists()


# Text as typed anywhere: mostly plain, sometimes far too long, sometimes not storable.
TEXT = st.one_of(
    st.text(max_size=30),
    st.integers(90, 400).map(lambda n: "w" * n),
    st.sampled_from(["a\x00b", "\ud800", "😀" * 120, " ", ""]),
)
NUMBER = st.one_of(
    st.floats(),  # NaN and infinities included
    st.sampled_from(["9" * 308, "9" * 400, "1e309"]).map(float),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    wins=st.lists(
        st.fixed_dictionaries(
            {
                "title": TEXT,
                "skills": st.lists(TEXT, max_size=3),
                "metric": TEXT.map(lambda unit: "12 " + unit),
                "value": NUMBER,
                "label": TEXT,
            }
        ),
        min_size=1,
        max_size=3,
    ),
    people=st.lists(TEXT, max_size=2),
)
def test_whatever_the_services_accept_exports_and_imports(db, wins, people):
    errors = (WinError, NetworkError)
    with transaction.atomic():
        owner = ProfileFactory()
        for drawn in wins:
            try:
                with transaction.atomic():
                    metric = metric_parse(drawn["metric"])
                    win = win_create(
                        owner=owner,
                        title=drawn["title"],
                        occurred_on=TODAY,
                        skills=drawn["skills"],
                        metrics=[metric],
                    )
                    win_add_metric(owner=owner, win=win, value=drawn["value"], label=drawn["label"])
            except errors:
                pass
        for name in people:
            try:
                with transaction.atomic():
                    person_get_or_create(owner=owner, name=name, allow_new=True)
            except errors:
                pass
        assert_export_imports(owner)
        transaction.set_rollback(True)
