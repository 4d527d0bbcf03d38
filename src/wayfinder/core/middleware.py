"""Security headers Django does not set by itself."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

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
        response = self.get_response(request)
        if request.method in UNSAFE_METHODS and request.user.is_authenticated:
            from wayfinder.core.versions import data_version_bump

            profile_id = getattr(getattr(request.user, "profile", None), "pk", None)
            if profile_id is not None:
                data_version_bump(owner_id=profile_id)
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
