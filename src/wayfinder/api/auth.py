"""Who is calling the API, and what they may do.

Two ways in:

- a personal access token, `Authorization: Bearer wf_...`: no cookie and no CSRF token
  is needed or read; the token's scopes decide what it opens, and it is rate-limited
  (WAYFINDER_API_RATE_LIMIT requests a minute per token);
- the owner's own signed-in browser (the session cookie), for reading only (GET and
  HEAD), with everything the owner's pages show. A cookie alone never writes: a page on
  another site that makes the browser post to the API gets a 401, so there is no CSRF
  to defend against.

Every endpoint starts with `owner = require(request, "<section>", write=...)`, which
returns the owner's Profile or answers 403, and reads private fields only when
`private_allowed(request)`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import APIKeyCookie, HttpBearer
from ninja.throttling import BaseThrottle

from wayfinder.api.models import AccessToken
from wayfinder.api.scopes import PRIVATE, SCOPES, grants, read
from wayfinder.api.selectors import token_with_secret
from wayfinder.api.services import token_note_use
from wayfinder.core.clock import today_for
from wayfinder.core.models import Profile

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Grant:
    """What the caller of one request may do: whose record, with which scopes."""

    owner: Profile
    scopes: tuple[str, ...]
    token: AccessToken | None = None


class ScopeMissing(PermissionError):
    """The token lacks the scope an endpoint needs; the message names it."""


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`.

    Mounted per router with the router's section, so that a token without the section's
    scope is refused (403) before its request body is read: a missing scope answers the
    same whatever the body holds."""

    def __init__(self, section: str | None = None) -> None:
        super().__init__()
        self.section = section

    def authenticate(self, request: HttpRequest, token: str) -> Grant | None:
        found = token_with_secret(secret=token)
        if found is None or not found.is_live(today_for(found.owner)):
            return None
        token_note_use(token=found, now=timezone.now())
        # The request is the owner's: the middleware marks their cached pages stale after a
        # write, as after one on the web.
        request.user = found.owner.user
        grant = Grant(owner=found.owner, scopes=tuple(found.scopes), token=found)
        if self.section is not None:
            scope_check(grant, self.section, write=request.method not in SAFE_METHODS)
        return grant


class SessionReadAuth(APIKeyCookie):
    """The owner's signed-in browser, for GET and HEAD only (see the module's docstring)."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        # No CSRF check is needed: this never opens a write.
        super().__init__(csrf=False)

    def authenticate(self, request: HttpRequest, key: str | None) -> Grant | None:
        user = request.user
        if request.method not in SAFE_METHODS or not user.is_authenticated:
            return None
        profile = getattr(user, "profile", None)
        if profile is None:
            return None
        # The owner's own browser reads what the owner's pages show: every section.
        return Grant(owner=profile, scopes=(*(s for s in SCOPES if s.startswith("read:")), PRIVATE))


class TokenRateThrottle(BaseThrottle):
    """WAYFINDER_API_RATE_LIMIT requests a minute per token, counted in Django's cache; the
    owner's browser is not throttled, like the web pages.

    A sliding window of two counters: this minute's count, and last minute's weighted by
    the share of it still inside the last sixty seconds. Each request costs the same two
    small reads and one write whatever the limit. (ninja's SimpleRateThrottle keeps one
    timestamp per request in a list it reads, rewrites and stores each time, so its cost
    grows with the limit: a token allowed 10,000 a minute paid more than its own write.)
    """

    period = 60  # seconds
    cache = cache
    timer = staticmethod(time.time)

    def __init__(self) -> None:
        self.num_requests = settings.WAYFINDER_API_RATE_LIMIT
        self.retry_after: float | None = None

    def allow_request(self, request: HttpRequest) -> bool:
        token = getattr(getattr(request, "auth", None), "token", None)
        if token is None:
            return True
        now = self.timer()
        window, into = divmod(now, self.period)
        this_key = f"throttle_token_{token.pk}_{int(window)}"
        last_key = f"throttle_token_{token.pk}_{int(window) - 1}"
        counts = self.cache.get_many([this_key, last_key])
        this, last = counts.get(this_key, 0), counts.get(last_key, 0)
        still = 1 - into / self.period  # the share of last minute within the last 60 s
        if this + last * still >= self.num_requests:
            if this < self.num_requests:  # room once last minute's weight has fallen
                wait = (still - (self.num_requests - this) / last) * self.period
            else:  # this minute is full: the next, once this one weighs little enough
                wait = self.period - into + (1 - self.num_requests / this) * self.period
            self.retry_after = max(round(wait, 3), 0.0)  # 10.000000000000002 is 10 s
            return False
        self.cache.set(this_key, this + 1, 2 * self.period)
        return True

    def wait(self) -> float | None:
        return self.retry_after


def grant_of(request: HttpRequest) -> Grant:
    return request.auth  # type: ignore[attr-defined]


def require(request: HttpRequest, section: str, *, write: bool = False) -> Profile:
    """The owner whose record the request may read (or, with `write`, change) in `section`;
    ScopeMissing (a 403) when its token lacks the scope."""
    grant = grant_of(request)
    scope_check(grant, section, write=write)
    return grant.owner


def scope_check(grant: Grant, section: str, *, write: bool) -> None:
    """ScopeMissing (a 403) unless the grant opens `section`, for writing with `write`."""
    if not grants(grant.scopes, section, write_access=write):
        wanted = f"write:{section}" if write else f"{read(section)} or write:{section}"
        raise ScopeMissing(f"this token lacks the scope {wanted}")


def private_allowed(request: HttpRequest) -> bool:
    """Whether the request may read and write private fields and records."""
    return PRIVATE in grant_of(request).scopes
