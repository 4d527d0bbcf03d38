"""Text colours in the stylesheet meet WCAG AA contrast (4.5:1) on their backgrounds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[1] / "static" / "wayfinder" / "app.css").read_text()
VARIABLES = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", CSS))


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def colour(name: str) -> str:
    return VARIABLES.get(name, name)


@pytest.mark.parametrize(
    ("foreground", "background"),
    [
        ("ink", "paper"),
        ("ink", "card"),
        ("muted", "paper"),
        ("muted", "card"),
        ("accent", "paper"),  # links
        ("accent", "card"),
        ("accent-ink", "accent"),  # the header and buttons
        ("accent", "accent-soft"),  # badges
        ("good", "#e6f3ea"),
        ("warn", "#fbf0d9"),
        ("bad", "#fbe9e9"),
        ("#5b2c83", "#efe7f6"),  # the private badge
    ],
)
def test_text_contrast_meets_aa(foreground, background):
    ratio = contrast(colour(foreground), colour(background))
    assert ratio >= 4.5, f"{foreground} on {background}: {ratio:.2f}:1"


def test_the_focus_ring_stands_out(colour_pairs=(("focus", "paper"), ("focus", "card"))):
    for foreground, background in colour_pairs:
        assert contrast(colour(foreground), colour(background)) >= 3  # non-text: 3:1
