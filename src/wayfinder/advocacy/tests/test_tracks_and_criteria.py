"""Tracks, groups and criteria once imported: choosing across tracks, criteria assessed one
by one (and read by readiness), re-uploading a ladder to replace it, the upload page."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wayfinder.advocacy.ladders import ladder_parse_files, ladder_parse_yaml
from wayfinder.advocacy.models import (
    Criterion,
    CriterionRating,
    Ladder,
    LadderChoice,
    SelfAssessment,
)
from wayfinder.advocacy.selectors import RATED_NOT_YET, readiness
from wayfinder.advocacy.services import (
    AdvocacyError,
    LadderNameTaken,
    assessment_record,
    ladder_choose,
    ladder_import,
)

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"


def _ft(owner, **kwargs) -> Ladder:
    raw = (FIXTURES / "ft-style.yml").read_bytes()
    return ladder_import(owner=owner, spec=ladder_parse_files([("ft-style.yml", raw)]), **kwargs)


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner.user)
    return client


def test_a_target_on_another_track_at_the_same_grade_is_allowed(owner):
    ladder = _ft(owner)
    pm, ic = ladder.levels.get(code="senior-2-pm"), ladder.levels.get(code="senior-2-ic")
    choice = ladder_choose(owner=owner, ladder=ladder, current_level=pm, target_level=ic)
    assert (choice.current_level, choice.target_level) == (pm, ic)
    assert (pm.track.key, ic.track.key, pm.grade, ic.grade) == ("pm", "ic", 2, 2)
    with pytest.raises(AdvocacyError, match="cannot be below"):
        ladder_choose(
            owner=owner,
            ladder=ladder,
            current_level=ic,
            target_level=ladder.levels.get(code="junior"),
        )


def test_criteria_are_rated_one_by_one_and_a_not_yet_is_a_gap(owner, today):
    ladder = _ft(owner)
    ladder_choose(
        owner=owner,
        ladder=ladder,
        current_level=None,
        target_level=ladder.levels.get(code="junior"),
    )
    competency = ladder.competencies.get(key="problem-solving")
    spots, asks = Criterion.objects.for_owner(owner).filter(
        competency=competency, level__code="junior"
    )
    assessment_record(
        owner=owner,
        competency=competency,
        assessed_on=today,
        against_current="meets",
        against_target="partly",
        criteria={spots: "meets", asks: "not_yet"},
    )
    _, rows = readiness(owner=owner, today=today)
    row = next(r for r in rows if r.competency == competency)
    assert [(c.text, r.rating) for c, r in row.criteria] == [
        ("Spots issues in daily tasks.", "meets"),
        ("Asks for help when stuck.", "not_yet"),
    ]
    assert RATED_NOT_YET in row.reasons
    # Rated again the same day, every criterion met: that gap closes.
    assessment_record(
        owner=owner,
        competency=competency,
        assessed_on=today,
        against_current="meets",
        against_target="partly",
        criteria={spots: "meets", asks: "meets"},
    )
    _, rows = readiness(owner=owner, today=today)
    assert RATED_NOT_YET not in next(r for r in rows if r.competency == competency).reasons
    assert CriterionRating.objects.for_owner(owner).count() == 2


def test_a_criterion_of_another_competency_is_refused(owner, today):
    ladder = _ft(owner)
    competency = ladder.competencies.get(key="communication")
    other = Criterion.objects.for_owner(owner).exclude(competency=competency).first()
    with pytest.raises(AdvocacyError, match="its own competency"):
        assessment_record(
            owner=owner,
            competency=competency,
            assessed_on=today,
            against_current="meets",
            against_target="partly",
            criteria={other: "meets"},
        )
    assert not SelfAssessment.objects.for_owner(owner).exists()


def test_the_assessment_form_offers_each_criterion_of_the_target(signed_in, owner):
    ladder = _ft(owner)
    ladder_choose(
        owner=owner,
        ladder=ladder,
        current_level=None,
        target_level=ladder.levels.get(code="junior"),
    )
    competency = ladder.competencies.get(key="problem-solving")
    spots, asks = Criterion.objects.for_owner(owner).filter(
        competency=competency, level__code="junior"
    )
    url = reverse("advocacy:assessment-new")
    page = signed_in.get(url, {"competency": competency.pk}).content.decode()
    assert "Spots issues in daily tasks." in page and f'name="criterion_{asks.pk}"' in page
    response = signed_in.post(
        url,
        {
            "competency": competency.pk,
            "assessed_on": "2026-11-23",
            "against_current": "meets",
            "against_target": "partly",
            f"criterion_{spots.pk}": "meets",
            f"criterion_{asks.pk}": "",
        },
    )
    assert response.status_code == 302
    rating = CriterionRating.objects.for_owner(owner).get()
    assert (rating.criterion, rating.rating) == (spots, "meets")


REPLACED = """\
name: Engineering
levels:
  - {code: junior, name: Junior Engineer}
  - {code: senior, name: Senior Engineer}
