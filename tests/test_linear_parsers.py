"""Every parser of user input runs in linear time, whatever the input (issue 8 §2.2).

Each parser is fed 100 KB of adversarial text: long runs of the characters its patterns
hinge on. Its time is compared with a linear baseline measured in the same test: ten
times its time on 10 KB of the same text, or its time on 100 KB of ordinary text,
whichever is larger, times a generous factor. No absolute time is asserted.

The measuring runs in a forked child, so a parser that blows up (the code before this
test: the brag-doc heading pattern took cubic time) makes the test fail at a deadline
derived from the ordinary-text time instead of hanging the suite.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import multiprocessing
import timeit
from collections.abc import Callable
from functools import partial

import pytest

from wayfinder.advocacy.ladders import (
    LadderFileError,
    ladder_parse_csv,
    ladder_parse_files,
    ladder_parse_yaml,
)
from wayfinder.cli import date_text
from wayfinder.core import parsing
from wayfinder.direction.reasons import reason_kinds, talked_to_someone
from wayfinder.portability.brag_periods import period_find
from wayfinder.portability.bragdoc import BragDocError, brag_doc_parse
from wayfinder.search.selectors import search_terms

SMALL, LARGE = 10_000, 100_000
FACTOR = 5
TODAY = dt.date(2026, 11, 23)
# What each parser may refuse with: a readable error is an answer, anything else is not.
REFUSALS = (
    BragDocError,
    LadderFileError,
    parsing.InputError,
    argparse.ArgumentTypeError,
    ValueError,
)


def _fit(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _call(parser: Callable[[str], object], text: str) -> None:
    with contextlib.suppress(REFUSALS):
        parser(text)


def _seconds_per_call(parser: Callable[[str], object], text: str, *, repeat: int = 3) -> float:
    """The best of `repeat` timings, each of enough calls (~10 ms) to rise above the noise."""
    once = min(timeit.repeat(partial(_call, parser, text), number=1, repeat=2))
    number = max(1, int(0.01 / max(once, 1e-7)))
    timings = timeit.repeat(partial(_call, parser, text), number=number, repeat=repeat)
    return min(timings) / number


def _measure(parser, adversarial, benign, connection) -> None:
    """In the child: seconds per call on 10 KB and 100 KB of adversarial text, and on
    100 KB of ordinary text."""
    try:
        connection.send(
            (
                _seconds_per_call(parser, adversarial(SMALL)),
                _seconds_per_call(parser, adversarial(LARGE)),
                _seconds_per_call(parser, benign(LARGE)),
            )
        )
    except BaseException as error:  # reported to the parent, which fails the test
        connection.send(f"{type(error).__name__}: {error}"[:300])


def assert_linear(parser, adversarial, benign) -> None:
    # The deadline only stops a runaway parser; the verdict is the ratio below.
    ordinary = _seconds_per_call(parser, benign(LARGE), repeat=1)
    deadline = 10 + 100 * ordinary
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_measure, args=(parser, adversarial, benign, sender))
    child.start()
    try:
        finished = receiver.poll(deadline)
        result = receiver.recv() if finished else None
    finally:
        child.kill()
        child.join()
    assert finished, (
        f"no answer in {deadline:.1f} s on {LARGE:,} characters "
        f"(ordinary text of that size takes {ordinary:.4f} s)"
    )
    assert not isinstance(result, str), f"the parser raised {result}"
    small, large, ordinary = result
    baseline = max(10 * small, ordinary)
    assert large <= FACTOR * baseline, (
        f"{large:.4f} s on {LARGE:,} adversarial characters; linear would be about "
        f"{baseline:.4f} s (10 x {small:.5f} s on {SMALL:,}, {ordinary:.5f} s on ordinary text)"
    )


# Brag document ------------------------------------------------------------------------

Q3 = "## 2026 Q3\n"
BRAG_WIN = (
    "- Launched the partner programme — 14 partners signed, pipeline +30 %\n"
    "  - cut ramp-up from 20 days to 12 days, $1.2M signed\n"
)


def _brag(text: str) -> object:
    return brag_doc_parse(text, today=TODAY)


def _brag_ordinary(size: int) -> str:
    return _fit(Q3 + BRAG_WIN * 20, size).rsplit("\n", 1)[0] + "\n"


def _third(size: int) -> int:
    return size // 3


BRAG_CASES = {
    # The old heading pattern's three overlapping runs: spaces, closing '#'s, spaces.
    "heading-space-hash-space": lambda n: (
        "# " + " " * _third(n) + "#" * _third(n) + " " * _third(n) + "x"
    ),
    "heading-hashes": lambda n: Q3 + "#" * n,
    "heading-spaces": lambda n: "#" + " " * n + "x",
    "title-digits": lambda n: Q3 + "- " + "1" * n,
    "result-digits": lambda n: Q3 + "- win — " + "1" * n,
    "result-thousands": lambda n: Q3 + "- win — 1" + _fit(",111", n),
    "result-decimals": lambda n: Q3 + "- win — " + _fit("1.1", n),
    "bullet-spaces-before-dash": lambda n: Q3 + "- a" + " " * n + "b",
    "bullet-dashes": lambda n: Q3 + "- a" + _fit(" -", n) + " b",
    "bullet-stars": lambda n: Q3 + _fit("* ", n),
    "bullet-numbers": lambda n: Q3 + _fit("1. ", n),
    "many-metrics": lambda n: Q3 + "- win — " + _fit("1% ", n),
    "long-result-continued": lambda n: Q3 + "- win\n  - result\n" + _fit("    more\n", n),
    "many-wins": lambda n: Q3 + _fit("- w 1 %\n", n),
    # Brag documents as people write them (issue 12 §3).
    "same-title-wins": lambda n: Q3 + _fit("- w\n", n),
    "date-brackets": lambda n: Q3 + "- " + _fit("[Nov 30, 2024", n),
    "leading-dates": lambda n: Q3 + _fit("Mar 5 — w\n", n),
    "table-cells": lambda n: Q3 + "- w\n| a | b |\n" + _fit("|a", n),
    "markdown-marks": lambda n: Q3 + "- " + _fit("**_`[", n),
    "prose-lines": lambda n: Q3 + "- w\n\n" + _fit("more words\n", n),
    "missed-dashes": lambda n: Q3 + "- w" + _fit(" -", n) + " missed",
    "from-to": lambda n: Q3 + "- w — " + _fit("from 1 to ", n),
}


@pytest.mark.parametrize("case", BRAG_CASES)
def test_brag_doc_parse_is_linear(case):
    assert_linear(_brag, BRAG_CASES[case], _brag_ordinary)


@pytest.mark.parametrize(
    "adversarial",
    [
        lambda n: "1" * n,
        lambda n: "2026" + " " * n + "q",
        lambda n: "q1" + " " * n + "2026",
        lambda n: _fit("2026-", n),
        lambda n: _fit("march ", n),
    ],
    ids=["digits", "year-spaces", "quarter-spaces", "dashes", "months"],
)
def test_period_headings_are_read_in_linear_time(adversarial):
    assert_linear(period_find, adversarial, lambda n: _fit("Projects ", n))


# Metrics, dates, quick capture --------------------------------------------------------

METRIC_CASES = {
    "digits": lambda n: "1" * n,
    "digits-then-newline": lambda n: "1" * n + "\nx",
    "spaces-inside-unit": lambda n: "1 a" + " " * n + "a",
    "spaces-around": lambda n: " " * n + "1" + " " * n,
    "decimal-runs": lambda n: "1." + "1" * n,
    "signs": lambda n: "-" * n,
    "dots": lambda n: "." * n,
    "thousands-groups": lambda n: "1" + ",000" * (n // 4),
    "currency-and-scales": lambda n: "$1" + " k$" * (n // 3),
    "from-to": lambda n: "from " + "1 to " * (n // 5),
    "arrows": lambda n: "1 " + "→ " * (n // 2),
    "periods": lambda n: "1 " + "per " * (n // 4),
    "a-year": lambda n: "1 " + "a " * (n // 2) + "year",
    "slashes": lambda n: "1 " + "/" * n + "year",
    "people-write": lambda n: _fit("from $2.7M to $4.1M per year ", n),
}


@pytest.mark.parametrize("case", METRIC_CASES)
def test_metric_parse_is_linear(case):
    assert_linear(parsing.metric_parse, METRIC_CASES[case], lambda n: "30 " + "x" * (n - 3))


PROSE_METRIC_CASES = {
    **METRIC_CASES,
    "percentages": lambda n: _fit("30% ", n),
    "targets": lambda n: _fit("target of ", n) + "30%",
    "from-to-units": lambda n: _fit("from 3.8 to 4.5 stars ", n),
    "scaled-plus": lambda n: _fit("50K+ users ", n),
}


@pytest.mark.parametrize("case", PROSE_METRIC_CASES)
def test_metrics_in_prose_are_found_in_linear_time(case):
    assert_linear(parsing.metrics_find, PROSE_METRIC_CASES[case], lambda n: _fit("shipped it ", n))


def _quick_capture_arguments(text: str) -> None:
    """Every reader `wayfinder win` and `wayfinder met` apply to what was typed."""
    for parse in (
        parsing.win_title_parse,
        parsing.person_name_parse,
        parsing.interaction_kind_parse,
        date_text,
    ):
        _call(parse, text)
    _call(parsing.skill_names_parse, text.split("-"))


@pytest.mark.parametrize(
    "adversarial",
    [
        lambda n: " " * n,
        lambda n: "-" * n,
        lambda n: "2" * n,
        lambda n: _fit("2026-11-", n),
        lambda n: _fit("a-", n),
        lambda n: _fit(" \t", n),
    ],
    ids=["spaces", "dashes", "digits", "date-parts", "skills", "tabs"],
)
def test_quick_capture_arguments_are_read_in_linear_time(adversarial):
    assert_linear(_quick_capture_arguments, adversarial, lambda n: _fit("coffee with Ada ", n))


def test_cli_dates_refuse_long_input_with_a_readable_line():
    with pytest.raises(argparse.ArgumentTypeError, match="is not a date like 2026-11-23"):
        date_text("2" * LARGE)


# Reasons for a path's verdict ----------------------------------------------------------


def _path_reason(text: str) -> None:
    """What the paths pages read in a path: its verdict reason and its research notes."""
    reason_kinds(text)
    talked_to_someone(text)


@pytest.mark.parametrize(
    "adversarial",
    [
        lambda n: "a" * n,
        lambda n: _fit("too ", n),
        lambda n: _fit("not ", n),
        lambda n: _fit("i'm not good ", n),
        lambda n: _fit("i'd rather ", n),
        lambda n: "'" * n,
        lambda n: _fit("who am i ", n),
        lambda n: _fit("talked ", n),
    ],
    ids=[
        "one-word",
        "too",
        "not",
        "almost-self-doubt",
        "almost-rather-not",
        "quotes",
        "who-am-i",
        "talked",
    ],
)
def test_path_reasons_are_read_in_linear_time(adversarial):
    assert_linear(_path_reason, adversarial, lambda n: _fit("the travel and the pay ", n))


# Search ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "adversarial",
    [lambda n: "a" * n, lambda n: _fit("a ", n), lambda n: "_" * n, lambda n: _fit('"*', n)],
    ids=["one-word", "many-words", "underscores", "query-syntax"],
)
def test_search_terms_are_read_in_linear_time(adversarial):
    assert_linear(search_terms, adversarial, lambda n: _fit("partner pipeline ", n))


def test_search_terms_stop_at_the_words_kept():
    assert search_terms(_fit("Ada ", LARGE)) == ["ada"] * 8


# Ladders --------------------------------------------------------------------------------

LADDER = """\
name: Tiny ladder
levels:
  - code: L1
    name: Junior
