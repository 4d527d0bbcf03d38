"""The type checker is part of `make test` (so of CI), over services, selectors and the CLI."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _target(makefile: str, name: str) -> tuple[list[str], list[str]]:
    """The prerequisites and recipe lines of a Makefile target."""
    match = re.search(rf"^{name}:([^\n]*)\n((?:\t[^\n]*\n)*)", makefile, re.M)
    assert match, f"no {name} target"
    return match.group(1).split(), [line.strip() for line in match.group(2).splitlines()]


def test_make_test_runs_mypy():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    prerequisites, _ = _target(makefile, "test")
    assert "typecheck" in prerequisites
    _, recipe = _target(makefile, "typecheck")
    assert any(line.endswith("$(BIN)/mypy") for line in recipe)


def test_mypy_covers_services_selectors_and_the_cli_with_django_stubs():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mypy = config["tool"]["mypy"]
    assert mypy["files"] == [
        "src/wayfinder/*/services.py",
        "src/wayfinder/*/selectors.py",
        "src/wayfinder/cli",
    ]
    assert "mypy_django_plugin.main" in mypy["plugins"]
    assert config["tool"]["django-stubs"]["django_settings_module"] == "wayfinder.settings"
    dev = " ".join(config["project"]["optional-dependencies"]["dev"])
    assert "mypy" in dev and "django-stubs" in dev
    covered = {path for pattern in mypy["files"][:2] for path in ROOT.glob(pattern)}
    assert ROOT / "src/wayfinder/plan/services.py" in covered
    assert ROOT / "src/wayfinder/plan/selectors.py" in covered
