"""The ladder parser: good files read in order, bad ones refused with the place at fault."""

from __future__ import annotations

import pytest

from wayfinder.advocacy.ladders import (
    SAMPLES,
    LadderFileError,
    ladder_parse_csv,
    ladder_parse_yaml,
    ladder_sample,
)

GOOD_YAML = """\
name: Tiny ladder
levels:
  - code: L1
    name: Junior
  - code: L2
    name: Senior
    summary: Owns things.
competencies:
  - key: craft
    name: Craft
    expectations:
      L1: Learns.
      L2: Teaches.
  - key: impact
    name: Impact
"""


def test_a_good_yaml_file_keeps_the_order_of_levels_and_competencies():
    spec = ladder_parse_yaml(GOOD_YAML)
    assert spec.name == "Tiny ladder"
    assert [level.code for level in spec.levels] == ["L1", "L2"]
    assert spec.levels[1].summary == "Owns things."
    assert [c.key for c in spec.competencies] == ["craft", "impact"]
    assert spec.competencies[0].expectations == {"L1": "Learns.", "L2": "Teaches."}
    assert spec.competencies[1].expectations == {}


@pytest.mark.parametrize("key", SAMPLES)
def test_every_sample_parses_with_an_expectation_per_level(key):
    spec = ladder_sample(key)
    assert spec.name == SAMPLES[key]
    assert len(spec.levels) >= 5
    codes = {level.code for level in spec.levels}
    assert all(set(c.expectations) == codes for c in spec.competencies)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  - code: L1\n", "  - title: L1\n", "line 3, levels[0]: missing key 'code'"),
        ("  - code: L2\n", "  - code: L1\n", "line 5, levels[1].code: 'L1' repeats levels[0]"),
        ("  - key: impact\n", "  - key: craft\n", "line 14, competencies[1].key: 'craft' repeats"),
        (
            "      L2: Teaches.\n",
            "      L9: Teaches.\n",
            "line 13, competencies[0].expectations.L9",
        ),
        ("      L2: Teaches.\n", "      L2:\n", "competencies[0].expectations.L2: must not be"),
        ("name: Tiny ladder\n", "name: [a, b]\n", "line 1, name: expected text, got a list"),
        ("levels:\n", "levels: none\nx:\n", "line 2, levels: expected a list, got text"),
        (
            "    name: Junior\n",
            "    name: Junior\n    name: Again\n",
            "line 5, levels[0].name: the key appears twice",
        ),
        ("      L1: Learns.\n", "      L1: [Learns.\n", "line 13 column 9: not valid YAML"),
    ],
)
def test_a_bad_yaml_file_is_refused_naming_line_and_field(old, new, message):
    assert old in GOOD_YAML
    with pytest.raises(LadderFileError) as refused:
        ladder_parse_yaml(GOOD_YAML.replace(old, new, 1))
    assert message in str(refused.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("- just\n- a list\n", "line 1: expected a mapping"),
        ("name: X\nlevels: []\ncompetencies: []\n", "the ladder has no levels"),
        (b"\xff\xfe", "not UTF-8"),
        ("name: " + "x" * 201 + "\nlevels: []\ncompetencies: []\n", "at most 200 characters"),
    ],
)
def test_whole_file_refusals(text, message):
    with pytest.raises(LadderFileError) as refused:
        ladder_parse_yaml(text)
    assert message in str(refused.value)


GOOD_CSV = """\
level,level_name,competency,competency_name,expectation
L1,Junior,craft,Craft,Learns.
L2,Senior,craft,Craft,Teaches.
L1,Junior,impact,Impact,Helps.
"""


def test_a_good_csv_file_ranks_by_first_appearance():
    spec = ladder_parse_csv(GOOD_CSV.encode("utf-8-sig"), name="From a sheet")
    assert spec.name == "From a sheet"
    assert [level.code for level in spec.levels] == ["L1", "L2"]
    assert [c.key for c in spec.competencies] == ["craft", "impact"]
    assert spec.competencies[0].expectations == {"L1": "Learns.", "L2": "Teaches."}


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("expectation\n", "expectations\n", "row 1: missing column 'expectation'"),
        ("L2,Senior,craft,Craft,Teaches.", "L2,Senior,craft,Craft,", "row 3, column 'expectation'"),
        ("L1,Junior,impact", "L1,Junior2,impact", "row 4, column 'level_name': level 'L1'"),
        ("impact,Impact,Helps.", "craft,Craft,Again.", "row 4: level 'L1' and competency 'craft'"),
        ("craft,Craft,Teaches.", "craft,Crafts,Teaches.", "row 3, column 'competency_name'"),
        ("Teaches.", "Teaches.,extra", "row 3: more values than columns"),
    ],
)
def test_a_bad_csv_file_is_refused_naming_row_and_column(old, new, message):
    assert old in GOOD_CSV
    with pytest.raises(LadderFileError) as refused:
        ladder_parse_csv(GOOD_CSV.replace(old, new, 1), name="Sheet")
    assert message in str(refused.value)


def test_a_csv_ladder_needs_a_name():
    with pytest.raises(LadderFileError, match="the ladder's name: must not be empty"):
        ladder_parse_csv(GOOD_CSV, name="  ")


def test_the_samples_and_the_docs_follow_the_published_schema():
    jsonschema = pytest.importorskip("jsonschema")
    import json
    from pathlib import Path

    import yaml

    here = Path(__file__).resolve().parent.parent
    schema = json.loads((here / "schema" / "ladder.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for key in SAMPLES:
        data = yaml.safe_load((here / "samples" / f"{key}.yaml").read_text("utf-8"))
        jsonschema.validate(data, schema)
    docs = (here.parents[2] / "docs" / "ladders.md").read_text("utf-8")
    assert json.dumps(schema, indent=2) in docs
