"""Every surface that asks "which roles are held today" gives the answer of the one rule,
`PersonRole.objects.held_on(today)`, at each boundary: the people selector, the wins
selector, the narrative, the conversations service, guidance's coverage and onboarding."""

import datetime as dt

import pytest

from wayfinder.advocacy.models import Audience
from wayfinder.advocacy.narrative import narrative_assemble
from wayfinder.conversations.services import conversation_plan, current_manager
from wayfinder.network.models import Influence, PersonRole, Role
from wayfinder.network.selectors import network_coverage, people_list
from wayfinder.network.tests.factories import PersonFactory, PersonRoleFactory
from wayfinder.onboarding.services import onboarding_role
from wayfinder.wins.selectors import influential_leaders
from wayfinder.wins.tests.factories import WinAudienceFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)

# (case, started_on, ended_on as offsets in days from today, or None)
BOUNDARIES = [
    ("started today", 0, None),
    ("ends today", -30, 0),
    ("ended yesterday", -30, -1),
    ("starts tomorrow", 1, None),
    ("open-ended", -400, None),
    ("no start", None, None),
    ("no start, ends tomorrow", None, 1),
]


def _day(today: dt.date, offset: int | None) -> dt.date | None:
    return None if offset is None else today + offset * DAY


@pytest.mark.parametrize(("case", "start", "end"), BOUNDARIES, ids=[b[0] for b in BOUNDARIES])
def test_every_surface_agrees_on_the_roles_held_today(owner, today, case, start, end):
    dates = {"started_on": _day(today, start), "ended_on": _day(today, end)}
    # A manager of high influence (so the wins selector weighs whether they are in line)
    # and a sponsor of low influence (so the narrative hears them only as a sponsor).
    manager = PersonFactory(owner=owner, relative_level=1, influence=Influence.HIGH)
    PersonRoleFactory(owner=owner, person=manager, role=Role.MANAGER, **dates)
    sponsor = PersonFactory(
        owner=owner, relative_level=3, influence=Influence.LOW, function="Finance"
    )
    PersonRoleFactory(owner=owner, person=sponsor, role=Role.SPONSOR, **dates)
    WinAudienceFactory(owner=owner, person=sponsor, win__occurred_on=today, told_on=today)

    rule = set(PersonRole.objects.for_owner(owner).held_on(today).values_list("role", flat=True))
    listed = {r.role for p in people_list(owner=owner, today=today) for r in p.current_roles}
    draft = narrative_assemble(
        owner=owner, audience=Audience.MANAGER, start=today - 90 * DAY, end=today, today=today
    )
    [cell] = [c for c in network_coverage(owner=owner, today=today) if c.function == "Finance"]
    planned = conversation_plan(owner=owner, held_on=today)
    manager_now = current_manager(owner=owner, today=today)
    leaders = list(influential_leaders(owner=owner, today=today))
    by_role = {
        role
        for role in (Role.MANAGER, Role.SPONSOR)
        if people_list(owner=owner, today=today, role=role)
    }
    # Onboarding last: it adds a manager when none is held today.
    before = PersonRole.objects.for_owner(owner).filter(role=Role.MANAGER).count()
    onboarding_role(owner=owner, today=today, manager_name="Someone New")
    onboarding_added = (
        PersonRole.objects.for_owner(owner).filter(role=Role.MANAGER).count() > before
    )

    says = {
        "people selector": listed,
        "people selector, by role": by_role,
        "wins selector": set() if manager in leaders else {Role.MANAGER},
        "narrative": {Role.SPONSOR} if any(v.is_sponsor for v in draft.voices) else set(),
        "conversations": {Role.MANAGER} if manager_now == manager else set(),
        "conversation planned": {Role.MANAGER} if planned.supervisor == manager else set(),
        "guidance coverage": {Role.SPONSOR} if cell.sponsors else set(),
        "onboarding": set() if onboarding_added else {Role.MANAGER},
    }
    wanted = {
        "people selector": rule,
        "people selector, by role": rule,
        "wins selector": rule & {Role.MANAGER},
        "narrative": rule & {Role.SPONSOR},
        "conversations": rule & {Role.MANAGER},
        "conversation planned": rule & {Role.MANAGER},
        "guidance coverage": rule & {Role.SPONSOR},
        "onboarding": rule & {Role.MANAGER},
    }
    assert says == wanted
    # The boundary itself: a role that starts today or has no end is held; one that ends
    # today or later starts is not.
    assert (rule == {Role.MANAGER, Role.SPONSOR}) is (
        case not in {"ends today", "ended yesterday", "starts tomorrow"}
    )
