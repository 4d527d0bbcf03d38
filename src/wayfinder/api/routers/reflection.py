"""Reviews and journal entries: `/api/v1/reviews`, `/api/v1/journal`.

Every write binds its body to the reflection pages' own forms (api/form_binding.py) and
calls the service the page calls. A journal entry marked private is a private record
(core/privacy.py): without the `private` scope it is not listed, reads as a 404 and cannot
be made. Private notes and the backup plan are not in the API: they are for the owner's
own pages only.
"""

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from wayfinder.api.auth import ScopeMissing, private_allowed, require
from wayfinder.api.dated import within
from wayfinder.api.form_binding import bound, cleaned, invalid
from wayfinder.api.pagination import DateFilters, Page, paginate
from wayfinder.api.schemas import BodyId, RecordId, Text, answers
from wayfinder.core.models import Profile
from wayfinder.reflection import selectors, services
from wayfinder.reflection.forms import JournalEntryForm, ReviewCompleteForm, ReviewStartForm
from wayfinder.reflection.models import ReviewKind

router = Router(tags=["reflection"])
SECTION = "reflection"

KindName = Literal[tuple(ReviewKind.values)]


class ReviewIn(Schema):
    held_on: dt.date
    kind: KindName = ReviewKind.QUARTERLY.value


class ReviewCompleteIn(Schema):
    summary: Text = Field(description="What you concluded; completing again rewrites it.")


class ReviewOut(Schema):
    id: int
    held_on: dt.date
    kind: str
    summary: str = Field(description="Empty until the review is completed.")
    created_at: dt.datetime
    updated_at: dt.datetime


class ReviewFilters(DateFilters):
    """`since` and `until` bound the day it was held."""

    kind: KindName | None = None


class JournalEntryIn(Schema):
    answer: Text
    written_on: dt.date
    question_key: Text = Field(
        "", description="A coaching question's key from the library; empty: a free entry."
    )
    review: BodyId | None = Field(None, description="The id of the review it was written in.")
    is_private: bool = Field(False, description="Needs the `private` scope.")


class JournalEntryChanges(Schema):
    """Only the fields given change; review null detaches the entry."""

    answer: Text | None = None
    written_on: dt.date | None = None
    question_key: Text | None = None
    review: BodyId | None = None
    is_private: bool | None = Field(None, description="Needs the `private` scope.")


class JournalEntryOut(Schema):
    id: int
    written_on: dt.date
    question_key: str
    question: str
    answer: str
    is_private: bool
    review: int | None = Field(alias="review_id")
    created_at: dt.datetime
    updated_at: dt.datetime


class JournalFilters(DateFilters):
    """`since` and `until` bound the day it was written."""

    question_key: Text | None = None
    review: int | None = Field(None, ge=1, description="Only the entries of this review.")


def _reviews(owner: Profile):
    return selectors.review_list(owner=owner)


def _review(owner: Profile, review_id: int):
    return get_object_or_404(_reviews(owner), pk=review_id)


def _entries(request: HttpRequest, owner: Profile, **filters):
    """The owner's journal as the request may read it: without `private`, the projection
    (private entries left out)."""
    return selectors.journal(owner=owner, include_private=private_allowed(request), **filters)


def _entry(request: HttpRequest, owner: Profile, entry_id: int):
    return get_object_or_404(_entries(request, owner), pk=entry_id)


def _linked_review(owner: Profile, given: dict) -> dict:
    """`review` of a body, as the owner's review (a 422 when it is not one)."""
    if given.get("review") is None:
        return {"review": None} if "review" in given else {}
    found = _reviews(owner).filter(pk=given["review"]).first()
    if found is None:
        raise invalid({"review": ["No such review of yours."]})
    return {"review": found}


def _refuse_private(request: HttpRequest, given: dict) -> None:
    # Without the scope no private entry is in reach, so only marking one private is asked.
    if given.get("is_private") and not private_allowed(request):
        raise ScopeMissing("is_private needs the private scope")


# --- Reviews -------------------------------------------------------------------------------


@router.get("/reviews", response=answers(list[ReviewOut]), summary="List reviews, newest first")
@paginate(Page)
def review_list(request: HttpRequest, filters: Query[ReviewFilters]):
    owner = require(request, SECTION)
    reviews = within(_reviews(owner), "held_on", filters)
    return reviews if filters.kind is None else reviews.filter(kind=filters.kind)