competencies:
  - key: problem-solving
    name: Problem solving
    expectations: {junior: Spots issues., senior: Solves them.}
  - key: delivery
    name: Delivery
"""


def test_re_uploading_replaces_and_keeps_assessments_whose_keys_match(owner, today):
    ladder = _ft(owner)
    ladder_choose(
        owner=owner,
        ladder=ladder,
        current_level=None,
        target_level=ladder.levels.get(code="junior"),
    )
    kept, dropped = (ladder.competencies.get(key=k) for k in ("problem-solving", "communication"))
    for competency in (kept, dropped):
        assessment_record(
            owner=owner,
            competency=competency,
            assessed_on=today,
            against_current="meets",
            against_target="partly",
        )
    with pytest.raises(LadderNameTaken):
        ladder_import(owner=owner, spec=ladder_parse_yaml(REPLACED))

    again = ladder_import(owner=owner, spec=ladder_parse_yaml(REPLACED), replace=True)

    assert again.pk == ladder.pk
    assert list(again.competencies.values_list("key", flat=True)) == ["problem-solving", "delivery"]
    assert list(again.levels.values_list("code", flat=True)) == ["junior", "senior"]
    assessments = SelfAssessment.objects.for_owner(owner)
    assert [a.competency.key for a in assessments] == ["problem-solving"]
    assert again.competencies.get(key="problem-solving").pk == kept.pk
    choice = LadderChoice.objects.for_owner(owner).get()
    assert choice.target_level.code == "junior" and choice.target_level.ladder_id == ladder.pk
    assert not Criterion.objects.for_owner(owner).exists()


def test_upload_page_links_the_guide_and_the_guide_is_served(signed_in):
    page = signed_in.get(reverse("advocacy:ladders")).content.decode()
    assert reverse("advocacy:ladder-guide") in page
    guide = signed_in.get(reverse("advocacy:ladder-guide"))
    assert guide.status_code == 200
    assert "<h1>Career ladders</h1>" in guide.content.decode()


def test_upload_several_files_shows_warnings_then_offers_to_replace(signed_in, owner):
    def files():
        return [
            SimpleUploadedFile(name, (FIXTURES / name).read_bytes())
            for name in ("L1 Junior.csv", "L2 Mid.csv")
        ]

    url = reverse("advocacy:ladder-upload")
    response = signed_in.post(url, {"file": files(), "name": "Per level"}, follow=True)
    page = response.content.decode()
    assert "Imported the Per level ladder from L1 Junior.csv, L2 Mid.csv." in page
    assert "column &#x27;colour&#x27;: unknown column" in page
    assert "Fixes bugs" in page and "For example: A bug fixed" in page

    again = signed_in.post(url, {"file": files(), "name": "Per level"})
    assert again.status_code == 400
    assert "Tick “Replace my ladder of the same name”" in again.content.decode()
    replaced = signed_in.post(url, {"file": files(), "name": "Per level", "replace": "on"})
    assert replaced.status_code == 302
    assert Ladder.objects.for_owner(owner).count() == 1


def test_ladder_page_shows_tracks_groups_and_generated_names(signed_in, owner):
    raw = (FIXTURES / "wide.csv").read_bytes()
    wide = ladder_import(owner=owner, spec=ladder_parse_files([("wide.csv", raw)]))
    page = signed_in.get(reverse("advocacy:ladder", args=[wide.pk])).content.decode()
    assert "Craft" in page and "Asks for help" in page
    ladder = _ft(owner)
    page = signed_in.get(reverse("advocacy:ladder", args=[ladder.pk])).content.decode()
    assert "name generated" in page and "People manager, grade 2" in page
