"""The one rule for "open" and "overdue" actions: `DevelopmentAction.objects.open()` and
`.overdue_on(today)`, with `is_open` / `is_overdue_on` for a row in hand."""

import datetime as dt

import pytest

from wayfinder.advocacy.models import Audience
from wayfinder.advocacy.narrative import narrative_assemble
from wayfinder.conversations.agenda import agenda_draft
from wayfinder.plan.models import ActionStatus, DevelopmentAction
from wayfinder.plan.selectors import due_soon_actions, overdue_actions
from wayfinder.plan.tests.factories import DevelopmentActionFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)

# (case, status, due offset in days from today or None, open, overdue today)
CASES = [
    ("planned, due yesterday", ActionStatus.PLANNED, -1, True, True),
    ("in progress, due last month", ActionStatus.IN_PROGRESS, -30, True, True),
    ("planned, due today", ActionStatus.PLANNED, 0, True, False),
    ("planned, due tomorrow", ActionStatus.PLANNED, 1, True, False),
    ("in progress, no due date", ActionStatus.IN_PROGRESS, None, True, False),
    ("done, due yesterday", ActionStatus.DONE, -1, False, False),
    ("dropped, due yesterday", ActionStatus.DROPPED, -1, False, False),
]


def _action(owner, today, status, due):
    return DevelopmentActionFactory(
        owner=owner,
        status=status,
        due_on=None if due is None else today + due * DAY,
        completed_on=today - 2 * DAY if status == ActionStatus.DONE else None,
    )


@pytest.mark.parametrize(
    ("case", "status", "due", "is_open", "overdue"), CASES, ids=[c[0] for c in CASES]
)
def test_open_and_overdue_boundaries(owner, today, case, status, due, is_open, overdue):
    action = _action(owner, today, status, due)
    actions = DevelopmentAction.objects.for_owner(owner)
    assert actions.open().filter(pk=action.pk).exists() is is_open
    assert action.is_open is is_open
    assert actions.overdue_on(today).filter(pk=action.pk).exists() is overdue
    assert action.is_overdue_on(today) is overdue


def test_every_surface_agrees_on_the_overdue_and_open_actions(owner, today):
    made = {case: _action(owner, today, status, due) for case, status, due, _, _ in CASES}
    overdue = {made[c].title for c, *_, late in CASES if late}
    still_open = {made[c].title for c, _, _, is_open, _ in CASES if is_open}

    assert {a.title for a in overdue_actions(owner=owner, today=today)} == overdue
    blockers = agenda_draft(owner=owner, today=today).blockers
    assert {
        b.split(": ", 1)[1].split(" (was due")[0] for b in blockers if b.startswith("Overdue: ")
    } == overdue
    draft = narrative_assemble(
        owner=owner, audience=Audience.MANAGER, start=today - 90 * DAY, end=today, today=today
    )
    assert {a.title for a in draft.open_actions} == still_open
    # Due soon (today onwards) and overdue split the open, dated actions between them.
    soon = {a.title for a in due_soon_actions(owner=owner, today=today, days=1)}
    assert soon == {made["planned, due today"].title, made["planned, due tomorrow"].title}
    assert soon.isdisjoint(overdue)


def test_plan_page_marks_overdue_from_the_model_rule(client, owner, today):
    client.force_login(owner.user)
    made = {case: _action(owner, today, status, due) for case, status, due, _, _ in CASES}
    content = client.get("/plan/").content.decode()
    rows = {
        case: content.split(f'id="action-{action.pk}"', 1)[1].split("</li>", 1)[0]
        for case, action in made.items()
    }
    flagged = {case for case, row in rows.items() if "Overdue</span>" in row}
    assert flagged == {c for c, *_, late in CASES if late}
    # Complete is offered on open actions only; Start on planned and dropped ones.
    assert {c for c, row in rows.items() if "Complete<span" in row} == {
        c for c, _, _, is_open, _ in CASES if is_open
    }
    assert {c for c, row in rows.items() if "Take it up again" in row} == {"dropped, due yesterday"}
