from functools import partial

import pytest

from wayfinder.core.checks import clean_title
from wayfinder.core.errors import sentence
from wayfinder.direction.models import Goal
from wayfinder.experiments.models import Experiment
from wayfinder.plan.models import DevelopmentAction
from wayfinder.reflection.models import PrivateNote


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
        (
            "mine.yaml: line 3, levels[0]: missing key 'code'",
            "mine.yaml: line 3, levels[0]: missing key 'code'.",
        ),
        ("ladder_v2.csv has no header", "ladder_v2.csv has no header."),
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


class _TitleError(ValueError):
    pass


@pytest.mark.parametrize("model", [DevelopmentAction, Experiment, Goal, PrivateNote])
def test_one_title_rule_for_every_titled_record(model):
    limit = model._meta.get_field("title").max_length
    clean = partial(clean_title, model=model, what="a record", error=_TitleError)
    assert clean("  Present  Q3\tto the CRO \n") == "Present Q3 to the CRO"
    assert clean("x" * limit) == "x" * limit
    with pytest.raises(_TitleError, match=r"^a record needs a title$"):
        clean(" \n\t")
    with pytest.raises(_TitleError, match=f"keep the title under {limit} characters"):
        clean("x" * (limit + 1))
