"""One way to page and filter every list: `?limit=&offset=`, `?since=&until=` (dates,
both included) and, where a record has one, `?status=`.

A list answers `{"items": [...], "count": <all matching>}`. Decorate the endpoint with
`@paginate(Page)` and return a queryset; take filters as `filters: Query[DateFilters]`
(or a subclass that adds `status`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination, paginate

__all__ = ["MAX_LIMIT", "DateFilters", "Page", "paginate"]

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
# Far past any real list, and within what every database takes as an OFFSET.
MAX_OFFSET = 1_000_000_000


class Page(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="At most this many.")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Skip this many first.")

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        offset, limit = pagination.offset, pagination.limit
        return {"items": list(queryset[offset : offset + limit]), "count": queryset.count()}


class DateFilters(Schema):
    since: dt.date | None = Field(None, description="On or after this day.")
    until: dt.date | None = Field(None, description="On or before this day.")
