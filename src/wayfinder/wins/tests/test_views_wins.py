import datetime as dt

import pytest
from django.urls import reverse

from wayfinder.core.metrics import metric_shown
from wayfinder.core.tests.factories import SkillFactory
from wayfinder.core.web import today_for
from wayfinder.wins.models import Win, WinSource
from wayfinder.wins.tests.factories import ImpactMetricFactory, WinAudienceFactory, WinFactory

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true"}


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_empty_log_explains_why(signed_in):
    content = signed_in.get(reverse("wins:wins")).content.decode()
    assert "Start your running log of wins" in content and "Log your first win" in content


def test_log_a_win_with_skills_and_a_first_metric(signed_in, owner):
    response = signed_in.post(
        reverse("wins:win-new"),
        {
            "title": "Closed the Acme renewal",
            "occurred_on": "2026-11-10",
            "situation": "At risk after an outage",
            "action": "Ran the recovery plan",
            "result": "Renewed for 3 years",
            "skills": "negotiation,  Customer   recovery ,",
            "metric_value": "1.2",
            "metric_unit": "M$",
            "metric_baseline": "0.9",
            "metric_period": "per year",
            "private_notes": "Nearly lost it.",
        },
    )
    win = Win.objects.for_owner(owner).get()
    assert response["Location"] == win.get_absolute_url()
    assert sorted(s.name for s in win.skills.all()) == ["Customer recovery", "negotiation"]
    metric = win.metrics.get()
    assert (metric.value, metric.unit, metric.baseline, metric.period) == (
        1_200_000,
        "$",
        900_000,
        "per year",
    )
    assert metric_shown(metric) == "from $900k to $1.2M per year"
    assert win.private_notes == "Nearly lost it."
    page = signed_in.get(win.get_absolute_url()).content.decode()
    assert "badge-private" in page and "for your eyes only" in page


def test_metric_details_without_a_value_are_refused_and_the_form_kept(signed_in, owner):
    response = signed_in.post(
        reverse("wins:win-new"),
        {"title": "Shipped the thing", "occurred_on": "2026-11-10", "metric_unit": "%"},
    )
    content = response.content.decode()
    assert "Give the number" in content and 'value="Shipped the thing"' in content
    assert not Win.objects.exists()


@pytest.mark.parametrize(
    ("fields", "stored", "shown"),
    [
        ({"metric_value": "$400k per year"}, (400_000, "$", None, "per year"), "$400k per year"),
        ({"metric_value": "50K+"}, (50_000, "+", None, ""), "50k+"),
        ({"metric_value": "€1.2M"}, (1_200_000, "€", None, ""), "€1.2M"),
        ({"metric_value": "from 3.8 to 4.5"}, (4.5, "", 3.8, ""), "from 3.8 to 4.5"),
        (
            {"metric_value": "4.5", "metric_baseline": "3.8", "metric_period": "per quarter"},
            (4.5, "", 3.8, "per quarter"),
            "from 3.8 to 4.5 per quarter",
        ),
    ],
)
def test_the_first_metric_is_read_as_people_write_it(signed_in, owner, fields, stored, shown):
    signed_in.post(
        reverse("wins:win-new"), {"title": "Renewed", "occurred_on": "2026-11-10", **fields}
    )
    metric = Win.objects.for_owner(owner).get().metrics.get()
    assert (metric.value, metric.unit, metric.baseline, metric.period) == stored
    page = signed_in.get(metric.win.get_absolute_url()).content.decode()
    assert f"<strong>{shown}</strong>" in page


@pytest.mark.parametrize(
    ("fields", "refusal"),
    [
        ({"metric_value": "lots"}, "A metric starts with a number"),
        ({"metric_value": "from 3.8 to 4.5", "metric_baseline": "2"}, "Give the baseline once"),
        ({"metric_value": "from 3 days to 5 %"}, "in one unit"),
    ],
)
def test_a_metric_that_cannot_be_read_is_refused_and_nothing_saved(
    signed_in, owner, fields, refusal
):
    response = signed_in.post(
        reverse("wins:win-new"), {"title": "Renewed", "occurred_on": "2026-11-10", **fields}
    )
    assert response.status_code == 200 and refusal in response.content.decode()
    assert not Win.objects.exists()


