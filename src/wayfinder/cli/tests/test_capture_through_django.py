"""Quick capture with DATABASE_URL set goes through Django and the services, same lines."""

from __future__ import annotations

import datetime as dt

import pytest

from wayfinder.cli import main
from wayfinder.core.services import owner_create
from wayfinder.network.models import Interaction, Person
from wayfinder.wins.models import Win, WinSource

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def server_database(monkeypatch):
    # The commands choose Django when DATABASE_URL is set; Django itself already points
    # at the test database, whichever backend this run uses.
    monkeypatch.setenv("DATABASE_URL", "postgres://unused@localhost/unused")


@pytest.fixture
def alice():
    return owner_create(username="alice", time_zone="Pacific/Kiritimati")


def test_win_goes_through_the_service_and_prints_the_same_line(alice, capsys):
    argv = ["win", " Cut  onboarding time", "--metric", "30 %", "--date", "2026-11-20"]
    status = main(
        [*argv, "--skill", "Facilitation", "--skill", "FACILITATION", "--result", "Faster"]
    )

    win = Win.objects.for_owner(alice).get()
    assert status == 0
    assert capsys.readouterr().out == (
        f"Logged win #{win.id} on 2026-11-20: Cut onboarding time (30 %)\n"
    )
    assert (win.title, win.result, win.source) == (
        "Cut onboarding time",
        "Faster",
        WinSource.CAPTURE,
    )
    assert [(m.value, m.unit) for m in win.metrics.all()] == [(30.0, "%")]
    assert [s.name for s in win.skills.all()] == ["Facilitation"]


def test_win_date_defaults_to_today_in_the_owners_time_zone(alice, capsys):
    from zoneinfo import ZoneInfo

    main(["win", "Shipped it"])

    today = dt.datetime.now(ZoneInfo("Pacific/Kiritimati")).date()
    assert Win.objects.for_owner(alice).get().occurred_on == today


def test_met_creates_then_finds_the_person(alice, capsys):
    main(["met", "Priya Raman", "Platform role", "--kind", "1:1", "--date", "2026-11-20"])
    main(["met", "priya raman", "Follow-up", "--date", "2026-11-21"])

    first, second = Interaction.objects.for_owner(alice).order_by("id")
    assert capsys.readouterr().out.splitlines() == [
        f"Logged 1:1 with Priya Raman on 2026-11-20 (interaction #{first.id};"
        " Priya Raman is new in your network)",
        f"Logged interaction with Priya Raman on 2026-11-21 (interaction #{second.id})",
    ]
    assert Person.objects.for_owner(alice).count() == 1
    assert (first.kind, second.kind) == ("one_on_one", "other")


def test_an_ambiguous_person_is_refused_and_nothing_written(alice, capsys):
    main(["met", "Priya Raman", "Platform role"])
    capsys.readouterr()

    status = main(["met", "Priya", "Catch-up"])

    assert status == 1
    assert capsys.readouterr().err == (
        "wayfinder met: no one is called 'Priya'; did you mean 'Priya Raman'? "
        "Use the exact name, or --new to add a new person\n"
    )
    assert Interaction.objects.for_owner(alice).count() == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["win", "Shipped it"], "wayfinder win: no owner yet: run `wayfinder init` first\n"),
        (["met", "Sam", "x", "--owner", "bob"], "wayfinder met: no owner named 'bob'\n"),
    ],
)
def test_no_owner_is_one_line(argv, message, capsys):
    assert main(argv) == 1
    assert capsys.readouterr().err == message
    assert not Win.objects.exists()
    assert not Person.objects.exists()


def test_bad_input_is_refused_before_the_database(alice, capsys):
    assert main(["met", "Sam", "x", "--kind", "lunch"]) == 1
    assert "unknown kind 'lunch'" in capsys.readouterr().err
    assert not Person.objects.exists()
