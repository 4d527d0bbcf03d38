import datetime as dt

import pytest
from django.urls import reverse

from wayfinder.core.web import today_for
from wayfinder.network.models import Interaction
from wayfinder.network.tests.factories import InteractionFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_empty_state_offers_the_first_action(signed_in):
    content = signed_in.get(reverse("network:interactions")).content.decode()
    assert "Log your first interaction" in content


def test_log_with_several_people(signed_in, owner):
    ana, ben = PersonFactory(owner=owner, name="Ana"), PersonFactory(owner=owner, name="Ben")
    response = signed_in.post(
        reverse("network:interaction-new"),
        {
            "people": [ana.pk, ben.pk],
            "occurred_on": "2026-11-02",
            "kind": "informational",
            "notes": "What finance likes about its work",
            "follow_up_due": "2026-12-01",
        },
    )
    interaction = Interaction.objects.for_owner(owner).get()
    assert response["Location"] == interaction.get_absolute_url()
    assert set(interaction.people.all()) == {ana, ben}
    assert interaction.follow_up_due == dt.date(2026, 12, 1)
    detail = signed_in.get(interaction.get_absolute_url()).content.decode()
    assert "Ana" in detail and "Ben" in detail


def test_new_form_preselects_the_person_and_today(signed_in, owner):
    person = PersonFactory(owner=owner)
    content = signed_in.get(
        reverse("network:interaction-new"), {"person": person.pk}
    ).content.decode()
    assert f'value="{person.pk}" checked' in content
    assert f'value="{today_for(owner).isoformat()}"' in content


def test_no_people_is_refused_and_the_notes_kept(signed_in, owner):
    response = signed_in.post(
        reverse("network:interaction-new"),
        {"occurred_on": "2026-11-02", "kind": "coffee", "notes": "Typed notes"},
    )
    content = response.content.decode()
    assert "This field is required" in content and "Typed notes" in content
    assert not Interaction.objects.exists()


def test_an_outsiders_person_cannot_be_chosen(signed_in, owner, outsider):
    foreign = PersonFactory(owner=outsider)
    response = signed_in.post(
        reverse("network:interaction-new"),
        {"people": [foreign.pk], "occurred_on": "2026-11-02", "kind": "coffee"},
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Interaction.objects.exists()


def test_filters_by_kind_and_period_as_a_fragment(signed_in, owner):
    person = PersonFactory(owner=owner)
    today = today_for(owner)
    InteractionFactory(owner=owner, people=[person], kind="coffee", notes="Recent coffee")
    InteractionFactory(
        owner=owner,
        people=[person],
        kind="coffee",
        notes="Old coffee",
        occurred_on=today - dt.timedelta(days=100),
    )
    InteractionFactory(owner=owner, people=[person], kind="mentoring", notes="Mentoring chat")
    response = signed_in.get(
        reverse("network:interactions"), {"kind": "coffee", "period": "90"}, headers=HX
    )
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="interaction-list">')
    assert "Recent coffee" in content
    assert "Old coffee" not in content and "Mentoring chat" not in content


HX = {"HX-Request": "true"}


def test_edit_and_delete(signed_in, owner):
    ana, ben = PersonFactory(owner=owner), PersonFactory(owner=owner)
    interaction = InteractionFactory(owner=owner, people=[ana])
    edit = reverse("network:interaction-edit", args=[interaction.pk])
    assert f'value="{ana.pk}" checked' in signed_in.get(edit).content.decode()
    signed_in.post(
        edit, {"people": [ben.pk], "occurred_on": "2026-10-01", "kind": "event", "notes": "Fixed"}
    )
    interaction.refresh_from_db()
    assert list(interaction.people.all()) == [ben]
    assert (interaction.kind, interaction.notes) == ("event", "Fixed")
    response = signed_in.post(reverse("network:interaction-delete", args=[interaction.pk]))
    assert response["Location"] == reverse("network:interactions")
    assert not Interaction.objects.exists()


@pytest.mark.parametrize("name", ["interaction", "interaction-edit", "interaction-delete"])
def test_another_owners_interaction_is_not_found(signed_in, owner, outsider, name):
    interaction = InteractionFactory(owner=outsider, notes="Theirs")
    url = reverse(f"network:{name}", args=[interaction.pk])
    assert signed_in.get(url).status_code == 404
    mine = PersonFactory(owner=owner)
    data = {"people": [mine.pk], "occurred_on": "2026-11-02", "kind": "coffee", "notes": "Mine"}
    assert signed_in.post(url, data).status_code == 404
    interaction.refresh_from_db()
    assert interaction.notes == "Theirs"


def test_list_query_count_is_fixed(signed_in, owner, django_assert_max_num_queries):
    def grow(size):
        for _ in range(size):
            InteractionFactory(owner=owner, people=PersonFactory.create_batch(2, owner=owner))

    grow(2)
    with django_assert_max_num_queries(6):
        signed_in.get(reverse("network:interactions"))
    grow(40)
    with django_assert_max_num_queries(6):
        signed_in.get(reverse("network:interactions"))
