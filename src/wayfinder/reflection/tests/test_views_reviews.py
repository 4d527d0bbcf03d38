import pytest
from django.urls import reverse

from wayfinder.reflection.models import JournalEntry, Review, ReviewKind
from wayfinder.reflection.questions import BY_KEY, questions_for
from wayfinder.reflection.tests.factories import JournalEntryFactory, ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_empty_state_explains_reviews(signed_in):
    content = signed_in.get(reverse("reflection:reviews")).content.decode()
    assert "Take stock, a few times a year" in content


def test_start_a_quarterly_review_by_default(signed_in, owner):
    form = signed_in.get(reverse("reflection:review-new")).content.decode()
    assert '<option value="quarterly" selected>' in form
    response = signed_in.post(
        reverse("reflection:review-new"), {"kind": "quarterly", "held_on": "2026-11-20"}
    )
    review = Review.objects.for_owner(owner).get()
    assert response["Location"] == review.get_absolute_url()
    content = signed_in.get(review.get_absolute_url()).content.decode()
    for question in questions_for("quarterly_review"):
        assert question.text.replace("'", "&#x27;") in content


def test_answers_become_journal_entries_and_empty_ones_are_skipped(signed_in, owner):
    review = ReviewFactory(owner=owner, kind=ReviewKind.QUARTERLY)
    response = signed_in.post(
        review.get_absolute_url(),
        {
            "moment": "quarterly_review",
            "answer_more-of": "  Coaching people  ",
            "answer_less-of": "",
            "answer_mentors-count": "One; I could ask Priya.",
            "is_private": "on",
        },
    )
    assert response["Location"] == f"{review.get_absolute_url()}?moment=quarterly_review"
    entries = JournalEntry.objects.for_owner(owner).order_by("id")
    assert [(e.question_key, e.answer, e.review, e.is_private) for e in entries] == [
        ("more-of", "Coaching people", review, True),
        ("mentors-count", "One; I could ask Priya.", review, True),
    ]
    assert entries[0].question == BY_KEY["more-of"].text
    # An answered question leaves the form; its answer shows above it.
    content = signed_in.get(review.get_absolute_url()).content.decode()
    assert 'name="answer_more-of"' not in content
    assert "Coaching people" in content


def test_no_answer_at_all_is_an_error(signed_in, owner):
    review = ReviewFactory(owner=owner)
    response = signed_in.post(review.get_absolute_url(), {"moment": "quarterly_review"})
    assert "Write at least one answer" in response.content.decode()
    assert not JournalEntry.objects.exists()


def test_moment_switch_returns_the_questions_fragment(signed_in, owner):
    review = ReviewFactory(owner=owner, kind=ReviewKind.AD_HOC)
    response = signed_in.get(
        review.get_absolute_url(), {"moment": "after_win"}, headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="review-questions">')
    assert 'name="answer_win-skills"' in content
    assert 'name="answer_more-of"' not in content


def test_complete_needs_a_summary(signed_in, owner):
    review = ReviewFactory(owner=owner)
    url = reverse("reflection:review-complete", args=[review.pk])
    response = signed_in.post(url, {"summary": "   "})
    assert "This field is required." in response.content.decode()
    signed_in.post(url, {"summary": "Plan is alive; need a sponsor."})
    review.refresh_from_db()
    assert review.summary == "Plan is alive; need a sponsor."


def test_delete_keeps_the_answers(signed_in, owner):
    review = ReviewFactory(owner=owner)
    entry = JournalEntryFactory(owner=owner, review=review)
    signed_in.post(reverse("reflection:review-delete", args=[review.pk]))
    assert not Review.objects.filter(pk=review.pk).exists()
    entry.refresh_from_db()
    assert entry.review is None


@pytest.mark.parametrize("name", ["review", "review-complete", "review-delete"])
def test_another_owners_review_is_not_found(signed_in, outsider, name):
    theirs = ReviewFactory(owner=outsider)
    url = reverse(f"reflection:{name}", args=[theirs.pk])
    assert signed_in.get(url).status_code in (404, 405)
    response = signed_in.post(url, {"summary": "Mine", "answer_more-of": "Mine"})
    assert response.status_code == 404
    assert Review.objects.filter(pk=theirs.pk, summary="").exists()
    assert not JournalEntry.objects.exists()


def test_query_counts_are_fixed(signed_in, owner, django_assert_max_num_queries):
    def grow(count):
        for review in ReviewFactory.create_batch(count, owner=owner):
            JournalEntryFactory.create_batch(3, owner=owner, review=review)

    grow(2)
    review = Review.objects.for_owner(owner).first()
    # The list reads the owner's thresholds too, to say whether a review is due.
    with django_assert_max_num_queries(7):
        signed_in.get(reverse("reflection:reviews"))
    # The review page also assesses every practice, to ask about the gaps first (the
    # mentors and sponsor practices with who you could approach; the visibility matrix and
    # the week read what they show whoever matches, so the count is the same at any size).
    with django_assert_max_num_queries(51):
        signed_in.get(review.get_absolute_url())
    grow(20)
    JournalEntryFactory.create_batch(10, owner=owner, review=review)
    with django_assert_max_num_queries(7):
        signed_in.get(reverse("reflection:reviews"))
    with django_assert_max_num_queries(51):
        signed_in.get(review.get_absolute_url())


def test_questions_about_current_gaps_come_first(signed_in, owner):
    review = ReviewFactory(owner=owner)
    content = signed_in.get(review.get_absolute_url()).content.decode()
    # A new owner has no mentor and no ambition: those questions are asked first, marked.
    assert "Asked first: your direction needs attention now." in content
    first_gap = content.index("Asked first")
    assert first_gap < content.index("Keep these answers private")
