"""Bring your brag document: the Markdown file people keep, read as they write it.

    # Julia's 2025 brag document         a period in any heading (see brag_periods)
    ## Q3
    - [Sep 4, 2025] Launched the partner programme — 14 partners signed
      - pipeline +30 % in the quarter    nested bullets, prose, tables: its details
    ### Rewrote the onboarding guide     a sub-heading under a period is a win too
    - cut ramp-up from 20 days to 12 days
    ## Goals for next year               not wins: offered as goals or development actions
    - Present to the board

A win is dated by its own date, else the last day of its period (today while the period
runs). Sections of goals, plans, next steps, learning or courses are offered as goals or
development actions, for the owner to tick; items marked not achieved (❌, "missed") are
not wins; prose with nothing to describe is passed over with a note. Only a period or a
date that cannot be read refuses the document, quoting its line. Parsing writes nothing;
`brag_doc_import` writes what was chosen in one transaction, or nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from django.db import transaction

from wayfinder.core import parsing
from wayfinder.core.markdown import markdown_line
from wayfinder.core.metrics import metric_format
from wayfinder.core.models import Profile
from wayfinder.direction.models import Goal, Horizon
from wayfinder.direction.services import DirectionError, goal_create
from wayfinder.plan.models import ActionKind, DevelopmentAction
from wayfinder.plan.services import PlanError, action_create
from wayfinder.portability.brag_periods import (
    DateProblem,
    Span,
    item_date,
    period_find,
    starts_with_date,
)
from wayfinder.portability.brag_sections import groups_wins, section_of
from wayfinder.wins.models import Win, WinSource
from wayfinder.wins.services import MetricInput, WinError, win_create

# A file past this is not a brag document; refuse it before reading it line by line.
MAX_CHARS = 200_000
# A quoted line in a refusal or a note is cut here, so each stays one readable line.
QUOTE_MAX = 80
GOAL_TITLE_MAX = Goal._meta.get_field("title").max_length or 200
ACTION_TITLE_MAX = DevelopmentAction._meta.get_field("title").max_length or 200

# Every pattern here runs in time linear in its input: no quantifier can retry the
# characters another one took (possessive `++`, bounded counts, fixed-width lookarounds).
_BULLET_MARK = re.compile(r"[-*+]|\d{1,9}+[.)]")
_RESULT_DASH = re.compile(r"(?<=\s)(?:—|–|--)(?=\s)")
_CHECKBOX = re.compile(r"^\[(?P<mark>[ xX✓✔]?)\]\s")
_DONE_MARK = re.compile(r"^(?:✅|✔️?|☑️?|✓)\s*")
# "❌ Launch in EMEA", "Missed the Q3 date", "Launch in EMEA (missed)", "... — not achieved".
_NOT_ACHIEVED = re.compile(
    r"[❌✗✘🚫]|^(?:missed|not achieved|not done)\b(?!\s(?:no|zero|none|nothing)\b)"
    r"|[(\[]\s*(?:missed|not achieved|not done)\s*[)\]]"
    r"|(?:—|–|--|:|\s-)\s*(?:missed|not achieved|not done)\.?$",
    re.IGNORECASE,
)
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_THEMATIC_BREAK = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")


class BragDocError(ValueError):
    """A brag document that cannot be read; `problems` lists each line at fault, quoted."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text}”" if len(text) <= QUOTE_MAX else f"“{text[: QUOTE_MAX - 1]}…”"


@dataclass
class BragEntry:
    """A win to be created."""

    line: int
    period: str
    occurred_on: dt.date
    title: str
    result: str = ""
    metrics: list[MetricInput] = field(default_factory=list)
    dated_by: str = ""  # how the date was chosen, in words for the preview
    note: str = ""


@dataclass
class BragOffer:
    """An item of a section that is not wins, offered as a goal or a development action."""

    line: int
    kind: Literal["goal", "action"]
    section: str
    title: str
    details: str = ""
    action_kind: str = ActionKind.OTHER
    target_on: dt.date | None = None

    @property
    def is_goal(self) -> bool:
        return self.kind == "goal"

    @property
    def action_kind_label(self) -> str:
        return str(ActionKind(self.action_kind).label)


@dataclass
class BragSkip:
    """What was passed over, and why: prose with nothing to describe, a missed item..."""

    line: int
    text: str  # quoted
    note: str


@dataclass
class BragDocument:
    wins: list[BragEntry]
    offers: list[BragOffer]
    skipped: list[BragSkip]


