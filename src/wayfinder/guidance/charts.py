"""Dashboard charts as SVG drawn on the server: no JavaScript, prints well, readable in tests.

Each chart carries a <title> and <desc> for screen readers; the dashboard also offers the
same figures as a table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from wayfinder.guidance.activity import ActivitySeries
from wayfinder.guidance.indicators import ATTENTION, HEALTHY, Indicator
from wayfinder.network.selectors import CoverageCell
from wayfinder.wins.selectors import VisibilityMatrix

STATE_STYLE = {
    HEALTHY: ("#1e6b3a", "✓", "healthy"),
    ATTENTION: ("#8a5a00", "!", "needs attention"),
}
MISSING_STYLE = ("#a12a2a", "○", "missing")
INK, MUTED, LINE, ACCENT = "#1c2430", "#4f5b69", "#d5dbe2", "#1f4e5f"


def _svg(chart_id: str, width: int, height: int, title: str, desc: str, body: str) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{}" height="{}" '
        'viewBox="0 0 {} {}" '
        'role="img" aria-labelledby="{}-title {}-desc" font-family="system-ui, sans-serif">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        width,
        height,
        width,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        desc,
        mark_safe(body),
    )


# No label is drawn smaller than this (in px: the SVGs are shown at their own size, never
# scaled down; a narrow screen scrolls the chart inside its card).
MIN_FONT = 11
# The width of a character as a share of the font size, generous for system-ui, so a label
# cut to fit its room is never clipped by its neighbour or the edge.
CHAR_WIDTH = 0.62


def _truncate(text: str, length: int) -> str:
    return text if len(text) <= length else text[: max(length - 1, 1)] + "…"


def _fitting(text: str, *, room: float, font_size: int) -> str:
    """The text, abbreviated with an ellipsis when it would not fit `room` pixels."""
    return _truncate(text, int(room / (font_size * CHAR_WIDTH)))


def _label(text: str, *, room: float, font_size: int) -> SafeString:
    """A label's content: abbreviated to fit, with the full name in a <title> when cut."""
    shown = _fitting(text, room=room, font_size=font_size)
    if shown == text:
        return format_html("{}", text)
    return format_html("<title>{}</title>{}", text, shown)


def health_chart(indicators: Sequence[Indicator]) -> SafeString:
    row = 30
    height = row * len(indicators) + 10
    parts = []
    for index, indicator in enumerate(indicators):
        colour, mark, word = STATE_STYLE.get(indicator.state, MISSING_STYLE)
        y = 10 + index * row
        parts.append(
            format_html(
                '<g><text x="0" y="{}" fill="{}" font-size="14">{}</text>'
                '<rect x="170" y="{}" width="150" height="22" rx="11" fill="{}" opacity="0.12"/>'
                '<circle cx="184" cy="{}" r="8" fill="{}"/>'
                '<text x="184" y="{}" fill="#fff" font-size="11" text-anchor="middle" '
                'font-weight="700">{}</text>'
                '<text x="198" y="{}" fill="{}" font-size="13">{}</text></g>',
                y + 16,
                INK,
                _label(indicator.practice, room=160, font_size=14),
                y,
                colour,
                y + 11,
                colour,
                y + 15,
                mark,
                y + 16,
                colour,
                word,
            )
        )
    desc = "; ".join(
        f"{i.practice}: {STATE_STYLE.get(i.state, MISSING_STYLE)[2]}" for i in indicators
    )
    return _svg("health", 330, height, "Health by practice", desc, "".join(parts))


def coverage_chart(cells: Sequence[CoverageCell], own_function: str) -> SafeString:
    levels = sorted({c.level for c in cells} | {-1, 0, 1, 2}, reverse=True)
    by_function: dict[str, int] = {}
    for cell in cells:
        by_function[cell.function] = by_function.get(cell.function, 0) + cell.people
    others = sorted(
        (f for f in by_function if f.casefold() != own_function.casefold()),
        key=lambda f: (-by_function[f], f.casefold()),
    )
    shown = [own_function, *others[:5]]
    rest = set(others[5:])
    columns = shown + (["Other"] if rest else [])
    grid: dict[tuple[int, str], list[int]] = {}
    for cell in cells:
        column = (
            "Other"
            if cell.function in rest
            else (
                own_function
                if cell.function.casefold() == own_function.casefold()
                else cell.function
            )
        )
        counts = grid.setdefault((cell.level, column), [0, 0, 0])
        counts[0] += cell.people
        counts[1] += cell.mentors
        counts[2] += cell.sponsors
    left, top, width, height = 90, 48, 96, 52
    biggest = max([c[0] for c in grid.values()] or [1])
    parts = []
    for j, column in enumerate(columns):
        # The owner's own function comes first, marked on a line of its own.
        parts.append(
            format_html(
                '<text x="{}" y="20" font-size="12" fill="{}" text-anchor="middle">{}</text>',
                left + j * width + width // 2,
                MUTED,
                _label(column or "No function", room=width - 8, font_size=12),
            )
        )
        if j == 0:
            parts.append(
                format_html(
                    '<text x="{}" y="36" font-size="11" fill="{}" text-anchor="middle">'
                    "(yours)</text>",
                    left + width // 2,
                    MUTED,
                )
            )
    for i, level in enumerate(levels):
        y = top + i * height
        name = "you" if level == 0 else f"{level:+d}"
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="12" fill="{}" text-anchor="end">level {}</text>',
                left - 10,
                y + height // 2 + 4,
                MUTED,
                name,
            )
        )
        for j, column in enumerate(columns):
            x = left + j * width
            people, mentors, sponsors = grid.get((level, column), [0, 0, 0])
            cx, cy = x + width // 2, y + height // 2
            if not people:
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="{}" '
                        'stroke-dasharray="4 3" rx="6"/>',
                        x + 6,
                        y + 6,
                        width - 12,
                        height - 12,
                        LINE,
                    )
                )
                continue
            radius = 8 + 12 * (people / biggest) ** 0.5
            parts.append(
                format_html(
                    '<circle cx="{}" cy="{}" r="{}" fill="{}" opacity="0.85"/>'
                    '<text x="{}" y="{}" font-size="12" fill="#fff" text-anchor="middle" '
                    'font-weight="700">{}</text>',
                    cx,
                    cy,
                    radius,
                    ACCENT,
                    cx,
                    cy + 4,
                    people,
                )
            )
            marks = ("M" * bool(mentors)) + ("S" * bool(sponsors))
            if marks:
                parts.append(
                    format_html(
                        '<text x="{}" y="{}" font-size="11" font-weight="700" fill="{}">{}</text>',
                        x + width - 22,
                        y + 16,
                        "#5b2c83",
                        marks,
                    )
                )
    total_width = left + width * len(columns) + 10
    total_height = top + height * len(levels) + 10
    gaps = sum(1 for level in levels for column in columns if (level, column) not in grid)
    desc = (
        f"Your active network across {len(levels)} levels and {len(columns)} functions; "
        f"{gaps} empty cells. M marks a mentor, S a sponsor."
    )
    return _svg("coverage", total_width, total_height, "Network coverage", desc, "".join(parts))


