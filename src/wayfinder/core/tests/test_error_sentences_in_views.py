"""Pages show a service's error through core.errors.sentence(), never as raw str(error)."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse

from wayfinder.conversations.models import ConversationStatus
from wayfinder.conversations.tests.factories import DevelopmentConversationFactory

SOURCE = Path(__file__).resolve().parents[2]


def _shown(path: Path) -> str:
    return str(path.relative_to(SOURCE.parent)) if path.is_relative_to(SOURCE) else str(path)


def _raw_error_text(path: Path) -> list[str]:
    """Lines where an `except ... as name:` block turns `name` into text with str()."""
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for handler in ast.walk(tree):
        if not isinstance(handler, ast.ExceptHandler) or handler.name is None:
            continue
        for node in ast.walk(ast.Module(body=handler.body, type_ignores=[])):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "str"
                and len(node.args) == 1
                and isinstance(node.args[0], ast.Name)
                and node.args[0].id == handler.name
            ):
                found.append(f"{_shown(path)}:{node.lineno}: {ast.unparse(node)}")
    return found


def _views() -> list[Path]:
    return sorted(p for p in SOURCE.glob("*/views/**/*.py") if "tests" not in p.parts)


def test_no_view_shows_a_raw_str_of_an_error():
    offenders = [line for path in _views() for line in _raw_error_text(path)]
    assert not offenders, "use core.errors.sentence(error):\n" + "\n".join(offenders)


def test_nothing_capitalizes_an_error_message():
    offenders = [
        f"{_shown(path)}: {line.strip()}"
        for path in sorted(SOURCE.rglob("*.py"))
        if "tests" not in path.parts
        for line in path.read_text().splitlines()
        if "str(error).capitalize()" in line or "str(exc).capitalize()" in line
    ]
    assert not offenders, "\n".join(offenders)


def test_the_check_finds_a_raw_str_of_an_error(tmp_path):
    view = tmp_path / "view.py"
    view.write_text(
        "try:\n    save()\nexcept ValueError as error:\n    form.add_error(None, str(error))\n"
    )
    assert len(_raw_error_text(view)) == 1
    view.write_text(
        "try:\n    save()\nexcept ValueError as error:\n    form.add_error(None, sentence(error))\n"
    )
    assert _raw_error_text(view) == []


@pytest.mark.django_db
def test_a_refusal_on_a_page_reads_as_a_sentence(client, owner):
    client.force_login(owner.user)
    off = DevelopmentConversationFactory(owner=owner, status=ConversationStatus.CANCELLED)

    response = client.post(
        reverse("conversations:agreed-action-new", args=[off.pk]),
        {"description": "Anything", "who": "me"},
    )

    # The service says "nothing can be agreed in a cancelled conversation".
    assert "Nothing can be agreed in a cancelled conversation." in response.content.decode()


@pytest.mark.django_db
def test_a_refusal_keeps_the_capitals_of_what_it_names(client, owner):
    client.force_login(owner.user)

    response = client.post(reverse("direction:ambition-new"), {})

    content = response.content.decode()
    assert "Answer at least one question: what problems do you want to solve" in content