@dataclass
class _Draft:
    line: int
    kind: Literal["win", "offer", "skip"]
    title_parts: list[str]
    details: list[list[str]] = field(default_factory=list)
    period: str = ""
    span: Span | None = None
    dated_by: str = ""
    section: tuple[Literal["goal", "action"], str, str] | None = None  # kind, type, heading
    from_heading: bool = False
    level: int = 0
    table_head: list[str] | None = None


def _heading(line: str) -> tuple[int, str] | None:
    """The level and text of an ATX heading ('## 2026 Q3 ##'), or None."""
    text = line.lstrip("#")
    level = len(line) - len(text)
    if not 1 <= level <= 6 or not text[:1].isspace():
        return None
    return level, text.strip().rstrip("#").rstrip()


def _bullet(line: str) -> str | None:
    """The text of a list item ('- x', '* x', '+ x', '1. x', '2) x'), or None."""
    text = line.lstrip()
    mark = _BULLET_MARK.match(text)
    if mark is None or not text[mark.end() : mark.end() + 1].isspace():
        return None
    return text[mark.end() :].lstrip()


def _shorten(text: str, limit: int) -> str:
    """At the end of the first sentence when it fits, else at a word, with an ellipsis."""
    sentence = re.match(r"(.{20,}?[.!?])\s", text[: limit + 1])
    if sentence and len(sentence[1]) <= limit:
        return sentence[1]
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:—–-") + "…"


def _table_cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _metrics(*texts: str) -> list[MetricInput]:
    """The metrics written in the title and the details, each once, by core.parsing."""
    found: dict[MetricInput, None] = {}  # in order, each once
    for text in texts:
        for metric in parsing.metrics_find(text):
            item = MetricInput(
                value=metric.value, unit=metric.unit, baseline=metric.baseline, period=metric.period
            )
            found.setdefault(item, None)
    return list(found)


