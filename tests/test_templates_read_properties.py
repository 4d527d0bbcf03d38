"""Templates ask a model what it is (`is_open`, `can_start`, `is_secured`) instead of
comparing a stored choice with a string: a choice's spelling lives once, on its model
(issue 9, §A1)."""

from __future__ import annotations

import re
from pathlib import Path

from django.apps import apps

import wayfinder

SOURCE = Path(wayfinder.__file__).parent
# `{% if x.y == "value" %}` or `{% elif x != 'value' %}`: a comparison with a literal.
COMPARISON = re.compile(r"\{%[^%]*?([\w.]+) ?(?:==|!=) ?[\"']([^\"']*)[\"']")
# Names that are not stored choices: a form field's name (a field's own layout), the
# onboarding step a page is on, and the start of the URL name a subnav marks as current.
ALLOWED_SUBJECTS = ("field.name", "name", "here")


def _choice_values() -> set[str]:
    values: set[str] = set()
    for model in apps.get_models():
        if not model.__module__.startswith("wayfinder."):
            continue
        for field in model._meta.get_fields():
            for value, _label in getattr(field, "choices", None) or ():
                if isinstance(value, str):
                    values.add(value)
    return values


def _comparisons() -> list[tuple[str, str, str]]:
    found = []
    for template in sorted(SOURCE.rglob("templates/**/*.html")):
        text = template.read_text(encoding="utf-8")
        for match in COMPARISON.finditer(text):
            subject, value = match.groups()
            line = text.count("\n", 0, match.start()) + 1
            found.append((f"{template.relative_to(SOURCE)}:{line}", subject, value))
    return found


def test_no_template_compares_a_stored_choice_with_a_string():
    choices = _choice_values()
    offenders = [
        f"{where}: {subject} == {value!r}"
        for where, subject, value in _comparisons()
        if value in choices and subject not in ALLOWED_SUBJECTS
    ]
    assert not offenders, "ask the model instead:\n" + "\n".join(offenders)


def test_the_check_sees_a_comparison(tmp_path):
    """The pattern finds the shape it forbids, so an empty result means something."""
    match = COMPARISON.search('{% if opportunity.status == "secured" %}')
    assert match and match.groups() == ("opportunity.status", "secured")
    assert "secured" in _choice_values()
