import pytest
from django.urls import reverse

from wayfinder.direction.models import CareerPath, Verdict
from wayfinder.direction.tests.factories import CareerPathFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_empty_state(signed_in):
    content = signed_in.get(reverse("direction:paths")).content.decode()
    assert "What directions could your career take?" in content


def test_add_a_path_then_rule_it_out_with_a_reason(signed_in, owner):
    response = signed_in.post(
        reverse("direction:path-new"),
        {"title": "Chief Revenue Officer", "research_notes": "Read three CRO interviews"},
    )
    path = CareerPath.objects.for_owner(owner).get()
    assert response["Location"] == path.get_absolute_url()
    assert path.verdict == Verdict.OPEN

    url = reverse("direction:path-verdict", args=[path.pk])
    response = signed_in.post(url, {"verdict": "ruled_out", "reason": ""})
    assert response.status_code == 200
    assert "Say why you are ruling this path out." in response.content.decode()
    path.refresh_from_db()
    assert path.verdict == Verdict.OPEN

    signed_in.post(url, {"verdict": "ruled_out", "reason": "It seems too big for me"})
    path.refresh_from_db()
    assert path.verdict == Verdict.RULED_OUT
    detail = signed_in.get(path.get_absolute_url()).content.decode()
    assert "size of the step" in detail  # ruling out from size is called out


def test_filter_by_verdict_returns_the_list_fragment_to_htmx(signed_in, owner):
    CareerPathFactory(owner=owner, title="Founder", verdict=Verdict.PURSUING)
    CareerPathFactory(owner=owner, title="Coaching")
    response = signed_in.get(
        reverse("direction:paths"), {"verdict": "pursuing"}, headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="path-list">')
    assert "Founder" in content
    assert "Coaching" not in content


def test_a_title_is_required_and_typed_text_is_kept(signed_in, owner):
    response = signed_in.post(
        reverse("direction:path-new"), {"title": "", "research_notes": "Keep me"}
    )
    content = response.content.decode()
    assert "This field is required." in content
    assert "Keep me" in content
    assert not CareerPath.objects.for_owner(owner).exists()


def test_edit_and_delete_with_confirmation(signed_in, owner):
    path = CareerPathFactory(owner=owner, title="Marketing ops")
    signed_in.post(reverse("direction:path-edit", args=[path.pk]), {"title": "RevOps"})
    path.refresh_from_db()
    assert path.title == "RevOps"
    delete_url = reverse("direction:path-delete", args=[path.pk])
    assert "Delete this path?" in signed_in.get(delete_url).content.decode()
    assert CareerPath.objects.filter(pk=path.pk).exists()
    signed_in.post(delete_url)
    assert not CareerPath.objects.filter(pk=path.pk).exists()


@pytest.mark.parametrize("name", ["path", "path-edit", "path-verdict", "path-delete"])
def test_another_owners_path_is_not_found(signed_in, outsider, name):
    path = CareerPathFactory(owner=outsider)
    assert signed_in.get(reverse(f"direction:{name}", args=[path.pk])).status_code == 404
    assert signed_in.post(reverse(f"direction:{name}", args=[path.pk])).status_code == 404
    assert CareerPath.objects.filter(pk=path.pk).exists()


def test_list_query_count_is_fixed(signed_in, owner, django_assert_max_num_queries):
    CareerPathFactory.create_batch(2, owner=owner)
    with django_assert_max_num_queries(5):
        signed_in.get(reverse("direction:paths"))
    CareerPathFactory.create_batch(25, owner=owner)
    with django_assert_max_num_queries(5):
        signed_in.get(reverse("direction:paths"))


def test_the_paths_list_calls_out_a_reason_born_of_fear_with_the_coaching_question(
    signed_in, owner
):
    CareerPathFactory(
        owner=owner, title="CRO", verdict=Verdict.RULED_OUT, verdict_reason="Too senior for me"
    )
    CareerPathFactory(
        owner=owner,
        title="Consulting",
        verdict=Verdict.RULED_OUT,
        verdict_reason="Too much travel for a young family",
    )
    content = signed_in.get(reverse("direction:paths")).content.decode()
    assert content.count("This reason is about the size of the step.") == 1
    assert "would the reason still hold if the step did not feel too big or unknown?" in content
    assert "/reflection/journal/new/?question=path-ruled-out" in content


def test_the_path_page_asks_the_coaching_question_and_marks_verdicts_by_property(signed_in, owner):
    path = CareerPathFactory(
        owner=owner, title="VP", verdict=Verdict.RULED_OUT, verdict_reason="I'm not ready"
    )
    CareerPathFactory(owner=owner, title="Staff", verdict=Verdict.PURSUING)
    assert (path.is_ruled_out, path.is_pursued) == (True, False)
    page = signed_in.get(path.get_absolute_url()).content.decode()
    assert "This reason is about what you have not done yet" in page
    assert "/reflection/journal/new/?question=path-ruled-out" in page
    assert '<span class="badge badge-bad">Ruled out' in page
    listing = signed_in.get(reverse("direction:paths")).content.decode()
    assert '<span class="badge badge-good">Pursuing</span>' in listing
    assert '<span class="badge badge-bad">Ruled out</span>' in listing
