"""The projection a program sees of each opt-in: one home, read by the opt-in pages (to
say exactly what will be seen) and by the administrator's pages (to show it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Seen:
    field: str  # the opt-in's field
    label: str  # as the pages name it


COMMON = (
    Seen("display_name", "Name"),
    Seen("username", "Username"),
    Seen("function", "Function"),
    Seen("level", "Level"),
    Seen("time_zone", "Time zone"),
    Seen("manager", "Manager (as stated)"),
    Seen("skip_level", "Skip-level (as stated)"),
)
MENTEE_SEEN = (
    *COMMON,
    Seen("skills_wanted", "Skills wanted"),
    Seen("learning_goals", "What they want to learn"),
    Seen("levels_up_min", "Fewest levels up"),
    Seen("levels_up_max", "Most levels up"),
    Seen("prefers_other_function", "Prefers another function"),
    Seen("max_hours_apart", "Most hours apart"),
)
MENTOR_SEEN = (
    *COMMON,
    Seen("skills_offered", "Skills offered"),
    Seen("capacity", "Mentees taken"),
    Seen("levels_mentored", "Levels mentored"),
)


def shown(value: object) -> str:
    """A projected value as the pages print it."""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None or value == "":
        return "—"
    return str(value)


def projected(opt_in: object, seen: tuple[Seen, ...]) -> list[tuple[str, str]]:
    """The (label, value) rows of one opt-in that the program sees."""
    return [(s.label, shown(getattr(opt_in, s.field))) for s in seen]
