"""The README documents every setting and command, so the docs cannot drift from the code."""

from __future__ import annotations

import re
from pathlib import Path

from wayfinder.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()


def environment_variables_read_by_the_code() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "src" / "wayfinder").rglob("*.py"):
        if "tests" in path.parts:
            continue
        text = path.read_text()
        names |= set(re.findall(r"""["'](WAYFINDER_[A-Z_]+|DATABASE_URL)["']""", text))
    # Read by the test tooling, not by the application.
    return {name for name in names if not name.startswith("WAYFINDER_REQUIRE_")}


def test_every_environment_variable_is_documented():
    variables = environment_variables_read_by_the_code()
    assert {"WAYFINDER_DATA_DIR", "DATABASE_URL", "WAYFINDER_SECRET_KEY"} <= variables
    missing = sorted(name for name in variables if f"`{name}`" not in README)
    assert missing == [], f"undocumented in README: {missing}"


def test_every_cli_command_is_documented():
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    commands = set(subparsers.choices)
    assert {"init", "serve", "win", "met", "export", "import", "backup", "demo"} <= commands
    missing = sorted(name for name in commands if f"`wayfinder {name}" not in README)
    assert missing == [], f"undocumented in README: {missing}"


def test_quick_start_is_two_commands():
    section = README.split("## Quick start", 1)[1].split("##", 1)[0]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make run", "make test"]
