"""What may import what: the "Layering" rules of docs/architecture.md, over the import graph.

Every `import` and `from ... import` in src/wayfinder (inside functions too; tests and
migrations left out) is read with `ast` and held to the layers, bottom to top:

  ground       core (and wayfinder.environment): imports no app
  practice     the apps in PRACTICE, each only the practice apps listed for it: a DAG
  aggregators  guidance, search, sharing, and the agenda and narrative modules: any practice app,
               through its selectors and services; another app's models only for a
               choices enum or under TYPE_CHECKING
  tools        portability (the export format is the tables) and demo (it writes them)
  top          cli and the site (urls, settings, wsgi), which wire everything together

On every layer: no app imports another app's views (only the site routes them), and there
is no cycle between apps. A failure names the file, the line and the import.
"""

from __future__ import annotations

import ast
import importlib
from dataclasses import dataclass
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src" / "wayfinder"

GROUND = {"core", "environment"}
# Each practice app and the practice apps it may import (models for foreign keys and
# choices, otherwise selectors and services): a DAG, listed from the bottom up. The agenda
# and the narrative modules are aggregators and read wider (AGGREGATOR_MODULES).
PRACTICE: dict[str, set[str]] = {
    "accounts": set(),
    "direction": set(),
    "network": set(),
    "reflection": set(),
    "experiments": {"direction"},
    "wins": {"network"},
    "plan": {"direction", "experiments", "network"},
    "conversations": {"network", "plan"},
    "advocacy": {"plan", "wins"},
    "onboarding": {"direction", "network"},
}
# mentoring reads plan and direction through their selectors (to prefill an opt-in) and
# writes the network through its services (an agreed pair): an aggregator.
AGGREGATOR_APPS = {"api", "calendars", "guidance", "mentoring", "search", "sharing"}
# Aggregator modules that live in a practice app, beside the pages that show them.
AGGREGATOR_MODULES = {"conversations.agenda", "advocacy.narrative"}
TOOLS = {"portability", "demo", "operations"}
TOP = {"cli", "site"}
LAYER = {
    **dict.fromkeys(GROUND, 0),
    **dict.fromkeys(PRACTICE, 1),
    **dict.fromkeys(AGGREGATOR_APPS, 2),
    **dict.fromkeys(TOOLS, 3),
    **dict.fromkeys(TOP, 4),
}
LAYER_NAMES = ["ground", "a practice app", "an aggregator", "a tool", "the top"]
# Modules of wayfinder/ itself that belong to the site (or, for `python -m`, the CLI);
# the package itself and wayfinder.environment are ground, below core.
TOP_LEVEL = {"urls": "site", "settings": "site", "wsgi": "site", "__main__": "cli"}


@dataclass(frozen=True)
class Import:
    path: str  # relative to src/
    line: int
    source: str  # the importing module, dotted, without "wayfinder."
    target: str  # the imported module or name, dotted, without "wayfinder."
    names: tuple[str, ...]  # for `from X import a, b`: a, b
    type_only: bool  # under `if TYPE_CHECKING:`
    statement: str = ""  # the import as written

    @property
    def source_app(self) -> str:
        return app_of(self.source)

    @property
    def target_app(self) -> str:
        return app_of(self.target)

    def __str__(self) -> str:
        what = self.statement or f"from wayfinder.{self.target} import {', '.join(self.names)}"
        return f"{self.path}:{self.line}: {what}"


