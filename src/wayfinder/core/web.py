"""What every page view needs: the signed-in owner, their today, partial rendering."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_htmx.middleware import HtmxDetails

from wayfinder.core.clock import today_for as today_for  # pages read today from here
from wayfinder.core.models import Profile


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it: `request.htmx` says whether htmx
    sent it, and what it targets. Views that answer htmx take this type."""

    htmx: HtmxDetails


def owner_of(request: HttpRequest) -> Profile:
    """The career owner signed in; every page works on their data only."""
    return request.user.profile


def render_page(
    request: HtmxHttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    partial: str | None = None,
    status: int = 200,
) -> HttpResponse:
    """The whole page, or only `partial` of it when htmx asked for a fragment."""
    name = f"{template}#{partial}" if partial and request.htmx else template
    return render(request, name, context, status=status)


def posted(request: HttpRequest) -> Any:
    """The submitted data on a POST (even an empty one), None otherwise: binds a form."""
    return request.POST if request.method == "POST" else None


PAGE_SIZE = 50


def paginate(request: HttpRequest, items: Any, *, per_page: int = PAGE_SIZE) -> Page:
    """One page of a long list, from `?page=`; a page out of range gives the last one."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
