"""Take your record: the owner's profile, top wins and skills as a JSON Resume (v1.0.0).

https://jsonresume.org/schema: `basics` from the profile, one `work` entry for the current
organisation with the strongest wins as highlights, `skills` by name. It is made for others,
so it is built from the privacy projection (core/privacy.py): no private field or record
can be read here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from wayfinder.core.models import Profile, Skill
from wayfinder.core.privacy import outward_reader
from wayfinder.direction.selectors import ambition_current
from wayfinder.wins.selectors import top_wins

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
# A résumé reaches back further than a promotion case: the best of the last three years.
HIGHLIGHT_MONTHS = 36
HIGHLIGHT_COUNT = 8


def _highlight(title: str, result: str) -> str:
    result = " ".join(result.split())
    return f"{title} — {result}" if result else title


@outward_reader
def resume_build(*, owner: Profile, today: dt.date) -> dict[str, Any]:
    """The JSON Resume document; empty values are left out rather than sent blank."""
    ambition = ambition_current(owner=owner)
    basics = {
        "name": owner.display_name or owner.user.get_username(),
        "label": owner.current_title,
        "email": owner.user.email,
        "summary": " ".join(ambition.summary.split()) if ambition else "",
    }
    wins = top_wins(owner=owner, today=today, months=HIGHLIGHT_MONTHS, limit=HIGHLIGHT_COUNT)
    work = {
        "name": owner.organisation,
        "position": owner.current_title,
        "highlights": [_highlight(win.title, win.result) for win in wins],
    }
    skills = Skill.objects.for_owner(owner).order_by("name").values_list("name", flat=True)
    return {
        "$schema": SCHEMA_URL,
        "basics": {key: value for key, value in basics.items() if value},
        "work": [{key: value for key, value in work.items() if value}]
        if owner.organisation or owner.current_title or wins
        else [],
        "skills": [{"name": name} for name in skills],
        "meta": {"version": "v1.0.0", "lastModified": today.isoformat()},
    }
