"""`wayfinder win --skill` finds a known skill in any case, outside ASCII too (issue 8)."""

from __future__ import annotations

from wayfinder.cli.tests.conftest import database, wayfinder


def test_a_known_skill_outside_ascii_is_reused_in_another_case(data_dir):
    # SQLite's LOWER() folds only ASCII, as the unique index on skill names does: the
    # second capture must find the first skill, not trip over the index.
    first = wayfinder(data_dir, "win", "Launched in Köln", "--skill", "Öko Marketing")
    second = wayfinder(data_dir, "win", "Launched in Graz", "--skill", "Öko MARKETING")

    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert "Traceback" not in second.stderr
    with database(data_dir) as connection:
        skills = connection.execute("SELECT id, name FROM core_skill").fetchall()
        links = connection.execute("SELECT DISTINCT skill_id FROM wins_win_skills").fetchall()
    assert [name for _, name in skills] == ["Öko Marketing"]
    assert links == [(skills[0][0],)]
