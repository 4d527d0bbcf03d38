"""Each command owns its arguments; the dispatcher only wires them and imports the one
module of the command being run."""

from __future__ import annotations

import argparse
import inspect
from pathlib import Path

import pytest

from wayfinder import cli
from wayfinder.cli import COMMANDS, build_parser, command_module
from wayfinder.cli.tests.conftest import wayfinder
from wayfinder.cli.tests.test_quick_capture import imported_modules


def _options(parser: argparse.ArgumentParser, command: str) -> set[str]:
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    sub = subparsers.choices[command]
    return {name for action in sub._actions for name in action.option_strings or [action.dest]}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_declares_its_arguments_beside_its_run(command):
    module = command_module(command)
    assert callable(module.add_arguments) and callable(module.run)
    declared = argparse.ArgumentParser()
    module.add_arguments(declared)
    assert _options(build_parser(command), command) == {
        name for action in declared._actions for name in action.option_strings or [action.dest]
    }


def test_the_dispatcher_declares_no_command_argument():
    # Its own two options are global: --version and --data-dir.
    assert inspect.getsource(cli.build_parser).count(".add_argument(") == 2
    assert _options(build_parser(None), "win") == {"-h", "--help"}


@pytest.mark.parametrize(
    ("args", "expected"),
    [(["win", "--help"], ["win"]), (["met", "--help"], ["met"]), (["--help"], [])],
)
def test_only_the_command_being_run_is_imported(tmp_path, args, expected):
    done = wayfinder(tmp_path / "data", *args, python_flags=("-X", "importtime"))

    assert done.returncode == 0, done.stderr
    modules = imported_modules(done.stderr)
    commands = [m.rsplit(".", 1)[1] for m in modules if m.startswith("wayfinder.cli.commands.")]
    assert commands == expected
    assert [m for m in modules if m.split(".")[0] == "django"] == []
    assert "usage: wayfinder" in done.stdout


def test_a_command_help_lists_the_arguments_its_module_declares(tmp_path):
    done = wayfinder(tmp_path / "data", "win", "--help")

    assert done.returncode == 0, done.stderr
    for option in ("TEXT", "--result", "--metric", "--skill", "--date", "--owner"):
        assert option in done.stdout


def test_a_command_that_only_reads_still_refuses_a_missing_data_directory(tmp_path):
    done = wayfinder(tmp_path / "missing", "today")

    assert done.returncode == 1
    assert "no data directory at" in done.stderr
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_readme_names_every_argument_a_command_declares(command):
    readme = (Path(cli.__file__).parents[3] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The command line", 1)[1].split("\n## ", 1)[0]
    declared = argparse.ArgumentParser()
    command_module(command).add_arguments(declared)
    for action in declared._actions:
        names = [name for name in action.option_strings if name not in {"-h", "--help"}]
        if names:
            assert any(name in section for name in names), f"{command} {names[-1]}"
    assert f"`wayfinder {command}" in section
