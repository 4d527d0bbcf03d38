"""Career frameworks as companies publish them: each form read as it comes, no conversion.

The fixtures are short files made for these tests, in the shapes the formats document:
FT-style YAML data files, Monzo-style Markdown with front matter, a wide CSV matrix, the
long CSV and one CSV per level.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from wayfinder.advocacy.ladders import (
    SAMPLES,
    LadderFileError,
    key_from_name,
    ladder_parse_csv,
    ladder_parse_files,
    ladder_parse_yaml,
    ladder_sample,
)

FIXTURES = Path(__file__).parent / "fixtures"
HERE = Path(__file__).resolve().parent.parent


def _files(*names: str) -> list[tuple[str, bytes]]:
    return [(name, (FIXTURES / name).read_bytes()) for name in names]


def _criteria(spec, key: str, code: str) -> list[str]:
    competency = next(c for c in spec.competencies if c.key == key)
    return [c.text for c in competency.criteria.get(code, [])]


def test_ft_style_data_files_keep_tracks_themes_and_criteria():
    spec = ladder_parse_files(_files("ft-style.yml"))
    assert spec.name == "Engineering"
    assert [level.code for level in spec.levels] == [
        "junior",
        "senior-2-ic",
        "senior-2-pm",
        "director",
    ]
    # IC and people-manager levels share a grade; the level after them is above both.
    assert [(level.track, level.grade) for level in spec.levels] == [
        ("", 1),
        ("ic", 2),
        ("pm", 2),
        ("", 3),
    ]
    assert [track.key for track in spec.tracks] == ["ic", "pm"]
    # A theme is a competency; its key comes from the id; a numbered summary is criteria.
    assert [c.key for c in spec.competencies] == ["problem-solving", "communication"]
    assert _criteria(spec, "problem-solving", "junior") == [
        "Spots issues in daily tasks.",
        "Asks for help when stuck.",
    ]
    junior = next(c for c in spec.competencies if c.key == "problem-solving").criteria["junior"]
    assert {c.proficiency for c in junior} == {"Awareness"}
    pm = next(c for c in spec.competencies if c.key == "problem-solving").criteria["senior-2-pm"]
    assert pm[0].examples == ["Ran the incident review."]
    # Missing level names are generated and marked; unknown keys are warnings.
    assert spec.levels[3].name_generated and spec.levels[3].name == "Level director"
    assert any("googleSheetId" in warning for warning in spec.warnings)


def test_ft_style_split_across_files_is_one_ladder():
    raw = (FIXTURES / "ft-style.yml").read_text("utf-8")
    levels, _, rest = raw.partition("themes:")
    files = [("levels.yml", levels.encode()), ("competencies.yml", ("themes:" + rest).encode())]
    spec = ladder_parse_files(files, name="FT engineering")
    assert spec.name == "FT engineering"
    assert len(spec.levels) == 4 and len(spec.competencies) == 2


def test_markdown_front_matter_one_file():
    spec = ladder_parse_files(_files("backend.md"))
    assert spec.name == "Engineering"
    assert [level.code for level in spec.levels] == ["1", "2", "3"]
    assert all(level.name_generated for level in spec.levels)
    assert spec.levels[0].summary == "Picking up the fundamentals."
    assert [c.name for c in spec.competencies] == ["Impact 🚀", "Problem solving 🧩"]
    assert [c.key for c in spec.competencies] == ["impact", "problem-solving"]
    assert _criteria(spec, "impact", "1") == [
        "Delivers well-defined tasks.",
        "Writes PR descriptions with context",
    ]
    example = next(c for c in spec.competencies if c.key == "impact").criteria["1"][1]
    assert example.examples == ["I chose X over Y because Z."]


def test_markdown_one_file_per_track():
    spec = ladder_parse_files(_files("backend.md", "manager.md"), name="Engineering tracks")
    assert [track.key for track in spec.tracks] == ["backend", "engineering-manager"]
    assert [(level.code, level.grade) for level in spec.levels] == [
        ("backend-1", 1),
        ("backend-2", 2),
        ("backend-3", 3),
        ("engineering-manager-1", 1),
        ("engineering-manager-2", 2),
    ]
    # A topic of the same name on both tracks is one competency.
    impact = next(c for c in spec.competencies if c.key == "impact")
    assert set(impact.criteria) == {
        "backend-1",
        "backend-2",
        "engineering-manager-1",
        "engineering-manager-2",
    }
    assert spec.levels[3].name == "Engineering manager 🧭, level 1"


def test_wide_csv_matrix():
    spec = ladder_parse_files(_files("wide.csv"))
    assert spec.name == "wide"
    assert [level.code for level in spec.levels] == ["L1 Junior", "L2 Mid", "L3 Senior"]
    assert [c.key for c in spec.competencies] == ["problem-solving", "communication"]
    assert [g.name for g in spec.groups] == ["Craft", "Impact"]
    assert _criteria(spec, "problem-solving", "L1 Junior") == ["Fixes bugs", "Asks for help"]
    # An empty cell expects nothing written.
    assert (
        "L3 Senior" not in next(c for c in spec.competencies if c.key == "communication").criteria
    )


def test_one_csv_per_level():
    spec = ladder_parse_files(_files("L1 Junior.csv", "L2 Mid.csv"), name="Per level")
    assert [level.code for level in spec.levels] == ["L1 Junior", "L2 Mid"]
    assert _criteria(spec, "problem-solving", "L1 Junior") == ["Fixes bugs", "Asks for help"]
    first = next(c for c in spec.competencies if c.key == "problem-solving").criteria
    assert (first["L1 Junior"][0].examples, first["L1 Junior"][0].proficiency) == (
        ["A bug fixed"],
        "Awareness",
    )
    assert any("'colour'" in warning for warning in spec.warnings)


def test_long_csv_with_criteria_tracks_and_unknown_columns():
    raw = (
        "level,level_name,track,competency,competency_name,criterion,group,notes\n"
        "S2-IC,Senior 2,ic,problem solving,Problem solving,Designs systems,Craft,x\n"
        "S2-IC,Senior 2,ic,problem solving,Problem solving,Reviews designs,Craft,\n"
        "S2-PM,Senior 2,pm,problem solving,Problem solving,Grows the team,Craft,\n"
    )
    spec = ladder_parse_csv(raw, name="Long")
    assert [c.key for c in spec.competencies] == ["problem-solving"]
    assert _criteria(spec, "problem-solving", "S2-IC") == ["Designs systems", "Reviews designs"]
    assert [(level.track, level.grade) for level in spec.levels] == [("ic", 1), ("pm", 1)]
    assert [g.key for g in spec.groups] == ["craft"]
    assert any("'notes'" in warning for warning in spec.warnings)


def test_project_yaml_tracks_groups_criteria_and_warnings():
    spec = ladder_parse_yaml(
        """\
