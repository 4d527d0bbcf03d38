"""Reasons that say more about fear of the step, or its size, than about the path itself.

A path ruled out "because it is too senior for me" deserves a second look: the coaching
model asks whether the reason would still hold if the step did not feel too big or
unknown. The reason is read as words, not with regular expressions: the text is split
into words once and each phrase is looked up at each word, so reading takes time in
proportion to the text whatever it holds (tests/test_linear_parsers.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

SIZE, FEAR, NOT_YET = "size", "fear", "not_yet"

# Words that, shortly before a fear word, say the opposite: "I'm not afraid of hard work",
# "not ruled out from fear". A negation counts within NEGATION_WINDOW words, unless a new
# clause starts in between ("it's not the pay, I'm scared" is fear).
NEGATIONS = frozenset({"not", "no", "never", "isn't", "wasn't", "aren't", "without", "nor"})
CLAUSE_BREAKS = frozenset({"but", "and", "so", "yet", "though", "although", "just", "really"})
# Self-doubt phrases count only about oneself: "I'm not ready", not "the market is not ready".
FIRST_PERSON = frozenset({"i", "i'm", "im", "am", "me", "i've", "ive", "myself", "feel"})
NEGATION_WINDOW = 4
SUBJECT_WINDOW = 3


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    kind: str
    # Only when the owner speaks of themselves just before (see FIRST_PERSON).
    about_me: bool = False
    # Not when a negation comes just before (see NEGATIONS).
    negatable: bool = False


def _phrases(kind: str, texts: Iterable[str], **flags: bool) -> list[Phrase]:
    return [Phrase(tuple(text.split()), kind, **flags) for text in texts]


PHRASES: list[Phrase] = [
    *_phrases(
        SIZE,
        [
            "too big",
            "too large",
            "too hard",
            "too difficult",
            "too senior",
            "too ambitious",
            "too much for me",
            "too big a step",
            "out of my league",
            "out of my depth",
            "over my head",
            "above my level",
            "above my pay grade",
            "beyond me",
            "huge step",
            "huge leap",
            "big leap",
            "overwhelming",
            "overwhelmed",
        ],
    ),
    *_phrases(
        FEAR,
        [
            "scary",
            "scared",
            "scares",
            "afraid",
            "fear",
            "fears",
            "feared",
            "fearful",
            "frightening",
            "frightened",
            "frightens",
            "terrified",
            "terrifying",
            "terrifies",
            "nervous",
            "intimidating",
            "intimidated",
            "intimidates",
            "anxious",
            "anxiety",
            "daunting",
            "panic",
            "dread",
        ],
        negatable=True,
    ),
    *_phrases(FEAR, ["i'd rather not", "i would rather not", "id rather not"]),
    *_phrases(
        NOT_YET,
        [
            "not ready",
            "not good enough",
            "not smart enough",
            "not experienced enough",
            "not senior enough",
            "not qualified",
            "not cut out",
            "don't know enough",
            "do not know enough",
            "dont know enough",
            "can't do",
            "cannot do",
            "couldn't do",
            "never done",
            "never did",
            "lack the skills",
            "lack the experience",
        ],
        about_me=True,
    ),
    *_phrases(NOT_YET, ["impostor", "imposter", "who am i to", "no experience"]),
]
_BY_FIRST_WORD: dict[str, list[Phrase]] = {}
for _phrase in PHRASES:
    _BY_FIRST_WORD.setdefault(_phrase.words[0], []).append(_phrase)

# Talking to someone who does the job, as research notes record it.
TALKED_TO = _phrases(
    "talked",
    [
        "talked to",
        "talked with",
        "spoke to",
        "spoke with",
        "spoken to",
        "spoken with",
        "met with",
        "coffee with",
        "lunch with",
        "chatted with",
        "a call with",
        "interviewed",
        "shadowed",
        "asked",
    ],
)
_TALKED_BY_FIRST_WORD: dict[str, list[Phrase]] = {}
for _phrase in TALKED_TO:
    _TALKED_BY_FIRST_WORD.setdefault(_phrase.words[0], []).append(_phrase)


def words_of(text: str) -> list[str]:
    """The words of `text`, lower-cased, with apostrophes kept ("i'd") and typographic
    ones made plain; everything else separates words. One pass over the text."""
    words: list[str] = []
    current: list[str] = []
    for char in text.lower():
        if char.isalnum() or char in "'\u2019":
            current.append("'" if char == "\u2019" else char)
        elif current:
            words.append("".join(current).strip("'"))
            current = []
    if current:
        words.append("".join(current).strip("'"))
    return [word for word in words if word]


def _negated(before: list[str]) -> bool:
    """Whether a negation, nearest first, comes before the clause's subject or a break."""
    for word in reversed(before):
        if word in NEGATIONS:
            return True
        if word in CLAUSE_BREAKS or word in FIRST_PERSON:
            return False
    return False


def _found(words: list[str], table: dict[str, list[Phrase]]) -> list[Phrase]:
    found: list[Phrase] = []
    for index, word in enumerate(words):
        for phrase in table.get(word, ()):
            end = index + len(phrase.words)
            if tuple(words[index:end]) != phrase.words:
                continue
            if phrase.about_me and not FIRST_PERSON.intersection(
                words[max(0, index - SUBJECT_WINDOW) : index]
            ):
                continue
            if phrase.negatable and _negated(words[max(0, index - NEGATION_WINDOW) : index]):
                continue
            found.append(phrase)
    return found


def reason_kinds(reason: str) -> list[str]:
    """Which of size, fear and not-yet a reason speaks of, in that order; [] for none."""
    kinds = {phrase.kind for phrase in _found(words_of(reason), _BY_FIRST_WORD)}
    return [kind for kind in (SIZE, FEAR, NOT_YET) if kind in kinds]


def talked_to_someone(notes: str) -> bool:
    """Whether research notes record talking to someone (about the job)."""
    return bool(_found(words_of(notes), _TALKED_BY_FIRST_WORD))
