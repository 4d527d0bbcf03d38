"""The heavy generator: ten years of data, reproducible from its seed."""

from __future__ import annotations

import pytest

from wayfinder.core.tests.factories import TODAY
from wayfinder.demo.heavy import heavy_create
from wayfinder.network.models import Interaction
from wayfinder.portability.exporter import owner_export
from wayfinder.portability.selectors import section_counts

pytestmark = pytest.mark.django_db

MINIMUMS = {
    "wins": 5000,
    "people": 1500,
    "interactions": 20000,
    "development_actions": 800,
    "plan_revisions": 40,
    "impact_metrics": 4000,
    "win_audience": 5000,
    "skills": 50,
    "development_conversations": 100,
    "journal_entries": 500,
}


@pytest.mark.slow
def test_heavy_meets_the_benchmark_minimums():
    owner = heavy_create(today=TODAY)
    counts = dict(section_counts(owner=owner))
    for key, minimum in MINIMUMS.items():
        assert counts[key] >= minimum, key
    assert all(counts.values())
    unlinked = Interaction.objects.for_owner(owner).filter(people__isnull=True)
    assert not unlinked.exists()


def test_heavy_is_reproducible_from_its_seed():
    first = owner_export(owner=heavy_create(today=TODAY, scale=0.01, username="one"))
    second = owner_export(owner=heavy_create(today=TODAY, scale=0.01, username="two", seed=2026))
    other = owner_export(owner=heavy_create(today=TODAY, scale=0.01, username="three", seed=7))
    first.pop("profile"), second.pop("profile"), other.pop("profile")
    # Action uids (and the snapshots naming them) differ by owner: they are unique on
    # the instance.
    for data in (first, second, other):
        for action in data["development_actions"]:
            action.pop("uid")
        for revision in data["plan_revisions"]:
            revision.pop("snapshot")
        # An access's path names the share's id on this instance.
        for access in data["share_accesses"]:
            access.pop("path")
    assert first == second
    assert first != other
