"""The role history: its rules, its owner scoping, and its editing from the profile page."""

from __future__ import annotations

import datetime as dt

import factory
import pytest
import time_machine
from django.urls import reverse

from wayfinder.core.forms import PositionForm
from wayfinder.core.models import Position
from wayfinder.core.services import (
    OwnerError,
    position_create,
    position_delete,
    position_update,
)
from wayfinder.core.tests.factories import TODAY, PositionFactory

pytestmark = pytest.mark.django_db


def _create(owner, **changes):
    fields = {"title": "Marketing Manager", "started_on": dt.date(2022, 3, 1)} | changes
    return position_create(owner=owner, today=TODAY, **fields)


def test_a_role_is_created_cleaned_and_current_without_an_end(owner):
    role = _create(owner, title="  Head of\tGrowth ", organisation=" Northwind  ")
    assert (role.title, role.organisation, role.is_current) == (
        "Head of Growth",
        "Northwind",
        True,
    )
    assert list(Position.objects.for_owner(owner).current()) == [role]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "  "}, "a role needs a title"),
        ({"title": "x" * 201}, "keep the title under 200 characters"),
        ({"ended_on": dt.date(2022, 2, 28)}, "the role ends on 28 Feb 2022, before it starts"),
        ({"started_on": TODAY + dt.timedelta(days=1)}, "after today"),
        ({"ended_on": TODAY + dt.timedelta(days=30)}, "leave it empty while you still hold"),
        ({"location": "x" * 101}, "under 100 characters"),
        ({"summary": "nul\x00byte"}, "summary"),
    ],
)
def test_a_role_that_breaks_a_rule_is_refused_with_a_sentence(owner, changes, message):
    with pytest.raises(OwnerError, match=message):
        _create(owner, **changes)
    assert not Position.objects.exists()


def test_a_role_may_end_the_day_it_starts_and_roles_may_overlap_and_both_be_current(owner):
    _create(owner, title="Interim lead", ended_on=dt.date(2022, 3, 1))
    _create(owner, title="Director", started_on=dt.date(2023, 1, 1))
    _create(owner, title="Board member", started_on=dt.date(2023, 6, 1))
    assert Position.objects.for_owner(owner).current().count() == 2


def test_the_same_role_twice_is_refused_in_words(owner):
    _create(owner, organisation="Northwind")
    with pytest.raises(OwnerError, match="you already have the role 'Marketing Manager' at"):
        _create(owner, organisation="Northwind")
    assert Position.objects.count() == 1


def test_the_history_lists_current_roles_first_then_the_most_recent(owner, outsider):
    old = _create(owner, title="Analyst", started_on=dt.date(2015, 1, 1), ended_on=TODAY)
    side = _create(owner, title="Board member", started_on=dt.date(2024, 1, 1))
    main = _create(owner, title="Director", started_on=dt.date(2020, 1, 1))
    PositionFactory(owner=outsider)
    assert list(Position.objects.for_owner(owner)) == [side, main, old]


def test_update_changes_only_what_is_given_and_checks_the_rules(owner):
    role = _create(owner)
    position_update(owner=owner, position=role, today=TODAY, ended_on=dt.date(2024, 6, 30))
    role.refresh_from_db()
    assert (role.title, role.ended_on) == ("Marketing Manager", dt.date(2024, 6, 30))
    with pytest.raises(OwnerError, match="before it starts"):
        position_update(owner=owner, position=role, today=TODAY, ended_on=dt.date(2020, 1, 1))
    with pytest.raises(TypeError, match="cannot change created_at"):
        position_update(owner=owner, position=role, today=TODAY, created_at=None)  # type: ignore[call-arg]
    role.refresh_from_db()
    assert role.ended_on == dt.date(2024, 6, 30)


def test_another_owners_role_cannot_be_changed_or_deleted(owner, outsider):
    theirs = PositionFactory(owner=outsider)
    with pytest.raises(OwnerError, match="not one of yours"):
        position_update(owner=owner, position=theirs, today=TODAY, title="Mine now")
    with pytest.raises(OwnerError, match="not one of yours"):
        position_delete(owner=owner, position=theirs)
    assert Position.objects.get().title == "Marketing Manager"


def test_the_form_says_the_end_is_before_the_start_on_the_end_field():
    form = PositionForm({"title": "Lead", "started_on": "2024-05-01", "ended_on": "2024-04-30"})
    assert not form.is_valid()
    assert form.errors == {"ended_on": ["The end date is before the start date."]}


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    with time_machine.travel(dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC), tick=False):
        yield client


def test_the_profile_page_explains_an_empty_history(signed_in):
    content = signed_in.get(reverse("core:profile")).content.decode()
    assert "Role history" in content
    assert "No roles yet." in content
    assert reverse("core:position-new") in content