class _Reader:
    """One pass over the lines; each method handles one kind of line."""

    def __init__(self, today: dt.date):
        self.today = today
        self.problems: list[tuple[int, str]] = []
        self.drafts: list[_Draft] = []
        self.skipped: list[BragSkip] = []
        self.periods: list[tuple[int, str, Span]] = []  # level, heading, span: a stack
        self.section: tuple[int, Literal["goal", "action"], str, str, dt.date | None] | None
        self.section = None  # level, kind, action type, heading, target date
        self.current: _Draft | None = None
        self.blank_before = False
        self.last_prose_skip: int | None = None  # the line of the last prose skipped

    # ---- helpers
    def problem(self, number: int, raw: str, message: str) -> None:
        self.problems.append((number, f"{_quoted(raw.strip())}: {message}"))

    def skip(self, number: int, raw: str, note: str, *, prose: bool = False) -> None:
        if prose and self.last_prose_skip == number - 1:
            self.last_prose_skip = number  # the same paragraph: one note for it
            return
        self.skipped.append(BragSkip(line=number, text=_quoted(raw.strip()), note=note))
        self.last_prose_skip = number if prose else None

    @property
    def period(self) -> tuple[int, str, Span] | None:
        return self.periods[-1] if self.periods else None

    # ---- headings
    def heading(self, number: int, raw: str, level: int, written: str) -> None:
        name, _ = markdown_line(written)
        while self.periods and self.periods[-1][0] >= level:
            self.periods.pop()
        if self.section is not None and self.section[0] >= level:
            self.section = None
        if self.current is not None and (
            not self.current.from_heading or self.current.level >= level
        ):
            self.current = None
        year = self.period[2].year if self.period else None
        try:
            span = period_find(name, year=year)
        except DateProblem as error:
            self.problem(number, raw, f"cannot read the period: {error}")
            return
        section = section_of(name)
        if section is not None:
            target = span.end if span is not None and span.end > self.today else None
            self.section = (level, section[0], section[1], name, target)
            self.current = None
            return
        if span is not None:
            self.current = None
            if span.start > self.today:
                # A period still ahead is a plan: its items are offered as goals.
                self.section = (level, "goal", "", name, span.end)
                return
            self.periods.append((level, name, span))
            return
        if self.section is not None:
            self.current = self.new_item(number, raw, written, heading_level=level)
            return
        if self.period is not None and not groups_wins(name):
            self.current = self.new_item(number, raw, written, heading_level=level)

    # ---- items (a top-level bullet, or a sub-heading that is a win)
    def new_item(self, number: int, raw: str, text: str, *, heading_level: int = 0) -> _Draft:
        draft = _Draft(line=number, kind="win", title_parts=[], from_heading=bool(heading_level))
        draft.level = heading_level
        text = text.strip()
        if box := _CHECKBOX.match(text):
            text = text[box.end() :]
            if not box["mark"].strip() and self.section is None:
                draft.kind = "skip"
                self.skip(number, raw, "an unticked box: not done, so not a win")
                return draft
        text = _DONE_MARK.sub("", text)
        around = self.period[2] if self.period else None
        try:
            span, text = item_date(text, around=around, today=self.today)
        except DateProblem as error:
            self.problem(number, raw, f"cannot read the date: {error}")
            draft.kind = "skip"
            return draft
        if self.section is not None:
            _, kind, action_type, heading, target = self.section
            if span is not None and span.end > self.today:
                target = span.end
            draft.kind = "offer"
            draft.section = (kind, action_type, heading)
            draft.span = Span(target, target) if target is not None else None
        elif _NOT_ACHIEVED.search(text):
            draft.kind = "skip"
            self.skip(number, raw, "marked as not achieved: not a win")
            return draft
        elif span is not None and span.start > self.today:
            draft.kind = "offer"
            draft.section = ("goal", "", "dated ahead")
            draft.span = Span(span.end, span.end)
        elif span is not None:
            draft.span = Span(span.start, min(span.end, self.today))
            draft.period = self.period[1] if self.period else ""
            draft.dated_by = (
                "its own date"
                if span.start == span.end
                else "its own period: " + _by_period(span, self.today)
            )
        elif self.period is not None:
            draft.span = Span(self.period[2].start, min(self.period[2].end, self.today))
            draft.period = self.period[1]
            draft.dated_by = _by_period(self.period[2], self.today)
        else:
            draft.kind = "skip"
            self.skip(
                number,
                raw,
                "no period heading above it and no date of its own, so no date for a win: "
                "put it under a heading like '## 2026 Q3' or start it with '[Nov 30, 2024]'",
            )
            return draft
        head, tail = _split_result(text)
        draft.title_parts.append(head)
        if tail:
            draft.details.append([tail])
        self.drafts.append(draft)
        return draft

    def bullet(self, number: int, raw: str, text: str, indent: int) -> None:
        current = self.current
        if indent < 2 and (current is None or not current.from_heading):
            self.current = self.new_item(number, raw, text)
        elif current is not None:
            current.details.append([text])
        else:
            self.skip(number, raw, "a nested bullet with no item above it")
        self.last_prose_skip = None

    # ---- prose: continuation lines, paragraphs, bold labels, tables
    def prose(self, number: int, raw: str, line: str) -> None:
        current = self.current
        stripped = line.strip()
        if current is None:
            where = (
                "text before the first period heading"
                if self.period is None and self.section is None
                else "text with no item above it to describe"
            )
            if stripped.startswith("|"):
                where = "a table with no item above it to describe"
            self.skip(number, raw, f"{where}: left out", prose=True)
            return
        if current.kind == "skip":
            return
        if stripped.startswith("|"):
            if _TABLE_RULE.match(stripped):
                return
            cells = _table_cells(stripped)
            if current.table_head is None:
                current.table_head = cells
                return
            pairs = zip(current.table_head, cells, strict=False)
            current.details.append(
                ["; ".join(f"{head}: {cell}" if head else cell for head, cell in pairs if cell)]
            )
            return
        current.table_head = None
        if not self.blank_before and current.details:
            current.details[-1].append(stripped)  # a nested bullet or paragraph goes on
        elif not self.blank_before and not current.from_heading:
            current.title_parts.append(stripped)  # the item's first line goes on
        else:
            current.details.append([stripped])

    def read(self, text: str) -> None:
        lines = text.splitlines()
        fenced = False
        in_front_matter = bool(lines) and lines[0].strip() == "---"
        in_comment = False
        for number, raw in enumerate(lines, start=1):
            line = raw.rstrip()
            if in_front_matter:
                in_front_matter = number == 1 or line.strip() != "---"
                continue
            if in_comment or line.lstrip().startswith("<!--"):
                in_comment = "-->" not in line
                continue
            if _FENCE.match(line):
                if not fenced:
                    self.skip(number, raw, "a code block: left out")
                fenced = not fenced
                continue
            if fenced:
                continue
            if not line.strip():
                self.blank_before = True
                continue
            if _THEMATIC_BREAK.match(line):
                self.blank_before = True
                continue
            if heading := _heading(line):
                self.heading(number, raw, *heading)
                self.last_prose_skip = None
            elif (bullet := _bullet(line)) is not None:
                self.bullet(number, raw, bullet, len(line) - len(line.lstrip()))
            elif line[:1].strip() and starts_with_date(line):
                self.bullet(number, raw, line, 0)  # "2024-03-05: Shipped X" on its own line
            else:
                self.prose(number, raw, line)
            self.blank_before = False


