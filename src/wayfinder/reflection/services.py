"""Writes for reflection: reviews, journal answers to coaching questions, private notes."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction

from wayfinder.core.checks import clean_title, ensure_owned, max_length, reject_unknown
from wayfinder.core.models import Profile
from wayfinder.reflection.models import (
    JournalEntry,
    PrivateNote,
    PrivateNoteKind,
    Review,
    ReviewKind,
)


class ReflectionError(ValueError):
    """A review, journal entry or private note that cannot be written as given; says why."""


_ensure_owned = partial(ensure_owned, error=ReflectionError)
_clean_title = partial(clean_title, error=ReflectionError)


@transaction.atomic
def review_start(*, owner: Profile, held_on: dt.date, kind: str = ReviewKind.QUARTERLY) -> Review:
    """Open a review; answers written during it are attached with `journal_answer(review=)`."""
    if kind not in ReviewKind.values:
        raise ReflectionError(
            f"unknown review kind {kind!r}: use one of {', '.join(ReviewKind.values)}"
        )
    return Review.objects.create(owner=owner, held_on=held_on, kind=kind)


@transaction.atomic
def review_complete(*, owner: Profile, review: Review, summary: str) -> Review:
    """Close a review with what it concluded; completing again rewrites the summary."""
    _ensure_owned(owner, review, "review")
    summary = summary.strip()
    if not summary:
        raise ReflectionError("sum the review up in a few words: what did you conclude?")
    review.summary = summary
    review.save(update_fields=["summary"])
    return review


@transaction.atomic
def review_delete(*, owner: Profile, review: Review) -> None:
    """Remove a review; its journal answers stay, unattached."""
    _ensure_owned(owner, review, "review")
    review.delete()


def _clean_key(key: str) -> str:
    key = key.strip()
    if not key:
        return key
    limit = max_length(JournalEntry, "question_key")
    try:
        validate_slug(key)
    except ValidationError:
        raise ReflectionError(
            f"a question key is letters, digits, - and _ only (got {key!r})"
        ) from None
    if len(key) > limit:
        raise ReflectionError(f"keep a question key under {limit} characters")
    return key


def _clean_answer(answer: str) -> str:
    answer = answer.strip()
    if not answer:
        raise ReflectionError("an answer cannot be empty")
    return answer


@transaction.atomic
def journal_answer(
    *,
    owner: Profile,
    answer: str,
    written_on: dt.date,
    question: str = "",
    question_key: str = "",
    review: Review | None = None,
    is_private: bool = False,
) -> JournalEntry:
    """Keep an answer to a coaching question (or a free entry with no question)."""
    _ensure_owned(owner, review, "review")
    return JournalEntry.objects.create(
        owner=owner,
        review=review,
        written_on=written_on,
        question_key=_clean_key(question_key),
        question=question.strip(),
        answer=_clean_answer(answer),
        is_private=is_private,
    )


class JournalChanges(TypedDict, total=False):
    answer: str
    question: str
    question_key: str
    written_on: dt.date
    review: Review | None
    is_private: bool


@transaction.atomic
def journal_update(
    *, owner: Profile, entry: JournalEntry, **changes: Unpack[JournalChanges]
) -> JournalEntry:
    """Change a journal entry; only the fields given change (review None detaches it)."""
    _ensure_owned(owner, entry, "journal entry")
    reject_unknown(changes, JournalChanges)
    _ensure_owned(owner, changes.get("review"), "review")
    if "answer" in changes:
        changes["answer"] = _clean_answer(changes["answer"])
    if "question_key" in changes:
        changes["question_key"] = _clean_key(changes["question_key"])
    for field, value in changes.items():
        setattr(entry, field, value.strip() if isinstance(value, str) else value)
    entry.save()
    return entry


@transaction.atomic
def journal_delete(*, owner: Profile, entry: JournalEntry) -> None:
    _ensure_owned(owner, entry, "journal entry")
    entry.delete()


@transaction.atomic
def private_note_write(*, owner: Profile, title: str, body: str = "") -> PrivateNote:
    """Write a private note: for the owner's eyes only, in nothing made for others."""
    return PrivateNote.objects.create(
        owner=owner,
        kind=PrivateNoteKind.NOTE,
        title=_clean_title(title, what="a private note", model=PrivateNote),
        body=body.strip(),
    )


class PrivateNoteChanges(TypedDict, total=False):
    title: str
    body: str


@transaction.atomic
def private_note_update(
    *, owner: Profile, note: PrivateNote, **changes: Unpack[PrivateNoteChanges]
) -> PrivateNote:
    """Change a private note or the backup plan; only the fields given change."""
    _ensure_owned(owner, note, "private note")
    reject_unknown(changes, PrivateNoteChanges)
    if "title" in changes:
        note.title = _clean_title(changes["title"], what="a private note", model=PrivateNote)
    if "body" in changes:
        note.body = changes["body"].strip()
    note.save()
    return note


@transaction.atomic
def private_note_delete(*, owner: Profile, note: PrivateNote) -> None:
    _ensure_owned(owner, note, "private note")
    note.delete()


BACKUP_PLAN_TITLE = "Backup plan"


@transaction.atomic
def backup_plan_get_or_create(*, owner: Profile) -> PrivateNote:
    """The owner's one backup plan: alternatives kept in private, made empty the first time."""
    # Lock the owner so two first visits cannot both create one.
    Profile.objects.select_for_update().only("pk").get(pk=owner.pk)
    existing = (
        PrivateNote.objects.for_owner(owner)
        .filter(kind=PrivateNoteKind.BACKUP_PLAN)
        .order_by("id")
        .first()
    )
    if existing is not None:
        return existing
    return PrivateNote.objects.create(
        owner=owner, kind=PrivateNoteKind.BACKUP_PLAN, title=BACKUP_PLAN_TITLE
    )
