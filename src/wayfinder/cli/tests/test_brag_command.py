"""`wayfinder brag import FILE [--dry-run] [--add LINE]...` (issue 12 §3)."""

from __future__ import annotations

from pathlib import Path

from wayfinder.cli.tests.conftest import database, row_counts, wayfinder

FIXTURE = (
    Path(__file__).resolve().parents[2] / "portability" / "tests" / "fixtures" / "brag-document.md"
)


def test_a_dry_run_prints_the_preview_and_writes_nothing(data_dir):
    before = row_counts(data_dir)

    done = wayfinder(data_dir, "brag", "import", str(FIXTURE), "--dry-run")

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Wins to add: 4"
    assert "  line 10: 03 Feb 2025  Launched the partner programme  [14 partners, 30 %]" in lines
    assert "Offered as goals or development actions, not wins: 4 (add one with --add LINE)" in lines
    assert "  line 31: action (course): Negotiation for engineers" in lines
    assert "  line 14: “- ❌ Launch in EMEA”: marked as not achieved: not a win" in lines
    assert lines[-1] == "Dry run: nothing was written."
    assert row_counts(data_dir) == before


def test_an_import_writes_the_wins_and_the_added_offers_then_adds_nothing_again(data_dir):
    done = wayfinder(data_dir, "brag", "import", str(FIXTURE), "--add", "6", "--add", "31")

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == (
        "Imported 4 wins, 1 goal and 1 development action from your brag document."
    )
    with database(data_dir) as db:
        assert db.execute("select count(*) from wins_win where source = 'import'").fetchone() == (
            4,
        )
        assert db.execute("select title from direction_goal").fetchall() == [
            ("Present the payments roadmap to the leadership team",)
        ]
        assert db.execute("select kind from plan_developmentaction").fetchall() == [("course",)]

    again = wayfinder(data_dir, "brag", "import", str(FIXTURE))
    assert again.returncode == 0, again.stderr
    assert "Already in your record, skipped: 4" in again.stdout
    assert again.stdout.splitlines()[-1] == (
        "Imported 0 wins from your brag document (4 already in your record, skipped)."
    )


def test_a_refused_document_quotes_its_line_and_writes_nothing(data_dir, tmp_path):
    bad = tmp_path / "brag.md"
    bad.write_text("## 2025\n- Shipped A\n## 2025 Q9\n- Shipped B\n", encoding="utf-8")
    before = row_counts(data_dir)

    done = wayfinder(data_dir, "brag", "import", str(bad))

    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"wayfinder brag: {bad}: line 3: “## 2025 Q9”: cannot read the period: "
        "there is no Q9 in a year; nothing was imported"
    )
    assert row_counts(data_dir) == before


def test_an_unknown_offer_line_writes_nothing(data_dir):
    before = row_counts(data_dir)

    done = wayfinder(data_dir, "brag", "import", str(FIXTURE), "--add", "10")

    assert done.returncode == 1
    assert "line 10: nothing there is offered as a goal or an action" in done.stderr
    assert "Traceback" not in done.stderr
    assert row_counts(data_dir) == before


def test_a_file_that_is_not_text_is_one_line(data_dir, tmp_path):
    binary = tmp_path / "brag.md"
    binary.write_bytes(b"\xff\xfe\x00\x81")

    done = wayfinder(data_dir, "brag", "import", str(binary))

    assert done.returncode == 1
    assert done.stderr.strip().endswith("is not UTF-8 text: save it as Markdown or plain text")
