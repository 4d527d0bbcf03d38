"""An owner who is also someone else's viewer finds what is shared with them in their
account navigation (registered with core.navigation in SharingConfig.ready).

Whether they hold a live share is kept in the cache for the day, so the owner's pages run
no extra query for it: worked out when they sign in, forgotten when a share to them is
accepted, extended or revoked, and otherwise read again after NAVIGATION_SECONDS (which
bounds how long a change made another way, an owner deactivated say, takes to show).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.http import HttpRequest

from wayfinder.core.clock import today_for
from wayfinder.core.navigation import VIEWER_NAVIGATION, Entry
from wayfinder.sharing.selectors import is_viewer

NAVIGATION_SECONDS = 600


def _key(user_id: int, today: dt.date | None = None) -> str:
    return f"wayfinder:shared-with-me:{user_id}" + (f":{today.isoformat()}" if today else "")


def _holds_live_share(user: AbstractBaseUser, today: dt.date) -> bool:
    day_key, user_key = _key(user.pk, today), _key(user.pk)
    found = cache.get_many([day_key, user_key])
    if day_key in found and user_key in found:
        return found[day_key]
    held = is_viewer(user, today)
    cache.set_many({day_key: held, user_key: True}, timeout=NAVIGATION_SECONDS)
    return held


def shared_with_me_links(request: HttpRequest) -> list[Entry]:
    """ "Shared with me" for an owner who holds a live share today; nothing otherwise (a
    viewer without a record of their own has it as their main navigation already)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    owner = getattr(user, "profile", None)
    if owner is None or not _holds_live_share(user, today_for(owner)):
        return []
    return VIEWER_NAVIGATION


def shared_with_me_warm(sender, request, user, **kwargs) -> None:
    """On sign-in (user_logged_in): work it out once, before the first page."""
    owner = getattr(user, "profile", None)
    if owner is not None:
        shared_with_me_forget(viewer_id=user.pk)
        _holds_live_share(user, today_for(owner))


def shared_with_me_forget(*, viewer_id: int | None) -> None:
    """A share to `viewer_id` changed: their navigation is worked out again next page."""
    if viewer_id is not None:
        cache.delete(_key(viewer_id))
