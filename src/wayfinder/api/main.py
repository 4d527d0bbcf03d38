"""The JSON API, `/api/v1/`: one NinjaAPI, one router per section.

Adding a router (for helper A2 and whoever comes next):

1. Write `wayfinder/api/routers/<section>.py` (without `from __future__ import
   annotations`: ninja reads `Query[...]` from real annotations) exposing
   `router = Router(tags=[...])`, as `routers/wins.py` does: ninja Schemas in, Schemas
   out; every operation starts with
   `owner = require(request, "<section>", write=...)` (auth.py) and calls the app's
   selectors and services, never the ORM on its own; lists use `@paginate(Page)` and
   `Query[DateFilters]` (pagination.py); each operation documents `answers(...)`
   (schemas.py) so the fuzzer holds it to them; text fields in bodies are `Text`
   (schemas.py: a NUL is a 422, not a database error), ids in paths `RecordId`;
   reads for a token without the `private` scope go through `outward()`
   (core/privacy.py) and show private fields with `private_value()`.
2. Add one line to ROUTERS below: `("/<prefix>", "<section>"),`.
3. Domain errors already answer 400 (errors.py lists every app's error class).
4. The scope matrix (api/tests/test_api.py) walks every operation by its tag: a router's
   tag is its scope section. Schema class names are unique across routers (the OpenAPI
   components are keyed by them; a test checks).

Operation ids and URL names are the view functions' names (`win_list`), so keep them
unique across routers: `<entity>_<action>`.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.urls import URLPattern, URLResolver, re_path
from ninja import NinjaAPI, Swagger

from wayfinder.api import errors
from wayfinder.api.auth import SAFE_METHODS, SessionReadAuth, TokenAuth, TokenRateThrottle
from wayfinder.core.versions import data_version_bump_by

# (prefix under /api/v1, module in wayfinder.api.routers)
ROUTERS: list[tuple[str, str]] = [
    ("/goals", "goals"),
    ("", "plan"),  # /actions and /revisions
    ("/wins", "wins"),
    ("/guidance", "guidance"),
    ("/search", "search"),
    ("", "network"),  # /people and /interactions
    ("/experiments", "experiments"),
    ("/opportunities", "opportunities"),
    ("", "conversations"),  # /conversations and /agreed-actions
    ("", "reflection"),  # /reviews and /journal
]


class WayfinderAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        return operation.view_func.__name__


api = WayfinderAPI(
    title="Wayfinder API",
    version="1",
    description=(
        "Your Wayfinder record as JSON. Authenticate with a personal access token "
        "(`Authorization: Bearer wf_...`, made under Settings → API tokens or with "
        "`wayfinder token create`); its scopes decide what it reads and writes. "
        "See docs/api.md."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    # Served from the app's own static files ("ninja" is an installed app): no CDN.
    docs=Swagger(settings={"persistAuthorization": False}),
    auth=[TokenAuth(), SessionReadAuth()],
    throttle=TokenRateThrottle(),
)
errors.install(api)


def one_transaction(view_func: Callable[..., Any]) -> Callable[..., Any]:
    """A write operation is one transaction, and one commit: the write itself and the
    owner's data version (which the middleware would otherwise move in a second commit: on
    SQLite a second fsync). It wraps the operation's own function, after the token, the
    scope and the body were checked, so the write lock is held for the write alone. A
    refusal raises, and rolls back with it."""

    @functools.wraps(view_func)
    def written(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        with transaction.atomic():
            result = view_func(request, *args, **kwargs)
            data_version_bump_by(request)
        return result

    return written


for prefix, module in ROUTERS:
    section = importlib.import_module(f"wayfinder.api.routers.{module}")
    # A router's tag is its scope section: a token is held to it before the body is read.
    (tag,) = section.router.tags
    for path_view in section.router.path_operations.values():
        for operation in path_view.operations:
            if not SAFE_METHODS.issuperset(operation.methods):
                operation.view_func = one_transaction(operation.view_func)
    api.add_router(prefix, section.router, auth=[TokenAuth(tag), SessionReadAuth()])


def api_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Every API URL's view, as ninja makes it: a method the URL does not take is a 405,
    and a URL it does not have a 404, in JSON like every other refusal."""

    @functools.wraps(view)
    def answered(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404:  # ninja's own root page; operations answer their 404s themselves
            return not_found(request)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = ", ".join(sorted(response["Allow"].split(", ")))
            response = JsonResponse(
                {"detail": f"{request.method} is not allowed here: use {allowed}."}, status=405
            )
            response["Allow"] = allowed
        return response

    return answered


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other URL under the API: a 404 in JSON, as for a record that is not there."""
    return JsonResponse({"detail": "Not Found"}, status=404)


def urls() -> tuple[list[URLPattern | URLResolver], str, str]:
    """The API's URLs for `include()`: open without a sign-in (a request authenticates
    itself; the schema and the docs hold no data)."""
    patterns, app_name, namespace = api.urls
    patterns = [
        *(
            URLPattern(p.pattern, api_view(p.callback), p.default_args, p.name)
            if isinstance(p, URLPattern)
            else p
            for p in patterns
        ),
        re_path(r"^(?P<rest>.*)$", not_found),
    ]
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback.login_required = False  # type: ignore[attr-defined]
            # The API answers JSON for text no database stores (core/middleware.py).
            pattern.callback.answers_json = True  # type: ignore[attr-defined]
    return patterns, app_name, namespace
