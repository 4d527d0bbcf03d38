"""Turning a gap into a development action is idempotent, even when pressed twice at once
(issue 9, §B2)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.urls import reverse

from wayfinder.advocacy.ladders import ladder_sample
from wayfinder.advocacy.selectors import readiness
from wayfinder.advocacy.services import gap_to_action, ladder_choose, ladder_import
from wayfinder.core.tests.factories import ProfileFactory
from wayfinder.plan.models import ActionStatus, DevelopmentAction
from wayfinder.plan.services import action_complete

THREADS = 6


def _ladder(owner):
    ladder = ladder_import(owner=owner, spec=ladder_sample("marketing"))
    ladder_choose(
        owner=owner,
        ladder=ladder,
        current_level=ladder.levels.get(code="M5"),
        target_level=ladder.levels.get(code="M6"),
    )
    return ladder


@pytest.mark.django_db
def test_a_second_press_shows_the_existing_action(client, owner):
    ladder = _ladder(owner)
    people = ladder.competencies.get(key="leadership")
    client.force_login(owner.user)
    url = reverse("advocacy:gap-action", args=[people.pk])

    client.post(url)
    response = client.post(url, follow=True)

    action = DevelopmentAction.objects.for_owner(owner).get()
    content = response.content.decode()
    assert "is already on your plan for this gap." in content
    # The readiness page links the action instead of offering to add another.
    assert "On your plan:" in content
    assert reverse("plan:action-edit", args=[action.pk]) in content
    assert content.count("Turn this gap into a development action") == 5  # the other gaps


@pytest.mark.django_db
def test_the_service_returns_the_action_that_plans_the_gap(owner, today):
    ladder = _ladder(owner)
    target = ladder.levels.get(code="M6")
    people = ladder.competencies.get(key="leadership")
    first, added = gap_to_action(owner=owner, competency=people, target=target)
    again, added_again = gap_to_action(owner=owner, competency=people, target=target)
    assert added and not added_again and again == first
    _, rows = readiness(owner=owner, today=today)
    assert {r.competency.key: r.actions for r in rows}["leadership"] == [first]

    # Once that action is done and the gap remains, the next press plans it anew.
    action_complete(owner=owner, action=first, today=today)
    fresh, added = gap_to_action(owner=owner, competency=people, target=target)
    assert added and fresh != first
    assert DevelopmentAction.objects.for_owner(owner).filter(status=ActionStatus.DONE).count() == 1


@pytest.mark.django_db(transaction=True)
def test_presses_at_once_add_one_action():
    owner = ProfileFactory()
    ladder = _ladder(owner)
    target = ladder.levels.get(code="M6")
    people = ladder.competencies.get(key="leadership")
    barrier = threading.Barrier(THREADS)
    results, errors = [], []

    def press() -> None:
        try:
            barrier.wait()
            results.append(gap_to_action(owner=owner, competency=people, target=target))
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=press) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    action = DevelopmentAction.objects.for_owner(owner).get()
    assert sorted(added for _, added in results) == [False] * (THREADS - 1) + [True]
    assert all(found == action for found, _ in results)
