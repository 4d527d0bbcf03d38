import pytest

from wayfinder.core.tests.factories import SkillFactory
from wayfinder.wins.models import ImpactMetric, Win, WinSource
from wayfinder.wins.services import MetricInput, WinError, metric_parse, win_create

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("30 %", MetricInput(value=30.0, unit="%")),
        ("1.2 M$", MetricInput(value=1_200_000.0, unit="$")),
        ("-15 days", MetricInput(value=-15.0, unit="days")),
        ("$400k per year", MetricInput(value=400_000.0, unit="$", period="per year")),
        ("from 3.8 to 4.5", MetricInput(value=4.5, baseline=3.8)),
    ],
)
def test_metric_parse_reads_a_metric_as_quick_capture_does(text, metric):
    assert metric_parse(text) == metric


@pytest.mark.parametrize("text", ["", "about 30", "%30"])
def test_metric_parse_needs_a_leading_number(text):
    with pytest.raises(WinError, match="starts with a number"):
        metric_parse(text)


def test_win_create_stores_the_story_skills_and_metrics(owner, outsider, today):
    mine = SkillFactory(owner=owner, name="Negotiation")
    SkillFactory(owner=outsider, name="Pricing")
    win = win_create(
        owner=owner,
        title="  Closed   the Acme renewal ",
        occurred_on=today,
        action="Led the negotiation",
        skills=["negotiation", "Pricing", " "],
        metrics=[MetricInput(value=30, unit="%", baseline=12, period="per year", label="uplift")],
    )
    win.refresh_from_db()
    assert (win.title, win.source, win.owner) == ("Closed the Acme renewal", WinSource.WEB, owner)
    skills = sorted(win.skills.all(), key=lambda s: s.name)
    assert [s.name for s in skills] == ["Negotiation", "Pricing"]
    assert skills[0] == mine and skills[1].owner == owner
    [metric] = win.metrics.all()
    assert (metric.value, metric.unit, metric.baseline, metric.period, metric.label) == (
        30.0,
        "%",
        12.0,
        "per year",
        "uplift",
    )
    assert metric.owner == owner


def test_win_create_refuses_an_empty_or_long_title_and_writes_nothing(owner, today):
    with pytest.raises(WinError, match="needs a line"):
        win_create(owner=owner, title="   ", occurred_on=today, metrics=[MetricInput(1)])
    with pytest.raises(WinError, match="under 300 characters"):
        win_create(owner=owner, title="x" * 301, occurred_on=today)
    assert not Win.objects.exists() and not ImpactMetric.objects.exists()


def test_win_create_records_its_source(owner, today):
    win = win_create(owner=owner, title="Shipped", occurred_on=today, source=WinSource.CAPTURE)
    assert win.source == "capture"


def test_the_new_win_answers_with_what_was_written_without_reading_it_back(
    owner, today, django_assert_num_queries
):
    win = win_create(
        owner=owner,
        title="Shipped the pricing page",
        occurred_on=today,
        metrics=[MetricInput(value=30, unit="%"), MetricInput(value=2, unit="weeks early")],
    )
    with django_assert_num_queries(0):
        metrics = [(m.value, m.unit) for m in win.metrics.all()]
        assert list(win.collaborators.all()) == []
        assert list(win.skills.all()) == []
    stored = Win.objects.get(pk=win.pk)
    assert (
        metrics
        == [(m.value, m.unit) for m in stored.metrics.all()]
        == [
            (30.0, "%"),
            (2.0, "weeks early"),
        ]
    )
    assert [m.pk for m in win.metrics.all()] == [m.pk for m in stored.metrics.all()]


def test_skills_given_are_read_back_in_the_databases_order(owner, today):
    win = win_create(
        owner=owner, title="Led the offsite", occurred_on=today, skills=["Facilitation", "budget"]
    )
    assert [s.name for s in win.skills.all()] == [
        s.name for s in Win.objects.get(pk=win.pk).skills.all()
    ]
    win.skills.set([])  # a later change through the manager drops what was kept
    assert list(win.skills.all()) == []
