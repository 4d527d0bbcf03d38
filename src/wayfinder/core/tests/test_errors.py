import pytest

from wayfinder.core.errors import sentence


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        ("'Present Q3 to the CRO' is already done", "'Present Q3 to the CRO' is already done."),
        ("keep the title under 200 characters", "Keep the title under 200 characters."),
        ("ask Priya about the ML team", "Ask Priya about the ML team."),
        ("the file is not valid YAML.", "The file is not valid YAML."),
        ("Changed since you opened it?", "Changed since you opened it?"),
        ("nothing was saved!", "Nothing was saved!"),
        ("cut short…", "Cut short…"),
        ("  a goal needs a title \n", "A goal needs a title."),
        ("évaluer d'abord", "Évaluer d'abord."),
        ("", ""),
        ("   ", ""),
    ],
)
def test_an_error_reads_as_a_sentence_and_names_keep_their_case(message, shown):
    assert sentence(ValueError(message)) == shown
    assert sentence(message) == shown


def test_a_sentence_is_left_as_it_is():
    once = sentence(ValueError("'CRO sync' was concluded on 2026-11-01"))
    assert sentence(once) == once