def _by_period(span: Span, today: dt.date) -> str:
    return "today, as its period is still running" if span.end > today else "its period's last day"


def _split_result(text: str) -> tuple[str, str]:
    """'Launched X — 14 partners signed' split at the first dash between spaces."""
    dash = _RESULT_DASH.search(text)
    if dash is None:
        return text, ""
    return text[: dash.start()].rstrip(), text[dash.end() :].lstrip()


def _details(draft: _Draft, links: list[tuple[str, str]]) -> str:
    parts = [markdown_line(" ".join(part), urls_shown=True)[0] for part in draft.details]
    parts += [f"{label}: {url}" if label != url else url for label, url in links]
    # Joined with "; ": a sentence's own full stop would read ".;".
    return "; ".join(part.removesuffix(".") for part in parts if part)


def _finish(draft: _Draft, reader: _Reader) -> BragEntry | BragOffer | None:
    written = " ".join(draft.title_parts)
    title, links = markdown_line(written)
    if not title and links:
        title = links[0][0]
    if not title:
        reader.skip(draft.line, written or "(empty)", "no words to make a title of: left out")
        return None
    limit = parsing.WIN_TITLE_MAX if draft.kind == "win" else GOAL_TITLE_MAX
    note = ""
    details = _details(draft, links)
    if len(title) > limit:
        note = "the title was shortened; the whole line is in the details"
        details = "; ".join(part for part in (title, details) if part)
        title = _shorten(title, limit)
    if draft.kind == "offer":
        kind, action_type, section = draft.section or ("goal", "", "")
        return BragOffer(
            line=draft.line,
            kind=kind,
            section=section,
            title=title,
            details=details,
            action_kind=action_type or ActionKind.OTHER,
            target_on=draft.span.end if draft.span else None,
        )
    assert draft.span is not None
    return BragEntry(
        line=draft.line,
        period=draft.period,
        occurred_on=draft.span.end,
        title=title,
        result=details,
        metrics=_metrics(title, details),
        dated_by=draft.dated_by,
        note=note,
    )


def brag_doc_parse(text: str, *, today: dt.date) -> BragDocument:
    """The wins, the offers and what was passed over, in order. Raises BragDocError naming
    and quoting each line that cannot be read, or when there is nothing to import."""
    if len(text) > MAX_CHARS:
        raise BragDocError([f"the document is over {MAX_CHARS:,} characters: split it up"])
    reader = _Reader(today)
    reader.read(text)
    if reader.problems:
        raise BragDocError([f"line {line}: {problem}" for line, problem in sorted(reader.problems)])
    wins: list[BragEntry] = []
    offers: list[BragOffer] = []
    for draft in reader.drafts:
        item = _finish(draft, reader)
        if isinstance(item, BragEntry):
            wins.append(item)
        elif isinstance(item, BragOffer):
            offers.append(item)
    if not wins and not offers:
        first = (
            f" (line {reader.skipped[0].line}: {reader.skipped[0].note})" if reader.skipped else ""
        )
        raise BragDocError(
            [
                "no wins found: put each win on a bullet ('- ...') under a period heading "
                f"like '## 2026 Q3', or give it a date like '[Nov 30, 2024]'{first}"
            ]
        )
    _note_repeats(wins)
    reader.skipped.sort(key=lambda skip: skip.line)
    return BragDocument(wins=wins, offers=offers, skipped=reader.skipped)


def _same_win(occurred_on: dt.date, title: str) -> tuple[dt.date, str]:
    return occurred_on, " ".join(title.split()).casefold()


def _note_repeats(wins: list[BragEntry]) -> None:
    """Two wins of one document with the same date and title are both kept: say so."""
    lines: dict[tuple[dt.date, str], list[int]] = {}
    for entry in wins:
        lines.setdefault(_same_win(entry.occurred_on, entry.title), []).append(entry.line)
    for entry in wins:
        same = lines[_same_win(entry.occurred_on, entry.title)]
        if len(same) < 2 or entry.note:
            continue
        other = same[1] if same[0] == entry.line else same[0]
        more = f" and {len(same) - 2} more" if len(same) > 2 else ""
        every = "both are" if len(same) == 2 else "all are"
        entry.note = f"the same date and title as line {other}{more}: {every} imported"


