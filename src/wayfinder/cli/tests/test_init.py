"""`wayfinder init`: data directory, migrations and the owner; safe to run again."""

from __future__ import annotations

import sqlite3

import pytest
from django.contrib.auth import get_user_model

from wayfinder.cli import main
from wayfinder.cli.tests.conftest import database, wayfinder
from wayfinder.core.models import Profile


def test_init_creates_everything_then_says_it_is_up_to_date(tmp_path):
    data_dir = tmp_path / "new" / "data"

    first = wayfinder(data_dir, "init", "--username", "ann", "--name", "Ann Lee")
    again = wayfinder(data_dir, "init")

    assert first.returncode == 0, first.stderr
    assert f"SQLite {sqlite3.sqlite_version}, data directory {data_dir}" in first.stdout
    assert "Applied " in first.stdout
    assert "Created the owner account 'ann' (time zone UTC)" in first.stdout
    assert "Run `wayfinder serve` and open the sign-in link it prints." in first.stdout
    assert again.returncode == 0, again.stderr
    assert "Database schema is up to date." in again.stdout
    assert "Owner 'ann' already set up: nothing else to do." in again.stdout
    with database(data_dir) as connection:
        assert connection.execute(
            "SELECT u.username, p.display_name FROM core_profile p"
            " JOIN auth_user u ON u.id = p.user_id"
        ).fetchall() == [("ann", "Ann Lee")]
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_init_refuses_an_unknown_time_zone_before_touching_anything(tmp_path):
    done = wayfinder(tmp_path / "data", "init", "--time-zone", "Mars/Olympus")

    assert done.returncode == 1
    assert done.stderr == (
        "wayfinder init: unknown time zone 'Mars/Olympus': use a name like Europe/London\n"
    )
    assert not (tmp_path / "data").exists()


@pytest.mark.django_db
def test_init_on_the_configured_database_creates_the_owner_once(capsys):
    assert (
        main(["init", "--username", "carol", "--name", "Carol", "--time-zone", "Asia/Tokyo"]) == 0
    )
    assert main(["init", "--username", "dave"]) == 0

    out = capsys.readouterr().out
    assert "Database schema is up to date." in out
    assert "Created the owner account 'carol' (time zone Asia/Tokyo)" in out
    assert "Owner 'carol' already set up" in out
    assert "--username, --name and --time-zone apply only to a new owner; ignored." in out
    profile = Profile.objects.select_related("user").get()
    assert (profile.user.username, profile.display_name, profile.time_zone) == (
        "carol",
        "Carol",
        "Asia/Tokyo",
    )


@pytest.mark.django_db
def test_init_on_postgresql_names_the_database_without_its_password_and_gives_a_link(
    monkeypatch, capsys
):
    monkeypatch.setenv("DATABASE_URL", "postgres://wf:s3cret@db.example:5433/career")

    main(["init", "--username", "carol"])

    out = capsys.readouterr().out
    assert "PostgreSQL database 'career' on db.example:5433" in out
    assert "s3cret" not in out
    # A shared server logs no sign-in links: the first one comes from init.
    assert "Sign in within 15 minutes by opening /signin/link/" in out


@pytest.mark.django_db
def test_init_refuses_a_username_already_taken_by_an_account_without_profile(capsys):
    get_user_model().objects.create_user(username="carol")

    assert main(["init", "--username", "carol"]) == 1

    assert capsys.readouterr().err == (
        "wayfinder init: there is already an account named 'carol'\n"
    )
    assert not Profile.objects.exists()
