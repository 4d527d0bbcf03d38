import datetime as dt

import pytest

from wayfinder.reflection.models import JournalEntry
from wayfinder.reflection.selectors import journal
from wayfinder.reflection.services import (
    ReflectionError,
    journal_answer,
    journal_delete,
    journal_update,
)
from wayfinder.reflection.tests.factories import JournalEntryFactory, ReviewFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def test_answer_a_coaching_question_in_a_review(owner, today):
    review = ReviewFactory(owner=owner)
    entry = journal_answer(
        owner=owner,
        question="What do you want to do more of?",
        question_key="more-of",
        answer="  Coaching people ",
        review=review,
        written_on=today,
        is_private=True,
    )
    entry.refresh_from_db()
    assert (entry.question_key, entry.answer, entry.review, entry.is_private) == (
        "more-of",
        "Coaching people",
        review,
        True,
    )


def test_a_free_entry_needs_only_an_answer(owner, today):
    entry = journal_answer(owner=owner, answer="Good week.", written_on=today)
    assert (entry.question, entry.question_key, entry.review, entry.is_private) == (
        "",
        "",
        None,
        False,
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"answer": "  "}, "cannot be empty"),
        ({"question_key": "more of"}, "letters, digits"),
        ({"question_key": "x" * 81}, "under 80"),
    ],
)
def test_answer_refuses_bad_input(owner, today, fields, message):
    with pytest.raises(ReflectionError, match=message):
        journal_answer(owner=owner, written_on=today, **{"answer": "A", **fields})
    assert not JournalEntry.objects.exists()


def test_answer_refuses_another_owners_review(owner, outsider, today):
    with pytest.raises(ReflectionError, match="review is not one of yours"):
        journal_answer(
            owner=owner, answer="A", written_on=today, review=ReviewFactory(owner=outsider)
        )
    assert not JournalEntry.objects.exists()


def test_update_changes_given_fields(owner, outsider, today):
    entry = JournalEntryFactory(owner=owner, review=ReviewFactory(owner=owner))
    journal_update(owner=owner, entry=entry, answer=" Mentoring ", is_private=True, review=None)
    entry.refresh_from_db()
    assert (entry.answer, entry.is_private, entry.review) == ("Mentoring", True, None)
    assert entry.question == "What do you want to do more of?"
    with pytest.raises(ReflectionError, match="cannot be empty"):
        journal_update(owner=owner, entry=entry, answer="")
    with pytest.raises(ReflectionError, match="review is not one of yours"):
        journal_update(owner=owner, entry=entry, review=ReviewFactory(owner=outsider))
    with pytest.raises(TypeError, match="owner"):
        journal_update(owner=owner, entry=entry, owner_id=outsider.pk)
    theirs = JournalEntryFactory(owner=outsider)
    with pytest.raises(ReflectionError, match="journal entry is not one of yours"):
        journal_update(owner=owner, entry=theirs, answer="Mine")
    theirs.refresh_from_db()
    assert theirs.answer == "Coaching."


def test_delete(owner, outsider):
    entry, theirs = JournalEntryFactory(owner=owner), JournalEntryFactory(owner=outsider)
    journal_delete(owner=owner, entry=entry)
    with pytest.raises(ReflectionError, match="not one of yours"):
        journal_delete(owner=owner, entry=theirs)
    assert list(JournalEntry.objects.all()) == [theirs]


def test_journal_newest_first_since_a_date_and_without_private(owner, outsider, today):
    old = JournalEntryFactory(owner=owner, written_on=today - 40 * DAY)
    edge = JournalEntryFactory(owner=owner, written_on=today - 30 * DAY)
    secret = JournalEntryFactory(owner=owner, written_on=today, is_private=True)
    JournalEntryFactory(owner=outsider, written_on=today)
    assert list(journal(owner=owner)) == [secret, edge, old]
    assert list(journal(owner=owner, since=today - 30 * DAY)) == [secret, edge]
    assert list(journal(owner=owner, include_private=False)) == [edge, old]


def test_journal_is_one_query_with_reviews(owner, django_assert_num_queries):
    JournalEntryFactory.create_batch(5, owner=owner, review=ReviewFactory(owner=owner))
    with django_assert_num_queries(1):
        assert all(entry.review.held_on for entry in journal(owner=owner))
