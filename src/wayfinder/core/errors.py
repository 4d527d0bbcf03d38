"""Turning a domain error into what a person reads.

Services raise errors whose message is a clause ("'Present Q3 to the CRO' is already
done"): the CLI prints it after `wayfinder <command>:`, a page shows it as a sentence.
Free of Django, so the CLI can import it.
"""

from __future__ import annotations

_ENDINGS = (".", "?", "!", "…")


def sentence(error: BaseException | str) -> str:
    """The error's message as a sentence: first character upper-cased, a full stop if missing.

    Only the first character changes, so names and acronyms keep their capitals
    (`str.capitalize()` would lower-case them). An empty message stays empty.
    """
    text = str(error).strip()
    if not text:
        return ""
    return text[:1].upper() + text[1:] + ("" if text.endswith(_ENDINGS) else ".")
