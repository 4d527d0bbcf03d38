import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from wayfinder.core.services import owner_create
from wayfinder.plan.models import DevelopmentPlan
from wayfinder.plan.services import action_create, plan_update
from wayfinder.plan.tests.factories import DevelopmentActionFactory, DevelopmentPlanFactory

pytestmark = pytest.mark.django_db


def test_a_new_owner_has_no_plan_until_the_first_action_or_focus():
    first = owner_create(username="ann")
    second = owner_create(username="bo")
    assert not DevelopmentPlan.objects.exists()

    action_create(owner=first, title="Lead the Q3 review")
    plan_update(owner=second, focus="Executive presence")

    assert DevelopmentPlan.objects.for_owner(first).count() == 1
    assert DevelopmentPlan.objects.for_owner(second).get().focus == "Executive presence"


def test_the_plan_page_opens_before_there_is_a_plan(client, owner):
    client.force_login(owner.user)
    response = client.get(reverse("plan:plan"))
    assert response.status_code == 200
    assert not DevelopmentPlan.objects.exists()


def test_the_migration_drops_only_the_empty_plans_init_used_to_make(owner, outsider):
    migration = importlib.import_module("wayfinder.plan.migrations.0002_drop_untouched_plans")
    DevelopmentPlanFactory(owner=owner)
    with_action = DevelopmentActionFactory(owner=outsider).plan
    focused = DevelopmentPlanFactory(owner=owner_create(username="cy"), focus="Scope")

    migration.drop_untouched_plans(apps, None)

    assert set(DevelopmentPlan.objects.all()) == {with_action, focused}
