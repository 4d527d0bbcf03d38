import pytest

from wayfinder.core.versions import data_version_bump, data_version_of

pytestmark = pytest.mark.django_db


def test_a_bump_moves_only_that_owners_version(owner, outsider, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert data_version_of(owner=owner) == 0
    data_version_bump(owner_id=owner.pk)
    data_version_bump(owner_id=owner.pk)
    assert data_version_of(owner=owner) == 2
    assert data_version_of(owner=outsider) == 0


def test_any_write_request_by_the_owner_moves_the_version(client, owner):
    client.force_login(owner.user)
    client.get("/profile/")
    assert data_version_of(owner=owner) == 0
    client.post("/profile/", {"time_zone": "nowhere"})  # even a refused one: cheap and safe
    assert data_version_of(owner=owner) == 1


def test_writes_by_signed_out_visitors_move_nothing(client, owner):
    client.post("/signin/", {"username": owner.user.username, "password": "wrong"})
    assert data_version_of(owner=owner) == 0
