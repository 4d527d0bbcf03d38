import datetime as dt

import pytest
from django.urls import reverse

from wayfinder.direction.tests.factories import AmbitionStatementFactory, GoalFactory
from wayfinder.experiments.models import CheckIn, Experiment, ExperimentStatus
from wayfinder.experiments.tests.factories import CheckInFactory, ExperimentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_empty_state_explains_experiments(signed_in):
    content = signed_in.get(reverse("experiments:experiments")).content.decode()
    assert "Try a next step on before you commit to it" in content
    assert "Design your first experiment" in content


def test_list_groups_running_designed_concluded(signed_in, owner, today):
    ExperimentFactory(owner=owner, title="Done one", status="concluded", verdict="adapt")
    ExperimentFactory(owner=owner, title="Next one", status="designed")
    late = ExperimentFactory(owner=owner, title="Live one", ends_on=today - dt.timedelta(1))
    CheckInFactory.create_batch(2, owner=owner, experiment=late)
    content = signed_in.get(reverse("experiments:experiments")).content.decode()
    assert content.index("Live one") < content.index("Next one") < content.index("Done one")
    assert "2 check-ins" in content
    assert "Time box over: decide" in content
    assert "Adapt" in content


def test_design_an_experiment(signed_in, owner, today):
    goal = GoalFactory(owner=owner)
    form = signed_in.get(reverse("experiments:experiment-new")).content.decode()
    assert f'value="{today.isoformat()}"' in form
    response = signed_in.post(
        reverse("experiments:experiment-new"),
        {
            "title": "Lead the graduate cohort",
            "hypothesis": "I'd find people leadership more energising than IC work",
            "starts_on": today.isoformat(),
            "ends_on": (today + dt.timedelta(weeks=8)).isoformat(),
            "signals": "Energy after 1:1s",
            "goal": goal.pk,
        },
    )
    experiment = Experiment.objects.for_owner(owner).get()
    assert response["Location"] == experiment.get_absolute_url()
    assert (experiment.status, experiment.goal) == (ExperimentStatus.DESIGNED, goal)


def test_a_time_box_ending_before_it_starts_is_refused_and_kept(signed_in, owner, today):
    response = signed_in.post(
        reverse("experiments:experiment-new"),
        {
            "title": "Lead the graduate cohort",
            "hypothesis": "",
            "starts_on": today.isoformat(),
            "ends_on": (today - dt.timedelta(days=1)).isoformat(),
        },
    )
    content = response.content.decode()
    assert "must end on or after the day it starts" in content
    assert "This field is required" in content
    assert 'value="Lead the graduate cohort"' in content
    assert not Experiment.objects.exists()


def test_start_then_check_in_inline(signed_in, owner, today):
    experiment = ExperimentFactory(owner=owner, status="designed", starts_on=today)
    designed = signed_in.get(experiment.get_absolute_url()).content.decode()
    assert "Start the experiment to check in on it" in designed
    signed_in.post(reverse("experiments:experiment-start", args=[experiment.pk]))
    experiment.refresh_from_db()
    assert experiment.status == ExperimentStatus.RUNNING
    response = signed_in.post(
        reverse("experiments:experiment-check-in", args=[experiment.pk]),
        {"held_on": today.isoformat(), "notes": "First 1:1s went well", "energy": "4"},
        headers={"HX-Request": "true"},
    )
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="check-ins"')
    assert "Check-in recorded." in content and "Energy 4 of 5" in content
    assert CheckIn.objects.for_owner(owner).get().energy == 4


def test_an_empty_check_in_is_refused_inline_with_what_was_typed(signed_in, owner, today):
    experiment = ExperimentFactory(owner=owner)
    response = signed_in.post(
        reverse("experiments:experiment-check-in", args=[experiment.pk]),
        {"held_on": "2026-11-20", "energy": "9"},
        headers={"HX-Request": "true"},
    )
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="check-ins"')
    assert "Select a valid choice" in content
    assert 'value="2026-11-20"' in content
    response = signed_in.post(
        reverse("experiments:experiment-check-in", args=[experiment.pk]),
        {"held_on": today.isoformat()},
    )
    assert "a check-in needs notes" in response.content.decode().lower()
    assert "<!doctype html>" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_conclude_shows_the_ambition_and_records_the_verdict(signed_in, owner, today):
    AmbitionStatementFactory(owner=owner, summary="Build teams that fix revenue leaks")
    experiment = ExperimentFactory(owner=owner, ends_on=today + dt.timedelta(days=7))
    url = reverse("experiments:experiment-conclude", args=[experiment.pk])
    page = signed_in.get(url).content.decode()
    assert "Build teams that fix revenue leaks" in page
    assert "Judged against your ambition" in page
    response = signed_in.post(url, {"learnings": "Loved it"})
    assert "This field is required" in response.content.decode()
    assert "Loved it" in response.content.decode()
    signed_in.post(
        url, {"verdict": "adopt", "learnings": "Loved it", "ambition_fit": "Right on it"}
    )
    experiment.refresh_from_db()
    assert (experiment.status, experiment.verdict, experiment.decided_on) == (
        "concluded",
        "adopt",
        today,
    )
    detail = signed_in.get(experiment.get_absolute_url()).content.decode()
    assert "Right on it" in detail and "Edit design" not in detail


