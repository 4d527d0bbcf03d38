import pytest
from django.db import IntegrityError, transaction

from wayfinder.direction.models import CareerPath, Verdict
from wayfinder.direction.selectors import path_list, path_reason_warnings
from wayfinder.direction.services import DirectionError, path_create, path_decide, path_update
from wayfinder.direction.tests.factories import CareerPathFactory

pytestmark = pytest.mark.django_db


def test_path_create_starts_open_with_tidy_text(owner):
    path = path_create(owner=owner, title="  Chief   Revenue Officer ", research_notes=" notes ")
    assert path.title == "Chief Revenue Officer"
    assert path.research_notes == "notes"
    assert path.verdict == Verdict.OPEN


def test_path_create_needs_a_title(owner):
    with pytest.raises(DirectionError, match="needs a title"):
        path_create(owner=owner, title=" ")
    assert not CareerPath.objects.for_owner(owner).exists()


def test_path_update_changes_only_the_fields_given(owner):
    path = CareerPathFactory(owner=owner, title="Coaching", research_notes="ICF course")
    path_update(owner=owner, path=path, learned_from_people="Likes: impact. Dislikes: sales.")
    path.refresh_from_db()
    assert path.title == "Coaching"
    assert path.research_notes == "ICF course"
    assert path.learned_from_people == "Likes: impact. Dislikes: sales."


def test_path_update_refuses_unknown_fields_and_blank_titles(owner):
    path = CareerPathFactory(owner=owner)
    with pytest.raises(TypeError, match="verdict"):
        path_update(owner=owner, path=path, verdict=Verdict.RULED_OUT)
    with pytest.raises(DirectionError, match="needs a title"):
        path_update(owner=owner, path=path, title="")


def test_paths_of_another_owner_are_refused(owner, outsider, today):
    theirs = CareerPathFactory(owner=outsider)
    with pytest.raises(DirectionError, match="not one of yours"):
        path_update(owner=owner, path=theirs, title="Mine now")
    with pytest.raises(DirectionError, match="not one of yours"):
        path_decide(owner=owner, path=theirs, verdict=Verdict.PURSUING, today=today)
    theirs.refresh_from_db()
    assert theirs.verdict == Verdict.OPEN
    assert list(path_list(owner=owner)) == []


def test_path_decide_records_verdict_reason_and_date(owner, today):
    path = CareerPathFactory(owner=owner)
    path_decide(
        owner=owner, path=path, verdict=Verdict.RULED_OUT, reason="I dislike sales.", today=today
    )
    path.refresh_from_db()
    assert (path.verdict, path.verdict_reason, path.decided_on) == (
        Verdict.RULED_OUT,
        "I dislike sales.",
        today,
    )


def test_ruling_out_without_a_reason_is_refused(owner, today):
    path = CareerPathFactory(owner=owner)
    with pytest.raises(DirectionError, match="say why"):
        path_decide(owner=owner, path=path, verdict=Verdict.RULED_OUT, reason="  ", today=today)
    path.refresh_from_db()
    assert path.verdict == Verdict.OPEN
    assert path.decided_on is None


def test_the_database_refuses_a_ruled_out_path_without_reason(owner):
    path = CareerPathFactory(owner=owner)
    with pytest.raises(IntegrityError), transaction.atomic():
        CareerPath.objects.filter(pk=path.pk).update(verdict=Verdict.RULED_OUT, verdict_reason="")


def test_other_verdicts_need_no_reason_but_must_be_known(owner, today):
    path = CareerPathFactory(owner=owner)
    assert path_decide(owner=owner, path=path, verdict=Verdict.PURSUING, today=today).verdict == (
        Verdict.PURSUING
    )
    with pytest.raises(DirectionError, match="unknown verdict 'maybe'"):
        path_decide(owner=owner, path=path, verdict="maybe", today=today)


def test_path_list_filters_by_verdict(owner):
    pursued = CareerPathFactory(owner=owner, title="B", verdict=Verdict.PURSUING)
    kept_open = CareerPathFactory(owner=owner, title="A")
    assert list(path_list(owner=owner)) == [kept_open, pursued]
    assert list(path_list(owner=owner, verdict=Verdict.PURSUING)) == [pursued]


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("It seems too big for me", "size of the step"),
        ("Honestly it is scary", "fear of the unknown"),
        ("I'm not ready", "have not done yet"),
        ("I don\u2019t know enough about finance", "have not done yet"),
        ("I've never done sales", "have not done yet"),
        ("Way out of my league", "size of the step"),
        ("I'm afraid of public speaking", "fear of the unknown"),
    ],
)
def test_reasons_born_of_fear_or_size_are_called_out(reason, expected):
    warnings = path_reason_warnings(reason)
    assert len(warnings) == 1
    assert expected in warnings[0]


def test_a_reason_can_raise_several_notes_and_a_considered_one_none():
    assert len(path_reason_warnings("Too big and scary, I'm not ready")) == 3
    assert (
        path_reason_warnings("I talked to three CROs: I dislike the travel and the politics.") == []
    )
    assert path_reason_warnings("") == []