def brag_doc_already_logged(*, owner: Profile, entries: list[BragEntry]) -> dict[int, Win]:
    """The line of each entry already in the record, with the win it matches (the same
    date and title): importing a brag doc twice adds nothing the second time. Entries of
    the document are never matched against each other: two wins may share a title."""
    known = {
        _same_win(win.occurred_on, win.title): win
        for win in Win.objects.for_owner(owner)
        .filter(occurred_on__in={entry.occurred_on for entry in entries})
        .only("id", "occurred_on", "title")
    }
    return {
        entry.line: known[key]
        for entry in entries
        if (key := _same_win(entry.occurred_on, entry.title)) in known
    }


@dataclass
class BragImport:
    wins: list[Win]
    goals: list[Goal]
    actions: list[DevelopmentAction]
    already: int


def brag_doc_import(
    *, owner: Profile, document: BragDocument, offers: set[int], today: dt.date
) -> BragImport:
    """Write every win not already in the record, and the offers whose lines are chosen as
    goals or development actions: all in one transaction, or nothing."""
    unknown = offers - {offer.line for offer in document.offers}
    if unknown:
        raise BragDocError(
            [
                f"line {line}: nothing there is offered as a goal or an action"
                for line in sorted(unknown)
            ]
        )
    try:
        with transaction.atomic():
            already = brag_doc_already_logged(owner=owner, entries=document.wins)
            wins = [
                win_create(
                    owner=owner,
                    title=entry.title,
                    occurred_on=entry.occurred_on,
                    result=entry.result,
                    metrics=entry.metrics,
                    source=WinSource.IMPORT,
                )
                for entry in document.wins
                if entry.line not in already
            ]
            goals, actions = [], []
            for offer in document.offers:
                if offer.line not in offers:
                    continue
                if offer.is_goal:
                    goals.append(
                        goal_create(
                            owner=owner,
                            title=offer.title,
                            horizon=Horizon.SHORT,
                            today=today,
                            description=offer.details,
                            target_date=offer.target_on,
                        )
                    )
                else:
                    actions.append(
                        action_create(
                            owner=owner,
                            title=offer.title,
                            kind=offer.action_kind,
                            due_on=offer.target_on,
                            notes=offer.details,
                        )
                    )
    except (WinError, DirectionError, PlanError) as error:
        raise BragDocError([str(error)]) from None
    return BragImport(wins=wins, goals=goals, actions=actions, already=len(already))


def brag_doc_done(done: BragImport) -> str:
    """What an import wrote, in a sentence for the page and the command line."""
    parts = [f"{len(done.wins)} win{'s' if len(done.wins) != 1 else ''}"]
    if done.goals:
        parts.append(f"{len(done.goals)} goal{'s' if len(done.goals) != 1 else ''}")
    if done.actions:
        count = len(done.actions)
        parts.append(f"{count} development action{'s' if count != 1 else ''}")
    listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    skipped = f" ({done.already} already in your record, skipped)" if done.already else ""
    return f"Imported {listed} from your brag document{skipped}."


def brag_doc_preview_lines(document: BragDocument, already: dict[int, Win]) -> list[str]:
    """The preview as text, for the command line: what will be written, and what will not."""
    new = [entry for entry in document.wins if entry.line not in already]
    lines = [f"Wins to add: {len(new)}"]
    for entry in new:
        shown = ", ".join(
            metric_format(m.value, m.unit, m.baseline, m.period) for m in entry.metrics
        )
        lines.append(
            f"  line {entry.line}: {entry.occurred_on:%d %b %Y}  {entry.title}"
            + (f"  [{shown}]" if shown else "")
        )
    if already:
        lines.append(f"Already in your record, skipped: {len(already)}")
        for entry in document.wins:
            if (win := already.get(entry.line)) is not None:
                lines.append(
                    f"  line {entry.line}: {entry.title} (a win of {win.occurred_on:%d %b %Y} "
                    "has the same date and title)"
                )
    if document.offers:
        lines.append(
            f"Offered as goals or development actions, not wins: {len(document.offers)} "
            "(add one with --add LINE)"
        )
        for offer in document.offers:
            what = "goal" if offer.is_goal else f"action ({offer.action_kind_label.lower()})"
            lines.append(f"  line {offer.line}: {what}: {offer.title}")
    if document.skipped:
        lines.append(f"Passed over: {len(document.skipped)}")
        lines.extend(f"  line {skip.line}: {skip.text}: {skip.note}" for skip in document.skipped)
    return lines
