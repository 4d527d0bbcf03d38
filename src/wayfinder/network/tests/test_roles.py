import datetime as dt

import pytest

from wayfinder.network.models import PersonRole, Role
from wayfinder.network.selectors import active_mentors, people_list, sponsors
from wayfinder.network.services import NetworkError, role_assign, role_end
from wayfinder.network.tests.factories import (
    InteractionFactory,
    PersonFactory,
    PersonRoleFactory,
)

pytestmark = pytest.mark.django_db


def test_a_person_can_hold_several_roles(owner, today):
    person = PersonFactory(owner=owner)
    role_assign(owner=owner, person=person, role=Role.MENTOR, started_on=today)
    role_assign(owner=owner, person=person, role=Role.SPONSOR)
    assert sorted(person.roles.values_list("role", flat=True)) == ["mentor", "sponsor"]


def test_a_role_held_now_cannot_be_assigned_twice(owner):
    person = PersonFactory(owner=owner, name="Sam")
    role_assign(owner=owner, person=person, role=Role.MENTOR)
    with pytest.raises(NetworkError, match="Sam is already your mentor"):
        role_assign(owner=owner, person=person, role=Role.MENTOR)
    assert person.roles.count() == 1


def test_an_ended_role_can_be_taken_up_again_on_the_same_row(owner, today):
    person = PersonFactory(owner=owner)
    first = role_assign(owner=owner, person=person, role=Role.MENTOR)
    role_end(owner=owner, person=person, role=Role.MENTOR, today=today)
    again = role_assign(owner=owner, person=person, role=Role.MENTOR, started_on=today)
    assert again.pk == first.pk
    assert (again.started_on, again.ended_on) == (today, None)


def test_role_assign_refuses_unknown_roles_and_others_people(owner, outsider):
    with pytest.raises(NetworkError, match="unknown role 'guru'"):
        role_assign(owner=owner, person=PersonFactory(owner=owner), role="guru")
    with pytest.raises(NetworkError, match="person is not one of yours"):
        role_assign(owner=owner, person=PersonFactory(owner=outsider), role=Role.MENTOR)
    assert not PersonRole.objects.exists()


def test_role_end_dates_the_role_and_refuses_what_cannot_end(owner, outsider, today):
    person = PersonFactory(owner=owner, name="Sam")
    with pytest.raises(NetworkError, match="Sam is not your sponsor"):
        role_end(owner=owner, person=person, role=Role.SPONSOR, today=today)
    role_assign(owner=owner, person=person, role=Role.MENTOR, started_on=today)
    with pytest.raises(NetworkError, match="cannot end before that"):
        role_end(owner=owner, person=person, role=Role.MENTOR, today=today - dt.timedelta(1))
    ended = role_end(owner=owner, person=person, role=Role.MENTOR, today=today)
    assert ended.ended_on == today
    with pytest.raises(NetworkError, match="is not your mentor"):
        role_end(owner=owner, person=person, role=Role.MENTOR, today=today)
    theirs = PersonRoleFactory(owner=outsider, role=Role.MENTOR)
    with pytest.raises(NetworkError, match="not one of yours"):
        role_end(owner=owner, person=theirs.person, role=Role.MENTOR, today=today)


def test_active_mentors_on_a_day(owner, outsider, today):
    current = PersonRoleFactory(owner=owner, role=Role.MENTOR, person__name="A").person
    PersonRoleFactory(owner=owner, role=Role.MENTOR, ended_on=today)
    PersonRoleFactory(owner=owner, role=Role.MENTOR, started_on=today + dt.timedelta(days=1))
    PersonRoleFactory(owner=owner, role=Role.MENTOR, person__is_active=False)
    PersonRoleFactory(owner=owner, role=Role.SPONSOR)
    PersonRoleFactory(owner=outsider, role=Role.MENTOR)
    ends_later = PersonRoleFactory(
        owner=owner, role=Role.MENTOR, person__name="B", ended_on=today + dt.timedelta(days=1)
    ).person
    InteractionFactory(owner=owner, people=[current], occurred_on=today - dt.timedelta(days=3))
    mentors = list(active_mentors(owner=owner, today=today))
    assert mentors == [current, ends_later]
    assert mentors[0].last_interaction_on == today - dt.timedelta(days=3)
    assert mentors[1].last_interaction_on is None


@pytest.mark.parametrize(("level", "counts"), [(1, False), (2, True), (3, True)])
def test_a_sponsor_must_be_two_levels_up(owner, today, level, counts):
    sponsor = PersonRoleFactory(owner=owner, role=Role.SPONSOR, person__relative_level=level)
    assert (sponsor.person in sponsors(owner=owner, today=today)) is counts


def test_sponsors_leave_out_ended_roles_archived_people_and_others(owner, outsider, today):
    kept = PersonRoleFactory(owner=owner, role=Role.SPONSOR, person__relative_level=3).person
    PersonRoleFactory(owner=owner, role=Role.SPONSOR, person__relative_level=3, ended_on=today)
    PersonRoleFactory(
        owner=owner, role=Role.SPONSOR, person__relative_level=3, person__is_active=False
    )
    PersonRoleFactory(owner=outsider, role=Role.SPONSOR, person__relative_level=3)
    assert list(sponsors(owner=owner, today=today)) == [kept]
    assert list(sponsors(owner=owner, today=today, min_levels_above=4)) == []


def test_people_list_filters_by_current_role_level_and_function(owner, outsider, today):
    mentor = PersonRoleFactory(owner=owner, role=Role.MENTOR, person__function="Finance").person
    PersonRoleFactory(owner=owner, role=Role.MENTOR, ended_on=today)
    peer = PersonFactory(owner=owner, relative_level=0, function="Marketing")
    archived = PersonFactory(owner=owner, is_active=False)
    PersonRoleFactory(owner=outsider, role=Role.MENTOR)
    assert list(people_list(owner=owner, today=today, role=Role.MENTOR)) == [mentor]
    assert list(people_list(owner=owner, today=today, level=0)) == [peer]
    assert list(people_list(owner=owner, today=today, function="finance")) == [mentor]
    assert archived not in people_list(owner=owner, today=today)
    assert archived in people_list(owner=owner, today=today, include_archived=True)
    with pytest.raises(NetworkError, match="unknown role"):
        people_list(owner=owner, today=today, role="guru")


def test_people_list_runs_two_queries_whatever_the_number(owner, today, django_assert_num_queries):
    def make(n):
        for _ in range(n):
            role = PersonRoleFactory(owner=owner, role=Role.MENTOR)
            PersonRoleFactory(owner=owner, person=role.person, role=Role.SPONSOR)
            InteractionFactory(owner=owner, people=[role.person], occurred_on=today)

    make(2)
    with django_assert_num_queries(2):
        people = list(people_list(owner=owner, today=today))
        assert [len(p.current_roles) for p in people] == [2, 2]
        assert {p.last_interaction_on for p in people} == {today}
    make(10)
    with django_assert_num_queries(2):
        assert sum(len(p.current_roles) for p in people_list(owner=owner, today=today)) == 24
