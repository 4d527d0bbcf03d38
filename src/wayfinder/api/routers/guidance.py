"""What needs attention: `/api/v1/guidance`, the document `wayfinder today --json` prints."""

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Router, Schema

from wayfinder.api.auth import require
from wayfinder.api.schemas import answers
from wayfinder.core.clock import today_for
from wayfinder.guidance.report import report_for

router = Router(tags=["guidance"])
SECTION = "guidance"


class NextStep(Schema):
    text: str
    url: str | None


class Practice(Schema):
    key: str
    practice: str
    state: str
    why: str
    next_step: NextStep | None


class WeekItem(Schema):
    kind: str
    title: str
    detail: str
    date: dt.date | None
    urgency: str = Field(description="overdue, due or upcoming.")
    url: str | None


class GuidanceOut(Schema):
    schema_: int = Field(alias="schema", description="The document's version (docs/guidance.md).")
    date: dt.date
    owner: str
    healthy: int
    practices: list[Practice]
    this_week: list[WeekItem]


@router.get("", response=answers(GuidanceOut), by_alias=True, summary="Today's guidance")
def guidance_today(request: HttpRequest):
    owner = require(request, SECTION)
    return report_for(owner=owner, today=today_for(owner)).as_dict()