def test_a_blank_title_is_refused(signed_in, owner):
    response = signed_in.post(
        reverse("wins:win-new"), {"title": "   ", "occurred_on": "2026-11-10", "action": "Kept"}
    )
    assert "Kept" in response.content.decode()
    assert not Win.objects.exists()


def test_filters_by_period_and_skill_as_a_fragment(signed_in, owner):
    today = today_for(owner)
    skill = SkillFactory(owner=owner, name="Negotiation")
    recent = WinFactory(owner=owner, title="Recent deal", occurred_on=today)
    recent.skills.add(skill)
    WinFactory(owner=owner, title="Recent other", occurred_on=today)
    WinFactory(owner=owner, title="Ancient win", occurred_on=today - dt.timedelta(days=400))
    url = reverse("wins:wins")
    response = signed_in.get(url, {"period": "year"}, headers=HX)
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="win-list">')
    assert "Recent deal" in content and "Ancient win" not in content
    content = signed_in.get(url, {"skill": "Negotiation"}, headers=HX).content.decode()
    assert "Recent deal" in content and "Recent other" not in content
    since = (today - dt.timedelta(days=500)).isoformat()
    until = (today - dt.timedelta(days=300)).isoformat()
    custom = signed_in.get(url, {"period": "custom", "since": since, "until": until}).content
    assert "Ancient win" in custom.decode() and "Recent deal" not in custom.decode()


def test_a_quick_capture_win_asks_to_be_completed(signed_in, owner):
    win = WinFactory(owner=owner, source=WinSource.CAPTURE, action="", result="")
    assert "Complete this win" in signed_in.get(reverse("wins:wins")).content.decode()
    assert "Complete this win" in signed_in.get(win.get_absolute_url()).content.decode()
    edit = reverse("wins:win-edit", args=[win.pk])
    assert "<h1>Complete this win</h1>" in signed_in.get(edit).content.decode()
    signed_in.post(
        edit,
        {"title": win.title, "occurred_on": "2026-11-01", "action": "Did it", "skills": "Sql"},
    )
    win.refresh_from_db()
    assert not win.needs_completing
    assert [s.name for s in win.skills.all()] == ["Sql"]
    assert "Complete this win" not in signed_in.get(win.get_absolute_url()).content.decode()


def test_delete(signed_in, owner):
    win = WinFactory(owner=owner)
    assert (
        "Delete this win?"
        in signed_in.get(reverse("wins:win-delete", args=[win.pk])).content.decode()
    )
    response = signed_in.post(reverse("wins:win-delete", args=[win.pk]))
    assert response["Location"] == reverse("wins:wins")
    assert not Win.objects.exists()


@pytest.mark.parametrize("name", ["win", "win-edit", "win-delete"])
def test_another_owners_win_is_not_found(signed_in, outsider, name):
    win = WinFactory(owner=outsider, title="Theirs")
    url = reverse(f"wins:{name}", args=[win.pk])
    assert signed_in.get(url).status_code == 404
    assert signed_in.post(url, {"title": "Mine", "occurred_on": "2026-11-01"}).status_code == 404
    win.refresh_from_db()
    assert win.title == "Theirs"


def _wins(owner, size):
    skill = SkillFactory(owner=owner)
    for _ in range(size):
        win = WinFactory(owner=owner)
        win.skills.add(skill)
        ImpactMetricFactory(owner=owner, win=win)
        WinAudienceFactory(owner=owner, win=win)


def test_log_query_count_is_fixed(signed_in, owner, django_assert_max_num_queries):
    _wins(owner, 2)
    # The audience is counted in the wins' query, not prefetched (9 before).
    with django_assert_max_num_queries(8):
        signed_in.get(reverse("wins:wins"))
    _wins(owner, 40)
    with django_assert_max_num_queries(8):
        signed_in.get(reverse("wins:wins"))
