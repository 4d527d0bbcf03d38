"""The probes answer before any other middleware.

A load balancer, an orchestrator or a container's health check asks the app server by its
own address (`10.0.0.5:8000`, `127.0.0.1:8000`), which WAYFINDER_ALLOWED_HOSTS rightly
does not list: Django would answer 400. Nothing in a probe's answer depends on the host,
the session or the user, so GET and HEAD of /healthz and /readyz are answered here, first;
anything else (a POST: 405) goes through the whole stack to the same views.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from wayfinder.operations import views

PROBES: dict[str, Callable[[HttpRequest], HttpResponse]] = {
    "/healthz": views.healthz,
    "/readyz": views.readyz,
}


class ProbeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = PROBES.get(request.path_info)
        if probe is not None and request.method in {"GET", "HEAD"}:
            return probe(request)
        return self.get_response(request)
