"""`wayfinder win` and `wayfinder met` on SQLite: no Django, one line out, one line on error."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from wayfinder.cli.tests.conftest import database, row_counts, wayfinder


def imported_modules(stderr: str) -> list[str]:
    return [
        line.rsplit("|", 1)[1].strip()
        for line in stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["win", "Cut onboarding time", "--metric", "30 %", "--skill", "Facilitation"],
        ["met", "Priya Raman", "Talked about the platform role", "--kind", "coffee"],
    ],
)
def test_capture_never_imports_django(data_dir, args):
    done = wayfinder(data_dir, *args, python_flags=("-X", "importtime"))

    assert done.returncode == 0, done.stderr
    modules = imported_modules(done.stderr)
    assert "wayfinder.cli.capture" in modules
    assert [m for m in modules if m.split(".")[0] == "django"] == []


def test_win_prints_one_confirmation_line_and_writes_the_win(data_dir):
    done = wayfinder(
        data_dir,
        "win",
        "  Cut   onboarding time ",
        "--result",
        "New hires ship in week one",
        "--metric",
        "30 %",
        "--metric",
        "-2,5 days",
        "--metric",
        "$400k per year",
        "--metric",
        "from 3.8 to 4.5",
        "--skill",
        "Facilitation",
        "--skill",
        "facilitation",
        "--date",
        "2026-11-20",
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "Logged win #1 on 2026-11-20: Cut onboarding time"
        " (30 %; -2.5 days; $400k per year; from 3.8 to 4.5)\n"
    )
    with database(data_dir) as connection:
        assert connection.execute(
            "SELECT title, result, occurred_on, source FROM wins_win"
        ).fetchall() == [
            ("Cut onboarding time", "New hires ship in week one", "2026-11-20", "capture")
        ]
        assert connection.execute(
            "SELECT value, unit FROM wins_impactmetric ORDER BY id"
        ).fetchall() == [(30.0, "%"), (-2.5, "days"), (400_000.0, "$"), (4.5, "")]
        assert connection.execute(
            "SELECT baseline, period FROM wins_impactmetric ORDER BY id"
        ).fetchall() == [(None, ""), (None, ""), (None, "per year"), (3.8, "")]
        assert connection.execute("SELECT name FROM core_skill").fetchall() == [("Facilitation",)]
        assert connection.execute("SELECT count(*) FROM wins_win_skills").fetchone() == (1,)


def test_date_defaults_to_today_in_the_owners_time_zone(data_dir):
    with database(data_dir) as connection:
        connection.execute("UPDATE core_profile SET time_zone = 'Pacific/Kiritimati'")
    done = wayfinder(data_dir, "win", "Shipped it")

    # The command runs in its own process, on the machine's clock, not the test's frozen one.
    machine_now = time_machine.escape_hatch.time.time()
    today = dt.datetime.fromtimestamp(machine_now, ZoneInfo("Pacific/Kiritimati")).date()
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(f"on {today}: Shipped it")
    with database(data_dir) as connection:
        assert connection.execute("SELECT occurred_on FROM wins_win").fetchone() == (str(today),)


def test_met_creates_a_person_then_finds_them_by_any_spacing_or_case(data_dir):
    first = wayfinder(data_dir, "met", "Priya Raman", "Platform role", "--kind", "1:1")
    again = wayfinder(data_dir, "met", "  priya   RAMAN ", "Follow-up", "--date", "2026-11-02")

    assert first.returncode == 0, first.stderr
    assert "Logged 1:1 with Priya Raman on" in first.stdout
    assert "Priya Raman is new in your network" in first.stdout
    assert again.stdout == "Logged interaction with Priya Raman on 2026-11-02 (interaction #2)\n"
    with database(data_dir) as connection:
        assert connection.execute("SELECT name FROM network_person").fetchall() == [
            ("Priya Raman",)
        ]
        assert connection.execute(
            "SELECT kind, notes FROM network_interaction ORDER BY id"
        ).fetchall() == [("one_on_one", "Platform role"), ("other", "Follow-up")]
        assert connection.execute("SELECT count(*) FROM network_interaction_people").fetchone() == (
            2,
        )


def test_met_with_new_adds_a_person_whose_name_is_close_to_a_known_one(data_dir):
    wayfinder(data_dir, "met", "Priya Raman", "Platform role")
    done = wayfinder(data_dir, "met", "Priya Ramen", "Another person", "--new")

    assert done.returncode == 0, done.stderr
    with database(data_dir) as connection:
        names = connection.execute("SELECT name FROM network_person ORDER BY name").fetchall()
    assert names == [("Priya Raman",), ("Priya Ramen",)]


def test_owner_option_picks_one_of_several_owners(data_dir):
    with database(data_dir) as connection:
        connection.execute(
            "INSERT INTO auth_user (password, is_superuser, username, first_name, last_name,"
            " email, is_staff, is_active, date_joined) VALUES"
            " ('!', 0, 'bob', '', '', '', 0, 1, '2026-01-01 00:00:00')"
        )
        connection.execute(
            "INSERT INTO core_profile (display_name, current_title, level, seniority, function,"
            " organisation, summary, time_zone, created_at, updated_at, user_id) SELECT '', '', '',"
            " 'mid', '', '', '', 'UTC', '2026-01-01 00:00:00', '2026-01-01 00:00:00', id FROM"
            " auth_user"
            " WHERE username = 'bob'"
        )
    refused = wayfinder(data_dir, "win", "Shipped it")
    done = wayfinder(data_dir, "win", "Shipped it", "--owner", "bob")

    assert refused.returncode == 1
    assert "several owners: name one with --owner USERNAME" in refused.stderr
    assert done.returncode == 0, done.stderr
    with database(data_dir) as connection:
        owner = connection.execute(
            "SELECT u.username FROM wins_win w JOIN core_profile p ON p.id = w.owner_id"
            " JOIN auth_user u ON u.id = p.user_id"
        ).fetchall()
    assert owner == [("bob",)]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["met", "Sam", "x", "--kind", "lunch"], "unknown kind 'lunch': use one of 1:1, coffee"),
        (["win", "x", "--metric", "lots"], "a metric starts with a number"),
        (["win", "x", "--metric", "1" + "0" * 400], "too large"),
        (["win", "x", "--date", "2026-02-30"], "'2026-02-30' is not a date like 2026-11-23"),
        (["met", "Sam", "x", "--date", "yesterday"], "is not a date"),
        (["win", "   "], "a win needs a line saying what happened"),
        (["win", "x" * 301], "keep the headline under 300 characters"),
        (["win", "x", "--skill", "s" * 101], "keep a skill name under 100 characters"),
        (["met", " ", "x"], "a person needs a name"),
        (["win", "x", "--owner", "nobody"], "no owner named 'nobody'"),
        (["met", "Priya Raman", "x", "--owner", "nobody"], "no owner named 'nobody'"),
    ],
)
def test_mistakes_are_one_line_exit_1_and_write_nothing(data_dir, args, message):
    before = row_counts(data_dir)
    done = wayfinder(data_dir, *args)

    assert done.returncode == 1
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1
    assert message in done.stderr
    assert row_counts(data_dir) == before


def test_an_ambiguous_person_is_refused_with_suggestions_and_nothing_written(data_dir):
    wayfinder(data_dir, "met", "Priya Raman", "Platform role")
    before = row_counts(data_dir)

    done = wayfinder(data_dir, "met", "Priya", "Quick catch-up")

    assert done.returncode == 1
    assert done.stderr == (
        "wayfinder met: no one is called 'Priya'; did you mean 'Priya Raman'? "
        "Use the exact name, or --new to add a new person\n"
    )
    assert row_counts(data_dir) == before


@pytest.mark.parametrize("command", [["win", "Shipped it"], ["met", "Sam", "Coffee"]])
def test_without_init_capture_says_to_run_init(tmp_path, command):
    done = wayfinder(tmp_path / "nothing-here", *command)

    assert done.returncode == 1
    assert (
        done.stderr
        == f"wayfinder {command[0]}: no Wayfinder database here yet: run `wayfinder init` first\n"
    )
    assert not (tmp_path / "nothing-here" / "wayfinder.sqlite3").exists()


def test_an_unmigrated_database_says_to_run_init(tmp_path):
    tmp_path.joinpath("wayfinder.sqlite3").touch()

    done = wayfinder(tmp_path, "win", "Shipped it")

    assert done.stderr == (
        "wayfinder win: the database is not set up for this version of Wayfinder:"
        " run `wayfinder init` first\n"
    )
    assert done.returncode == 1


def test_a_database_without_an_owner_says_to_run_init(data_dir):
    with database(data_dir) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("DELETE FROM core_profile")

    done = wayfinder(data_dir, "met", "Sam", "Coffee")

    assert done.returncode == 1
    assert done.stderr == "wayfinder met: no owner yet: run `wayfinder init` first\n"


def test_an_unknown_time_zone_in_the_profile_is_one_line(data_dir):
    with database(data_dir) as connection:
        connection.execute("UPDATE core_profile SET time_zone = 'Mars/Olympus'")

    done = wayfinder(data_dir, "win", "Shipped it")

    assert done.returncode == 1
    assert "time zone 'Mars/Olympus' is unknown" in done.stderr
    assert row_counts(data_dir)["wins_win"] == 0


def test_help_lists_every_command(data_dir):
    done = wayfinder(data_dir, "--help")

    assert done.returncode == 0
    for command in ["init", "serve", "demo", "export", "import", "backup", "win", "met"]:
        assert f"\n    {command} " in done.stdout
