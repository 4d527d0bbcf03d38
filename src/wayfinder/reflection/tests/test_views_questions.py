import pytest
from django.urls import reverse

from wayfinder.reflection.questions import QUESTIONS, questions_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_library_lists_every_question_with_an_answer_link(signed_in):
    content = signed_in.get(reverse("reflection:questions")).content.decode()
    assert content.count('href="/reflection/journal/new/?question=') == len(QUESTIONS)


def test_moment_filter_returns_the_fragment(signed_in):
    response = signed_in.get(
        reverse("reflection:questions"),
        {"moment": "before_supervisor_conversation"},
        headers={"HX-Request": "true"},
    )
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="question-list">')
    assert content.count("<li>") == len(questions_for("before_supervisor_conversation"))


def test_an_unknown_moment_shows_everything(signed_in):
    content = signed_in.get(reverse("reflection:questions"), {"moment": "x"}).content.decode()
    assert content.count('href="/reflection/journal/new/?question=') == len(QUESTIONS)
