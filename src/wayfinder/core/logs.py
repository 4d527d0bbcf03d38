"""What the logs may hold: never a sign-in link's token, never a search term.

Whoever reads a log holding `/signin/link/<token>/` can sign in as the owner before the
owner does; a query string holds what the owner typed into search. Both are replaced by
an ellipsis in the access log (gunicorn, see cli/commands/serve.py) and in Django's own
log lines, which name the request's path. Plain Python: `wayfinder serve` uses it before
Django is set up.
"""

from __future__ import annotations

import logging
import re

REDACTED = "…"
# The token of a one-time sign-in link (the accounts:signin-link URL).
SIGNIN_TOKEN = re.compile(r"(/signin/link/)[^/?#\s\"]+")
# Every value in a query string: search terms, and whatever else a person typed.
QUERY_VALUE = re.compile(r"([?&][^=&#\s\"]*=)[^&#\s\"]*")


def redact(text: str) -> str:
    """`text` (a path, a URL or a log line) with sign-in tokens and query values as …"""
    text = SIGNIN_TOKEN.sub(rf"\g<1>{REDACTED}", text)
    return QUERY_VALUE.sub(rf"\g<1>{REDACTED}", text)


class RedactSecrets(logging.Filter):
    """Takes tokens and search terms out of Django's and gunicorn's log lines, which name
    the request's path ("Internal Server Error: …", "Error handling request …").

    Wayfinder's own lines are left alone: `wayfinder serve` prints the owner's first
    sign-in link on purpose, on the console of a personal instance.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith(("django.", "gunicorn.")):
            record.msg = redact(record.getMessage())
            record.args = ()
        return True
