import pytest
from django.urls import reverse

from wayfinder.network.models import Person, Role
from wayfinder.network.tests.factories import InteractionFactory, PersonFactory, PersonRoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_empty_grid_explains_the_network(signed_in):
    content = signed_in.get(reverse("network:people")).content.decode()
    assert "Who is in your working world?" in content
    assert "Add your first person" in content


def test_grid_places_people_by_level_band_and_function_with_marked_roles(signed_in, owner):
    vp = PersonFactory(owner=owner, name="Vera Vice", function="Finance", relative_level=4)
    PersonRoleFactory(owner=owner, person=vp, role=Role.SPONSOR)
    report = PersonFactory(owner=owner, name="Ray Report", function="Marketing", relative_level=-2)
    PersonFactory(owner=owner, name="Gone Person", is_active=False)
    content = signed_in.get(reverse("network:people")).content.decode()
    assert "+3 and up" in content and "-1 and below" in content
    assert content.index("Vera Vice") < content.index(report.name)
    assert '<span class="badge badge-role-sponsor">Sponsor</span>' in content
    assert "Gone Person" not in content
    assert "Finance" in content and "(yours)" in content


def test_list_filters_by_role_level_and_function_as_a_fragment(signed_in, owner):
    mentor = PersonFactory(owner=owner, name="Mia Mentor", relative_level=0, function="Sales")
    PersonRoleFactory(owner=owner, person=mentor, role=Role.MENTOR)
    PersonFactory(owner=owner, name="Sam Peer", relative_level=0, function="Sales")
    PersonFactory(owner=owner, name="Una Up", relative_level=2, function="Legal")
    url = reverse("network:people-list")
    response = signed_in.get(url, {"role": "mentor"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="people-list">')
    assert "Mia Mentor" in content and "Sam Peer" not in content
    content = signed_in.get(url, {"level": "0"}).content.decode()
    assert "Sam Peer" in content and "Una Up" not in content
    content = signed_in.get(url, {"function": "Legal"}).content.decode()
    assert "Una Up" in content and "Mia Mentor" not in content


def test_list_hides_archived_unless_asked(signed_in, owner):
    PersonFactory(owner=owner, name="Old Friend", is_active=False)
    url = reverse("network:people-list")
    assert "Old Friend" not in signed_in.get(url).content.decode()
    assert "Old Friend" in signed_in.get(url, {"archived": "on"}).content.decode()


def test_add_a_person(signed_in, owner):
    response = signed_in.post(
        reverse("network:person-new"),
        {
            "name": "  Priya   Shah ",
            "title": "CRO",
            "function": "Sales",
            "relative_level": "3",
            "influence": "high",
            "cadence_days": "30",
            "private_notes": "Might hire me one day.",
        },
    )
    person = Person.objects.for_owner(owner).get()
    assert response["Location"] == person.get_absolute_url()
    assert (person.name, person.relative_level, person.cadence_days) == ("Priya Shah", 3, 30)
    assert person.private_notes == "Might hire me one day."


def test_a_taken_name_is_refused_and_the_form_kept(signed_in, owner):
    PersonFactory(owner=owner, name="Priya Shah")
    response = signed_in.post(
        reverse("network:person-new"),
        {"name": "priya shah", "relative_level": "0", "influence": "medium", "title": "COO"},
    )
    content = response.content.decode()
    assert "already someone called" in content
    assert 'value="COO"' in content
    assert Person.objects.for_owner(owner).count() == 1


def test_the_form_marks_private_notes(signed_in):
    content = signed_in.get(reverse("network:person-new")).content.decode()
    assert "badge-private" in content and "for your eyes only" in content


def test_edit_archive_restore_and_delete(signed_in, owner):
    person = PersonFactory(owner=owner, name="Old Name")
    InteractionFactory(owner=owner, people=[person])
    signed_in.post(
        reverse("network:person-edit", args=[person.pk]),
        {"name": "New Name", "relative_level": "-1", "influence": "low"},
    )
    person.refresh_from_db()
    assert (person.name, person.relative_level, person.influence) == ("New Name", -1, "low")
    signed_in.post(reverse("network:person-archive", args=[person.pk]))
    person.refresh_from_db()
    assert not person.is_active
    signed_in.post(reverse("network:person-archive", args=[person.pk]))
    person.refresh_from_db()
    assert person.is_active
    assert (
        "will be deleted for good"
        in signed_in.get(reverse("network:person-delete", args=[person.pk])).content.decode()
    )
    response = signed_in.post(reverse("network:person-delete", args=[person.pk]))
    assert response["Location"] == reverse("network:people")
    assert not Person.objects.filter(pk=person.pk).exists()


@pytest.mark.parametrize("name", ["person-edit", "person-archive", "person-delete"])
def test_another_owners_person_is_not_found(signed_in, outsider, name):
    person = PersonFactory(owner=outsider, name="Theirs")
    url = reverse(f"network:{name}", args=[person.pk])
    if name != "person-archive":
        assert signed_in.get(url).status_code == 404
    assert signed_in.post(url, {"name": "Mine now", "relative_level": "0"}).status_code == 404
    person.refresh_from_db()
    assert (person.name, person.is_active) == ("Theirs", True)


def _network(owner, size):
    for n in range(size):
        person = PersonFactory(owner=owner, relative_level=n % 5 - 1, function=f"F{n % 4}")
        PersonRoleFactory(owner=owner, person=person, role=Role.MENTOR)
        InteractionFactory(owner=owner, people=[person])


@pytest.mark.parametrize("name", ["network:people", "network:people-list"])
def test_query_count_is_fixed(signed_in, owner, django_assert_max_num_queries, name):
    # Each page also holds "Who could you approach?" (network.candidates.approach): 5 queries,
    # with or without matches and wins.
    _network(owner, 3)
    with django_assert_max_num_queries(13):
        assert signed_in.get(reverse(name)).status_code == 200
    _network(owner, 40)
    with django_assert_max_num_queries(13):
        assert signed_in.get(reverse(name)).status_code == 200


def test_a_crowded_cell_names_six_and_counts_the_rest(signed_in, owner):
    from wayfinder.network.views.people import CELL_SHOWN

    mentor = PersonFactory(owner=owner, name="Zed Mentor", relative_level=1, function="Sales")
    PersonRoleFactory(owner=owner, person=mentor, role=Role.MENTOR)
    for n in range(CELL_SHOWN + 2):
        PersonFactory(owner=owner, name=f"Ann {n}", relative_level=1, function="Sales")
    content = signed_in.get(reverse("network:people")).content.decode()
    assert "and 3 more" in content
    assert "Zed Mentor" in content  # the mentor is named first, though last by name


@pytest.mark.parametrize(
    ("taken", "typed"),
    [("Sam Lee", "Sam  Lee"), ("Jürgen Groß", "JÜRGEN GROSS")],
    ids=["spacing", "case-folded"],
)
def test_edit_refuses_a_name_another_person_has_with_the_services_message(
    signed_in, owner, taken, typed
):
    """The service's duplicate-name check holds on the page as on the API: the form used to
    rename the person before the service compared the new name with the old one."""
    PersonFactory(owner=owner, name=taken)
    person = PersonFactory(owner=owner, name="Alex Other")
    response = signed_in.post(
        reverse("network:person-edit", args=[person.pk]),
        {"name": typed, "relative_level": "0", "influence": "medium"},
    )
    assert response.status_code == 200
    clean = " ".join(typed.split())
    assert f"There is already someone called {clean!r}" in response.content.decode().replace(
        "&#x27;", "'"
    )
    assert "Edit Alex Other" in response.content.decode()
    person.refresh_from_db()
    assert person.name == "Alex Other"


def test_edit_keeps_the_persons_own_name_in_another_case(signed_in, owner):
    person = PersonFactory(owner=owner, name="alex other")
    signed_in.post(
        reverse("network:person-edit", args=[person.pk]),
        {"name": "Alex Other", "relative_level": "0", "influence": "medium"},
    )
    person.refresh_from_db()
    assert person.name == "Alex Other"
