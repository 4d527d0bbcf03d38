import datetime as dt

import pytest

from wayfinder.core.tests.factories import SkillFactory
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.wins.models import ImpactMetric, Win, WinAudience
from wayfinder.wins.services import (
    WinError,
    win_add_metric,
    win_delete,
    win_remove_metric,
    win_set_collaborators,
    win_update,
)
from wayfinder.wins.tests.factories import ImpactMetricFactory, WinAudienceFactory, WinFactory

pytestmark = pytest.mark.django_db


def test_win_update_changes_the_story_and_replaces_skills_by_name(owner, today):
    win = WinFactory(owner=owner, result="Up 30 %")
    win.skills.set([SkillFactory(owner=owner, name="Old skill")])
    win_update(
        owner=owner,
        win=win,
        situation=" Churn was rising ",
        action="Ran interviews",
        occurred_on=today - dt.timedelta(days=3),
        skills=["Research", "research", "Storytelling"],
    )
    win.refresh_from_db()
    assert (win.situation, win.action, win.result) == (
        "Churn was rising",
        "Ran interviews",
        "Up 30 %",
    )
    assert win.occurred_on == today - dt.timedelta(days=3)
    assert sorted(s.name for s in win.skills.all()) == ["Research", "Storytelling"]


def test_win_update_without_skills_keeps_them_and_empty_list_clears(owner):
    win = WinFactory(owner=owner)
    win.skills.set([SkillFactory(owner=owner)])
    win_update(owner=owner, win=win, title=" New  headline ")
    assert win.title == "New headline" and win.skills.count() == 1
    win_update(owner=owner, win=win, skills=[])
    assert win.skills.count() == 0


def test_win_update_refuses_bad_input_and_others_wins(owner, outsider):
    win = WinFactory(owner=owner, title="Kept")
    with pytest.raises(WinError, match="needs a line"):
        win_update(owner=owner, win=win, title=" ")
    with pytest.raises(TypeError, match="source"):
        win_update(owner=owner, win=win, source="import")
    theirs = WinFactory(owner=outsider, title="Theirs")
    with pytest.raises(WinError, match="win is not one of yours"):
        win_update(owner=owner, win=theirs, title="Mine")
    win.refresh_from_db()
    theirs.refresh_from_db()
    assert (win.title, theirs.title) == ("Kept", "Theirs")


def test_add_and_remove_a_metric(owner):
    win = WinFactory(owner=owner)
    metric = win_add_metric(
        owner=owner, win=win, value=1.2, unit=" M$ ", baseline=0, period="per year", label="ARR"
    )
    metric.refresh_from_db()
    assert (metric.value, metric.unit, metric.baseline, metric.label) == (1.2, "M$", 0.0, "ARR")
    win_remove_metric(owner=owner, metric=metric)
    assert not win.metrics.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"value": float("nan")}, "value must be a number"),
        ({"value": float("inf")}, "value must be a number"),
        ({"value": "30"}, "value must be a number"),
        ({"value": None}, "needs a value"),
        ({"value": 1, "baseline": "12"}, "baseline must be a number"),
        ({"value": 1, "unit": "x" * 31}, "unit under 30"),
    ],
)
def test_add_metric_refuses_bad_numbers(owner, fields, message):
    win = WinFactory(owner=owner)
    with pytest.raises(WinError, match=message):
        win_add_metric(owner=owner, win=win, **fields)
    assert not ImpactMetric.objects.exists()


def test_metrics_of_another_owner_are_refused(owner, outsider):
    with pytest.raises(WinError, match="win is not one of yours"):
        win_add_metric(owner=owner, win=WinFactory(owner=outsider), value=3)
    theirs = ImpactMetricFactory(owner=outsider)
    with pytest.raises(WinError, match="metric is not one of yours"):
        win_remove_metric(owner=owner, metric=theirs)
    assert ImpactMetric.objects.filter(pk=theirs.pk).exists()


def test_set_collaborators_replaces_and_refuses_others_people(owner, outsider):
    win = WinFactory(owner=owner)
    a, b = PersonFactory(owner=owner), PersonFactory(owner=owner)
    win_set_collaborators(owner=owner, win=win, people=[a, b])
    assert set(win.collaborators.all()) == {a, b}
    with pytest.raises(WinError, match="person is not one of yours"):
        win_set_collaborators(owner=owner, win=win, people=[a, PersonFactory(owner=outsider)])
    assert set(win.collaborators.all()) == {a, b}
    win_set_collaborators(owner=owner, win=win, people=[])
    assert not win.collaborators.exists()


def test_win_delete_takes_metrics_and_audience_along(owner, outsider):
    win = WinFactory(owner=owner)
    ImpactMetricFactory(owner=owner, win=win)
    WinAudienceFactory(owner=owner, win=win)
    win_delete(owner=owner, win=win)
    assert not Win.objects.exists()
    assert not ImpactMetric.objects.exists() and not WinAudience.objects.exists()
    theirs = WinFactory(owner=outsider)
    with pytest.raises(WinError, match="not one of yours"):
        win_delete(owner=owner, win=theirs)
    assert Win.objects.filter(pk=theirs.pk).exists()
