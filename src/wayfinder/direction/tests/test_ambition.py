import datetime as dt

import pytest
from django.db import IntegrityError

from wayfinder.direction.models import AmbitionStatement
from wayfinder.direction.selectors import ambition_current, ambition_diff, ambition_history
from wayfinder.direction.services import DirectionError, ambition_review, ambition_write
from wayfinder.direction.tests.factories import AmbitionStatementFactory

pytestmark = pytest.mark.django_db


def test_each_write_is_a_new_version_and_old_ones_are_kept(owner, today):
    first = ambition_write(owner=owner, today=today - dt.timedelta(days=400), summary="Lead a team")
    second = ambition_write(owner=owner, today=today, summary="Lead a marketing function")
    assert (first.version, second.version) == (1, 2)
    assert second.written_on == today
    first.refresh_from_db()
    assert first.summary == "Lead a team"
    assert [a.version for a in ambition_history(owner=owner)] == [2, 1]
    assert ambition_current(owner=owner) == second


def test_versions_are_counted_per_owner(owner, outsider, today):
    AmbitionStatementFactory(owner=outsider, version=7)
    assert ambition_write(owner=owner, today=today, problems="Pricing").version == 1
    assert ambition_write(owner=outsider, today=today, problems="Pricing").version == 8


def test_an_empty_ambition_is_refused_and_nothing_written(owner, today):
    with pytest.raises(DirectionError, match="answer at least one question"):
        ambition_write(owner=owner, today=today, summary="   ", impact="")
    assert not AmbitionStatement.objects.for_owner(owner).exists()


def test_the_database_refuses_a_second_row_with_the_same_version(owner):
    AmbitionStatementFactory(owner=owner, version=1)
    with pytest.raises(IntegrityError):
        AmbitionStatementFactory(owner=owner, version=1)


def test_no_current_ambition_before_one_is_written(owner, outsider, today):
    ambition_write(owner=outsider, today=today, summary="Theirs")
    assert ambition_current(owner=owner) is None
    assert list(ambition_history(owner=owner)) == []


def test_review_marks_the_current_version_without_a_new_one(owner, today):
    ambition_write(owner=owner, today=today - dt.timedelta(days=300), summary="Old")
    current = ambition_write(owner=owner, today=today - dt.timedelta(days=200), summary="Now")
    reviewed = ambition_review(owner=owner, today=today)
    assert reviewed.pk == current.pk
    assert reviewed.reviewed_on == today
    assert AmbitionStatement.objects.for_owner(owner).count() == 2
    assert AmbitionStatement.objects.get(version=1, owner=owner).reviewed_on is None


def test_review_needs_an_ambition_and_a_date_after_it_was_written(owner, today):
    with pytest.raises(DirectionError, match="no ambition to review"):
        ambition_review(owner=owner, today=today)
    ambition_write(owner=owner, today=today, summary="Now")
    with pytest.raises(DirectionError, match="cannot be reviewed before"):
        ambition_review(owner=owner, today=today - dt.timedelta(days=1))


def test_diff_shows_each_question_line_by_line(owner):
    older = AmbitionStatementFactory(
        owner=owner, problems="Churn\nPricing", more_of="Coaching", summary="Same"
    )
    newer = AmbitionStatementFactory(
        owner=owner, problems="Churn\nOnboarding", more_of="Coaching", summary="Same"
    )
    diff = {d.field: d for d in ambition_diff(older=older, newer=newer)}
    assert list(diff) == ["problems", "impact", "more_of", "less_of", "summary"]
    assert diff["problems"].lines == [
        ("equal", "Churn"),
        ("removed", "Pricing"),
        ("added", "Onboarding"),
    ]
    assert diff["problems"].changed
    assert diff["problems"].label == "What problems do I want to solve?"
    assert not diff["summary"].changed
    assert diff["summary"].lines == [("equal", "Same")]


def test_diff_of_a_field_filled_in_later_is_all_added(owner):
    older = AmbitionStatementFactory(owner=owner, less_of="")
    newer = AmbitionStatementFactory(owner=owner, less_of="Status decks\nLate meetings")
    less_of = next(d for d in ambition_diff(older=older, newer=newer) if d.field == "less_of")
    assert less_of.lines == [("added", "Status decks"), ("added", "Late meetings")]


def test_diff_refuses_versions_of_two_owners(owner, outsider):
    with pytest.raises(DirectionError, match="same ambition"):
        ambition_diff(
            older=AmbitionStatementFactory(owner=owner),
            newer=AmbitionStatementFactory(owner=outsider),
        )
