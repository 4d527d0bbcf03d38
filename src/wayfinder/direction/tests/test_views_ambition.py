import pytest
from django.urls import reverse

from wayfinder.direction.models import AmbitionStatement
from wayfinder.direction.tests.factories import AmbitionStatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_empty_state_explains_and_offers_the_first_step(signed_in):
    content = signed_in.get(reverse("direction:ambition")).content.decode()
    assert "Where is your career going?" in content
    assert reverse("direction:ambition-new") in content


def test_writing_versions_keeps_every_one(signed_in, owner):
    url = reverse("direction:ambition-new")
    signed_in.post(url, {"problems": "Slow growth loops", "summary": "Lead growth"})
    response = signed_in.get(url)
    # The form starts from the current version.
    assert "Slow growth loops" in response.content.decode()
    signed_in.post(url, {"problems": "Slow growth loops\nPricing", "summary": "Lead growth"})
    versions = AmbitionStatement.objects.for_owner(owner).order_by("version")
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].problems == "Slow growth loops"


def test_an_empty_ambition_is_refused_with_a_message(signed_in, owner):
    response = signed_in.post(reverse("direction:ambition-new"), {})
    assert response.status_code == 200
    assert "Answer at least one question" in response.content.decode()
    assert not AmbitionStatement.objects.for_owner(owner).exists()


def test_compare_marks_added_and_removed_lines(signed_in, owner):
    AmbitionStatementFactory(owner=owner, version=1, problems="Pricing\nRetention")
    AmbitionStatementFactory(owner=owner, version=2, problems="Pricing\nExpansion")
    response = signed_in.get(reverse("direction:ambition-compare"), {"from": 2, "to": 1})
    content = response.content.decode()
    assert "Version 1 → version 2" in content
    assert '<li class="added"><span class="visually-hidden">Added: </span>Expansion</li>' in content
    assert '<li class="removed"><span class="visually-hidden">Removed: </span>Retention' in content


def test_compare_without_versions_goes_back_with_a_message(signed_in):
    response = signed_in.get(reverse("direction:ambition-compare"), follow=True)
    assert "Pick two versions to compare." in response.content.decode()


def test_mark_reviewed(signed_in, owner):
    AmbitionStatementFactory(owner=owner, version=1, written_on="2026-01-01")
    response = signed_in.post(reverse("direction:ambition-reviewed"), follow=True)
    assert "still holds as of today" in response.content.decode()
    assert AmbitionStatement.objects.for_owner(owner).get().reviewed_on is not None


def test_another_owners_version_is_not_found(signed_in, outsider):
    AmbitionStatementFactory(owner=outsider, version=1)
    assert signed_in.get(reverse("direction:ambition-version", args=[1])).status_code == 404
    response = signed_in.get(reverse("direction:ambition-compare"), {"from": 1, "to": 1})
    assert response.status_code == 404


def test_ambition_page_query_count_is_fixed(signed_in, owner, django_assert_max_num_queries):
    for version in range(1, 4):
        AmbitionStatementFactory(owner=owner, version=version)
    with django_assert_max_num_queries(6):
        signed_in.get(reverse("direction:ambition"))
    for version in range(4, 30):
        AmbitionStatementFactory(owner=owner, version=version)
    with django_assert_max_num_queries(6):
        signed_in.get(reverse("direction:ambition"))