competencies:
  - key: craft
    name: Craft
    expectations:
      L1: Learns.
description: """


def _ladder_ordinary(size: int) -> str:
    return LADDER + _fit("word ", size - len(LADDER))


def _alias_bomb(size: int) -> str:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]", "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]"]
    lines += [f"c{i}: &c{i} [*b, *b, *b, *b, *b, *b, *b, *b, *b]" for i in range(size // 45)]
    return _fit("\n".join(lines), size)


YAML_CASES = {
    "flow-sequences": lambda n: "[" * n,
    "closed-flow-sequences": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "flow-mappings": lambda n: _fit("{a: ", n),
    "block-sequences": lambda n: _fit("- ", n) + "x",
    "block-mappings": lambda n: "".join(
        "  " * depth + "a:\n" for depth in range(int((n / 2) ** 0.5))
    ),
    "alias-bomb": _alias_bomb,
    "anchors": lambda n: _fit("&a ", n),
    "spaces": lambda n: " " * n + "x",
    "comment": lambda n: "#" * n,
    "quotes": lambda n: "'" * n,
}


@pytest.mark.parametrize("case", YAML_CASES)
def test_ladder_yaml_is_linear(case):
    assert_linear(ladder_parse_yaml, YAML_CASES[case], _ladder_ordinary)


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("flow-mappings", "nested more than 10 levels deep"),
        ("block-sequences", "nested more than 10 levels deep"),
        ("block-mappings", "nested more than 10 levels deep"),
        ("flow-sequences", "not valid YAML"),
        ("alias-bomb", "more than 100 aliases"),
    ],
)
def test_yaml_bombs_are_refused_with_a_readable_line(case, message):
    with pytest.raises(LadderFileError, match=message) as refused:
        ladder_parse_yaml(YAML_CASES[case](LARGE))
    assert str(refused.value).startswith("line ")
    assert "\n" not in str(refused.value) and len(str(refused.value)) < 200


CSV_HEADER = "level,level_name,competency,competency_name,expectation\n"


def _csv(text: str) -> object:
    return ladder_parse_csv(text, name="Tiny ladder")


@pytest.mark.parametrize(
    "adversarial",
    [
        lambda n: '"' * n,
        lambda n: "," * n,
        lambda n: "\n" * n,
        lambda n: CSV_HEADER + 'L1,Junior,craft,Craft,"' + "x" * n,
        lambda n: CSV_HEADER + _fit("L1,Junior,craft,Craft,Learns.\n", n),
        lambda n: CSV_HEADER + "L1,Junior,craft,Craft," + "-" * n,
        lambda n: CSV_HEADER + "L1,Junior," + "a" * n + ",Craft,x",
    ],
    ids=["quotes", "commas", "newlines", "open-quote", "repeated-rows", "dashes", "long-key"],
)
def test_ladder_csv_is_linear(adversarial):
    assert_linear(
        _csv, adversarial, lambda n: CSV_HEADER + "L1,Junior,craft,Craft," + _fit("learns ", n)
    )


WIDE_HEADER = "Competency,L1,L2\n"


def _files(filename: str) -> Callable[[str], object]:
    return lambda text: ladder_parse_files([(filename, text)])


@pytest.mark.parametrize(
    "adversarial",
    [
        lambda n: WIDE_HEADER + _fit("Craft,x,y\n", n),  # one name repeated: keys -2, -3...
        lambda n: WIDE_HEADER + 'Craft,"' + _fit("- a\n", n) + '",y\n',  # bullets in a cell
        lambda n: WIDE_HEADER + "Craft," + "-" * n,
        lambda n: "Competency," + _fit("L,", n) + "\n",  # as many level columns as fit
        lambda n: WIDE_HEADER + _fit("🚀,x,y\n", n),  # names without a letter
    ],
    ids=["repeated-names", "bullets", "dashes", "many-columns", "emoji-names"],
)
def test_ladder_wide_csv_is_linear(adversarial):
    assert_linear(
        _files("wide.csv"), adversarial, lambda n: WIDE_HEADER + "Craft,x," + _fit("learns ", n)
    )


MARKDOWN = "---\ntitle: Backend\nlevels: 2\ntopics:\n  - name: impact\n    content:\n"


@pytest.mark.parametrize(
    "adversarial",
    [
        lambda n: "---\n" + "-" * n,  # no closing line
        lambda n: "---\n" + _fit("--\n", n) + "---\n",
        lambda n: MARKDOWN + _fit("      - level: 1\n        criteria: [x]\n", n) + "---\n",
        lambda n: MARKDOWN + _fit("      - {level: 1, criteria: [x]}\n", n) + "---\n",
    ],
    ids=["unclosed", "dashes", "repeated-entries", "flow-entries"],
)
def test_ladder_markdown_is_linear(adversarial):
    ordinary = MARKDOWN + "      - level: 1\n        criteria: [x]\n---\n"
    assert_linear(_files("backend.md"), adversarial, lambda n: ordinary + _fit("word ", n))


FT = "levels: [{id: a}]\nthemes: [{id: t}]\ncompetencies:\n"


@pytest.mark.parametrize(
    "adversarial",
    [
        lambda n: FT + _fit("  - {level: a, theme: t, summary: x}\n", n),
        lambda n: FT + "  - {level: a, theme: t, summary: '" + _fit("1. x ", n) + "'}\n",
        lambda n: FT + _fit("  - {level: b, theme: u, summary: x}\n", n),  # unknown ids
    ],
    ids=["repeated-criteria", "numbered-summary", "unknown-ids"],
)
def test_ladder_id_linked_yaml_is_linear(adversarial):
    ordinary = FT + "  - {level: a, theme: t, summary: x}\n"
    assert_linear(_files("ft.yml"), adversarial, lambda n: ordinary + "#" + _fit("word ", n))
