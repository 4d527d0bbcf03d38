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

import importlib

from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI, Swagger

from wayfinder.api import errors
from wayfinder.api.auth import SessionReadAuth, TokenAuth, TokenRateThrottle

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

for prefix, module in ROUTERS:
    api.add_router(prefix, importlib.import_module(f"wayfinder.api.routers.{module}").router)


def urls() -> tuple[list[URLPattern | URLResolver], str, str]:
    """The API's URLs for `include()`: open without a sign-in (a request authenticates
    itself; the schema and the docs hold no data)."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            pattern.callback.login_required = False  # type: ignore[attr-defined]
            # The API answers JSON for text no database stores (core/middleware.py).
            pattern.callback.answers_json = True  # type: ignore[attr-defined]
    return patterns, app_name, namespace
