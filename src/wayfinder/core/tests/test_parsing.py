"""The Django-free parsers (shared by quick capture and the services) follow the models."""

from __future__ import annotations

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from wayfinder.cli import capture
from wayfinder.core import parsing
from wayfinder.core.metrics import metric_format
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
        st.sampled_from(["", " %", "%", " days ", " M$", "x", "k per year", " → 4 %"]),
    ),
)


@given(metric_texts)
def test_metric_parse_agrees_with_the_wins_service(text):
    try:
        expected = wins_services.metric_parse(text)
    except wins_services.WinError as error:
        with pytest.raises(parsing.InputError, match=r"^a metric") as caught:
            parsing.metric_parse(text)
        assert str(caught.value) == str(error)
        return
    assert parsing.metric_parse(text) == (
        expected.value,
        expected.unit,
        expected.baseline,
        expected.period,
    )


@pytest.mark.parametrize(
    ("text", "value", "unit", "baseline", "period"),
    [
        ("30 %", 30.0, "%", None, ""),
        ("30%", 30.0, "%", None, ""),
        ("+4", 4.0, "", None, ""),
        ("-15 days", -15.0, "days", None, ""),
        ("1,5 days", 1.5, "days", None, ""),
        ("1,200 users", 1200.0, "users", None, ""),
        ("$400k per year", 400_000.0, "$", None, "per year"),
        ("50K+", 50_000.0, "+", None, ""),
        ("€1.2M", 1_200_000.0, "€", None, ""),
        ("from 3.8 to 4.5", 4.5, "", 3.8, ""),
        ("From 12 % to 30 % per quarter", 30.0, "%", 12.0, "per quarter"),
        ("from $2.7M to $4.1M", 4_100_000.0, "$", 2_700_000.0, ""),
        ("from 2.7 to 4.1 $M", 4_100_000.0, "$", 2_700_000.0, ""),
        ("from $900k to $1.2M ARR", 1_200_000.0, "$ ARR", 900_000.0, ""),
        ("3.8 → 4.5 %", 4.5, "%", 3.8, ""),
        ("1.2 M$", 1_200_000.0, "$", None, ""),
        ("380 k$", 380_000.0, "$", None, ""),
        ("1.20 M ARR", 1_200_000.0, "ARR", None, ""),
        ("-$380k", -380_000.0, "$", None, ""),
        ("£64k a year", 64_000.0, "£", None, "a year"),
        ("12 days/quarter", 12.0, "days", None, "per quarter"),
        ("5 km/h", 5.0, "km/h", None, ""),
        ("30 kids", 30.0, "kids", None, ""),
        ("2x", 2.0, "x", None, ""),
    ],
)
def test_metric_parse_reads_metrics_as_people_write_them(text, value, unit, baseline, period):
    assert parsing.metric_parse(text) == (value, unit, baseline, period)


@pytest.mark.parametrize(
    ("text", "refusal"),
    [
        ("", "starts with a number"),
        ("about 30", "starts with a number"),
        ("%30", "starts with a number"),
        ("from lots to 4", "starts with a number"),
        ("from 3 days to 5 %", "in one unit"),
        ("from €3 to $5", "in one unit"),
        ("30\n%", "one line"),
        ("1 " + "x" * 31, "unit under 30"),
        ("1 per " + "x" * 100, "period under 100"),
        ("1" + " " * 1000, "under 1,000 characters"),
    ],
)
def test_metric_parse_refuses_what_it_cannot_read(text, refusal):
    with pytest.raises(parsing.InputError, match=refusal):
        parsing.metric_parse(text)


@pytest.mark.parametrize(
    ("value", "unit", "baseline", "period", "shown"),
    [
        (1.2, "M$", None, "", "$1.2M"),
        (1_200_000, "$", None, "", "$1.2M"),
        (45.6, "%", None, "", "45.6 %"),
        (45.60, "%", None, "", "45.6 %"),
        (380, "k$", None, "", "$380k"),
        (380_000, "$", None, "", "$380k"),
        (4.1, "$M", 2.7, "", "from $2.7M to $4.1M"),
        (4_100_000, "$", 2_700_000, "per year", "from $2.7M to $4.1M per year"),
        (1.2, "M ARR", None, "", "1.2M ARR"),
        (50_000, "+", None, "", "50k+"),
        (1_500, "leads", None, "", "1,500 leads"),
        (45_000, "users", None, "", "45k users"),
        (-15, "days", None, "", "-15 days"),
        (-380_000, "$", None, "", "-$380k"),
        (12.5, "$", None, "", "$12.5"),
        (999_999, "$", None, "", "$1M"),
        (2, "x", None, "", "2x"),
        (1250, "EUR", 1000, "", "from 1,000 EUR to 1,250 EUR"),
        (0.004, "%", None, "", "0.004 %"),
        (3, "", None, "", "3"),
    ],
)
def test_metric_format_shows_numbers_as_people_write_them(value, unit, baseline, period, shown):
    assert metric_format(value, unit, baseline, period) == shown


@pytest.mark.parametrize(
    "text", ["$400k per year", "50K+", "€1.2M", "from 3.8 to 4.5", "from $2.7M to $4.1M"]
)
def test_what_is_read_shows_as_it_was_written(text):
    assert metric_format(*parsing.metric_parse(text)) == text.replace("K", "k")


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
    # A capture is durable by SQLite's own flush in its COMMIT; the web's backend, by
    # its flush after the commit (core/sqlite_backend).
    assert capture.SQLITE_PRAGMAS == {**settings.SQLITE_PRAGMAS, "synchronous": "FULL"}