def app_of(module: str) -> str:
    first = module.split(".")[0]
    return TOP_LEVEL.get(first, first or "environment")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _imports_of(path: Path) -> list[Import]:
    tree = ast.parse(path.read_text(), filename=str(path))
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    type_only = _type_checking_lines(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [(alias.name, ()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ["wayfinder", *package.split(".")] if package else ["wayfinder"]
                base = base[: len(base) - (node.level - 1)]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            targets = [(name, tuple(alias.name for alias in node.names))]
        else:
            continue
        for name, names in targets:
            if name == "wayfinder" or (name.startswith("wayfinder.") and name.count(".") == 1):
                # `from wayfinder import urls`, `from wayfinder.plan import selectors`:
                # each name is a module of its own.
                prefix = name[10:] + "." if "." in name else ""
                for one in names:
                    found.append(_import(path, node, module, prefix + one, (), type_only))
                if not names:
                    found.append(_import(path, node, module, name[10:], (), type_only))
            elif name.startswith("wayfinder."):
                found.append(_import(path, node, module, name[10:], names, type_only))
    return found


def _import(path, node, module, target, names, type_only) -> Import:
    return Import(
        path=str(path.relative_to(SOURCE.parent)),
        line=node.lineno,
        source=module,
        target=target,
        names=names,
        type_only=node.lineno in type_only,
        statement=ast.unparse(node),
    )


def _in_scope(path: Path) -> bool:
    parts = path.relative_to(SOURCE).parts
    return "tests" not in parts and "migrations" not in parts


def all_imports() -> list[Import]:
    return [
        i for path in sorted(SOURCE.rglob("*.py")) if _in_scope(path) for i in _imports_of(path)
    ]


def _between_apps(imports: list[Import]) -> list[Import]:
    return [i for i in imports if i.source_app != i.target_app]


def _is_aggregator(module: str) -> bool:
    return app_of(module) in AGGREGATOR_APPS or any(
        module == m or module.startswith(m + ".") for m in AGGREGATOR_MODULES
    )


def _is_choices(module: str, name: str) -> bool:
    from django.db import models

    value = getattr(importlib.import_module(f"wayfinder.{module}"), name, None)
    return isinstance(value, type) and issubclass(value, models.Choices)


# The rules: each returns the sentence that explains a broken one, or None.


def layer_rule(i: Import) -> str | None:
    source, target = i.source_app, i.target_app
    if source not in LAYER or target not in LAYER:
        return f"{source} or {target} has no layer: add it to tests/test_layering.py"
    if LAYER[target] > LAYER[source]:
        return (
            f"{source} is {LAYER_NAMES[LAYER[source]]} and may not import {target}, "
            f"{LAYER_NAMES[LAYER[target]]} above it"
        )
    practice = LAYER[source] == LAYER[target] == 1 and not _is_aggregator(i.source)
    if practice and target not in PRACTICE[source]:
        allowed = ", ".join(sorted(PRACTICE[source])) or "no other practice app"
        return f"the practice app {source} may import {allowed}, not {target}"
    if LAYER[source] == LAYER[target] == 0 and source == "environment":
        return "wayfinder.environment sits below core and imports nothing of Wayfinder"
    return None


def views_rule(i: Import) -> str | None:
    if i.source_app == "site":
        return None  # the site's URLs route every app's views
    parts = i.target.split(".")
    if len(parts) > 1 and parts[1] == "views":
        return f"{i.source_app} imports {i.target_app}'s views: use its selectors or services"
    return None


def aggregator_models_rule(i: Import) -> str | None:
    if not _is_aggregator(i.source) or LAYER.get(i.target_app) != 1 or i.type_only:
        return None
    if i.target.split(".")[1:2] != ["models"]:
        return None
    rows = [n for n in i.names if not _is_choices(i.target, n)]
    if rows:
        return (
            f"the aggregator {i.source} reads {i.target_app}'s models ({', '.join(rows)}): "
            f"read through {i.target_app}.selectors (a choices enum or a TYPE_CHECKING "
            "import is fine)"
        )
    return None


def cycles(imports: list[Import]) -> list[list[str]]:
    """The cycles between apps, each as the apps in order (strongly connected parts)."""
    graph: dict[str, set[str]] = {}
    for i in _between_apps(imports):
        graph.setdefault(i.source_app, set()).add(i.target_app)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            part = []
            while True:
                top = stack.pop()
                part.append(top)
                if top == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def broken(rule, imports: list[Import]) -> list[str]:
    return [f"{i}\n    {why}" for i in _between_apps(imports) if (why := rule(i))]


@pytest.fixture(scope="module")
def imports() -> list[Import]:
    return all_imports()


@pytest.mark.parametrize("rule", [layer_rule, views_rule, aggregator_models_rule])
def test_every_import_between_apps_keeps_the_layers(imports, rule):
    offenders = broken(rule, imports)
    assert not offenders, "\n".join(offenders)


def test_there_is_no_cycle_between_apps(imports):
    found = cycles(imports)
    lines = []
    for part in found:
        lines.append(" <-> ".join(part) + ":")
        lines += [
            f"    {i}" for i in _between_apps(imports) if {i.source_app, i.target_app} <= set(part)
        ]
    assert not found, "\n".join(lines)


def test_the_practice_apps_list_a_dag():
    edges = [
        _fake(f"{app}.x", f"{other}.x") for app, others in PRACTICE.items() for other in others
    ]
    assert cycles(edges) == []


def test_core_imports_no_app(imports):
    offenders = [str(i) for i in imports if i.source_app == "core" and i.target_app != "core"]
    offenders = [o for o in offenders if "wayfinder.environment" not in o]
    assert not offenders, "\n".join(offenders)


def test_every_app_has_a_layer():
    apps = {p.name for p in SOURCE.iterdir() if (p / "__init__.py").exists()}
    assert apps <= set(LAYER), f"give these apps a layer: {sorted(apps - set(LAYER))}"


# The checker itself, on made-up imports: each rule fires where it should.


def _fake(source: str, target: str, *names: str, type_only: bool = False) -> Import:
    return Import("wayfinder/x.py", 1, source, target, names, type_only)


def test_the_checker_names_an_upward_import():
    why = layer_rule(_fake("reflection.views.reviews", "guidance.indicators", "assess"))
    assert why == "reflection is a practice app and may not import guidance, an aggregator above it"
    assert str(_fake("core.services", "plan.services", "plan_get_or_create")) == (
        "wayfinder/x.py:1: from wayfinder.plan.services import plan_get_or_create"
    )
    assert layer_rule(_fake("core.services", "plan.services", "x")) is not None


def test_the_checker_holds_practice_apps_to_their_list():
    assert layer_rule(_fake("network.views.person", "wins.selectors", "x")) == (
        "the practice app network may import no other practice app, not wins"
    )
    assert layer_rule(_fake("wins.selectors", "network.models", "Person")) is None
    assert layer_rule(_fake("conversations.agenda", "wins.selectors", "x")) is None


def test_the_checker_refuses_another_apps_views():
    assert views_rule(_fake("guidance.views.dashboard", "onboarding.views.steps", "SKIPPED"))
    assert views_rule(_fake("site", "guidance.views.dashboard", "dashboard")) is None
    assert views_rule(_fake("guidance.views.x", "onboarding.services", "x")) is None


def test_the_checker_lets_aggregators_use_choices_and_type_hints_only():
    assert aggregator_models_rule(_fake("guidance.activity", "plan.models", "DevelopmentAction"))
    assert (
        aggregator_models_rule(_fake("guidance.indicators", "direction.models", "Horizon")) is None
    )
    hinted = _fake("advocacy.narrative", "wins.models", "Win", type_only=True)
    assert aggregator_models_rule(hinted) is None
    assert aggregator_models_rule(_fake("plan.services", "direction.models", "Goal")) is None


def test_the_checker_finds_a_cycle():
    loop = [_fake("network.views.person", "wins.selectors"), _fake("wins.models", "network.models")]
    assert cycles(loop) == [["network", "wins"]]
    assert cycles(loop[1:]) == []


def test_the_checker_reads_relative_and_type_only_imports(tmp_path, monkeypatch):
    package = tmp_path / "wayfinder" / "guidance"
    package.mkdir(parents=True)
    (package / "thing.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "from .selectors import a\n"
        "from ..plan import selectors\n"
        "if TYPE_CHECKING:\n"
        "    from wayfinder.wins.models import Win\n"
        "def later():\n"
        "    import wayfinder.network.selectors\n"
    )
    monkeypatch.setitem(globals(), "SOURCE", tmp_path / "wayfinder")
    found = {(i.target, i.names, i.type_only) for i in _imports_of(package / "thing.py")}
    assert found == {
        ("guidance.selectors", ("a",), False),
        ("plan.selectors", (), False),
        ("wins.models", ("Win",), True),
        ("network.selectors", (), False),
    }
