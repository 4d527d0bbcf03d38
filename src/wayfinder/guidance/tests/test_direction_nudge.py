"""The direction nudge calls out a path ruled out from fear or size, with the coaching
question, and does not repeat advice the research notes show was followed."""

import datetime as dt

import pytest

from wayfinder.core.thresholds import DEFAULTS
from wayfinder.direction.models import Verdict
from wayfinder.direction.tests.factories import AmbitionStatementFactory, CareerPathFactory
from wayfinder.guidance import indicators
from wayfinder.guidance.indicators import ATTENTION, HEALTHY

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def ambitious(owner):
    AmbitionStatementFactory(owner=owner, version=1, written_on=TODAY - dt.timedelta(days=30))
    return owner


@pytest.mark.parametrize(
    ("reason", "decided_days_ago", "expected"),
    [
        ("It is out of my league", 10, ATTENTION),
        ("I'm not good enough yet", 10, ATTENTION),
        ("Impostor, really", 365, ATTENTION),
        ("It is out of my league", 366, HEALTHY),  # ruled out long ago, not lately
        ("I dislike the politics and the travel", 10, HEALTHY),
        ("Not ruled out from fear: the work drained me.", 10, HEALTHY),
    ],
)
def test_a_path_ruled_out_from_fear_lately_needs_a_second_look(
    ambitious, reason, decided_days_ago, expected
):
    CareerPathFactory(
        owner=ambitious,
        title="Chief Revenue Officer",
        verdict=Verdict.RULED_OUT,
        verdict_reason=reason,
        decided_on=TODAY - dt.timedelta(days=decided_days_ago),
    )
    result = indicators.direction(ambitious, TODAY, DEFAULTS)
    assert result.state == expected
    if expected == ATTENTION:
        assert result.why.startswith("You ruled out “Chief Revenue Officer” for a reason")
        assert f"“{reason}”" in result.why
        assert result.next_step.text.startswith(
            "Would the reason still hold if the step did not feel too big or unknown?"
        )
        assert result.next_step.url.startswith("/direction/paths/")


def test_the_nudge_does_not_repeat_advice_already_followed(ambitious):
    CareerPathFactory(
        owner=ambitious,
        title="Sales director",
        verdict=Verdict.RULED_OUT,
        verdict_reason="Honestly, it scares me",
        research_notes="Spoke with two sales directors about their weeks.",
        decided_on=TODAY,
    )
    result = indicators.direction(ambitious, TODAY, DEFAULTS)
    assert "talk to someone who does this job" not in result.why
    assert "already heard from people who do this job" in result.why


def test_the_nudge_shows_on_the_dashboard(client, ambitious):
    CareerPathFactory(
        owner=ambitious, title="VP", verdict=Verdict.RULED_OUT, verdict_reason="Too senior for me"
    )
    client.force_login(ambitious.user)
    content = client.get("/").content.decode()
    assert "You ruled out “VP” for a reason that sounds like fear" in content
    assert "Would the reason still hold if the step did not feel too big or unknown?" in content


def test_the_quoted_reason_ends_in_one_full_stop(ambitious):
    CareerPathFactory(
        owner=ambitious,
        title="VP",
        verdict=Verdict.RULED_OUT,
        verdict_reason="It is out of my league.",
        decided_on=TODAY - dt.timedelta(days=3),
    )
    why = indicators.direction(ambitious, TODAY, DEFAULTS).why
    assert "“It is out of my league”. " in why
    assert ".”." not in why
