import pytest
from django.urls import reverse

from wayfinder.reflection.models import JournalEntry
from wayfinder.reflection.questions import BY_KEY
from wayfinder.reflection.tests.factories import JournalEntryFactory, ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_empty_state_explains_the_journal(signed_in):
    content = signed_in.get(reverse("reflection:journal")).content.decode()
    assert "Your answers, kept over time" in content


def test_newest_first_and_private_entries_marked(signed_in, owner):
    JournalEntryFactory(owner=owner, written_on="2026-01-05", answer="Older answer")
    JournalEntryFactory(
        owner=owner, written_on="2026-06-05", answer="Newer answer", is_private=True
    )
    content = signed_in.get(reverse("reflection:journal")).content.decode()
    assert content.index("Newer answer") < content.index("Older answer")
    assert content.count("badge-private") == 1


def test_filter_by_practice_and_question_returns_the_fragment(signed_in, owner):
    JournalEntryFactory(owner=owner, question_key="mentors-count", answer="Two mentors")
    JournalEntryFactory(owner=owner, question_key="more-of", answer="More coaching")
    JournalEntryFactory(owner=owner, question_key="", question="", answer="Free thoughts")
    url = reverse("reflection:journal")
    content = signed_in.get(
        url, {"practice": "mentors"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert content.lstrip().startswith('<div id="journal-list">')
    assert "Two mentors" in content
    assert "More coaching" not in content and "Free thoughts" not in content
    content = signed_in.get(url, {"question": "more-of"}).content.decode()
    assert "More coaching" in content and "Two mentors" not in content
    content = signed_in.get(url, {"question": "more-of", "practice": "mentors"}).content.decode()
    assert "No answers to these questions yet" in content


def test_write_an_answer_to_a_library_question(signed_in, owner):
    form = signed_in.get(reverse("reflection:entry-new"), {"question": "problems"})
    assert '<option value="problems" selected>' in form.content.decode()
    response = signed_in.post(
        reverse("reflection:entry-new"),
        {"question_key": "problems", "answer": "Pricing puzzles", "written_on": "2026-11-20"},
    )
    entry = JournalEntry.objects.for_owner(owner).get()
    assert response["Location"] == entry.get_absolute_url()
    assert (entry.question, entry.is_private) == (BY_KEY["problems"].text, False)


def test_a_free_private_entry_and_an_empty_answer(signed_in, owner):
    response = signed_in.post(
        reverse("reflection:entry-new"),
        {"question_key": "", "answer": "", "written_on": "2026-11-20", "is_private": "on"},
    )
    assert "This field is required." in response.content.decode()
    assert 'value="2026-11-20"' in response.content.decode()
    signed_in.post(
        reverse("reflection:entry-new"),
        {"answer": "Feeling stuck", "written_on": "2026-11-20", "is_private": "on"},
    )
    entry = JournalEntry.objects.for_owner(owner).get()
    assert (entry.question, entry.question_key, entry.is_private) == ("", "", True)
    content = signed_in.get(entry.get_absolute_url()).content.decode()
    assert "for your eyes only: left out of the narrative, the agenda and resume.json" in content


def test_edit_keeps_an_unknown_question_and_the_review(signed_in, owner):
    review = ReviewFactory(owner=owner)
    entry = JournalEntryFactory(
        owner=owner, review=review, question_key="retired-question", question="Old question?"
    )
    signed_in.post(
        reverse("reflection:entry-edit", args=[entry.pk]),
        {"question_key": "retired-question", "answer": "Rewritten", "written_on": "2026-11-21"},
    )
    entry.refresh_from_db()
    assert (entry.answer, entry.question, entry.review) == ("Rewritten", "Old question?", review)


def test_delete_with_confirmation(signed_in, owner):
    entry = JournalEntryFactory(owner=owner)
    url = reverse("reflection:entry-delete", args=[entry.pk])
    assert "Delete this journal entry?" in signed_in.get(url).content.decode()
    signed_in.post(url)
    assert not JournalEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("name", ["entry", "entry-edit", "entry-delete"])
def test_another_owners_entry_is_not_found(signed_in, outsider, name):
    theirs = JournalEntryFactory(owner=outsider, answer="Theirs")
    url = reverse(f"reflection:{name}", args=[theirs.pk])
    assert signed_in.get(url).status_code == 404
    response = signed_in.post(url, {"answer": "Mine", "written_on": "2026-11-20"})
    assert response.status_code == 404
    assert JournalEntry.objects.filter(pk=theirs.pk, answer="Theirs").exists()


def test_journal_query_count_is_fixed(signed_in, owner, django_assert_max_num_queries):
    review = ReviewFactory(owner=owner)
    JournalEntryFactory.create_batch(3, owner=owner, review=review)
    with django_assert_max_num_queries(4):
        signed_in.get(reverse("reflection:journal"))
    JournalEntryFactory.create_batch(40, owner=owner, review=ReviewFactory(owner=owner))
    with django_assert_max_num_queries(4):
        signed_in.get(reverse("reflection:journal"))
