"""`wayfinder ladder import FILE... [--name N] [--replace]` (issue 12 §2)."""

from __future__ import annotations

from pathlib import Path

from wayfinder.cli.tests.conftest import database, row_counts, wayfinder

FIXTURES = Path(__file__).resolve().parents[2] / "advocacy" / "tests" / "fixtures"


def test_import_a_published_framework_then_replace_it(data_dir):
    done = wayfinder(data_dir, "ladder", "import", str(FIXTURES / "ft-style.yml"))

    assert done.returncode == 0, done.stderr
    assert "Imported the Engineering ladder (4 levels, 2 competencies, 2 tracks)." in done.stdout
    assert "left out: line 5, googleSheetId: unknown key, left out" in done.stdout
    with database(data_dir) as db:
        assert db.execute("select count(*) from advocacy_criterion").fetchone() == (4,)

    again = wayfinder(data_dir, "ladder", "import", str(FIXTURES / "ft-style.yml"))
    assert again.returncode == 1
    assert "already have a ladder named 'Engineering': add --replace" in again.stderr

    replaced = wayfinder(data_dir, "ladder", "import", str(FIXTURES / "ft-style.yml"), "--replace")
    assert replaced.returncode == 0, replaced.stderr
    with database(data_dir) as db:
        assert db.execute("select count(*) from advocacy_ladder").fetchone() == (1,)


def test_several_files_and_a_name(data_dir):
    done = wayfinder(
        data_dir,
        "ladder",
        "import",
        str(FIXTURES / "L1 Junior.csv"),
        str(FIXTURES / "L2 Mid.csv"),
        "--name",
        "Per level",
    )
    assert done.returncode == 0, done.stderr
    assert "Imported the Per level ladder (2 levels, 2 competencies, 0 tracks)." in done.stdout


def test_a_refused_file_writes_nothing(data_dir, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text("no front matter\n", encoding="utf-8")
    before = row_counts(data_dir)

    done = wayfinder(data_dir, "ladder", "import", str(bad))

    assert done.returncode == 1
    assert done.stderr.strip().endswith(
        "bad.md: line 1: expected '---' opening the YAML front matter; nothing was imported"
    )
    assert "Traceback" not in done.stderr
    assert row_counts(data_dir) == before
