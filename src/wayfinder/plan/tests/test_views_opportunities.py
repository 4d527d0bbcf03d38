import datetime as dt

import pytest
from django.urls import reverse

from wayfinder.direction.tests.factories import GoalFactory
from wayfinder.experiments.tests.factories import ExperimentFactory
from wayfinder.network.tests.factories import PersonFactory
from wayfinder.plan.models import Opportunity, OpportunityStatus
from wayfinder.plan.tests.factories import OpportunityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_empty_pipeline_explains_opportunities(signed_in):
    content = signed_in.get(reverse("plan:opportunities")).content.decode()
    assert "Which stretch opportunities are around you?" in content
    assert "Note your first opportunity" in content


def test_pipeline_shows_every_stage_in_order(signed_in, owner):
    sponsor = PersonFactory(owner=owner, name="Priya Natarajan")
    OpportunityFactory(
        owner=owner, title="Pricing task force", brought_by=sponsor, source="sponsor"
    )
    OpportunityFactory(owner=owner, title="Board talk", status=OpportunityStatus.SECURED)
    content = signed_in.get(reverse("plan:opportunities")).content.decode()
    positions = [content.index(f'id="stage-{status}"') for status in OpportunityStatus.values]
    assert positions == sorted(positions)
    assert "from Priya Natarajan (sponsor)" in content
    assert content.index("Pricing task force") < content.index("Board talk")
    assert "Nothing pursued." in content


def test_note_an_opportunity_with_its_links(signed_in, owner, today):
    person = PersonFactory(owner=owner)
    goal = GoalFactory(owner=owner)
    experiment = ExperimentFactory(owner=owner)
    form = signed_in.get(reverse("plan:opportunity-new")).content.decode()
    assert f'value="{today.isoformat()}"' in form
    response = signed_in.post(
        reverse("plan:opportunity-new"),
        {
            "title": "Present the forecast to the board",
            "kind": "presentation",
            "source": "manager",
            "brought_by": person.pk,
            "spotted_on": today.isoformat(),
            "goal": goal.pk,
            "experiment": experiment.pk,
        },
    )
    opportunity = Opportunity.objects.for_owner(owner).get()
    assert response["Location"] == opportunity.get_absolute_url()
    assert (opportunity.brought_by, opportunity.goal, opportunity.experiment) == (
        person,
        goal,
        experiment,
    )
    detail = signed_in.get(opportunity.get_absolute_url()).content.decode()
    assert "Manager: " + person.name in detail


def test_another_owners_person_cannot_be_chosen_and_the_form_is_kept(signed_in, outsider, today):
    foreign = PersonFactory(owner=outsider)
    response = signed_in.post(
        reverse("plan:opportunity-new"),
        {
            "title": "Lead the offsite",
            "kind": "project",
            "source": "self",
            "spotted_on": today.isoformat(),
            "brought_by": foreign.pk,
        },
    )
    content = response.content.decode()
    assert "Select a valid choice" in content
    assert 'value="Lead the offsite"' in content
    assert not Opportunity.objects.exists()


def test_move_inline_returns_the_pipeline(signed_in, owner, today):
    opportunity = OpportunityFactory(owner=owner, title="Pricing task force")
    response = signed_in.post(
        reverse("plan:opportunity-status", args=[opportunity.pk]),
        {"status": "secured"},
        headers={"HX-Request": "true"},
    )
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="pipeline">')
    assert content.index('id="stage-secured"') < content.index("Pricing task force")
    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.decided_on) == ("secured", today)


def test_deciding_before_it_was_spotted_shows_the_error(signed_in, owner, today):
    opportunity = OpportunityFactory(owner=owner, spotted_on=today + dt.timedelta(days=2))
    response = signed_in.post(
        reverse("plan:opportunity-status", args=[opportunity.pk]),
        {"status": "declined"},
        headers={"HX-Request": "true"},
    )
    assert "decide on or after that" in response.content.decode()
    response = signed_in.post(
        reverse("plan:opportunity-status", args=[opportunity.pk]), {"status": "declined"}
    )
    assert response["Location"] == opportunity.get_absolute_url()
    opportunity.refresh_from_db()
    assert opportunity.status == OpportunityStatus.SPOTTED


def test_edit_and_delete(signed_in, owner, today):
    opportunity = OpportunityFactory(owner=owner, title="Old")
    signed_in.post(
        reverse("plan:opportunity-edit", args=[opportunity.pk]),
        {"title": "New", "kind": "role", "source": "mentor", "spotted_on": today.isoformat()},
    )
    opportunity.refresh_from_db()
    assert (opportunity.title, opportunity.kind, opportunity.source) == ("New", "role", "mentor")
    confirm = signed_in.get(reverse("plan:opportunity-delete", args=[opportunity.pk]))
    assert "moving it to declined keeps the record" in confirm.content.decode()
    signed_in.post(reverse("plan:opportunity-delete", args=[opportunity.pk]))
    assert not Opportunity.objects.exists()


@pytest.mark.parametrize(
    "name", ["opportunity", "opportunity-edit", "opportunity-status", "opportunity-delete"]
)
def test_another_owners_opportunity_is_not_found(signed_in, outsider, name, today):
    opportunity = OpportunityFactory(owner=outsider, title="Theirs")
    url = reverse(f"plan:{name}", args=[opportunity.pk])
    assert signed_in.get(url).status_code in (404, 405)
    data = {
        "title": "Mine",
        "kind": "role",
        "source": "self",
        "spotted_on": today,
        "status": "secured",
    }
    assert signed_in.post(url, data).status_code == 404
    opportunity.refresh_from_db()
    assert (opportunity.title, opportunity.status) == ("Theirs", OpportunityStatus.SPOTTED)


def test_pipeline_query_count_is_fixed(signed_in, owner, django_assert_max_num_queries):
    def grow(count):
        person = PersonFactory(owner=owner)
        goal = GoalFactory(owner=owner)
        OpportunityFactory.create_batch(count, owner=owner, brought_by=person, goal=goal)

    grow(2)
    with django_assert_max_num_queries(4):
        signed_in.get(reverse("plan:opportunities"))
    grow(30)
    with django_assert_max_num_queries(4):
        signed_in.get(reverse("plan:opportunities"))
