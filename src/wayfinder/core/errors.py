"""Turning a domain error into what a person reads.

Services raise errors whose message is a clause ("'Present Q3 to the CRO' is already
done"): the CLI prints it after `wayfinder <command>:`, a page shows it as a sentence.
Free of Django, so the CLI can import it.
"""

from __future__ import annotations

_ENDINGS = (".", "?", "!", "…")
# Characters that make a word a file name, a path or an identifier rather than prose.
_NAME_MARKS = (".", "/", "\\", "_")


def sentence(error: BaseException | str) -> str:
    """The error's message as a sentence: first character upper-cased, a full stop if missing.

    Only the first character changes, so names and acronyms keep their capitals
    (`str.capitalize()` would lower-case them). An empty message stays empty.
    """
    text = str(error).strip()
    if not text:
        return ""
    ending = "" if text.endswith(_ENDINGS) else "."
    first_word = text.split(maxsplit=1)[0]
    if any(mark in first_word for mark in _NAME_MARKS):
        # A file name or an identifier opens the message ("mine.yaml: line 3, ..."): it
        # keeps its spelling.
        return text + ending
    return text[:1].upper() + text[1:] + ending
