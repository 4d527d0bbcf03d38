"""One line of Markdown as the words it shows (a brag document's titles and details)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wayfinder.core.markdown import markdown_line


@pytest.mark.parametrize(
    ("text", "words", "links"),
    [
        ("**Shipped** the _guide_", "Shipped the guide", []),
        (
            "Wrote the [migration guide](https://example.com/guide)",
            "Wrote the migration guide",
            [("migration guide", "https://example.com/guide")],
        ),
        ("Renamed `snake_case_name` and my_var", "Renamed snake_case_name and my_var", []),
        ("Escaped \\*stars\\* &amp; <b>tags</b>", "Escaped *stars* & <b>tags</b>", []),
        ("![the logo](logo.png) redrawn", "the logo redrawn", []),
        ("See <https://example.com>", "See https://example.com", []),
    ],
)
def test_markdown_goes_and_links_are_kept_apart(text, words, links):
    assert markdown_line(text) == (words, links)


def test_urls_can_follow_their_link_text():
    text = "the [guide](https://example.com/g) and [](https://example.com/e)"
    assert markdown_line(text, urls_shown=True)[0] == (
        "the guide (https://example.com/g) and https://example.com/e"
    )


@given(st.text(max_size=200))
def test_any_line_reads_as_one_line_of_words(text):
    words, links = markdown_line(text)
    assert "\n" not in words and words == words.strip()
    assert all(url for _, url in links)
