"""The Django-free parsers (shared by quick capture and the services) follow the models."""

from __future__ import annotations

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from wayfinder.cli import capture
from wayfinder.core import parsing
from wayfinder.network import services as network_services
from wayfinder.network.models import InteractionKind, Person
from wayfinder.wins import services as wins_services
from wayfinder.wins.models import Win

metric_texts = st.one_of(
    st.text(max_size=12),
    st.builds(
        "{}{}{}".format,
        st.sampled_from(["", "-", "+", " "]),
        st.from_regex(r"\d{1,6}([.,]\d{1,3})?", fullmatch=True),
        st.sampled_from(["", " %", "%", " days ", " M$", "x"]),
    ),
)


@given(metric_texts)
def test_metric_parse_agrees_with_the_wins_service(text):
    try:
        expected = wins_services.metric_parse(text)
    except wins_services.WinError as error:
        with pytest.raises(parsing.InputError, match="a metric starts with a number") as caught:
            parsing.metric_parse(text)
        assert str(caught.value) == str(error)
        return
    assert parsing.metric_parse(text) == (expected.value, expected.unit)


def test_a_metric_too_large_for_a_float_is_refused():
    with pytest.raises(parsing.InputError, match="too large"):
        parsing.metric_parse("9" * 400)


def test_interaction_kinds_are_the_models_choices():
    assert list(parsing.INTERACTION_KINDS) == list(InteractionKind.values)
    assert set(parsing.INTERACTION_KIND_ALIASES.values()) <= set(InteractionKind.values)


kind_texts = st.one_of(
    st.sampled_from([*InteractionKind.values, *parsing.INTERACTION_KIND_ALIASES, "One_On_One"]),
    st.text(max_size=10),
)


@given(kind_texts)
def test_interaction_kind_parse_agrees_with_the_network_service(text):
    try:
        expected = network_services.interaction_kind_parse(text)
    except network_services.NetworkError as error:
        with pytest.raises(parsing.InputError) as caught:
            parsing.interaction_kind_parse(text)
        assert str(caught.value) == str(error)
        return
    assert parsing.interaction_kind_parse(text) == expected


def test_length_limits_are_the_models():
    assert Win._meta.get_field("title").max_length == parsing.WIN_TITLE_MAX
    assert Person._meta.get_field("name").max_length == parsing.PERSON_NAME_MAX
    skill_model = Win._meta.get_field("skills").related_model
    assert skill_model._meta.get_field("name").max_length == parsing.SKILL_NAME_MAX


@pytest.mark.parametrize("title", ["", "   ", "x" * 301])
def test_win_titles_are_refused_with_the_services_words(owner, today, title):
    with pytest.raises(wins_services.WinError) as expected:
        wins_services.win_create(owner=owner, title=title, occurred_on=today)
    with pytest.raises(parsing.InputError) as caught:
        parsing.win_title_parse(title)
    assert str(caught.value) == str(expected.value)


def test_skill_names_keep_the_first_spelling_and_drop_blanks():
    assert parsing.skill_names_parse(["  Data  eng ", "data ENG", " ", "Python"]) == {
        "data eng": "Data eng",
        "python": "Python",
    }


def test_capture_opens_sqlite_with_the_settings_pragmas():
    assert capture.SQLITE_PRAGMAS == settings.SQLITE_PRAGMAS
