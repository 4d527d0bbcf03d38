"""`wayfinder export`, `import` and `demo`, in-process and once as real processes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from wayfinder.cli import main
from wayfinder.core.models import Profile
from wayfinder.core.tests.factories import TODAY, ProfileFactory
from wayfinder.demo.persona import demo_create
from wayfinder.portability.exporter import export_text, owner_export
from wayfinder.wins.models import Win
from wayfinder.wins.tests.factories import WinFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def backup(tmp_path):
    """The demo persona exported to a file, with the database emptied again."""
    owner = demo_create(today=TODAY)
    path = tmp_path / "dana.json"
    path.write_text(export_text(owner_export(owner=owner)), encoding="utf-8")
    owner.user.delete()
    return path


def test_export_writes_to_stdout(capsys):
    owner = demo_create(today=TODAY)
    assert main(["export"]) == 0
    assert capsys.readouterr().out == export_text(owner_export(owner=owner))


def test_export_to_a_file_readable_by_the_owner_only(tmp_path, capsys):
    demo_create(today=TODAY)
    target = tmp_path / "backup.json"
    assert main(["export", "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["profile"]["username"] == "demo"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert f"Exported 'demo' to {target}" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["backup.json"]


def test_export_errors_are_one_line(tmp_path, capsys):
    ProfileFactory()
    ProfileFactory()
    assert main(["export"]) == 1
    assert capsys.readouterr().err == (
        "wayfinder export: this instance has several owners: name one with --owner USERNAME\n"
    )
    assert main(["export", "--owner", "nobody"]) == 1
    assert "no owner named 'nobody'" in capsys.readouterr().err
    assert (
        main(
            [
                "export",
                "--owner",
                Profile.objects.first().user.username,
                "-o",
                str(tmp_path / "missing" / "x.json"),
            ]
        )
        == 1
    )
    assert "no such folder" in capsys.readouterr().err


def test_import_prints_counts(backup, capsys):
    assert main(["import", str(backup)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Imported 483 records for 'demo':\n")
    assert "  wins: 35\n" in out
    assert Win.objects.count() == 35


def test_import_refusal_is_one_line_and_writes_nothing(backup, capsys):
    data = json.loads(backup.read_text(encoding="utf-8"))
    data["goals"][3]["horizon"] = "someday"
    backup.write_text(json.dumps(data), encoding="utf-8")
    assert main(["import", str(backup)]) == 1
    assert capsys.readouterr().err == (
        f"wayfinder import: {backup}: goals[3].horizon: 'someday' is not one of short, mid, "
        "long; nothing was imported\n"
    )
    assert not Profile.objects.exists()


def test_import_refuses_an_owner_with_data_and_a_missing_file(backup, tmp_path, capsys):
    WinFactory(owner=ProfileFactory())
    assert main(["import", str(backup)]) == 1
    assert "already has data" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "nope.json")]) == 1
    assert "cannot read" in capsys.readouterr().err
    assert Win.objects.count() == 1


def test_demo_creates_the_persona_then_refuses_to_run_again(capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Created Dana Okafor (owner 'demo', scale demo)")
    assert "  wins: 35\n" in out and "serve" in out
    assert main(["demo"]) == 1
    assert "already holds data" in capsys.readouterr().err
    assert Profile.objects.count() == 1


def test_demo_beside_an_owner_without_data_but_not_an_owner_named_demo(capsys):
    ProfileFactory(user__username="demo")
    assert main(["demo"]) == 1
    assert "already has an owner named 'demo'" in capsys.readouterr().err


def test_round_trip_between_data_directories_as_real_processes(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["WAYFINDER_SECRET_KEY"] = "x"

    def wayfinder(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "wayfinder", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    first, second = tmp_path / "first.json", tmp_path / "second.json"
    made = wayfinder("demo", "--data-dir", str(tmp_path / "one"))
    assert made.returncode == 0, made.stderr
    assert (
        wayfinder("--data-dir", str(tmp_path / "one"), "export", "-o", str(first)).returncode == 0
    )
    imported = wayfinder("--data-dir", str(tmp_path / "two"), "import", str(first))
    assert imported.returncode == 0, imported.stderr
    assert (
        wayfinder("--data-dir", str(tmp_path / "two"), "export", "-o", str(second)).returncode == 0
    )
    assert second.read_bytes() == first.read_bytes()
    again = wayfinder("--data-dir", str(tmp_path / "two"), "import", str(first))
    assert again.returncode == 1
    assert again.stderr.count("\n") == 1 and "already has data" in again.stderr
