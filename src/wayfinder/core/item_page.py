"""What apps above the practice apps add to an item's own page, without being imported.

A goal, a win, an experiment, a conversation and the plan's actions are practice apps'
items; what viewers said about them (sharing's comments and proposals) lives in an
aggregator the practice apps may not import. So the aggregator registers a section when it
starts (in its AppConfig.ready): a template and a function that reads, through its own
selectors, what it shows for one item. A page asks with `{% item_sections "goal" goal %}`
(core/templatetags/item_page.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wayfinder.core.models import Profile


@dataclass(frozen=True)
class ItemSection:
    template: str
    # Called with owner=, kind= and item=; gives the template's `section` values, or None
    # when it has nothing to show for this item.
    read: Callable[..., dict[str, Any] | None]


_SECTIONS: list[ItemSection] = []


def item_section_register(section: ItemSection) -> None:
    """Add a section to the own page of every item (once per template)."""
    if all(s.template != section.template for s in _SECTIONS):
        _SECTIONS.append(section)


def item_sections(*, owner: Profile, kind: str, item: Any) -> list[dict[str, Any]]:
    """The registered sections with something to show for this item."""
    shown = []
    for section in _SECTIONS:
        values = section.read(owner=owner, kind=kind, item=item)
        if values is not None:
            shown.append({"template": section.template, "values": values})
    return shown
