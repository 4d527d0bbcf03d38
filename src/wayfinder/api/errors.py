"""Every error the API answers is JSON: `{"detail": "<a sentence>"}`, and for input that
does not validate also `"errors": [{"field": "<name>", "message": "<why>"}]`, one per bad
field. A user's mistake is a 4xx, never a 500:

- 422: a field is missing, of the wrong type or out of range (before any service runs);
- 400: a service refused the change (its domain error, as a sentence; nothing changed);
- 401: no token, or a wrong, revoked or expired one;
- 403: the token lacks the scope;
- 404: no such record among the owner's (another owner's id included);
- 429: too many requests with this token (see auth.py).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError

from wayfinder.api.auth import ScopeMissing
from wayfinder.api.services import TokenError
from wayfinder.conversations.services import ConversationError
from wayfinder.core.clock import UnknownTimeZone
from wayfinder.core.errors import sentence
from wayfinder.core.parsing import InputError
from wayfinder.core.privacy import PrivateDataError
from wayfinder.core.services import OwnerError
from wayfinder.direction.services import DirectionError
from wayfinder.experiments.services import ExperimentError
from wayfinder.guidance.services import GuidanceError
from wayfinder.network.services import NetworkError
from wayfinder.plan.services import PlanError
from wayfinder.reflection.services import ReflectionError
from wayfinder.wins.services import WinError

# The errors services raise for a change they refuse: each carries a sentence.
DOMAIN_ERRORS: tuple[type[Exception], ...] = (
    ConversationError,
    DirectionError,
    ExperimentError,
    GuidanceError,
    InputError,
    NetworkError,
    OwnerError,
    PlanError,
    ReflectionError,
    TokenError,
    UnknownTimeZone,
    WinError,
)
# Where ninja says a value came from; the field is named without it.
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}


def field_name(location: list[Any] | tuple[Any, ...]) -> str:
    """The field a validation error is about, as a client names it: `metrics.0.value`."""
    parts = [str(part) for part in location]
    if parts and parts[0] in _SOURCES:
        source = parts.pop(0)
        # A body or a query schema is one parameter of the endpoint: its name is not the
        # client's business.
        if source in {"body", "query"} and len(parts) > 1:
            parts.pop(0)
    return ".".join(parts) or "body"


def validation_errors(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [
        {
            "field": field_name(error.get("loc", ())),
            "message": sentence(str(error.get("msg", "")).removeprefix("Value error, ")),
        }
        for error in errors
    ]


def install(api: NinjaAPI) -> None:
    """Register the handlers on `api`."""

    def invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
        errors = validation_errors(error.errors)
        names = ", ".join(dict.fromkeys(e["field"] for e in errors))
        return api.create_response(
            request, {"detail": f"Check these fields: {names}.", "errors": errors}, status=422
        )

    def refused(request: HttpRequest, error: Exception) -> HttpResponse:
        return api.create_response(request, {"detail": sentence(error)}, status=400)

    def forbidden(request: HttpRequest, error: Exception) -> HttpResponse:
        return api.create_response(request, {"detail": sentence(error)}, status=403)

    api.add_exception_handler(ValidationError, invalid)
    for domain_error in DOMAIN_ERRORS:
        api.add_exception_handler(domain_error, refused)
    api.add_exception_handler(ScopeMissing, forbidden)
    api.add_exception_handler(PrivateDataError, forbidden)
