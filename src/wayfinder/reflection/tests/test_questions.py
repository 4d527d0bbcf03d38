import re

import pytest

from wayfinder.reflection.questions import (
    BY_KEY,
    MOMENTS,
    PRACTICES,
    QUESTIONS,
    order_first,
    questions_about,
    questions_for,
)

# Verbatim from DOMAIN.md, section 2 ("Reflection"): the product must ask these.
DOMAIN_QUESTIONS = [
    "Where do you see your career going? If you can't answer confidently, what do you need "
    "to do to get a good answer?",
    "Do you have a personal development plan with clear development actions?",
    "Are you having regular development conversations with your supervisor?",
    "How many mentors do you have? Who could you approach?",
    "What kind of problems do you want to solve?",
    "What do you want to do more of?",
]


def test_keys_are_unique_slugs_and_the_library_is_large_enough():
    keys = [question.key for question in QUESTIONS]
    assert len(keys) == len(set(keys)) == len(BY_KEY)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key) and len(key) <= 80 for key in keys)
    assert len(QUESTIONS) >= 30


def test_every_domain_question_is_asked_verbatim():
    texts = {question.text for question in QUESTIONS}
    assert [text for text in DOMAIN_QUESTIONS if text not in texts] == []


def test_texts_are_unique_and_tags_known():
    assert len({question.text for question in QUESTIONS}) == len(QUESTIONS)
    for question in QUESTIONS:
        assert question.practice in PRACTICES
        assert question.moments and set(question.moments) <= set(MOMENTS)


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_every_moment_has_questions(moment):
    found = questions_for(moment)
    assert len(found) >= 3
    assert all(moment in question.moments for question in found)


@pytest.mark.parametrize("practice", list(PRACTICES))
def test_every_practice_has_questions(practice):
    found = questions_about(practice)
    assert found and all(question.practice == practice for question in found)


def test_questions_keep_library_order():
    found = questions_for("quarterly_review")
    assert found == sorted(found, key=QUESTIONS.index)


@pytest.mark.parametrize("lookup", [questions_for, questions_about])
def test_an_unknown_tag_is_an_error(lookup):
    with pytest.raises(ValueError, match="unknown"):
        lookup("someday")


def test_questions_about_the_practices_named_come_first_and_are_marked():
    questions = questions_for("quarterly_review")
    ordered = order_first(questions, ["sponsor", "mentors"])
    assert sorted(q.key for q, _ in ordered) == sorted(q.key for q in questions)
    marked = [q.practice for q, first in ordered if first]
    assert marked and marked == sorted(marked, key=["sponsor", "mentors"].index)
    assert [first for _, first in ordered] == sorted((f for _, f in ordered), reverse=True)
    rest = [q for q, first in ordered if not first]
    assert rest == [q for q in questions if q.practice not in {"sponsor", "mentors"}]


@pytest.mark.parametrize(
    ("practice", "said"),
    [
        ("mentors", "your mentors need attention now"),
        ("experiments", "your experiments need attention now"),
        ("supervisor", "your supervisor conversations need attention now"),
        ("horizons", "your goals on three horizons need attention now"),
        ("plan", "your development plan needs attention now"),
        ("sponsor", "your sponsorship needs attention now"),
        ("reflection", "your reflection needs attention now"),
    ],
)
def test_needs_attention_agrees_with_the_practice(practice, said):
    assert questions_about(practice)[0].needs_attention == said
