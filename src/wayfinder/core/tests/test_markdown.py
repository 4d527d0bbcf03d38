from __future__ import annotations

from wayfinder.core.markdown import markdown_html, markdown_text


def test_markdown_is_rendered_with_raw_html_shown_as_text():
    html = markdown_html("### Asks\n\n- **Bold** <b>raw</b>")
    assert "<h3>Asks</h3>" in html and "<strong>Bold</strong>" in html
    assert "&lt;b&gt;raw&lt;/b&gt;" in html


def test_markdown_text_is_the_plain_words_on_one_line():
    assert markdown_text("### Asks\n\n- Could I take on **R&D**?\n") == "Asks Could I take on R&D?"
    assert markdown_text("  ") == ""