name: Mine
colour: blue
tracks:
  - {key: ic, name: Individual contributor}
  - {key: em, name: Engineering manager}
groups:
  - {key: craft, name: Craft, summary: What you build.}
levels:
  - {code: L1}
  - {code: L2-IC, name: Senior, track: ic}
  - {code: L2-EM, name: Manager, track: em}
competencies:
  - name: Problem solving
    group: craft
    expectations:
      L1: Solves problems.
      L2-IC:
        - Solves hard problems.
        - text: Teaches others to solve them.
          examples: [Ran a debugging workshop.]
          proficiency: Practitioner
  - key: im pact
    name: Impact
"""
    )
    assert [(level.code, level.track, level.grade) for level in spec.levels] == [
        ("L1", "", 1),
        ("L2-IC", "ic", 2),
        ("L2-EM", "em", 2),
    ]
    assert spec.levels[0].name_generated
    assert [c.key for c in spec.competencies] == ["problem-solving", "im-pact"]
    assert spec.competencies[0].group == "craft"
    criteria = spec.competencies[0].criteria["L2-IC"]
    assert [c.text for c in criteria] == ["Solves hard problems.", "Teaches others to solve them."]
    assert criteria[1].examples == ["Ran a debugging workshop."]
    # The cell's one text, where a surface wants it, is its criteria read together.
    assert spec.competencies[0].expectations["L2-IC"].startswith("Solves hard problems.")
    assert any("colour: unknown key" in w for w in spec.warnings)
    assert any("'im pact' is read as 'im-pact'" in w for w in spec.warnings)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("problem solving", "problem-solving"),
        ("Problem Solving & Decision Making", "problem-solving-decision-making"),
        ("Qualität", "qualitat"),
        ("🚀 Impact", "impact"),
        ("🚀", ""),
    ],
)
def test_keys_are_derived_from_any_name(name, key):
    assert key_from_name(name) == key


def test_a_name_of_only_emoji_still_gets_a_key():
    spec = ladder_parse_yaml("name: X\nlevels: [{code: A, name: A}]\ncompetencies: [{name: 🚀}]\n")
    assert spec.competencies[0].key == "competency-1"


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([("a.md", b"no front matter\n")], "a.md: line 1: expected '---'"),
        ([("a.md", b"---\ntitle: x\n")], "a.md: the front matter has no closing"),
        ([("a.md", b"---\ntitle: x\n---\n")], "a.md: line 2: missing key 'topics'"),
        ([("a.csv", b"Competency\nCraft\n")], "a.csv: row 1: no level columns"),
        ([("a.csv", b"x"), ("b.md", b"y")], "all of one kind"),
        ([("a.txt", b"x")], "all of one kind"),
        ([("L1.csv", b"name,other\nx,y\n"), ("L2.csv", b"a\n")], "L1.csv: row 1: needs"),
    ],
)
def test_refusals_name_the_file(files, message):
    with pytest.raises(LadderFileError) as refused:
        ladder_parse_files(files)
    assert message in str(refused.value)


def test_too_many_criteria_in_one_cell_are_refused():
    cell = "\n".join(f"- criterion {n}" for n in range(25))
    raw = f'Competency,L1\nCraft,"{cell}"\n'
    with pytest.raises(LadderFileError, match="at most 20 criteria"):
        ladder_parse_csv(raw, name="Big")


@pytest.mark.parametrize("key", SAMPLES)
def test_every_sample_follows_the_json_schema(key):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((HERE / "schema" / "ladder.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = yaml.safe_load((HERE / "samples" / f"{key}.yaml").read_text("utf-8"))
    jsonschema.validate(data, schema)
    assert ladder_sample(key).warnings == []


def test_the_software_engineering_sample_has_a_manager_track():
    spec = ladder_sample("software-engineering")
    assert [track.name for track in spec.tracks] == [
        "Individual contributor",
        "Engineering manager",
    ]
    grades = {level.code: level.grade for level in spec.levels}
    assert grades["E5"] == grades["M5"] and grades["E7"] == grades["M7"]
    assert {"data", "design"} <= set(SAMPLES)


def test_the_served_guide_is_the_docs_guide():
    docs = (HERE.parents[2] / "docs" / "ladders.md").read_text("utf-8")
    assert (HERE / "schema" / "ladders-guide.md").read_text("utf-8") == docs


def test_a_cell_may_hold_one_text_and_its_criteria():
    spec = ladder_sample("marketing")
    positioning = next(c for c in spec.competencies if c.key == "positioning")
    assert positioning.expectations["M6"].startswith("Shapes the company narrative")
    assert [c.text for c in positioning.criteria["M6"]] == [
        "Shapes the company narrative with the executive team.",
        "The market repeats it.",
    ]