@router.get("/reviews/{review_id}", response=answers(ReviewOut), summary="One review")
def review_get(request: HttpRequest, review_id: RecordId):
    owner = require(request, SECTION)
    return _review(owner, review_id)


@router.post("/reviews", response=answers(ReviewOut, status=201), summary="Open a review")
def review_start(request: HttpRequest, payload: ReviewIn):
    owner = require(request, SECTION, write=True)
    review = services.review_start(owner=owner, **cleaned(ReviewStartForm, payload.dict()))
    return Status(201, review)


@router.post(
    "/reviews/{review_id}/complete",
    response=answers(ReviewOut),
    summary="Close a review with what it concluded",
)
def review_complete(request: HttpRequest, review_id: RecordId, payload: ReviewCompleteIn):
    owner = require(request, SECTION, write=True)
    review = _review(owner, review_id)
    data = cleaned(ReviewCompleteForm, payload.dict())
    return services.review_complete(owner=owner, review=review, **data)


@router.delete(
    "/reviews/{review_id}",
    response=answers(None, status=204),
    summary="Delete a review (its journal entries stay, unattached)",
)
def review_delete(request: HttpRequest, review_id: RecordId):
    owner = require(request, SECTION, write=True)
    services.review_delete(owner=owner, review=_review(owner, review_id))
    return Status(204, None)


# --- Journal -------------------------------------------------------------------------------


@router.get(
    "/journal", response=answers(list[JournalEntryOut]), summary="List journal entries, newest"
)
@paginate(Page)
def journal_list(request: HttpRequest, filters: Query[JournalFilters]):
    owner = require(request, SECTION)
    keys = None if filters.question_key is None else [filters.question_key]
    entries = within(_entries(request, owner, question_keys=keys), "written_on", filters)
    return entries if filters.review is None else entries.filter(review_id=filters.review)


@router.get("/journal/{entry_id}", response=answers(JournalEntryOut), summary="One journal entry")
def journal_get(request: HttpRequest, entry_id: RecordId):
    owner = require(request, SECTION)
    return _entry(request, owner, entry_id)


@router.post(
    "/journal",
    response=answers(JournalEntryOut, status=201),
    summary="Keep an answer to a coaching question, or a free entry",
)
def journal_answer(request: HttpRequest, payload: JournalEntryIn):
    owner = require(request, SECTION, write=True)
    given = payload.dict()
    _refuse_private(request, given)
    review = _linked_review(owner, given)
    given.pop("review")
    form = bound(JournalEntryForm, given)
    entry = services.journal_answer(
        owner=owner, question=form.question_text(), **form.cleaned_data, **review
    )
    return Status(201, _entry(request, owner, entry.pk))


@router.patch(
    "/journal/{entry_id}", response=answers(JournalEntryOut), summary="Change a journal entry"
)
def journal_update(request: HttpRequest, entry_id: RecordId, payload: JournalEntryChanges):
    owner = require(request, SECTION, write=True)
    given = payload.dict(exclude_unset=True)
    _refuse_private(request, given)
    entry = _entry(request, owner, entry_id)
    review = _linked_review(owner, given)
    given.pop("review", None)
    current = {
        "question_key": entry.question_key,
        "answer": entry.answer,
        "written_on": entry.written_on,
        "is_private": entry.is_private,
    }
    form = bound(
        JournalEntryForm,
        given,
        current=current,
        keep_question=(entry.question_key, entry.question) if entry.question_key else None,
    )
    changes = {name: form.cleaned_data[name] for name in given}
    if "question_key" in changes:
        changes["question"] = form.question_text()
    services.journal_update(owner=owner, entry=entry, **changes, **review)
    return _entry(request, owner, entry.pk)


@router.delete(
    "/journal/{entry_id}", response=answers(None, status=204), summary="Delete a journal entry"
)
def journal_delete(request: HttpRequest, entry_id: RecordId):
    owner = require(request, SECTION, write=True)
    services.journal_delete(owner=owner, entry=_entry(request, owner, entry_id))
    return Status(204, None)
