"""Security headers Django does not set by itself."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.deprecation import MiddlewareMixin

# Every asset is served by the app itself: nothing may load from, or post to, another origin.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=()"
        )
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # A signed-in page holds the owner's record: no browser or proxy may keep a copy
            # (the back button on a shared computer, a disk cache).
            add_never_cache_headers(response)
        return response


UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class RequestSizeMiddleware:
    """A body over the limit is answered 413, with a page naming the limit, before a byte
    of it is read (core/uploads.py); so is an upload the upload handler stopped."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from wayfinder.core.uploads import LIMIT_EXCEEDED, body_limit, declared_length

        limit = body_limit(request)
        if declared_length(request) > limit:
            return self._refuse(request, limit)
        response = self.get_response(request)
        limit = getattr(request, LIMIT_EXCEEDED, None)
        if limit is not None:
            return self._refuse(request, limit)
        return response

    def _refuse(self, request: HttpRequest, limit: int) -> HttpResponse:
        from django.shortcuts import render

        from wayfinder.core.uploads import too_large_message

        uploading = request.content_type == "multipart/form-data"
        message = too_large_message(limit=limit, uploading=uploading)
        return render(request, "core/request_too_large.html", {"message": message}, status=413)


class DataVersionMiddleware:
    """After any write request by a signed-in owner, their cached pages are stale."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from wayfinder.core.versions import data_version_bump_after

        response = self.get_response(request)
        data_version_bump_after(request, response)
        return response


class OwnerTimeZoneMiddleware:
    """Dates and times on every page are shown in the signed-in owner's time zone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        import zoneinfo

        from django.utils import timezone

        profile = getattr(request.user, "profile", None) if request.user.is_authenticated else None
        try:
            if profile is not None:
                timezone.activate(zoneinfo.ZoneInfo(profile.time_zone))
            else:
                timezone.deactivate()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        return self.get_response(request)


class UnstorableInputMiddleware(MiddlewareMixin):
    """A request whose parameters hold text no database can store is answered 400, with a
    page that says so, before any view reads it (PostgreSQL would refuse it with a 500).

    Forms say the same next to the field where a person types; this guard covers the rest:
    a filter in a query string, a sign-in, a choice or an id. Uploaded files are read by
    their own views, which say what is wrong with them.
    """

    def process_view(
        self, request: HttpRequest, view_func: Callable, view_args: tuple, view_kwargs: dict
    ) -> HttpResponse | None:
        from django.shortcuts import render

        from wayfinder.core.storable import text_problem

        sources = [("address", request.GET)]
        # A view exempt from CSRF may still set its own upload handlers: leave its body alone.
        if request.method in UNSAFE_METHODS and not getattr(view_func, "csrf_exempt", False):
            sources.append(("form", request.POST))
        for where, params in sources:
            for key, values in params.lists():
                for text in (key, *values):
                    problem = text_problem(text)
                    if problem:
                        shown = key if text_problem(key) is None else "a field name"
                        if getattr(view_func, "answers_json", False):
                            return _unstorable_json(where, shown, problem)
                        return render(
                            request,
                            "core/unstorable_input.html",
                            {"where": where, "field": shown, "problem": problem},
                            status=400,
                        )
        return None


def _unstorable_json(where: str, field: str, problem: str) -> HttpResponse:
    """The refusal above for a view that answers JSON (the API): its error body."""
    from django.http import JsonResponse

    from wayfinder.core.errors import sentence

    message = sentence(f"the {where} field '{field}' {problem}; nothing was changed")
    return JsonResponse(
        {"detail": message, "errors": [{"field": field, "message": message}]}, status=400
    )
