"""The demo persona's content, read from the YAML files in `data/`.

Each file holds one area of Dana's record; together they form one mapping of section
names (`people`, `wins`, ...) to rows. Dates in the rows are offsets from `today`.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

DATA = resources.files("wayfinder.demo") / "data"
# libyaml's safe loader when PyYAML was built with it: several times faster.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def demo_content() -> dict[str, Any]:
    """Every section of the demo persona, keyed by name; a name appears in one file only."""
    merged: dict[str, Any] = {}
    for entry in sorted(DATA.iterdir(), key=lambda entry: entry.name):
        if not entry.name.endswith(".yaml"):
            continue
        sections = yaml.load(entry.read_text(encoding="utf-8"), Loader=_SafeLoader)
        repeated = merged.keys() & sections.keys()
        if repeated:
            raise ValueError(f"{entry.name} repeats the sections {sorted(repeated)}")
        merged |= sections
    return merged
