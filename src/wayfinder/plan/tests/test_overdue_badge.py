"""The plan page's Overdue badge reads the one rule (`overdue_actions` / `is_overdue_on`),
on the whole page and on a row swapped back by htmx."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from wayfinder.plan.models import ActionStatus
from wayfinder.plan.tests.factories import DevelopmentActionFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
HTMX = {"HX-Request": "true"}


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_a_row_swapped_back_keeps_its_overdue_badge(signed_in, owner, today):
    late = DevelopmentActionFactory(owner=owner, due_on=today - DAY)
    row = signed_in.post(reverse("plan:action-start", args=[late.pk]), headers=HTMX)
    assert "Overdue</span>" in row.content.decode()
    late.refresh_from_db()
    assert late.status == ActionStatus.IN_PROGRESS


def test_a_row_due_today_or_finished_has_no_badge(signed_in, owner, today):
    due_today = DevelopmentActionFactory(owner=owner, due_on=today)
    row = signed_in.post(reverse("plan:action-start", args=[due_today.pk]), headers=HTMX)
    assert "Overdue</span>" not in row.content.decode()
    late = DevelopmentActionFactory(owner=owner, due_on=today - DAY)
    row = signed_in.post(
        reverse("plan:action-complete", args=[late.pk]), {"evidence": "Done"}, headers=HTMX
    )
    assert "Overdue</span>" not in row.content.decode()
