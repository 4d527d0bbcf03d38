"""The dashboard's SVG charts are readable: labels of 11 px or more, no clipped name
(abbreviated, with the full name in a <title>), the owner's own function first."""

from __future__ import annotations

import datetime as dt
import math
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from wayfinder.guidance import charts
from wayfinder.guidance.activity import ActivitySeries
from wayfinder.guidance.indicators import ATTENTION, HEALTHY, Indicator
from wayfinder.network.selectors import CoverageCell
from wayfinder.wins.selectors import VisibilityCell, VisibilityMatrix, VisibilityRow

SVG = "{http://www.w3.org/2000/svg}"
LONG_LEADER = "Maximiliana Oyelaran-Fitzgerald"
LONG_WIN = "Rebuilt the partner onboarding programme across three regions"
LONG_FUNCTION = "Customer Success Operations"


def _leader(name: str) -> SimpleNamespace:
    return SimpleNamespace(name=name)


def _matrix(leaders: list[str], wins: list[str]) -> VisibilityMatrix:
    people = [_leader(name) for name in leaders]
    rows = [
        VisibilityRow(
            win=SimpleNamespace(title=title),
            cells=[VisibilityCell(person=p, told_on=dt.date(2026, 11, 1)) for p in people],
        )
        for title in wins
    ]
    return VisibilityMatrix(leaders=people, rows=rows)


def _all_charts() -> dict[str, str]:
    indicators = [
        Indicator("direction", "Direction", HEALTHY, ""),
        Indicator("network", "Relationships across the organisation", ATTENTION, ""),
        Indicator("wins", "Wins", "missing", ""),
    ]
    cells = [
        CoverageCell(level=level, function=function, people=2, mentors=1, sponsors=level > 1)
        for level in (-1, 0, 1, 2)
        for function in ("Marketing", LONG_FUNCTION, "Sales", "Finance", "Legal", "HR", "IT")
    ]
    months = [dt.date(2026, m, 1) for m in range(1, 13)]
    series = [
        ActivitySeries("Development conversations", [1] * 12),
        ActivitySeries("Wins logged", [0, 2] * 6),
    ]
    leaders = [LONG_LEADER, *(f"Leader {n}" for n in range(1, 8))]
    return {
        "health": charts.health_chart(indicators),
        "coverage": charts.coverage_chart(cells, "Marketing"),
        "visibility": charts.visibility_chart(_matrix(leaders, [LONG_WIN, "Short win"])),
        "activity": charts.activity_chart(months, series),
    }


def _texts(svg: str) -> tuple[ET.Element, list[ET.Element]]:
    root = ET.fromstring(svg)
    return root, list(root.iter(f"{SVG}text"))


def _shown(text: ET.Element) -> str:
    """What the label draws: its text, without the <title> a reader hovers for."""
    title = text.find(f"{SVG}title")
    return (title.tail if title is not None else text.text) or ""


def _full(text: ET.Element) -> str:
    title = text.find(f"{SVG}title")
    return title.text if title is not None else _shown(text)


def _extent(text: ET.Element) -> tuple[float, float]:
    """The left and right edges of a label, by the width charts.py budgets per character."""
    size = float(text.get("font-size"))
    width = len(_shown(text)) * size * charts.CHAR_WIDTH
    transform = text.get("transform")
    if transform:  # translate(x,y) rotate(-30): the text runs up and to the right
        x = float(transform.split("(")[1].split(",")[0])
        return x, x + width * math.cos(math.radians(30))
    x = float(text.get("x"))
    anchor = text.get("text-anchor", "start")
    if anchor == "middle":
        return x - width / 2, x + width / 2
    if anchor == "end":
        return x - width, x
    return x, x + width


@pytest.mark.parametrize("name", ["health", "coverage", "visibility", "activity"])
def test_no_label_is_smaller_than_11_px(name):
    _, texts = _texts(_all_charts()[name])
    sizes = [float(text.get("font-size")) for text in texts]
    assert sizes and min(sizes) >= charts.MIN_FONT == 11


@pytest.mark.parametrize("name", ["health", "coverage", "visibility", "activity"])
def test_no_label_runs_past_the_edge_of_its_chart(name):
    root, texts = _texts(_all_charts()[name])
    width = float(root.get("width"))
    for text in texts:
        left, right = _extent(text)
        assert left >= 0 and right <= width, (_shown(text), left, right, width)


@pytest.mark.parametrize("name", ["health", "coverage", "visibility", "activity"])
def test_a_chart_is_drawn_at_its_own_size(name):
    root, _ = _texts(_all_charts()[name])
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"


@pytest.mark.parametrize(
    ("name", "full"),
    [
        ("visibility", LONG_LEADER),
        ("visibility", LONG_WIN),
        ("coverage", LONG_FUNCTION),
        ("health", "Relationships across the organisation"),
    ],
)
def test_a_long_name_is_abbreviated_with_the_full_name_in_a_title(name, full):
    _, texts = _texts(_all_charts()[name])
    [label] = [text for text in texts if _full(text) == full]
    assert _shown(label).endswith("…") and full.startswith(_shown(label)[:-1])


def test_a_name_that_fits_is_drawn_whole_without_a_title():
    _, texts = _texts(_all_charts()["visibility"])
    short = [text for text in texts if _shown(text) == "Short win"]
    assert short and short[0].find(f"{SVG}title") is None


def test_coverage_column_labels_fit_their_columns():
    _, texts = _texts(_all_charts()["coverage"])
    heads = [text for text in texts if text.get("y") == "20"]
    assert len(heads) == 7  # the owner's function, five others, "Other"
    for text in heads:
        left, right = _extent(text)
        assert right - left <= 96 - 8


def test_the_owners_own_function_comes_first_in_the_coverage_chart():
    _, texts = _texts(_all_charts()["coverage"])
    heads = [text for text in texts if text.get("y") == "20"]
    assert _full(heads[0]) == "Marketing"
    assert [_shown(t) for t in texts if t.get("y") == "36"] == ["(yours)"]
