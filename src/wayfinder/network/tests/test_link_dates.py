"""Each interaction-person link carries its interaction's date (migration network 0007's
triggers), whoever writes it: the services, a raw INSERT as quick capture's, a bulk insert
as the imports' and the generators'. `last_met_on_sql` reads it, so the latest meeting of a
person follows every write."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from wayfinder.network.models import Interaction, Person
from wayfinder.network.selectors import cadence_due, people_list, with_last_interaction
from wayfinder.network.services import interaction_delete, interaction_log, interaction_update
from wayfinder.network.tests.factories import InteractionFactory, PersonFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def link_dates() -> dict[tuple[int, int], dt.date | None]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT interaction_id, person_id, occurred_on FROM network_interaction_people"
        )
        rows = cursor.fetchall()
    # SQLite answers the date as text, PostgreSQL as a date.
    return {(i, p): dt.date.fromisoformat(d) if isinstance(d, str) else d for i, p, d in rows}


def last_met(person: Person, today: dt.date | None = None) -> dt.date | None:
    people = with_last_interaction(Person.objects.filter(pk=person.pk), today=today)
    return people.get().last_interaction_on


def test_a_logged_interaction_dates_its_links_and_they_follow_a_correction(owner, today):
    ana, ben, cy = (PersonFactory(owner=owner) for _ in range(3))
    met = interaction_log(owner=owner, people=[ana, ben], occurred_on=today - 9 * DAY)
    assert link_dates() == {(met.pk, ana.pk): today - 9 * DAY, (met.pk, ben.pk): today - 9 * DAY}
    interaction_update(owner=owner, interaction=met, occurred_on=today - 2 * DAY)
    assert set(link_dates().values()) == {today - 2 * DAY}
    interaction_update(owner=owner, interaction=met, people=[ben, cy])
    assert link_dates() == {(met.pk, ben.pk): today - 2 * DAY, (met.pk, cy.pk): today - 2 * DAY}
    assert (last_met(ana), last_met(ben), last_met(cy)) == (None, today - 2 * DAY, today - 2 * DAY)
    interaction_delete(owner=owner, interaction=met)
    assert link_dates() == {} and last_met(ben) is None


def test_a_raw_insert_and_a_bulk_insert_are_dated_the_same(owner, today):
    ana, ben = PersonFactory(owner=owner), PersonFactory(owner=owner)
    raw = InteractionFactory(owner=owner, occurred_on=today - 5 * DAY)
    bulk = InteractionFactory(owner=owner, occurred_on=today - 3 * DAY)
    with connection.cursor() as cursor:
        # As quick capture writes a link, without the ORM.
        cursor.execute(
            "INSERT INTO network_interaction_people (interaction_id, person_id) VALUES (%s, %s)",
            [raw.pk, ana.pk],
        )
    # As the imports and the generators write links.
    through = Interaction.people.through
    through.objects.bulk_create([through(interaction_id=bulk.pk, person_id=ben.pk)])
    assert link_dates() == {(raw.pk, ana.pk): today - 5 * DAY, (bulk.pk, ben.pk): today - 3 * DAY}


def test_the_latest_meeting_is_read_up_to_the_day_asked(owner, today):
    ana = PersonFactory(owner=owner)
    InteractionFactory(owner=owner, occurred_on=today - 30 * DAY, people=[ana])
    InteractionFactory(owner=owner, occurred_on=today + 3 * DAY, people=[ana])  # planned
    assert last_met(ana, today) == today - 30 * DAY
    assert last_met(ana, today - 31 * DAY) is None
    assert last_met(ana) == today + 3 * DAY
    # Deleting the person takes their links with them.
    ana.delete()
    assert link_dates() == {}


def test_the_latest_meeting_reads_in_a_subquery_as_in_a_list(owner, today):
    """The rule names its person by the outer row, whatever alias the query gives it."""
    ana = PersonFactory(owner=owner, cadence_days=7)
    InteractionFactory(owner=owner, occurred_on=today - 10 * DAY, people=[ana])
    listed = people_list(owner=owner, today=today)
    assert [p.last_interaction_on for p in listed] == [today - 10 * DAY]
    inner = with_last_interaction(Person.objects.filter(owner=owner), today=today).filter(
        last_interaction_on__lt=today - 7 * DAY
    )
    assert list(Person.objects.filter(pk__in=inner.values("pk"))) == [ana]
    due, shown = cadence_due(owner=owner, today=today)
    assert due == 1 and shown[0].last_interaction_on == today - 10 * DAY
    assert shown[0].days_overdue == 3