def visibility_chart(matrix: VisibilityMatrix) -> SafeString:
    leaders = matrix.leaders[:8]
    left, top, width, height = 230, 70, 70, 34
    # A leader's name is written at -30 degrees from above its column: `room` px of text
    # reaches `room * cos 30` to the right, so the chart is wider by that much.
    name_room, name_size = 110, 12
    parts = []
    for j, leader in enumerate(leaders):
        x = left + j * width + width // 2
        parts.append(
            format_html(
                '<text transform="translate({},60) rotate(-30)" font-size="{}" fill="{}">{}</text>',
                x,
                name_size,
                MUTED,
                _label(leader.name, room=name_room, font_size=name_size),
            )
        )
    for i, row in enumerate(matrix.rows):
        y = top + i * height
        parts.append(
            format_html(
                '<text x="0" y="{}" font-size="13" fill="{}">{}</text>',
                y + 21,
                INK,
                _label(row.win.title, room=left - 12, font_size=13),
            )
        )
        for j, cell in enumerate(row.cells[:8]):
            cx, cy = left + j * width + width // 2, y + height // 2
            if cell.known:
                parts.append(
                    format_html(
                        '<circle cx="{}" cy="{}" r="10" fill="#1e6b3a"/>'
                        '<text x="{}" y="{}" font-size="12" fill="#fff" text-anchor="middle">✓'
                        "</text>",
                        cx,
                        cy,
                        cx,
                        cy + 4,
                    )
                )
            else:
                parts.append(
                    format_html(
                        '<circle cx="{}" cy="{}" r="10" fill="#fbe9e9" stroke="#a12a2a" '
                        'stroke-width="2" stroke-dasharray="3 2"/>',
                        cx,
                        cy,
                    )
                )
    gaps = len(matrix.gaps)
    desc = (
        f"{len(matrix.rows)} top wins against {len(matrix.leaders)} influential leaders outside "
        f"your reporting line; {gaps} of the pairs are gaps where the leader does not know the win."
    )
    total_width = left + width * max(len(leaders) - 1, 0) + width // 2 + int(name_room * 0.87)
    total_width = max(total_width, left + width * max(len(leaders), 1) + 10)
    total_height = top + height * max(len(matrix.rows), 1) + 10
    return _svg(
        "visibility", total_width, total_height, "Visibility of your top wins", desc, "".join(parts)
    )


def activity_chart(months: Sequence[dt.date], series: Sequence[ActivitySeries]) -> SafeString:
    left, band, bar_gap, chart_height = 230, 40, 4, 30
    bar = 28
    parts = []
    for j, month in enumerate(months):
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" fill="{}" text-anchor="middle">{}</text>',
                left + j * (bar + bar_gap) + bar // 2,
                14 + band * len(series) + 4,
                MUTED,
                month.strftime("%b"),
            )
        )
    for i, line in enumerate(series):
        y0 = 6 + i * band
        peak = max(line.counts) or 1
        parts.append(
            format_html(
                '<text x="0" y="{}" font-size="13" fill="{}">{}</text>'
                '<text x="0" y="{}" font-size="11" fill="{}">{} in 12 months</text>',
                y0 + 14,
                INK,
                _label(line.label, room=left - 10, font_size=13),
                y0 + 28,
                MUTED,
                line.total,
            )
        )
        bars = format_html_join(
            "",
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>',
            (
                (
                    left + j * (bar + bar_gap),
                    f"{y0 + chart_height - max(chart_height * count / peak, 1):.1f}",
                    bar,
                    f"{max(chart_height * count / peak, 1):.1f}",
                    ACCENT if count else LINE,
                    month.strftime("%B %Y"),
                    count,
                )
                for j, (month, count) in enumerate(zip(months, line.counts, strict=True))
            ),
        )
        parts.append(bars)
    desc = "; ".join(f"{s.label}: {s.total} in the last 12 months" for s in series)
    width = left + len(months) * (bar + bar_gap)
    height = 24 + band * len(series)
    return _svg("activity", width, height, "Activity over the last 12 months", desc, "".join(parts))
