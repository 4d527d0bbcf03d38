"""Views that answer htmx take the typed request (`HtmxHttpRequest`), defined once in core."""

from __future__ import annotations

import ast
from pathlib import Path

import wayfinder
from wayfinder.core.web import HtmxHttpRequest

SOURCE = Path(wayfinder.__file__).parent


def _reads_htmx(function: ast.FunctionDef) -> bool:
    for node in ast.walk(function):
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "htmx"
            and isinstance(node.value, ast.Name)
            and node.value.id == "request"
        ):
            return True
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "render_page"
            and any(keyword.arg == "partial" for keyword in node.keywords)
        ):
            return True
    return False


def _request_annotation(function: ast.FunctionDef) -> str | None:
    for argument in function.args.args:
        if argument.arg == "request" and argument.annotation is not None:
            return ast.unparse(argument.annotation)
    return None


def test_every_view_that_answers_htmx_takes_the_typed_request():
    untyped = []
    for path in sorted(SOURCE.glob("*/views/*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.FunctionDef)
                and _reads_htmx(node)
                and _request_annotation(node) != "HtmxHttpRequest"
            ):
                untyped.append(f"{path.relative_to(SOURCE)}:{node.name}")
    assert untyped == []


def test_the_typed_request_is_defined_once():
    definitions = [
        path.relative_to(SOURCE).as_posix()
        for path in SOURCE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef) and node.name == "HtmxHttpRequest"
    ]
    assert definitions == ["core/web.py"]
    assert HtmxHttpRequest.__annotations__ == {"htmx": "HtmxDetails"}
