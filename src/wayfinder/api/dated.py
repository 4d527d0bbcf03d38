"""The `since`/`until` filter of a list (api/pagination.py DateFilters) on the date a
record is known by, for the lists whose selector takes no dates."""

from __future__ import annotations

from django.db.models import QuerySet

from wayfinder.api.pagination import DateFilters


def within(records: QuerySet, field: str, filters: DateFilters) -> QuerySet:
    """`records` whose `field` falls between `since` and `until`, both days included."""
    if filters.since is not None:
        records = records.filter(**{f"{field}__gte": filters.since})
    if filters.until is not None:
        records = records.filter(**{f"{field}__lte": filters.until})
    return records
