"""Shared fixtures: an owner and an outsider, as in every test of owner scoping."""

from __future__ import annotations

import os

import pytest


@pytest.fixture
def owner(db):
    from wayfinder.core.tests.factories import ProfileFactory

    return ProfileFactory()


@pytest.fixture
def outsider(db):
    from wayfinder.core.tests.factories import ProfileFactory

    return ProfileFactory()


@pytest.fixture
def today():
    from wayfinder.core.tests.factories import TODAY

    return TODAY


def postgres_required() -> bool:
    return os.environ.get("WAYFINDER_REQUIRE_POSTGRES") == "1"
