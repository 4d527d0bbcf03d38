"""`for_owner` scopes a query to one owner by the owner column: the same statement as
`filter(owner=owner)`, and anything but a saved Profile refused as Django refuses it."""

from __future__ import annotations

import pytest

from wayfinder.core.models import Profile
from wayfinder.wins.models import Win
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db


def test_the_same_statement_as_filtering_by_the_instance(owner):
    assert str(Win.objects.for_owner(owner).query) == str(Win.objects.filter(owner=owner).query)


def test_each_owner_reads_their_own_rows(owner, outsider):
    mine, theirs = WinFactory(owner=owner), WinFactory(owner=outsider)
    assert list(Win.objects.for_owner(owner)) == [mine]
    assert list(Win.objects.for_owner(outsider)) == [theirs]


def test_anything_but_a_saved_profile_is_refused(owner):
    with pytest.raises(ValueError):
        list(Win.objects.for_owner(owner.user))  # an account is not an owner
    with pytest.raises(ValueError):
        Win.objects.for_owner(Profile(user=owner.user))  # not saved: no rows of its own
