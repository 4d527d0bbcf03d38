"""What a personal access token may do: read or write one section of the record.

A scope is `read:<section>` or `write:<section>` (write implies read), or `private`: the
private fields and records (core/privacy.py), which no other scope opens. `all` on the
command line grants every scope, `private` included. Free of Django, so the CLI can import
it.
"""

from __future__ import annotations

# The sections an owner reads and writes, then those the API only reads.
WRITABLE_SECTIONS = (
    "goals",
    "plan",
    "wins",
    "network",
    "experiments",
    "opportunities",
    "conversations",
    "reflection",
)
READ_ONLY_SECTIONS = ("guidance", "search")
SECTIONS = WRITABLE_SECTIONS + READ_ONLY_SECTIONS
PRIVATE = "private"
ALL = "all"

SECTION_LABELS = {
    "goals": "Goals and their progress",
    "plan": "Development actions and plan revisions",
    "wins": "Wins and their metrics",
    "network": "People, roles and interactions",
    "experiments": "Experiments and check-ins",
    "opportunities": "Opportunities",
    "conversations": "Conversations and agreed actions",
    "reflection": "Reviews and journal entries",
    "guidance": "Guidance: what needs attention (the `today` document)",
    "search": "Search",
}


class ScopeError(ValueError):
    """A scope string that is not one of SCOPES; the message names it."""


def read(section: str) -> str:
    return f"read:{section}"


def write(section: str) -> str:
    return f"write:{section}"


# Every scope a token may hold, in the order the settings page lists them.
SCOPES: tuple[str, ...] = (
    *(s for section in WRITABLE_SECTIONS for s in (read(section), write(section))),
    *(read(section) for section in READ_ONLY_SECTIONS),
    PRIVATE,
)


def scopes_parse(text: str) -> list[str]:
    """Scopes as the command line takes them: comma-separated, `all` for every one."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not names:
        raise ScopeError("name at least one scope, e.g. read:wins,write:wins (or all)")
    if ALL in names:
        return list(SCOPES)
    return scopes_checked(names)


def scopes_checked(names: list[str]) -> list[str]:
    """The scopes, each known, without repeats, in SCOPES order."""
    unknown = [name for name in names if name not in SCOPES]
    if unknown:
        raise ScopeError(
            f"{', '.join(unknown)} is not a scope; scopes are read:<section>, "
            f"write:<section> for {', '.join(WRITABLE_SECTIONS)}, read:<section> for "
            f"{', '.join(READ_ONLY_SECTIONS)}, and {PRIVATE}"
        )
    return [scope for scope in SCOPES if scope in names]


def grants(scopes: list[str] | tuple[str, ...], section: str, *, write_access: bool) -> bool:
    """Whether the scopes open `section`, for writing or reading (write implies read)."""
    if write(section) in scopes:
        return True
    return not write_access and read(section) in scopes
