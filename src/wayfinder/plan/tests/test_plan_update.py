import pytest

from wayfinder.plan.services import plan_get_or_create, plan_update

pytestmark = pytest.mark.django_db


def test_plan_update_renames_and_refocuses(owner):
    plan_update(owner=owner, title="  2027 plan ", focus="Lead a bigger team")
    plan = plan_get_or_create(owner=owner)
    assert (plan.title, plan.focus) == ("2027 plan", "Lead a bigger team")
    plan_update(owner=owner, focus="")
    plan.refresh_from_db()
    assert (plan.title, plan.focus) == ("2027 plan", "")
