"""The format covers every domain model and field, and docs/export-format.md says so."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db.models import CheckConstraint, UniqueConstraint

from wayfinder.core.models import OwnedModel
from wayfinder.core.privacy import declarations
from wayfinder.core.tests.factories import TODAY
from wayfinder.demo.persona import demo_create
from wayfinder.portability.exporter import owner_export
from wayfinder.portability.format import profile_fields, sections
from wayfinder.portability.validation import CONSTRAINT_RULES

DOC = Path(__file__).resolve().parents[4] / "docs" / "export-format.md"


def _documented() -> dict[str, set[str]]:
    """Field names in each `### `section`` table of the doc."""
    tables = {}
    for block in DOC.read_text(encoding="utf-8").split("\n### `")[1:]:
        key = block.split("`", 1)[0]
        tables[key] = set(re.findall(r"^\| `(\w+)` \|", block, flags=re.MULTILINE))
    return tables


def test_every_domain_model_is_a_section_in_dependency_order():
    domain = {m for m in apps.get_models() if issubclass(m, OwnedModel)}
    assert {section.model for section in sections()} == domain
    seen = set()
    for section in sections():
        for field in section.fields:
            if field.is_relation and field not in section.own_relations:
                assert field.related_model in seen, f"{section.key}.{field.name} points ahead"
        seen.add(section.model)


def test_every_concrete_field_is_exported_except_id_and_owner():
    for section in sections():
        meta = section.model._meta
        expected = {f.name for f in meta.concrete_fields} - {"id", "owner"}
        expected |= {f.name for f in meta.many_to_many}
        expected -= set(section.not_exported)
        assert {f.name for f in section.fields} == expected


@pytest.mark.django_db
def test_exported_rows_hold_exactly_the_fields_and_the_demo_fills_every_section():
    data = owner_export(owner=demo_create(today=TODAY))
    assert set(data["profile"]) == {"username"} | {f.name for f in profile_fields()}
    for section in sections():
        assert data[section.key], f"the demo persona leaves {section.key} empty"
        for row in data[section.key]:
            assert set(row) == {"ref"} | {f.name for f in section.fields}


def test_the_doc_lists_every_field_of_every_section_and_nothing_else():
    documented = _documented()
    assert documented.pop("profile") == {"username"} | {f.name for f in profile_fields()}
    assert list(documented) == [section.key for section in sections()]
    for section in sections():
        assert documented[section.key] == {"ref"} | {f.name for f in section.fields}, section.key


def test_the_doc_names_every_private_field():
    """Every private field and kind of private record the privacy registry declares."""
    text = DOC.read_text(encoding="utf-8")
    named = []
    for model, declared in declarations().items():
        named += [f"{model.__name__}.{field}" for field in declared.fields]
        named += [f"{model.__name__}.{declared.record_flag}"] if declared.record_flag else []
        named += [model.__name__] if declared.every_record else []
    assert len(named) >= 5
    assert [private for private in named if private not in text] == []


def test_every_rule_the_import_checks_has_plain_words():
    for section in sections():
        for constraint in section.model._meta.constraints:
            ownerwide = isinstance(constraint, UniqueConstraint) and constraint.fields == ("owner",)
            if isinstance(constraint, CheckConstraint) or ownerwide:
                is_choice = constraint.name.endswith("_valid")  # refused as a bad choice first
                assert is_choice or constraint.name in CONSTRAINT_RULES, constraint.name
