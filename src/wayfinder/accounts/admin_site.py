"""The instance administrator's site: it administers accounts, never owners' data."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from wayfinder.accounts.forms import AdminSignInForm


def _no_view_on_site(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404("There is no view on site here.")


class WayfinderAdminSite(admin.AdminSite):
    site_header = "Wayfinder administration"
    site_title = "Wayfinder administration"
    index_title = "Accounts on this instance"
    login_form = AdminSignInForm

    @method_decorator(never_cache)
    @login_not_required
    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None):
        response = super().login(request, extra_context)
        form = (getattr(response, "context_data", None) or {}).get("form")
        if isinstance(form, AdminSignInForm) and form.throttled:
            response.status_code = 429
        return response

    def get_urls(self) -> list[URLPattern | URLResolver]:
        # "View on site" redirects to an object's page, which would confirm to the
        # administrator that an owner's object exists: it is always a 404 instead.
        return [
            path(
                "r/<path:content_type_id>/<path:object_id>/", _no_view_on_site, name="view_on_site"
            )
            if getattr(pattern, "name", None) == "view_on_site"
            else pattern
            for pattern in super().get_urls()
        ]
