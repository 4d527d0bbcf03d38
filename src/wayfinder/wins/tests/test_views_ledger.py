import pytest
from django.urls import reverse

from wayfinder.core.metrics import metric_shown
from wayfinder.network.models import Influence
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.wins.models import ImpactMetric, WinAudience
from wayfinder.wins.tests.factories import ImpactMetricFactory, WinAudienceFactory, WinFactory

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true"}


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_add_and_remove_a_metric_inline(signed_in, owner):
    win = WinFactory(owner=owner)
    response = signed_in.post(
        reverse("wins:metric-add", args=[win.pk]),
        {"value": "30", "unit": "%", "baseline": "12", "period": "per quarter"},
        headers=HX,
    )
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="metrics"')
    assert "from 12 % to 30 % per quarter" in content
    metric = ImpactMetric.objects.for_owner(owner).get()
    signed_in.post(reverse("wins:metric-remove", args=[win.pk, metric.pk]), headers=HX)
    assert not ImpactMetric.objects.exists()


@pytest.mark.parametrize(
    ("value", "shown"),
    [("$400k per year", "$400k per year"), ("from $2.7M to $4.1M", "from $2.7M to $4.1M")],
)
def test_an_inline_metric_is_read_as_people_write_it(signed_in, owner, value, shown):
    win = WinFactory(owner=owner)
    content = signed_in.post(
        reverse("wins:metric-add", args=[win.pk]), {"value": value}, headers=HX
    ).content.decode()
    assert f"<strong>{shown}</strong>" in content
    metric = ImpactMetric.objects.for_owner(owner).get()
    assert metric_shown(metric) == str(metric) == shown
    assert f'<span class="visually-hidden"> {shown}</span>' in content  # "Remove $400k…"


def test_a_metric_without_a_value_shows_the_error_in_the_block(signed_in, owner):
    win = WinFactory(owner=owner)
    content = signed_in.post(
        reverse("wins:metric-add", args=[win.pk]), {"value": "", "unit": "days"}, headers=HX
    ).content.decode()
    assert "This field is required" in content and 'value="days"' in content
    assert not ImpactMetric.objects.exists()


def test_who_knows_add_and_remove_and_unaware_leaders(signed_in, owner):
    win = WinFactory(owner=owner)
    leader = PersonFactory(owner=owner, name="Lee Leader", influence=Influence.HIGH)
    page = signed_in.get(win.get_absolute_url()).content.decode()
    assert "who do not know yet" in page and "Lee Leader" in page
    content = signed_in.post(
        reverse("wins:audience-add", args=[win.pk]),
        {"person": leader.pk, "told_on": "2026-11-02"},
        headers=HX,
    ).content.decode()
    assert content.lstrip().startswith('<section id="audience"')
    assert "since 2 Nov 2026" in content and "who do not know yet" not in content
    signed_in.post(reverse("wins:audience-remove", args=[win.pk, leader.pk]))
    assert not WinAudience.objects.exists()


def test_collaborators_set_without_htmx_redirects(signed_in, owner):
    win = WinFactory(owner=owner)
    ana = PersonFactory(owner=owner)
    response = signed_in.post(reverse("wins:collaborators", args=[win.pk]), {"people": [ana.pk]})
    assert response["Location"] == win.get_absolute_url()
    assert list(win.collaborators.all()) == [ana]


def test_an_outsiders_person_cannot_be_chosen(signed_in, owner, outsider):
    win = WinFactory(owner=owner)
    foreign = PersonFactory(owner=outsider)
    told = signed_in.post(
        reverse("wins:audience-add", args=[win.pk]), {"person": foreign.pk, "told_on": "2026-11-02"}
    )
    assert "Select a valid choice" in told.content.decode()
    helped = signed_in.post(reverse("wins:collaborators", args=[win.pk]), {"people": [foreign.pk]})
    assert "Select a valid choice" in helped.content.decode()
    assert not WinAudience.objects.exists() and not win.collaborators.exists()


@pytest.mark.parametrize("name", ["metric-add", "collaborators", "audience-add"])
def test_another_owners_win_is_not_found(signed_in, owner, outsider, name):
    win = WinFactory(owner=outsider)
    mine = PersonFactory(owner=owner)
    data = {"value": "3", "people": [mine.pk], "person": mine.pk, "told_on": "2026-11-02"}
    assert signed_in.post(reverse(f"wins:{name}", args=[win.pk]), data).status_code == 404
    assert not ImpactMetric.objects.exists() and not WinAudience.objects.exists()
    assert not win.collaborators.exists()


def test_removing_from_another_owners_win_is_not_found(signed_in, owner, outsider):
    metric = ImpactMetricFactory(owner=outsider)
    known = WinAudienceFactory(owner=outsider)
    mine = WinFactory(owner=owner)
    urls = [
        reverse("wins:metric-remove", args=[metric.win.pk, metric.pk]),
        reverse("wins:metric-remove", args=[mine.pk, metric.pk]),
        reverse("wins:audience-remove", args=[known.win.pk, known.person.pk]),
        reverse("wins:audience-remove", args=[mine.pk, known.person.pk]),
    ]
    for url in urls:
        assert signed_in.post(url).status_code == 404
    assert ImpactMetric.objects.filter(pk=metric.pk).exists()
    assert WinAudience.objects.filter(pk=known.pk).exists()


def test_win_page_query_count_is_fixed(signed_in, owner, django_assert_max_num_queries):
    win = WinFactory(owner=owner)

    def grow(size):
        for _ in range(size):
            ImpactMetricFactory(owner=owner, win=win)
            WinAudienceFactory(owner=owner, win=win)
            win.collaborators.add(PersonFactory(owner=owner, influence=Influence.HIGH))

    grow(2)
    with django_assert_max_num_queries(13):
        signed_in.get(win.get_absolute_url())
    grow(30)
    with django_assert_max_num_queries(13):
        signed_in.get(win.get_absolute_url())
