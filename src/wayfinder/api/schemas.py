"""What every router shares: the error body, the ids in paths, the answers an operation
documents, and the value of a private field as the caller may see it."""

from __future__ import annotations

from typing import Annotated, Any

from django.db import models
from ninja import Field, Schema
from ninja.params.functions import Path
from pydantic import AfterValidator

from wayfinder.core.privacy import is_sealed
from wayfinder.core.storable import text_problem

# The largest id a database stores (a 64-bit key): a larger one is a 422, not an overflow.
MAX_ID = 2**63 - 1
RecordId = Annotated[int, Path(..., ge=1, le=MAX_ID, description="The record's id.")]
# An id inside a body (a person, a goal): the same bounds.
BodyId = Annotated[int, Field(ge=1, le=MAX_ID)]


def _storable(text: str) -> str:
    problem = text_problem(text)
    if problem:
        raise ValueError(f"the text {problem}")
    return text


# Text in a body: any string a database stores (no NUL, no lone surrogate), so the answer
# is a 422 naming the field, never a database error.
Text = Annotated[str, AfterValidator(_storable)]


class FieldError(Schema):
    field: str = Field(description="The field, dotted for a nested one: metrics.0.value.")
    message: str


class Error(Schema):
    detail: str = Field(description="What went wrong, as a sentence.")
    errors: list[FieldError] | None = Field(
        None, description="For a 422: each field that did not validate."
    )


# The errors every operation may answer (see errors.py).
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error, 429: Error}


def answers(schema: Any, *, status: int = 200) -> dict[int, Any]:
    """An operation's documented answers: `schema` on success, Error for the rest.
    Pass `None` for an empty success (204)."""
    return {status: schema, **ERRORS}


def private_value(obj: models.Model, name: str) -> Any:
    """A private field's value, or None when the record was read for someone else (sealed
    by core/privacy.py: the token lacks the `private` scope)."""
    if is_sealed(obj):
        return None
    return getattr(obj, name)