def test_the_profile_page_lists_the_roles_in_bounded_queries(
    signed_in, owner, django_assert_max_num_queries
):
    PositionFactory(owner=owner, title="Director", location="London", summary="Team of 8.")
    PositionFactory(
        owner=owner,
        title="Analyst",
        organisation="Contoso",
        started_on=dt.date(2015, 1, 5),
        ended_on=dt.date(2019, 12, 20),
    )
    with django_assert_max_num_queries(12) as first:
        content = signed_in.get(reverse("core:profile")).content.decode()
    assert "Director, Northwind" in content and "Mar 2022 – now · London" in content
    assert "Analyst, Contoso" in content and "Jan 2015 – Dec 2019" in content
    assert "Team of 8." in content
    PositionFactory.create_batch(
        5,
        owner=owner,
        title="More",
        started_on=dt.date(2010, 1, 1),
        organisation=factory.Sequence(lambda n: f"Org {n}"),
    )
    with django_assert_max_num_queries(len(first)):
        signed_in.get(reverse("core:profile"))


def test_add_a_role_from_the_profile_page(signed_in, owner):
    assert signed_in.get(reverse("core:position-new")).status_code == 200
    response = signed_in.post(
        reverse("core:position-new"),
        {
            "title": "Head of Growth",
            "organisation": "Northwind",
            "started_on": "2025-02-03",
            "highlight_wins": "on",
        },
    )
    assert response["Location"] == reverse("core:profile") + "#roles"
    role = Position.objects.for_owner(owner).get()
    assert (role.title, role.started_on, role.ended_on, role.highlight_wins) == (
        "Head of Growth",
        dt.date(2025, 2, 3),
        None,
        True,
    )
    page = signed_in.get(response["Location"]).content.decode()
    assert "“Head of Growth, Northwind” is in your role history." in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "started_on": "2025-02-03"}, "This field is required."),
        ({"title": "Lead", "started_on": ""}, "This field is required."),
        ({"title": "Lead", "started_on": "3 Feb"}, "Enter a valid date."),
        (
            {"title": "Lead", "started_on": "2025-02-03", "ended_on": "2025-01-01"},
            "The end date is before the start date.",
        ),
        ({"title": "Lead", "started_on": "2027-02-03"}, "after today: add it once it has begun"),
    ],
)
def test_a_bad_role_re_renders_with_the_reason_and_saves_nothing(signed_in, data, message):
    response = signed_in.post(reverse("core:position-new"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Position.objects.exists()


def test_a_duplicate_role_is_refused_on_the_page(signed_in, owner):
    PositionFactory(owner=owner, title="Lead", organisation="", started_on=dt.date(2025, 2, 3))
    response = signed_in.post(
        reverse("core:position-new"), {"title": "Lead", "started_on": "2025-02-03"}
    )
    assert response.status_code == 200
    assert "You already have the role" in response.content.decode()
    assert Position.objects.count() == 1


def test_edit_a_role_to_end_it(signed_in, owner):
    role = PositionFactory(owner=owner)
    url = reverse("core:position-edit", args=[role.pk])
    form = signed_in.get(url).content.decode()
    assert 'value="2022-03-01"' in form and 'name="version"' in form
    response = signed_in.post(
        url,
        {
            "title": role.title,
            "organisation": role.organisation,
            "started_on": "2022-03-01",
            "ended_on": "2026-10-31",
        },
    )
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.ended_on == dt.date(2026, 10, 31)
    assert role.highlight_wins is False  # an unticked box is off


def test_a_stale_edit_is_refused(signed_in, owner):
    role = PositionFactory(owner=owner)
    url = reverse("core:position-edit", args=[role.pk])
    opened = signed_in.get(url).context["form"]["version"].value()
    # Saved elsewhere a moment later (the clock is frozen here, so the moment is given).
    later = role.updated_at + dt.timedelta(seconds=1)
    Position.objects.filter(pk=role.pk).update(title="Changed elsewhere", updated_at=later)
    response = signed_in.post(url, {"title": "Mine", "started_on": "2022-03-01", "version": opened})
    assert response.status_code == 200
    assert "changed elsewhere since you opened it" in response.content.decode()
    role.refresh_from_db()
    assert role.title == "Changed elsewhere"


def test_delete_a_role_after_confirming(signed_in, owner):
    role = PositionFactory(owner=owner)
    url = reverse("core:position-delete", args=[role.pk])
    page = signed_in.get(url).content.decode()
    assert "Delete this role?" in page and "Your wins from that time stay" in page
    response = signed_in.post(url)
    assert response["Location"] == reverse("core:profile") + "#roles"
    assert not Position.objects.exists()


@pytest.mark.parametrize("name", ["core:position-edit", "core:position-delete"])
def test_another_owners_role_is_a_404_and_stays(signed_in, outsider, name):
    theirs = PositionFactory(owner=outsider)
    url = reverse(name, args=[theirs.pk])
    assert signed_in.get(url).status_code == 404
    assert signed_in.post(url, {"title": "Mine", "started_on": "2022-03-01"}).status_code == 404
    assert Position.objects.get().title == "Marketing Manager"


def test_the_profile_saves_the_resume_summary(signed_in, owner):
    data = {
        "display_name": "Dana",
        "current_title": "Director",
        "level": "D1",
        "seniority": "director",
        "function": "Marketing",
        "organisation": "Northwind",
        "summary": "I build teams that learn fast.",
        "time_zone": "Europe/London",
    }
    assert signed_in.post(reverse("core:profile"), data).status_code == 302
    owner.refresh_from_db()
    assert owner.summary == "I build teams that learn fast."
