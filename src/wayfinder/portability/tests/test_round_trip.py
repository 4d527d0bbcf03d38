"""Export, import into an empty database, export again: the same bytes."""

from __future__ import annotations

import json

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings

from wayfinder.core.models import Profile
from wayfinder.core.tests.factories import TODAY, ProfileFactory
from wayfinder.demo.persona import demo_create
from wayfinder.portability.exporter import export_text, owner_export
from wayfinder.portability.format import sections
from wayfinder.portability.importer import owner_import
from wayfinder.portability.tests.strategies import owner_data, owner_data_write, profile_data

pytestmark = pytest.mark.django_db


def _round_trip(owner: Profile) -> tuple[str, str]:
    first = export_text(owner_export(owner=owner))
    owner.user.delete()  # an empty instance again: the import creates the owner from the file
    result = owner_import(data=json.loads(first))
    return first, export_text(owner_export(owner=result.owner))


def test_demo_persona_round_trips_byte_for_byte():
    owner = demo_create(today=TODAY)
    first, second = _round_trip(owner)
    assert second == first
    assert Profile.objects.get().user.username == "demo"
    assert len(json.loads(first)["wins"]) == 35


@settings(
    max_examples=25,
    deadline=None,
    # The database fixture is shared by the examples; each one rolls its rows back.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(profile=profile_data(), drawn=owner_data())
def test_any_owner_data_round_trips_byte_for_byte(db, profile, drawn):
    with transaction.atomic():
        owner = ProfileFactory(**profile)
        owner_data_write(owner, drawn)
        first, second = _round_trip(owner)
        assert second == first
        data = json.loads(first)
        assert [len(data[s.key]) for s in sections()] == [len(rows) for _, rows in drawn]
        transaction.set_rollback(True)


def test_an_experiment_adapting_a_later_row_round_trips(owner, today):
    from wayfinder.experiments.tests.factories import ExperimentFactory

    first, second = ExperimentFactory(owner=owner), ExperimentFactory(owner=owner)
    ExperimentFactory(owner=owner, adapted_from=first)
    type(first).objects.filter(pk=first.pk).update(adapted_from=second)  # points ahead

    exported, again = _round_trip(owner)

    assert again == exported
    assert [row["adapted_from"] for row in json.loads(exported)["experiments"]] == [2, None, 1]
