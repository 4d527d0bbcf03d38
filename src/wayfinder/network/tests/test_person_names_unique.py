"""One person per name (any case) per owner, held by the database (issue 8, §3.4)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wayfinder.network import services
from wayfinder.network.models import Person
from wayfinder.network.services import NetworkError, person_create, person_update
from wayfinder.network.tests.factories import PersonFactory


@pytest.mark.django_db
def test_person_create_that_loses_a_race_is_told_in_a_sentence(owner, monkeypatch):
    PersonFactory(owner=owner, name="Ada Okafor")
    # As if another writer added her between the name check and the insert.
    monkeypatch.setattr(services, "_clean_name", lambda owner, name, exclude=None: name)

    with pytest.raises(NetworkError, match="already someone called 'ADA OKAFOR'"):
        person_create(owner=owner, name="ADA OKAFOR")

    assert Person.objects.for_owner(owner).count() == 1


@pytest.mark.django_db
def test_a_rename_that_loses_a_race_is_told_in_a_sentence(owner, monkeypatch):
    PersonFactory(owner=owner, name="Ada Okafor")
    other = PersonFactory(owner=owner, name="Ben Ito")
    monkeypatch.setattr(services, "_clean_name", lambda owner, name, exclude=None: name)

    with pytest.raises(NetworkError, match="already someone called 'ada okafor'"):
        person_update(owner=owner, person=other, name="ada okafor")

    other.refresh_from_db()
    assert other.name == "Ben Ito"


@pytest.mark.django_db
def test_two_owners_may_each_know_someone_of_one_name(owner, outsider):
    person_create(owner=owner, name="Ada Okafor")
    person_create(owner=outsider, name="Ada Okafor")

    assert Person.objects.filter(name="Ada Okafor").count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_migration_tells_apart_people_who_share_a_name():
    before = [("network", "0001_initial")]
    after = [("network", "0003_person_unique_name_per_owner")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    state = executor.loader.project_state(before)
    apps = state.apps
    user = apps.get_model("auth", "User").objects.create(username="dup")
    profile = apps.get_model("core", "Profile").objects.create(user=user)
    people = apps.get_model("network", "Person")
    for name in ["Ada Okafor", "ada okafor", "ADA OKAFOR", "Ada Okafor (2)", "Ben Ito"]:
        people.objects.create(owner=profile, name=name)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)

    then = executor.loader.project_state(after).apps.get_model("network", "Person")
    names = set(then.objects.filter(owner_id=profile.pk).values_list("name", flat=True))
    # Later migrations add columns: leave the database as the other tests expect it.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    # The first keeps the name; the later ones get the next number not already taken.
    assert names == {"Ada Okafor", "ada okafor (3)", "ADA OKAFOR (4)", "Ada Okafor (2)", "Ben Ito"}
