"""The impact score is SQL written once; it must rank and score as the ORM expressions it
replaced did (kept here as they were)."""

import datetime as dt
import itertools

import pytest
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, Least

from wayfinder.network.models import Influence
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.wins.models import ImpactMetric, Win, WinAudience
from wayfinder.wins.selectors import (
    BASELINE_POINTS,
    INFLUENCE_POINTS,
    METRIC_POINTS,
    METRICS_COUNTED,
    months_before,
    top_wins,
    top_wins_known,
    win_list,
)
from wayfinder.wins.tests.factories import ImpactMetricFactory, WinAudienceFactory, WinFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def _score_as_before(today):
    metric_count = Coalesce(
        Subquery(
            ImpactMetric.objects.filter(win=OuterRef("pk"))
            .order_by()
            .values("win")
            .annotate(n=Count("id"))
            .values("n")
        ),
        0,
    )
    baseline = Case(
        When(
            Exists(ImpactMetric.objects.filter(win=OuterRef("pk"), baseline__isnull=False)),
            then=Value(BASELINE_POINTS),
        ),
        default=Value(0),
    )
    weight = Case(
        *(When(person__influence=level, then=Value(p)) for level, p in INFLUENCE_POINTS.items()),
        default=Value(0),
        output_field=IntegerField(),
    )
    audience = Coalesce(
        Subquery(
            WinAudience.objects.filter(win=OuterRef("pk"), told_on__lte=today)
            .order_by()
            .values("win")
            .annotate(w=Sum(weight))
            .values("w")
        ),
        0,
    )
    return Least(metric_count, Value(METRICS_COUNTED)) * METRIC_POINTS + baseline + audience


def _ranked_as_before(owner, today, since, until, limit):
    return [
        (w.pk, w.impact_score)
        for w in win_list(owner=owner, since=since, until=until)
        .annotate(impact_score=_score_as_before(today))
        .order_by("-impact_score", "-occurred_on", "-id")[:limit]
    ]


@pytest.fixture
def wins(owner, outsider, today):
    people = {
        level: PersonFactory(owner=owner, influence=level)
        for level in (Influence.HIGH, Influence.MEDIUM, Influence.LOW)
    }
    made = []
    shapes = itertools.product(range(5), (False, True), range(4))
    for n, (metrics, baseline, told) in enumerate(shapes):
        win = WinFactory(owner=owner, title=f"win {n}", occurred_on=today - (n % 9) * DAY)
        for m in range(metrics):
            ImpactMetricFactory(owner=owner, win=win, baseline=3 if baseline and m == 0 else None)
        for person in list(people.values())[:told]:
            WinAudienceFactory(owner=owner, win=win, person=person, told_on=today - (n % 4) * DAY)
        made.append(win)
    WinAudienceFactory(owner=owner, win=made[0], told_on=today + DAY)  # not yet told
    WinFactory(owner=outsider, occurred_on=today)
    return made


@pytest.mark.parametrize("days", [-1, 0, 2, 5])
def test_top_wins_score_and_rank_as_the_orm_expressions_did(owner, today, wins, days):
    day = today - days * DAY
    for since, limit in ((day - 6 * DAY, 50), (day - 200 * DAY, 7), (day - 3 * DAY, 3)):
        ranked = top_wins(owner=owner, today=day, since=since, until=day, limit=limit)
        assert [(w.pk, w.impact_score) for w in ranked] == _ranked_as_before(
            owner, day, since, day, limit
        )
    scores = {w.impact_score for w in top_wins(owner=owner, today=today, limit=100)}
    assert {0, 3, 6, 8, 14} <= scores  # metrics, baselines and listeners all counted


def test_who_knows_the_top_wins_is_counted_as_before(owner, today, wins):
    known = top_wins_known(owner=owner, today=today, months=6, limit=5)
    top = [pk for pk, _ in _ranked_as_before(owner, today, months_before(today, 6), today, 5)]
    told = WinAudience.objects.filter(win__in=top, told_on__lte=today)
    assert known.top == 5
    assert dict(known.by_person) == {
        person: told.filter(person=person).count()
        for person in told.values_list("person", flat=True).distinct()
    }
    assert Win.objects.count() == 41
