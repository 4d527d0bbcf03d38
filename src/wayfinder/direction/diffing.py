"""Line-level text differences, shaped for a template to colour line by line."""

from __future__ import annotations

import difflib
from typing import Literal

DiffOp = Literal["equal", "added", "removed"]


def text_diff(before: str, after: str) -> list[tuple[DiffOp, str]]:
    """The lines of `after` against `before`: each kept, added or removed line in order."""
    old, new = before.splitlines(), after.splitlines()
    lines: list[tuple[DiffOp, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            lines.extend(("equal", line) for line in old[i1:i2])
            continue
        # "replace" reads best as the old lines struck out, then the new ones.
        lines.extend(("removed", line) for line in old[i1:i2])
        lines.extend(("added", line) for line in new[j1:j2])
    return lines
