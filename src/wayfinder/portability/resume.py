"""Take your record: the owner's profile, role history, top wins and skills as a JSON
Resume (v1.0.0).

https://jsonresume.org/schema: `basics` from the profile (the summary is the owner's own
résumé summary), one `work` entry per role of the role history with its dates and the
strongest wins of its period as highlights, `skills` by name. Text is plain: Markdown the
owner typed is reduced to its words. Empty values and empty lists are left out, never sent
blank. It is made for others, so it is built from the privacy projection
(core/privacy.py): no private field or record can be read here.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from wayfinder.core.markdown import markdown_text
from wayfinder.core.models import Position, Profile, Skill
from wayfinder.core.privacy import outward_reader
from wayfinder.core.selectors import position_list
from wayfinder.wins.selectors import top_wins

if TYPE_CHECKING:
    from wayfinder.wins.models import Win

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
# The strongest wins of each role's period.
ROLE_HIGHLIGHTS = 5
# With no role history yet, one entry for the current role: the best of the last three
# years (a résumé reaches back further than a promotion case).
HIGHLIGHT_MONTHS = 36
HIGHLIGHT_COUNT = 8


def _highlight(win: Win) -> str:
    title, result = markdown_text(win.title), markdown_text(win.result)
    return f"{title} — {result}" if result else title


def _filled(entry: dict[str, Any]) -> dict[str, Any]:
    """The entry without its empty values (blank text, empty lists, no date)."""
    return {key: value for key, value in entry.items() if value not in ("", None, [], {})}


def _role_entries(*, owner: Profile, today: dt.date, positions: list[Position]) -> list[dict]:
    """One entry per role, with the top wins of its own period (start to end, or today).

    Roles may overlap: a win in two periods is a highlight of the first role listed (the
    current or more recent one), not repeated under the other; a side role with
    `highlight_wins` off lists none.
    """
    used: set[int] = set()
    entries = []
    for position in positions:
        fresh: list[Win] = []
        if position.highlight_wins:
            wins = top_wins(
                owner=owner,
                today=today,
                since=position.started_on,
                until=position.ended_on or today,
                limit=ROLE_HIGHLIGHTS + len(used),
            )
            fresh = [win for win in wins if win.pk not in used][:ROLE_HIGHLIGHTS]
            used.update(win.pk for win in fresh)
        entries.append(
            _filled(
                {
                    "name": position.organisation,
                    "position": position.title,
                    "location": position.location,
                    "startDate": position.started_on.isoformat(),
                    "endDate": position.ended_on.isoformat() if position.ended_on else None,
                    "summary": markdown_text(position.summary),
                    "highlights": [_highlight(win) for win in fresh],
                }
            )
        )
    return entries


def _profile_entry(*, owner: Profile, today: dt.date) -> list[dict]:
    """No role history yet: the current organisation and title, undated."""
    wins = top_wins(owner=owner, today=today, months=HIGHLIGHT_MONTHS, limit=HIGHLIGHT_COUNT)
    entry = _filled(
        {
            "name": owner.organisation,
            "position": owner.current_title,
            "highlights": [_highlight(win) for win in wins],
        }
    )
    return [entry] if entry else []


@outward_reader
def resume_build(*, owner: Profile, today: dt.date) -> dict[str, Any]:
    """The JSON Resume document; empty values and empty lists are left out."""
    basics = _filled(
        {
            "name": owner.display_name or owner.user.get_username(),
            "label": owner.current_title,
            "email": owner.user.email,
            "summary": markdown_text(owner.summary),
        }
    )
    positions = list(position_list(owner=owner))
    if positions:
        work = _role_entries(owner=owner, today=today, positions=positions)
    else:
        work = _profile_entry(owner=owner, today=today)
    skills = Skill.objects.for_owner(owner).order_by("name").values_list("name", flat=True)
    return _filled(
        {
            "$schema": SCHEMA_URL,
            "basics": basics,
            "work": work,
            "skills": [{"name": name} for name in skills],
            "meta": {"version": "v1.0.0", "lastModified": today.isoformat()},
        }
    )
