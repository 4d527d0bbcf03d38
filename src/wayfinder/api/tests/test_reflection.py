"""Reviews and journal entries through the API, on the web's forms and services; private
entries only with the `private` scope."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from wayfinder.api.scopes import PRIVATE
from wayfinder.api.tests.factories import AccessTokenFactory
from wayfinder.api.tests.test_network import Caller, _fields, _row
from wayfinder.core.tests.factories import TODAY, ProfileFactory
from wayfinder.reflection.models import JournalEntry, Review
from wayfinder.reflection.questions import BY_KEY
from wayfinder.reflection.tests.factories import JournalEntryFactory, ReviewFactory

pytestmark = pytest.mark.django_db

CANARY = "canary-private-journal"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def owner():
    return ProfileFactory()


@pytest.fixture
def api(client, owner):
    AccessTokenFactory(owner=owner, secret="wf_refl", scopes=["write:reflection", PRIVATE])
    return Caller(client, "wf_refl")


def test_a_review_is_opened_completed_and_deleted(api, owner):
    opened = api("post", "/api/v1/reviews", {"held_on": str(TODAY), "kind": "monthly"})
    assert opened.status_code == 201, opened.content
    pk = opened.json()["id"]
    assert opened.json()["summary"] == ""
    empty = api("post", f"/api/v1/reviews/{pk}/complete", {"summary": " "})
    assert empty.status_code == 422 and _fields(empty) == {"summary"}
    done = api("post", f"/api/v1/reviews/{pk}/complete", {"summary": " Moved on pricing. "})
    assert done.json()["summary"] == "Moved on pricing."
    entry = JournalEntryFactory(owner=owner, review=Review.objects.get())
    assert api("delete", f"/api/v1/reviews/{pk}").status_code == 204
    entry.refresh_from_db()
    assert entry.review is None and not Review.objects.exists()
    assert _fields(api("post", "/api/v1/reviews", {"held_on": "x", "kind": "weekly"})) == {
        "held_on",
        "kind",
    }


def test_a_journal_entry_takes_its_question_from_the_library(api, owner):
    review = ReviewFactory(owner=owner)
    response = api(
        "post",
        "/api/v1/journal",
        {
            "answer": " Coaching. ",
            "written_on": str(TODAY),
            "question_key": "more-of",
            "review": review.pk,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["question"] == BY_KEY["more-of"].text
    assert (body["answer"], body["review"], body["is_private"]) == ("Coaching.", review.pk, False)
    pk = body["id"]
    changed = api("patch", f"/api/v1/journal/{pk}", {"question_key": "", "review": None})
    assert changed.status_code == 200, changed.content
    assert (changed.json()["question"], changed.json()["review"]) == ("", None)
    assert changed.json()["answer"] == "Coaching."
    assert api("delete", f"/api/v1/journal/{pk}").status_code == 204
    assert not JournalEntry.objects.exists()


def test_bad_fields_are_a_422_naming_them(api, owner):
    theirs = ReviewFactory()
    response = api(
        "post",
        "/api/v1/journal",
        {"answer": "x", "written_on": str(TODAY), "review": theirs.pk},
    )
    assert response.status_code == 422 and _fields(response) == {"review"}
    unknown = api(
        "post",
        "/api/v1/journal",
        {"answer": "", "written_on": str(TODAY), "question_key": "no-such-question"},
    )
    assert _fields(unknown) == {"answer", "question_key"}
    assert not JournalEntry.objects.exists()


def test_private_entries_only_with_the_private_scope(client, owner):
    private = JournalEntryFactory(owner=owner, answer=CANARY, is_private=True)
    public = JournalEntryFactory(owner=owner, answer="Shared.")
    AccessTokenFactory(owner=owner, secret="wf_public", scopes=["write:reflection"])
    reader = Caller(client, "wf_public")
    listed = reader("get", "/api/v1/journal")
    assert CANARY not in listed.content.decode()
    assert [e["id"] for e in listed.json()["items"]] == [public.pk]
    for method, url, data in [
        ("get", f"/api/v1/journal/{private.pk}", None),
        ("patch", f"/api/v1/journal/{private.pk}", {"answer": "x"}),
        ("delete", f"/api/v1/journal/{private.pk}", None),
    ]:
        assert reader(method, url, data).status_code == 404, (method, url)
    marking = reader("patch", f"/api/v1/journal/{public.pk}", {"is_private": True})
    assert marking.status_code == 403
    new = {"answer": "x", "written_on": str(TODAY), "is_private": True}
    assert reader("post", "/api/v1/journal", new).status_code == 403
    private.refresh_from_db()
    assert private.answer == CANARY and JournalEntry.objects.count() == 2
    AccessTokenFactory(owner=owner, secret="wf_private", scopes=["read:reflection", PRIVATE])
    full = Caller(client, "wf_private")
    assert full("get", f"/api/v1/journal/{private.pk}").json()["answer"] == CANARY


def test_another_owners_review_and_entry_are_404s_and_a_missing_scope_a_403(api, client, owner):
    review = ReviewFactory(summary="Theirs")
    entry = JournalEntryFactory(owner=review.owner, answer="Theirs")
    for method, url, data in [
        ("get", f"/api/v1/reviews/{review.pk}", None),
        ("post", f"/api/v1/reviews/{review.pk}/complete", {"summary": "Mine"}),
        ("delete", f"/api/v1/reviews/{review.pk}", None),
        ("get", f"/api/v1/journal/{entry.pk}", None),
        ("patch", f"/api/v1/journal/{entry.pk}", {"answer": "Mine"}),
        ("delete", f"/api/v1/journal/{entry.pk}", None),
    ]:
        assert api(method, url, data).status_code == 404, (method, url)
    review.refresh_from_db()
    entry.refresh_from_db()
    assert (review.summary, entry.answer) == ("Theirs", "Theirs")
    AccessTokenFactory(owner=owner, secret="wf_read", scopes=["read:reflection"])
    reader = Caller(client, "wf_read")
    assert reader("get", "/api/v1/reviews").status_code == 200
    assert reader("post", "/api/v1/reviews", {"held_on": str(TODAY)}).status_code == 403
    AccessTokenFactory(owner=owner, secret="wf_wins", scopes=["write:wins"])
    assert Caller(client, "wf_wins")("get", "/api/v1/journal").status_code == 403


def test_lists_filter_by_date_kind_question_and_review_in_a_fixed_number_of_queries(
    api, owner, django_assert_max_num_queries
):
    review = ReviewFactory(owner=owner, held_on=TODAY, kind="annual")
    for n in range(1, 9):
        ReviewFactory(owner=owner, held_on=TODAY - dt.timedelta(days=30 * n))
        JournalEntryFactory(
            owner=owner,
            written_on=TODAY - dt.timedelta(days=n),
            question_key="more-of" if n % 2 else "",
            review=review if n <= 3 else None,
        )
    api("get", "/api/v1/reviews")
    with django_assert_max_num_queries(4):
        reviews = api("get", f"/api/v1/reviews?until={TODAY - dt.timedelta(days=100)}&limit=2")
    assert reviews.json()["count"] == 5
    assert [r["held_on"] for r in reviews.json()["items"]] == [
        str(TODAY - dt.timedelta(days=120)),
        str(TODAY - dt.timedelta(days=150)),
    ]
    assert api("get", "/api/v1/reviews?kind=annual").json()["count"] == 1
    since = TODAY - dt.timedelta(days=5)
    with django_assert_max_num_queries(4):
        entries = api("get", f"/api/v1/journal?question_key=more-of&since={since}")
    assert [e["written_on"] for e in entries.json()["items"]] == [
        str(TODAY - dt.timedelta(days=n)) for n in (1, 3, 5)
    ]
    assert api("get", f"/api/v1/journal?review={review.pk}").json()["count"] == 3


def test_the_api_keeps_a_journal_entry_and_opens_a_review_as_the_pages_do(client, api, owner):
    entry = {"question_key": "more-of", "answer": " Coaching ", "written_on": str(TODAY)}
    client.force_login(owner.user)
    assert client.post(reverse("reflection:entry-new"), entry).status_code == 302
    assert api("post", "/api/v1/journal", entry).status_code == 201
    by_page, by_api = JournalEntry.objects.order_by("id")
    assert _row(by_page) == _row(by_api)
    review = {"held_on": str(TODAY), "kind": "monthly"}
    assert client.post(reverse("reflection:review-new"), review).status_code == 302
    assert api("post", "/api/v1/reviews", review).status_code == 201
    first, second = Review.objects.order_by("id")
    assert _row(first) == _row(second)
