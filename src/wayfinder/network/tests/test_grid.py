import pytest

from wayfinder.network.models import Role
from wayfinder.network.selectors import network_breadth, people_grid
from wayfinder.network.tests.factories import PersonFactory, PersonRoleFactory

pytestmark = pytest.mark.django_db


def test_people_grid_places_people_by_level_and_function_with_marks(owner, outsider, today):
    cro = PersonFactory(owner=owner, name="Cro", relative_level=3, function="Sales")
    PersonRoleFactory(owner=owner, person=cro, role=Role.SPONSOR)
    PersonRoleFactory(owner=owner, person=cro, role=Role.STAKEHOLDER)
    PersonRoleFactory(owner=owner, person=cro, role=Role.MENTOR, ended_on=today)
    manager = PersonFactory(owner=owner, name="Boss", relative_level=1, function="Marketing")
    PersonRoleFactory(owner=owner, person=manager, role=Role.MANAGER)
    rep = PersonFactory(owner=owner, name="Rep", relative_level=3, function="sales")
    loose = PersonFactory(owner=owner, name="Loose", relative_level=-1, function="")
    PersonFactory(owner=owner, relative_level=5, is_active=False)
    PersonFactory(owner=outsider, relative_level=6)
    grid = people_grid(owner=owner, today=today)
    assert grid.levels == [3, 1, -1]
    assert grid.functions == ["Marketing", "Sales", ""]
    assert [(c.person, c.marks) for c in grid.cell(3, "Sales")] == [
        (cro, ("sponsor", "stakeholder")),
        (rep, ()),
    ]
    assert [(c.person, c.marks) for c in grid.cell(1, "Marketing")] == [(manager, ())]
    assert [c.person for c in grid.cell(-1, "")] == [loose]
    assert grid.cell(1, "Sales") == []


@pytest.mark.parametrize(
    ("own", "functions"),
    [
        ("sales", ["Sales", "Finance", "Marketing", ""]),
        ("  Marketing ", ["Marketing", "Finance", "Sales", ""]),
        ("", ["Finance", "Marketing", "Sales", ""]),
        ("Legal", ["Finance", "Marketing", "Sales", ""]),
    ],
)
def test_the_owners_own_function_comes_first_in_the_grid(owner, today, own, functions):
    owner.function = own
    owner.save()
    for function in ("Marketing", "Sales", "Finance", ""):
        PersonFactory(owner=owner, function=function)
    assert people_grid(owner=owner, today=today).functions == functions


def test_people_grid_is_two_queries_whatever_the_number(owner, today, django_assert_num_queries):
    PersonRoleFactory.create_batch(3, owner=owner, role=Role.MENTOR)
    with django_assert_num_queries(2):
        assert sum(len(v) for v in people_grid(owner=owner, today=today).cells.values()) == 3
    PersonRoleFactory.create_batch(20, owner=owner, role=Role.SPONSOR)
    with django_assert_num_queries(2):
        assert sum(len(v) for v in people_grid(owner=owner, today=today).cells.values()) == 23


def test_network_breadth_counts_levels_and_other_functions(owner, outsider):
    owner.function = "Marketing"
    PersonFactory(owner=owner, relative_level=1, function="marketing")
    PersonFactory(owner=owner, relative_level=0, function="Sales")
    PersonFactory(owner=owner, relative_level=2, function="sales")
    PersonFactory(owner=owner, relative_level=2, function="Finance")
    PersonFactory(owner=owner, relative_level=-1, function="")
    PersonFactory(owner=owner, relative_level=4, function="Legal", is_active=False)
    PersonFactory(owner=outsider, relative_level=5, function="Product")
    breadth = network_breadth(owner=owner)
    assert breadth.levels == [2, 1, 0, -1]
    assert breadth.other_functions == ["Finance", "Sales"]


def test_network_breadth_of_an_empty_network(owner, django_assert_num_queries):
    with django_assert_num_queries(1):
        breadth = network_breadth(owner=owner)
    assert (breadth.levels, breadth.other_functions) == ([], [])
