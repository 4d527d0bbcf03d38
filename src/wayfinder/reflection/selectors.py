"""Reads for reflection: the journal, reviews, private notes (for the owner's eyes only)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from django.db.models import Case, IntegerField, Max, QuerySet, Value, When

from wayfinder.core.models import Profile
from wayfinder.core.privacy import outward
from wayfinder.reflection.models import JournalEntry, PrivateNote, PrivateNoteKind, Review


def journal(
    *,
    owner: Profile,
    since: dt.date | None = None,
    include_private: bool = True,
    question_keys: Collection[str] | None = None,
) -> QuerySet[JournalEntry]:
    """Journal entries newest first, with their review; from `since` on if given.

    `include_private=False` gives the privacy projection (core/privacy.py): the entries the
    owner marked private are left out; `question_keys` keeps only the answers to those
    coaching questions.
    """
    entries = JournalEntry.objects.for_owner(owner)
    if question_keys is not None:
        entries = entries.filter(question_key__in=list(question_keys))
    if since is not None:
        entries = entries.filter(written_on__gte=since)
    if not include_private:
        entries = outward(entries)
    return entries.select_related("review").order_by("-written_on", "-id")


def review_list(*, owner: Profile) -> QuerySet[Review]:
    """Reviews newest first with their journal entries: two queries whatever the number."""
    return Review.objects.for_owner(owner).prefetch_related("entries").order_by("-held_on", "-id")


def last_review_on(*, owner: Profile, today: dt.date | None = None) -> dt.date | None:
    """The date of the latest review (on or before `today`, if given); None if none."""
    reviews = Review.objects.for_owner(owner)
    if today is not None:
        reviews = reviews.filter(held_on__lte=today)
    return reviews.aggregate(last=Max("held_on"))["last"]


def review_due(*, last_review_on: dt.date | None, today: dt.date, after_days: int) -> bool:
    """A review is due when there has been none, or the last is more than `after_days` old
    (the owner's `review_days`)."""
    return last_review_on is None or (today - last_review_on).days > after_days


def private_notes(*, owner: Profile) -> QuerySet[PrivateNote]:
    """The owner's private notes, the backup plan first, then the latest changed."""
    backup_first = Case(
        When(kind=PrivateNoteKind.BACKUP_PLAN, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return PrivateNote.objects.for_owner(owner).order_by(backup_first, "-updated_at", "-id")


def backup_plan(*, owner: Profile) -> PrivateNote | None:
    """The owner's backup plan if they have written one; reading never creates it."""
    return (
        PrivateNote.objects.for_owner(owner)
        .filter(kind=PrivateNoteKind.BACKUP_PLAN)
        .order_by("id")
        .first()
    )
