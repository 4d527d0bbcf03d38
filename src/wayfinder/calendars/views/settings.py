"""The calendar feed's settings page: turn it on (its address shown once), rotate it, turn
it off, and choose what it holds."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from wayfinder.calendars.forms import CalendarKindsForm
from wayfinder.calendars.models import CalendarFeed
from wayfinder.calendars.selectors import calendar_feed_of, feed_address
from wayfinder.calendars.services import (
    CalendarError,
    calendar_feed_rotate,
    calendar_feed_set_kinds,
    calendar_feed_turn_off,
    calendar_feed_turn_on,
)
from wayfinder.core.errors import sentence
from wayfinder.core.forms import StaleEdit
from wayfinder.core.web import owner_of, posted, render_page

ACTIONS = ("turn_on", "rotate", "turn_off")


def calendar_settings(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action in ACTIONS:
        return _change_address(request, action)
    feed = calendar_feed_of(owner=owner) or CalendarFeed(owner=owner)
    # Saved settings carry a version: a stale form (another tab, the CLI) is refused.
    edited = feed if feed.pk else None
    form = CalendarKindsForm(posted(request), instance=feed, edited=edited)
    if request.method == "POST" and form.is_valid():
        try:
            with form.unchanged_since_opened():
                calendar_feed_set_kinds(
                    owner=owner,
                    kinds=form.chosen_kinds(),
                    conversation_time=form.cleaned_data["conversation_time"],
                    conversation_minutes=form.cleaned_data["conversation_minutes"],
                )
        except StaleEdit as error:
            form.add_error(None, sentence(error))
            return _page(request, feed, form)
        messages.success(request, "Saved: your calendar shows these from its next refresh.")
        return redirect("calendars:settings")
    status = 400 if request.method == "POST" else 200
    return _page(request, feed, form, status=status)


def _change_address(request: HttpRequest, action: str) -> HttpResponse:
    owner = owner_of(request)
    if action == "turn_off":
        calendar_feed_turn_off(owner=owner)
        messages.success(request, "Your calendar feed is off: its address shows nothing now.")
        return redirect("calendars:settings")
    try:
        token = (calendar_feed_turn_on if action == "turn_on" else calendar_feed_rotate)(
            owner=owner
        )
    except CalendarError as error:
        messages.error(request, sentence(error))
        return redirect("calendars:settings")
    feed = calendar_feed_of(owner=owner)
    assert feed is not None  # just turned on
    address = feed_address(token=token, base_url=settings.WAYFINDER_BASE_URL)
    if not settings.WAYFINDER_BASE_URL:
        address = request.build_absolute_uri(address)
    return _page(
        request,
        feed,
        CalendarKindsForm(instance=feed, edited=feed),
        address=address,
        rotated=action == "rotate",
    )


def _page(
    request: HttpRequest,
    feed: CalendarFeed,
    form: CalendarKindsForm,
    *,
    address: str = "",
    rotated: bool = False,
    status: int = 200,
) -> HttpResponse:
    context = {
        "feed": feed,
        "form": form,
        "address": address,
        "rotated": rotated,
        "base_url": settings.WAYFINDER_BASE_URL,
    }
    return render_page(request, "calendars/settings.html", context, status=status)
