"""One-time tokens (sign-in links, share and owner invitations): one scheme for all.

A token is 256 random bits, URL-safe; only its SHA-256 is stored, so a copy of the
database cannot be used to sign in or to open an invitation.
"""

from __future__ import annotations

import hashlib
import secrets

TOKEN_BYTES = 32


def token_hash(token: str) -> str:
    """The stored form of a token: its SHA-256, never the token itself. A token is 256
    random bits, so a fast hash is enough (there is nothing to guess, unlike a password);
    text that is not a token (a lone surrogate from a URL, say) still hashes, to nothing
    stored."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def token_new() -> tuple[str, str]:
    """A fresh token and the hash to store for it."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, token_hash(token)
