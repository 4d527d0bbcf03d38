"""The per-token rate limit: a sliding minute of two counters, the same cost at any limit."""

from __future__ import annotations

import pytest

from wayfinder.api.main import api
from wayfinder.api.tests.factories import AccessTokenFactory, bearer

pytestmark = pytest.mark.django_db

MINUTE_START = 1_800_000_000.0  # a whole minute (divisible by 60), on no real clock


@pytest.fixture
def throttle(monkeypatch):
    throttle = api.throttle
    clock = {"now": MINUTE_START}
    monkeypatch.setattr(throttle, "timer", lambda: clock["now"])
    monkeypatch.setattr(throttle, "num_requests", 4)
    throttle.cache.clear()
    throttle.clock = clock
    yield throttle
    throttle.cache.clear()


def _codes(client, secret: str, n: int) -> list[int]:
    return [client.get("/api/v1/wins", headers=bearer(secret)).status_code for _ in range(n)]


def test_the_limit_holds_within_a_minute_and_says_when_to_come_back(client, throttle):
    AccessTokenFactory(secret="wf_steady")
    throttle.clock["now"] = MINUTE_START + 15
    assert _codes(client, "wf_steady", 5) == [200, 200, 200, 200, 429]
    refused = client.get("/api/v1/wins", headers=bearer("wf_steady"))
    assert refused.status_code == 429
    assert refused.json()["detail"]
    # This minute is full: the next one opens when this one weighs less than the limit.
    # 45 s to the next minute, then 1 - 4/4 = 0 of it: at once.
    assert refused["Retry-After"] == "45"


def test_last_minute_counts_by_the_share_of_it_still_within_sixty_seconds(client, throttle):
    AccessTokenFactory(secret="wf_busy")
    assert _codes(client, "wf_busy", 4) == [200] * 4
    # A third into the next minute, the last one's 4 weigh 2.67: two more, then 429.
    throttle.clock["now"] = MINUTE_START + 80
    assert _codes(client, "wf_busy", 3) == [200, 200, 429]
    refused = client.get("/api/v1/wins", headers=bearer("wf_busy"))
    # 2 this minute: room once the last minute's 4 weigh under 2, at half of it, in 10 s.
    assert refused["Retry-After"] == "10"
    throttle.clock["now"] = MINUTE_START + 90.5
    assert _codes(client, "wf_busy", 2) == [200, 429]
    # Two minutes on, the old counts are gone.
    throttle.clock["now"] = MINUTE_START + 240
    assert _codes(client, "wf_busy", 4) == [200] * 4


def test_each_token_has_its_own_count(client, throttle):
    AccessTokenFactory(secret="wf_one")
    AccessTokenFactory(secret="wf_two")
    assert _codes(client, "wf_one", 5)[-1] == 429
    assert _codes(client, "wf_two", 4) == [200] * 4


def test_a_request_costs_the_same_at_any_limit(client, throttle, monkeypatch):
    """Two counters whatever the limit, not one timestamp per request."""
    token = AccessTokenFactory(secret="wf_many")
    monkeypatch.setattr(throttle, "num_requests", 1_000_000)
    assert _codes(client, "wf_many", 50) == [200] * 50
    throttle.clock["now"] = MINUTE_START + 61
    assert _codes(client, "wf_many", 20) == [200] * 20
    keys = [f"throttle_token_{token.pk}_{minute}" for minute in (30_000_000, 30_000_001)]
    assert throttle.cache.get_many(keys) == {keys[0]: 50, keys[1]: 20}


def test_the_owners_browser_is_not_throttled(client, throttle):
    from wayfinder.core.tests.factories import ProfileFactory

    owner = ProfileFactory()
    client.force_login(owner.user)
    assert [client.get("/api/v1/wins").status_code for _ in range(6)] == [200] * 6
