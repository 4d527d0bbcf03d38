"""Search over the owner's record: `/api/v1/search?q=`."""

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from wayfinder.api.auth import private_allowed, require
from wayfinder.api.schemas import answers
from wayfinder.search.selectors import search

router = Router(tags=["search"])
SECTION = "search"


class SearchQuery(Schema):
    q: str = Field(max_length=500, description="Words to find, each as a prefix.")
    limit: int = Field(30, ge=1, le=100)


class Hit(Schema):
    kind: str
    label: str
    id: int = Field(alias="pk")
    title: str
    snippet: str = Field(
        description="The matching text; each word found is between U+E000 and U+E001."
    )
    url: str | None


class SearchOut(Schema):
    items: list[Hit]
    count: int


@router.get("", response=answers(SearchOut), summary="Search your record")
def search_record(request: HttpRequest, query: Query[SearchQuery]):
    owner = require(request, SECTION)
    hits = search(owner=owner, text=query.q, limit=query.limit)
    if not private_allowed(request):
        hits = [hit for hit in hits if not hit.is_private]
    return {"items": hits, "count": len(hits)}
