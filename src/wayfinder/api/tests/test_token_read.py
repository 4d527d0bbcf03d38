"""The token a request carries is read with its SQL compiled once (api/selectors.py
`_token_with_hash`): it must give exactly what the ORM's own query gives, on SQLite and
PostgreSQL alike, in one query, and refuse what that query refuses."""

from __future__ import annotations

import datetime as dt

import pytest

from wayfinder.api.models import AccessToken
from wayfinder.api.selectors import _unrevoked_with_hash, token_with_secret
from wayfinder.api.tests.factories import AccessTokenFactory
from wayfinder.core.tokens import token_hash

pytestmark = pytest.mark.django_db

LAST_USED = dt.datetime(2026, 11, 30, 17, 45, 12, 123456, tzinfo=dt.UTC)


def _values(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_the_compiled_read_gives_what_the_orm_gives(django_assert_num_queries):
    token = AccessTokenFactory(
        secret="wf_same",
        scopes=["read:wins", "write:wins", "private"],
        expires_on=dt.date(2027, 1, 31),
        last_used_at=LAST_USED,
    )
    expected = _unrevoked_with_hash(token_hash("wf_same")).get()

    with django_assert_num_queries(1):
        found = token_with_secret(secret="wf_same")
        assert found is not None
        owner, user = found.owner, found.owner.user  # joined in, not read again

    assert _values(found) == _values(expected)
    assert _values(owner) == _values(expected.owner)
    assert _values(user) == _values(expected.owner.user)
    # Converted as the ORM converts: a list from JSON, a date, an aware datetime.
    assert found.scopes == ["read:wins", "write:wins", "private"]
    assert found.expires_on == dt.date(2027, 1, 31)
    assert found.last_used_at == LAST_USED
    assert user.profile is owner  # the reverse side is set, as select_related sets it
    assert found.pk == token.pk


def test_the_compiled_read_refuses_what_the_rule_refuses(owner):
    AccessTokenFactory(owner=owner, secret="wf_revoked", revoked_at=LAST_USED)
    inactive = AccessTokenFactory(secret="wf_inactive").owner.user
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])

    assert token_with_secret(secret="wf_revoked") is None
    assert token_with_secret(secret="wf_inactive") is None
    assert token_with_secret(secret="wf_never-made") is None
    assert token_with_secret(secret="not-a-token") is None
    assert AccessToken.objects.count() == 2


def test_a_token_without_an_expiry_or_a_use_reads_as_none():
    AccessTokenFactory(secret="wf_fresh", expires_on=None, last_used_at=None)

    found = token_with_secret(secret="wf_fresh")

    assert found is not None
    assert found.expires_on is None and found.last_used_at is None
