import datetime as dt

import pytest

from wayfinder.reflection.models import JournalEntry, Review, ReviewKind
from wayfinder.reflection.selectors import last_review_on, review_list
from wayfinder.reflection.services import (
    ReflectionError,
    review_complete,
    review_delete,
    review_start,
)
from wayfinder.reflection.tests.factories import JournalEntryFactory, ReviewFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def test_start_and_complete_a_review(owner, today):
    review = review_start(owner=owner, kind=ReviewKind.ANNUAL, held_on=today)
    assert (review.kind, review.held_on, review.summary) == ("annual", today, "")
    review_complete(owner=owner, review=review, summary="  Ready to ask for the stretch role ")
    review.refresh_from_db()
    assert review.summary == "Ready to ask for the stretch role"


def test_a_review_is_quarterly_unless_said(owner, today):
    assert review_start(owner=owner, held_on=today).kind == ReviewKind.QUARTERLY


def test_review_refuses_unknown_kind_empty_summary_and_others(owner, outsider, today):
    with pytest.raises(ReflectionError, match="unknown review kind 'weekly'"):
        review_start(owner=owner, kind="weekly", held_on=today)
    assert not Review.objects.exists()
    review = ReviewFactory(owner=owner, summary="Kept")
    with pytest.raises(ReflectionError, match="sum the review up"):
        review_complete(owner=owner, review=review, summary="  ")
    theirs = ReviewFactory(owner=outsider)
    with pytest.raises(ReflectionError, match="review is not one of yours"):
        review_complete(owner=owner, review=theirs, summary="Mine")
    review.refresh_from_db()
    theirs.refresh_from_db()
    assert (review.summary, theirs.summary) == ("Kept", "")


def test_deleting_a_review_keeps_its_answers(owner, outsider):
    review = ReviewFactory(owner=owner)
    entry = JournalEntryFactory(owner=owner, review=review)
    review_delete(owner=owner, review=review)
    entry.refresh_from_db()
    assert entry.review is None
    theirs = ReviewFactory(owner=outsider)
    with pytest.raises(ReflectionError, match="not one of yours"):
        review_delete(owner=owner, review=theirs)
    assert Review.objects.filter(pk=theirs.pk).exists()


def test_last_review_on(owner, outsider, today):
    assert last_review_on(owner=owner) is None
    ReviewFactory(owner=owner, held_on=today - 100 * DAY)
    ReviewFactory(owner=owner, held_on=today - 10 * DAY)
    ReviewFactory(owner=owner, held_on=today + 5 * DAY)
    ReviewFactory(owner=outsider, held_on=today)
    assert last_review_on(owner=owner) == today + 5 * DAY
    assert last_review_on(owner=owner, today=today) == today - 10 * DAY


def test_review_list_is_two_queries_whatever_the_number(owner, today, django_assert_num_queries):
    for i in range(2):
        JournalEntryFactory.create_batch(
            2, owner=owner, review=ReviewFactory(owner=owner, held_on=today - i * DAY)
        )
    with django_assert_num_queries(2):
        assert [len(r.entries.all()) for r in review_list(owner=owner)] == [2, 2]
    for _ in range(12):
        JournalEntryFactory.create_batch(3, owner=owner, review=ReviewFactory(owner=owner))
    with django_assert_num_queries(2):
        assert sum(len(r.entries.all()) for r in review_list(owner=owner)) == 40
    assert JournalEntry.objects.count() == 40
