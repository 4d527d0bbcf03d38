import pytest
from django.db import IntegrityError, transaction

from wayfinder.direction.models import CareerPath, Verdict
from wayfinder.direction.selectors import path_list, path_reason_warnings, path_warnings
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


SIZE_NOTE, FEAR_NOTE, NOT_YET_NOTE = "size of the step", "fear of the unknown", "have not done yet"


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("It seems too big for me", SIZE_NOTE),
        ("Way out of my league", SIZE_NOTE),
        ("Too senior for me", SIZE_NOTE),
        ("A VP role is out of my depth", SIZE_NOTE),
        ("It would be a huge leap", SIZE_NOTE),
        ("Honestly it is scary", FEAR_NOTE),
        ("I'm afraid of public speaking", FEAR_NOTE),
        ("Managing my old peers makes me anxious", FEAR_NOTE),
        ("The board intimidates me", FEAR_NOTE),
        ("It's not the pay, I'm scared", FEAR_NOTE),
        ("Not the travel but the board is daunting", FEAR_NOTE),
        ("I’d rather not", FEAR_NOTE),
        ("I would rather not put myself forward", FEAR_NOTE),
        ("I'm not ready", NOT_YET_NOTE),
        ("I am not good enough at negotiation", NOT_YET_NOTE),
        ("I don’t know enough about finance", NOT_YET_NOTE),
        ("I've never done sales", NOT_YET_NOTE),
        ("I'd feel like an impostor", NOT_YET_NOTE),
        ("Total imposter syndrome", NOT_YET_NOTE),
        ("Who am I to lead an org of 200?", NOT_YET_NOTE),
        ("I feel not qualified", NOT_YET_NOTE),
        ("No experience in a P&L role", NOT_YET_NOTE),
    ],
)
def test_reasons_born_of_fear_or_size_are_called_out(reason, expected):
    warnings = path_reason_warnings(reason)
    assert len(warnings) == 1
    assert expected in warnings[0]


@pytest.mark.parametrize(
    "reason",
    [
        "I talked to three CROs: I dislike the travel and the politics.",
        "I'm not afraid of hard work; the pay is the problem",
        "No fear of the role, but the company is shrinking",
        "Not ruled out from fear: I tried the work for a week and it drained me.",
        "Not because of fear; the team is being wound down",
        "The market is not ready for the product",
        "The pay is not good enough",
        "Too much travel for a young family",
        "The office is too far from home",
        "I would rather build products than sell them",
        "It is a huge company with little autonomy",
        "Readiness reviews and fearsome bureaucracy",
        "",
    ],
)
def test_a_considered_reason_raises_no_note(reason):
    assert path_reason_warnings(reason) == []


def test_a_reason_can_raise_several_notes():
    assert len(path_reason_warnings("Too big and scary, I'm not ready")) == 3


@pytest.mark.parametrize(
    ("research_notes", "learned_from_people", "suggests_talking"),
    [
        ("", "", True),
        ("Read two books about the role.", "", True),
        ("Talked to Priya, a CRO, over coffee.", "", False),
        ("Had a call with two heads of sales", "", False),
        ("", "They love the autonomy, dislike the quarterly pressure.", False),
    ],
)
def test_advice_already_followed_is_not_repeated(
    owner, research_notes, learned_from_people, suggests_talking
):
    path = CareerPathFactory(
        owner=owner,
        verdict=Verdict.RULED_OUT,
        verdict_reason="It scares me",
        research_notes=research_notes,
        learned_from_people=learned_from_people,
    )
    [note] = path_warnings(path)
    assert ("talk to someone who does this job" in note) is suggests_talking
    assert ("already heard from people who do this job" in note) is not suggests_talking
