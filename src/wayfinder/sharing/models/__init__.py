"""The sharing app's models: shares and their access log."""

from wayfinder.sharing.models.comments import (
    SECTION_OF_KIND,
    AgendaPoint,
    Comment,
    ItemKind,
    Proposal,
    ProposalKind,
    ProposalStatus,
)
from wayfinder.sharing.models.shares import (
    SectionKey,
    Share,
    ShareAccess,
    ShareQuerySet,
    ShareState,
)

__all__ = [
    "SECTION_OF_KIND",
    "AgendaPoint",
    "Comment",
    "ItemKind",
    "Proposal",
    "ProposalKind",
    "ProposalStatus",
    "SectionKey",
    "Share",
    "ShareAccess",
    "ShareQuerySet",
    "ShareState",
]
