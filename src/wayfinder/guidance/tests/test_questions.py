import pytest

from wayfinder.guidance.indicators import ATTENTION, HEALTHY, MISSING, Indicator
from wayfinder.guidance.questions import gap_practices, questions_for_gaps


def indicator(key: str, state: str) -> Indicator:
    return Indicator(key, key.title(), state, "why")


def test_gap_practices_follow_the_indicators_and_merge_the_plan():
    indicators = [
        indicator("direction", HEALTHY),
        indicator("plan_freshness", ATTENTION),
        indicator("plan_momentum", MISSING),
        indicator("mentors", MISSING),
    ]
    assert gap_practices(indicators) == ["plan", "mentors"]


def test_one_question_per_gap_before_a_second_for_any():
    indicators = [indicator("mentors", MISSING), indicator("sponsor", MISSING)]
    chosen = questions_for_gaps(indicators, limit=3)
    assert [q.practice for q in chosen] == ["mentors", "sponsor", "mentors"]


def test_no_gaps_no_questions():
    assert questions_for_gaps([indicator("direction", HEALTHY)]) == []


@pytest.mark.django_db
def test_dashboard_offers_questions_for_the_gaps(client, owner):
    client.force_login(owner.user)
    content = client.get("/").content.decode()
    assert "Questions worth sitting with" in content
    assert "/reflection/journal/new/?question=" in content
