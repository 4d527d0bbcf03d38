import pytest

from wayfinder.network.models import Influence, Person
from wayfinder.network.services import (
    AmbiguousPerson,
    NetworkError,
    person_archive,
    person_create,
    person_delete,
    person_find_or_create,
    person_restore,
    person_update,
)
from wayfinder.network.tests.factories import InteractionFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_person_create_cleans_and_stores_every_field(owner):
    person = person_create(
        owner=owner,
        name="  Priya   Raman ",
        title="VP Sales ",
        function=" Sales  Ops",
        relative_level=2,
        influence=Influence.HIGH,
        cadence_days=30,
        email="priya@example.com",
        private_notes=" careful ",
    )
    person.refresh_from_db()
    assert (person.name, person.title, person.function) == ("Priya Raman", "VP Sales", "Sales Ops")
    assert (person.relative_level, person.influence, person.cadence_days) == (2, "high", 30)
    assert person.private_notes == "careful"
    assert person.owner == owner and person.is_active


@pytest.mark.parametrize("level", [-5, 0, 6])
def test_relative_level_within_range_is_accepted(owner, level):
    assert person_create(owner=owner, name="A", relative_level=level).relative_level == level


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"relative_level": -6}, "between -5 and \\+6"),
        ({"relative_level": 7}, "between -5 and \\+6"),
        ({"relative_level": "2"}, "whole number"),
        ({"cadence_days": 0}, "positive number of days"),
        ({"cadence_days": -30}, "positive number of days"),
        ({"cadence_days": 4000}, "under 3650"),
        ({"influence": "huge"}, "unknown influence 'huge'"),
        ({"email": "not-an-email"}, "not an email address"),
        ({"name": "   "}, "needs a name"),
        ({"name": "x" * 201}, "under 200"),
    ],
)
def test_person_create_refuses_bad_input_and_writes_nothing(owner, fields, message):
    with pytest.raises(NetworkError, match=message):
        person_create(owner=owner, **{"name": "Alex", **fields})
    assert not Person.objects.for_owner(owner).exists()


def test_a_name_is_taken_once_per_owner_in_any_case(owner, outsider):
    PersonFactory(owner=owner, name="Priya Raman")
    with pytest.raises(NetworkError, match="already someone called 'priya raman'"):
        person_create(owner=owner, name="priya  raman")
    assert person_create(owner=outsider, name="Priya Raman").owner == outsider


def test_person_update_changes_only_given_fields(owner):
    person = PersonFactory(owner=owner, name="Sam", cadence_days=30, relative_level=1)
    person_update(owner=owner, person=person, relative_level=3, cadence_days=None, title=" CRO ")
    person.refresh_from_db()
    assert (person.relative_level, person.cadence_days, person.title) == (3, None, "CRO")
    assert person.name == "Sam" and person.function == "Sales"


def test_person_update_keeps_own_name_but_refuses_anothers(owner):
    PersonFactory(owner=owner, name="Jo Park")
    person = PersonFactory(owner=owner, name="Sam")
    person_update(owner=owner, person=person, name="SAM")
    assert person.name == "SAM"
    with pytest.raises(NetworkError, match="already someone called"):
        person_update(owner=owner, person=person, name="jo park")


def test_person_update_refuses_bad_input_others_people_and_unknown_fields(owner, outsider):
    person = PersonFactory(owner=owner, relative_level=1)
    with pytest.raises(NetworkError, match="between -5 and"):
        person_update(owner=owner, person=person, relative_level=9)
    with pytest.raises(NetworkError, match="positive number"):
        person_update(owner=owner, person=person, cadence_days=0)
    with pytest.raises(TypeError, match="is_active"):
        person_update(owner=owner, person=person, is_active=False)
    theirs = PersonFactory(owner=outsider, title="Theirs")
    with pytest.raises(NetworkError, match="person is not one of yours"):
        person_update(owner=owner, person=theirs, title="Mine")
    person.refresh_from_db()
    theirs.refresh_from_db()
    assert (person.relative_level, theirs.title) == (1, "Theirs")


def test_archive_and_restore(owner, outsider):
    person = PersonFactory(owner=owner)
    person_archive(owner=owner, person=person)
    person.refresh_from_db()
    assert not person.is_active
    person_restore(owner=owner, person=person)
    person.refresh_from_db()
    assert person.is_active
    theirs = PersonFactory(owner=outsider)
    with pytest.raises(NetworkError, match="not one of yours"):
        person_archive(owner=owner, person=theirs)
    theirs.refresh_from_db()
    assert theirs.is_active


def test_delete_forgets_the_person_but_keeps_shared_interactions(owner, outsider):
    gone, stays = PersonFactory(owner=owner), PersonFactory(owner=owner)
    interaction = InteractionFactory(owner=owner, people=[gone, stays])
    person_delete(owner=owner, person=gone)
    assert not Person.objects.filter(pk=gone.pk).exists()
    assert list(interaction.people.all()) == [stays]
    theirs = PersonFactory(owner=outsider)
    with pytest.raises(NetworkError, match="not one of yours"):
        person_delete(owner=owner, person=theirs)
    assert Person.objects.filter(pk=theirs.pk).exists()


def test_find_or_create_finds_any_spelling_of_a_known_name(owner, outsider):
    known = PersonFactory(owner=owner, name="Priya Raman")
    PersonFactory(owner=outsider, name="Jo Park")
    assert person_find_or_create(owner=owner, name=" priya   RAMAN ") == known
    created = person_find_or_create(owner=owner, name="Jo Park")
    assert created.owner == owner and created != known
    assert Person.objects.for_owner(owner).count() == 2


def test_find_or_create_suggests_close_names_unless_new_is_allowed(owner):
    PersonFactory(owner=owner, name="Priya Raman")
    with pytest.raises(AmbiguousPerson) as raised:
        person_find_or_create(owner=owner, name="Priya")
    assert raised.value.suggestions == ["Priya Raman"]
    assert "did you mean 'Priya Raman'" in str(raised.value)
    assert Person.objects.for_owner(owner).count() == 1
    assert person_find_or_create(owner=owner, name="Priya", allow_new=True).name == "Priya"


def test_find_or_create_needs_a_name(owner):
    with pytest.raises(NetworkError, match="needs a name"):
        person_find_or_create(owner=owner, name="  ")
