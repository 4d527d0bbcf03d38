"""The sharing app's models: shares and their access log."""

from wayfinder.sharing.models.shares import (
    SectionKey,
    Share,
    ShareAccess,
    ShareQuerySet,
    ShareState,
)

__all__ = ["SectionKey", "Share", "ShareAccess", "ShareQuerySet", "ShareState"]
