"""Writes for narratives: create one from the record, save an edit, regenerate."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max

from wayfinder.advocacy.models import Audience, Narrative, NarrativeVersion
from wayfinder.advocacy.narrative import (
    NarrativeError,
    narrative_assemble,
    narrative_markdown,
    narrative_title,
)
from wayfinder.core.models import Profile

BODY_LIMIT = 200_000


def _next_number(narrative: Narrative) -> int:
    last = narrative.versions.aggregate(n=Max("number"))["n"]
    return (last or 0) + 1


def _assembled(*, owner: Profile, narrative: Narrative, today: dt.date) -> str:
    draft = narrative_assemble(
        owner=owner,
        audience=narrative.audience,
        start=narrative.period_start,
        end=narrative.period_end,
        today=today,
    )
    return narrative_markdown(draft)


@transaction.atomic
def narrative_create(
    *,
    owner: Profile,
    audience: str,
    period_start: dt.date,
    period_end: dt.date,
    today: dt.date,
    title: str = "",
) -> Narrative:
    """A new narrative, its first version assembled from the owner's record."""
    if audience not in Audience.values:
        raise NarrativeError(f"unknown audience {audience!r}")
    if period_end < period_start:
        raise NarrativeError(f"the period ends ({period_end}) before it starts ({period_start})")
    draft = narrative_assemble(
        owner=owner, audience=audience, start=period_start, end=period_end, today=today
    )
    title = " ".join(title.split()) or narrative_title(
        audience=audience, target=draft.target_level, owner_name=draft.owner_name
    )
    narrative = Narrative.objects.create(
        owner=owner,
        title=title[:200],
        audience=audience,
        period_start=period_start,
        period_end=period_end,
    )
    NarrativeVersion.objects.create(
        owner=owner,
        narrative=narrative,
        number=1,
        body=narrative_markdown(draft),
        note="Assembled from my record",
    )
    return narrative


@transaction.atomic
def narrative_version_save(
    *, owner: Profile, narrative: Narrative, body: str, note: str = ""
) -> NarrativeVersion:
    """The owner's edit, kept as a new version; an unchanged or empty text is refused."""
    if narrative.owner_id != owner.pk:
        raise NarrativeError("this narrative is not yours")
    body = body.replace("\r\n", "\n")
    if not body.strip():
        raise NarrativeError("the narrative is empty; write something or keep the last version")
    if len(body) > BODY_LIMIT:
        raise NarrativeError(f"the narrative is longer than {BODY_LIMIT:,} characters")
    latest = narrative.versions.order_by("-number").first()
    if latest is not None and latest.body.strip() == body.strip():
        raise NarrativeError(f"nothing changed since version {latest.number}")
    return NarrativeVersion.objects.create(
        owner=owner,
        narrative=narrative,
        number=_next_number(narrative),
        body=body,
        note=" ".join(note.split())[:200] or "Edited",
    )


@transaction.atomic
def narrative_regenerate(
    *, owner: Profile, narrative: Narrative, today: dt.date
) -> NarrativeVersion:
    """A new version assembled afresh from the record (earlier edits stay in the history)."""
    if narrative.owner_id != owner.pk:
        raise NarrativeError("this narrative is not yours")
    return NarrativeVersion.objects.create(
        owner=owner,
        narrative=narrative,
        number=_next_number(narrative),
        body=_assembled(owner=owner, narrative=narrative, today=today),
        note=f"Regenerated from my record on {today.day} {today:%b %Y}",
    )


def narrative_delete(*, owner: Profile, narrative: Narrative) -> None:
    if narrative.owner_id != owner.pk:
        raise NarrativeError("this narrative is not yours")
    narrative.delete()