def test_edit_and_delete(signed_in, owner, today):
    experiment = ExperimentFactory(owner=owner, title="Old")
    CheckInFactory(owner=owner, experiment=experiment)
    signed_in.post(
        reverse("experiments:experiment-edit", args=[experiment.pk]),
        {
            "title": "New",
            "hypothesis": "Still curious",
            "starts_on": experiment.starts_on.isoformat(),
            "ends_on": (today + dt.timedelta(days=5)).isoformat(),
        },
    )
    experiment.refresh_from_db()
    assert (experiment.title, experiment.ends_on) == ("New", today + dt.timedelta(days=5))
    confirm = signed_in.get(reverse("experiments:experiment-delete", args=[experiment.pk]))
    assert "conclude it instead" in confirm.content.decode()
    signed_in.post(reverse("experiments:experiment-delete", args=[experiment.pk]))
    assert not Experiment.objects.exists() and not CheckIn.objects.exists()


def test_a_concluded_experiment_cannot_be_edited(signed_in, owner):
    experiment = ExperimentFactory(owner=owner, status="concluded", verdict="abandon")
    response = signed_in.get(reverse("experiments:experiment-edit", args=[experiment.pk]))
    assert response["Location"] == experiment.get_absolute_url()


@pytest.mark.parametrize(
    "name",
    [
        "experiment",
        "experiment-edit",
        "experiment-start",
        "experiment-check-in",
        "experiment-conclude",
        "experiment-adapt",
        "experiment-delete",
    ],
)
def test_another_owners_experiment_is_not_found(signed_in, outsider, name, today):
    experiment = ExperimentFactory(owner=outsider, title="Theirs", status="designed")
    url = reverse(f"experiments:{name}", args=[experiment.pk])
    assert signed_in.get(url).status_code in (404, 405)
    data = {
        "title": "Mine",
        "hypothesis": "Mine",
        "starts_on": today,
        "ends_on": today,
        "held_on": today,
        "notes": "x",
        "verdict": "adopt",
    }
    assert signed_in.post(url, data).status_code == 404
    experiment.refresh_from_db()
    assert (experiment.title, experiment.status) == ("Theirs", "designed")
    assert not CheckIn.objects.exists()


def test_query_counts_are_fixed(signed_in, owner, django_assert_max_num_queries):
    AmbitionStatementFactory(owner=owner)
    first = ExperimentFactory(owner=owner, goal=GoalFactory(owner=owner))

    def grow(count):
        for experiment in ExperimentFactory.create_batch(count, owner=owner):
            CheckInFactory(owner=owner, experiment=experiment)
        CheckInFactory.create_batch(count, owner=owner, experiment=first)

    urls = [
        reverse("experiments:experiments"),
        first.get_absolute_url(),
        reverse("experiments:experiment-conclude", args=[first.pk]),
    ]
    grow(2)
    for url in urls:
        with django_assert_max_num_queries(7):
            signed_in.get(url)
    grow(30)
    for url in urls:
        with django_assert_max_num_queries(7):
            signed_in.get(url)


def test_a_refusal_naming_an_experiment_keeps_its_capitals(signed_in, owner):
    experiment = ExperimentFactory(owner=owner, title="Present Q3 to the CRO")
    response = signed_in.post(
        reverse("experiments:experiment-start", args=[experiment.pk]), follow=True
    )
    content = response.content.decode()
    assert "&#x27;Present Q3 to the CRO&#x27; is running, not waiting to start." in content
    assert "&#x27;present q3 to the cro&#x27;" not in content
