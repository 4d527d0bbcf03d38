import datetime as dt

import pytest

from wayfinder.network.models import Interaction, InteractionKind
from wayfinder.network.selectors import interaction_list, interactions_for_person
from wayfinder.network.services import (
    NetworkError,
    interaction_delete,
    interaction_kind_parse,
    interaction_log,
    interaction_update,
)
from wayfinder.network.tests.factories import InteractionFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("1:1", "one_on_one"),
        ("One-On-One", "one_on_one"),
        ("coffee", "coffee"),
        ("info", "informational"),
        ("sponsor_check-in", "sponsor"),
        ("call", "message"),
        (" Mentoring ", "mentoring"),
    ],
)
def test_kind_parse_reads_what_people_type(typed, kind):
    assert interaction_kind_parse(typed) == kind


def test_kind_parse_lists_the_kinds_on_a_typo():
    with pytest.raises(NetworkError, match="unknown kind 'cofee': use one of 1:1, coffee"):
        interaction_kind_parse("cofee")


def test_interaction_log_stores_people_and_details(owner, today):
    a, b = PersonFactory(owner=owner), PersonFactory(owner=owner)
    interaction = interaction_log(
        owner=owner,
        people=[a, b],
        occurred_on=today,
        kind=InteractionKind.COFFEE,
        notes="Talked pricing",
        follow_ups="Send deck",
        follow_up_due=today + dt.timedelta(days=7),
    )
    interaction.refresh_from_db()
    assert set(interaction.people.all()) == {a, b}
    assert (interaction.kind, interaction.notes, interaction.follow_ups) == (
        "coffee",
        "Talked pricing",
        "Send deck",
    )


def test_interaction_log_defaults_to_other(owner, today):
    interaction = interaction_log(
        owner=owner, people=[PersonFactory(owner=owner)], occurred_on=today
    )
    assert interaction.kind == InteractionKind.OTHER


def test_interaction_log_refuses_no_people_and_others_people(owner, outsider, today):
    with pytest.raises(NetworkError, match="at least one person"):
        interaction_log(owner=owner, people=[], occurred_on=today)
    mine, theirs = PersonFactory(owner=owner), PersonFactory(owner=outsider)
    with pytest.raises(NetworkError, match="only involve your own people"):
        interaction_log(owner=owner, people=[mine, theirs], occurred_on=today)
    assert not Interaction.objects.exists()


def test_interaction_update_changes_given_fields_and_people(owner, today):
    a, b = PersonFactory(owner=owner), PersonFactory(owner=owner)
    interaction = InteractionFactory(owner=owner, people=[a], notes="Old")
    interaction_update(
        owner=owner,
        interaction=interaction,
        people=[b],
        kind=InteractionKind.MENTORING,
        occurred_on=today - dt.timedelta(days=2),
    )
    interaction.refresh_from_db()
    assert list(interaction.people.all()) == [b]
    assert (interaction.kind, interaction.notes) == ("mentoring", "Old")
    assert interaction.occurred_on == today - dt.timedelta(days=2)


def test_interaction_update_refuses_bad_input(owner, outsider):
    person = PersonFactory(owner=owner)
    interaction = InteractionFactory(owner=owner, people=[person])
    with pytest.raises(NetworkError, match="at least one person"):
        interaction_update(owner=owner, interaction=interaction, people=[])
    with pytest.raises(NetworkError, match="only involve your own people"):
        interaction_update(
            owner=owner, interaction=interaction, people=[PersonFactory(owner=outsider)]
        )
    with pytest.raises(NetworkError, match="unknown kind 'party'"):
        interaction_update(owner=owner, interaction=interaction, kind="party")
    with pytest.raises(TypeError, match="owner_id"):
        interaction_update(owner=owner, interaction=interaction, owner_id=outsider.id)
    theirs = InteractionFactory(owner=outsider, notes="Theirs")
    with pytest.raises(NetworkError, match="interaction is not one of yours"):
        interaction_update(owner=owner, interaction=theirs, notes="Mine")
    theirs.refresh_from_db()
    assert theirs.notes == "Theirs"
    assert list(interaction.people.all()) == [person]


def test_interaction_delete_keeps_the_people(owner, outsider):
    person = PersonFactory(owner=owner)
    interaction = InteractionFactory(owner=owner, people=[person])
    interaction_delete(owner=owner, interaction=interaction)
    assert not Interaction.objects.filter(pk=interaction.pk).exists()
    assert person.__class__.objects.filter(pk=person.pk).exists()
    theirs = InteractionFactory(owner=outsider)
    with pytest.raises(NetworkError, match="not one of yours"):
        interaction_delete(owner=owner, interaction=theirs)
    assert Interaction.objects.filter(pk=theirs.pk).exists()


def test_interaction_list_filters_by_date_and_kind(owner, outsider, today):
    old = InteractionFactory(owner=owner, occurred_on=today - dt.timedelta(days=40))
    recent = InteractionFactory(owner=owner, occurred_on=today, kind=InteractionKind.MENTORING)
    edge = InteractionFactory(owner=owner, occurred_on=today - dt.timedelta(days=30))
    InteractionFactory(owner=outsider, occurred_on=today)
    assert list(interaction_list(owner=owner)) == [recent, edge, old]
    assert list(interaction_list(owner=owner, since=today - dt.timedelta(days=30))) == [
        recent,
        edge,
    ]
    assert list(interaction_list(owner=owner, kind="mentoring")) == [recent]
    with pytest.raises(NetworkError, match="unknown kind"):
        interaction_list(owner=owner, kind="party")


def test_interaction_list_is_two_queries_whatever_the_number(owner, django_assert_num_queries):
    people = PersonFactory.create_batch(3, owner=owner)
    InteractionFactory.create_batch(2, owner=owner, people=people)
    with django_assert_num_queries(2):
        assert [len(i.people.all()) for i in interaction_list(owner=owner)] == [3, 3]
    InteractionFactory.create_batch(15, owner=owner, people=people)
    with django_assert_num_queries(2):
        assert len([i.people.all() for i in interaction_list(owner=owner)]) == 17


def test_interactions_for_person_only_theirs_and_only_yours(owner, outsider, today):
    person, other = PersonFactory(owner=owner), PersonFactory(owner=owner)
    with_both = InteractionFactory(owner=owner, people=[person, other], occurred_on=today)
    InteractionFactory(owner=owner, people=[other])
    found = list(interactions_for_person(owner=owner, person=person))
    assert found == [with_both]
    assert set(found[0].people.all()) == {person, other}
    with pytest.raises(NetworkError, match="not one of yours"):
        interactions_for_person(owner=owner, person=PersonFactory(owner=outsider))
