"""What a viewer will see, made without a live share: the preview on the Sharing page and
the share pack (one self-contained HTML file, or a PDF) for an instance no viewer can reach.

Both start from a draft share: a Share that is never saved, holding the sections, period
and expiry the owner chose. Its sections are projected by sharing/sections.py exactly as a
live share's are, and rendered with the viewer's own section templates, so the preview, the
pack and the viewer's pages cannot drift apart.

The pack runs no script and loads nothing from elsewhere: its stylesheet is inline, its
links to Wayfinder pages are left out, and its Content-Security-Policy (in the file, and
as a header when downloaded) forbids anything else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.text import slugify

from wayfinder.core.dates import date_shown
from wayfinder.core.models import Profile
from wayfinder.network.matching import normalise_name
from wayfinder.network.selectors import people_list
from wayfinder.sharing.models import SectionKey, Share
from wayfinder.sharing.sections import project_all
from wayfinder.sharing.services import ShareError, clean_sections

if TYPE_CHECKING:
    from collections.abc import Sequence

    from wayfinder.advocacy.models import NarrativeVersion
    from wayfinder.network.models import Person

# Inline styles only; no script, no font, image or stylesheet from anywhere.
PACK_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)


# The viewer's template of each section; with `live` false it has no forms and no links.
SECTION_TEMPLATE = "sharing/viewer/sections/{key}.html"


@dataclass(frozen=True)
class SectionPage:
    """One shared section as its viewer page shows it."""

    key: str
    label: str
    html: SafeString


def draft_share(
    *,
    owner: Profile,
    sections: list[str],
    expires_on: dt.date,
    person: Person | None = None,
    email: str = "",
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    allow_comments: bool = False,
    show_collaborators: bool = False,
    narrative_versions: Sequence[NarrativeVersion] = (),
) -> Share:
    """A share as the owner has chosen it so far; never saved. Its narrative versions are
    a list the advocacy section reads (a many-to-many needs a saved row)."""
    draft = Share(
        owner=owner,
        email=email,
        sections=[key for key in SectionKey.values if key in sections],
        expires_on=expires_on,
        period_start=period_start,
        period_end=period_end,
        allow_comments=allow_comments,
        show_collaborators=show_collaborators,
    )
    if person is not None:
        draft.person = person
    draft.draft_narrative_versions = [v for v in narrative_versions if v.owner_id == owner.pk]
    return draft


class PackError(ValueError):
    """A share pack that cannot be made as asked; the message is a clause."""


def pack_share(
    *,
    owner: Profile,
    sections: list[str],
    valid_until: dt.date,
    today: dt.date,
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    person: Person | None = None,
    show_collaborators: bool = False,
) -> Share:
    """The draft share a pack is made from, checked as a share is. `person` is who it is
    for: the conversations section holds the owner's conversations with them."""
    try:
        keys = clean_sections(sections)
    except ShareError as error:
        raise PackError(str(error)) from None
    if valid_until < today:
        raise PackError(f"a pack valid until {date_shown(valid_until)} is out of date already")
    if period_start and period_end and period_end < period_start:
        raise PackError("the period ends before it starts")
    return draft_share(
        owner=owner,
        sections=keys,
        expires_on=valid_until,
        person=person,
        email=person.email if person else "",
        period_start=period_start,
        period_end=period_end,
        show_collaborators=show_collaborators,
    )


def person_named(*, owner: Profile, name: str, today: dt.date) -> Person:
    """The one person of the owner's people called `name` (any case or spacing)."""
    wanted = normalise_name(name)
    found = [p for p in people_list(owner=owner, today=today) if normalise_name(p.name) == wanted]
    if not found:
        raise PackError(f"no one called {name!r} in your people")
    if len(found) > 1:
        raise PackError(
            f"{len(found)} people are called {name!r}: make the pack on the Sharing page"
        )
    return found[0]


def viewer_pages(*, share: Share, today: dt.date) -> list[SectionPage]:
    """Every section of `share` rendered by the viewer's section template, in the
    registry's order, as a viewer's page shows it without its comment forms and links."""
    return [
        SectionPage(
            key=key,
            label=SectionKey(key).label,
            html=SafeString(
                render_to_string(
                    SECTION_TEMPLATE.format(key=key),
                    {"share": share, "data": data, "today": today, "live": False},
                )
            ),
        )
        for key, data in project_all(share, today).items()
    ]


def pack_html(*, share: Share, today: dt.date) -> str:
    """The share pack: one HTML page holding every shared section, its date and the day
    it is valid until printed on it."""
    return render_to_string(
        "sharing/owner/pack.html",
        {
            "owner": share.owner,
            "share": share,
            "today": today,
            "pages": viewer_pages(share=share, today=today),
            "csp": PACK_CSP,
        },
    )


def pdf_available() -> bool:
    from wayfinder.advocacy.exports import pdf_available as weasyprint_available

    return weasyprint_available()


def pack_pdf(*, share: Share, today: dt.date) -> bytes:
    """The same pack as PDF, drawn by WeasyPrint through the fetcher that loads nothing
    from outside."""
    from wayfinder.advocacy.pdf import pdf_render

    return pdf_render(pack_html(share=share, today=today))


def pack_filename(*, owner: Profile, today: dt.date) -> str:
    name = slugify(owner.display_name)[:60] or "wayfinder"
    return f"{name}-shared-{today.isoformat()}"
