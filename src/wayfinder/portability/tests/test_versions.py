"""Format versions: every earlier version is still read, and a change to the format's shape
cannot land without a new version number and a note in docs/export-format.md."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from wayfinder.portability.exporter import owner_export
from wayfinder.portability.format import (
    ADDED_DURING_VERSION_1,
    ADDED_IN_VERSION_3,
    ADDED_IN_VERSION_4,
    ADDED_IN_VERSION_5,
    FORMAT_VERSION,
    SUPPORTED_VERSIONS,
    format_fingerprint,
    sections,
)
from wayfinder.portability.importer import owner_import
from wayfinder.portability.validation import ImportRefused, import_parse

ROOT = Path(__file__).resolve().parents[4]
DOC = ROOT / "docs" / "export-format.md"
FIXTURES = ROOT / "tests" / "fixtures"

# The shape of each version, as format_fingerprint() computes it. When a test below fails
# because the fingerprint changed: bump FORMAT_VERSION, add the new version here (never
# edit an old line), teach format.UPGRADES to read the previous version, and describe the
# change under "Versions" in docs/export-format.md.
FINGERPRINTS = {
    2: "7264cf0f31ba1186",
    3: "51502021bfab3406",
    4: "a1b473758b1df1ba",
    5: "965615663e869bd4",
}

# Exports of the demo persona made by the exporters of earlier builds.
OLD_EXPORTS = [
    "export-v1-ddab48e-demo.json",  # before the advocacy sections
    "export-v1-0ce51fa-demo.json",  # the first export format, before guidance_settings
    "export-v2-0c37dd7-demo.json",  # before goal check-ins
]
# The export of the demo persona by version 3, with goal check-ins.
V3_EXPORT = "export-v3-demo.json"
# The export of the demo persona by version 4, with shares and their access log.
V4_EXPORT = "export-v4-demo.json"
# The export of the demo persona by this version, with its role history, calendar feed and
# API tokens.
CURRENT_EXPORT = "export-v5-demo.json"


def test_the_formats_shape_is_pinned_to_its_version():
    assert FINGERPRINTS.get(FORMAT_VERSION) == format_fingerprint(), (
        "the sections or fields of the export changed: give the format a new version "
        "(see FINGERPRINTS above)"
    )
    assert max(FINGERPRINTS) == FORMAT_VERSION


def test_every_version_below_the_current_one_is_read():
    assert tuple(range(1, FORMAT_VERSION + 1)) == SUPPORTED_VERSIONS


def test_the_doc_names_the_current_version_and_notes_every_version():
    text = DOC.read_text(encoding="utf-8")
    assert text.startswith(f"# The Wayfinder export format (version {FORMAT_VERSION})\n")
    versions = text.split("\n## Versions\n", 1)[1].split("\n## ", 1)[0]
    noted = [int(n) for n in re.findall(r"^- \*\*Version (\d+)\*\*", versions, re.MULTILINE)]
    assert noted == list(range(FORMAT_VERSION, 0, -1))


@pytest.mark.django_db
@pytest.mark.parametrize("name", OLD_EXPORTS)
def test_an_export_made_by_an_earlier_build_is_imported(name):
    raw = (FIXTURES / name).read_bytes()
    old = json.loads(raw)
    assert old["version"] < FORMAT_VERSION and "goal_check_ins" not in old

    result = owner_import(data=import_parse(raw))

    counts = dict(result.counts)
    for section in sections():
        assert counts[section.key] == len(old.get(section.key, [])), section.key
    again = owner_export(owner=result.owner)
    assert again["version"] == FORMAT_VERSION
    for key, rows in old.items():
        if key not in {"version", "experiments", "ladder_levels", "competencies", "people"}:
            if key == "profile":
                # The résumé summary came in version 5.
                rows = {"summary": ""} | rows
            assert again[key] == rows, key
    # People had no profile URL before version 4, and names were unique (namesake 0).
    assert again["people"] == [{"url": "", "namesake": 0} | row for row in old["people"]]
    # Ladders had one track before version 4: a level's grade is its rank, no groups.
    assert again["ladder_levels"] == [
        {"name_generated": False, "grade": row["rank"], "track": None} | row
        for row in old.get("ladder_levels", [])
    ]
    assert again["competencies"] == [{"group": None} | row for row in old.get("competencies", [])]
    # Fields added since are read as empty: no experiment adapted another before version 3.
    assert again["experiments"] == [{"adapted_from": None} | row for row in old["experiments"]]
    assert all(again[key] == [] for key in ADDED_DURING_VERSION_1 if key not in old)
    assert all(again[key] == [] for key in ADDED_IN_VERSION_3)
    assert all(again[key] == [] for key in ADDED_IN_VERSION_4)
    assert all(again[key] == [] for key in ADDED_IN_VERSION_5)


@pytest.mark.django_db
def test_a_version_3_export_with_goal_progress_is_imported_with_no_shares():
    raw = (FIXTURES / V3_EXPORT).read_bytes()
    old = json.loads(raw)
    assert old["version"] == 3 and old["goal_check_ins"]

    result = owner_import(data=import_parse(raw))

    assert dict(result.counts)["goal_check_ins"] == len(old["goal_check_ins"])
    again = owner_export(owner=result.owner)
    # Ladders had one track before version 4: a level's grade is its rank, no groups.
    ladders = {
        "ladder_levels": [
            {"name_generated": False, "grade": row["rank"], "track": None} | row
            for row in old["ladder_levels"]
        ],
        "competencies": [{"group": None} | row for row in old["competencies"]],
        "people": [{"url": "", "namesake": 0} | row for row in old["people"]],
    }
    new = {key: [] for key in ADDED_IN_VERSION_4 + ADDED_IN_VERSION_5}
    profile = {"profile": {"summary": ""} | old["profile"]}
    assert again == old | {"version": FORMAT_VERSION} | new | ladders | profile


@pytest.mark.django_db
def test_a_version_4_export_with_shares_is_imported_with_the_sections_of_version_5_empty():
    raw = (FIXTURES / V4_EXPORT).read_bytes()
    old = json.loads(raw)
    assert old["version"] == 4 and old["shares"] and old["share_accesses"]

    result = owner_import(data=import_parse(raw))

    assert dict(result.counts)["shares"] == len(old["shares"])
    new = {key: [] for key in ADDED_IN_VERSION_5}
    # A version 4 profile had no résumé summary.
    profile = {"profile": {"summary": ""} | old["profile"]}
    expected = old | {"version": FORMAT_VERSION} | new | profile
    assert owner_export(owner=result.owner) == expected


@pytest.mark.django_db
def test_a_version_5_export_is_imported_and_exported_the_same():
    raw = (FIXTURES / CURRENT_EXPORT).read_bytes()
    current = json.loads(raw)
    assert current["version"] == 5
    assert all(current[key] for key in ADDED_IN_VERSION_5)

    result = owner_import(data=import_parse(raw))

    assert dict(result.counts)["positions"] == len(current["positions"])
    assert owner_export(owner=result.owner) == current


@pytest.mark.django_db
def test_a_version_2_file_never_had_goal_check_ins_but_still_needs_its_own_sections():
    old = json.loads((FIXTURES / OLD_EXPORTS[2]).read_text(encoding="utf-8"))
    del old["competencies"]
    with pytest.raises(ImportRefused, match=r"^file: missing key 'competencies'$"):
        owner_import(data=old)


@pytest.mark.django_db
def test_a_version_1_file_still_needs_the_sections_version_1_always_had():
    old = json.loads((FIXTURES / OLD_EXPORTS[0]).read_text(encoding="utf-8"))
    del old["goals"]
    with pytest.raises(ImportRefused, match=r"^file: missing key 'goals'$"):
        owner_import(data=old)


@pytest.mark.django_db
def test_a_current_version_file_needs_every_section(owner):
    data = owner_export(owner=owner)
    del data["competencies"]
    with pytest.raises(ImportRefused, match=r"^file: missing key 'competencies'$"):
        owner_import(data=data, username="someone-new")
