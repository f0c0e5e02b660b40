from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kkpdf.money import (
    MINUS,
    NO_BREAK_SPACE,
    FigureError,
    format_figure,
    parse_figure,
    rounding_tolerance,
)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        (30782, 30782),
        ("30 782", 30782),
        ("-1 778 668", -1778668),
        ("−5 939", -5939),
        ("3\u00a0525\u00a0680", 3525680),
        ("1\u202f000", 1000),
        ("0", 0),
        ("-1778668", -1778668),
    ],
)
def test_parse_figure_accepts_the_documented_forms(written, value):
    assert parse_figure(written) == value


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("1.234,00", "decimal or thousands mark"),
        ("1,5", "decimal or thousands mark"),
        (2.5, "has decimals"),
        ("12 34", "is not a figure"),
        ("1 0000", "is not a figure"),
        ("--5", "is not a figure"),
        ("abc", "is not a figure"),
        (True, "is not a figure"),
        ([1], "is not a figure"),
    ],
)
def test_parse_figure_rejects_everything_else(written, message):
    with pytest.raises(FigureError, match=message):
        parse_figure(written)


def test_format_figure_uses_minus_sign_and_no_break_spaces():
    assert format_figure(-4012300) == f"{MINUS}4{NO_BREAK_SPACE}012{NO_BREAK_SPACE}300"
    assert format_figure(95) == "95"
    assert format_figure(0) == "0"


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_format_then_parse_gives_the_figure_back(value):
    assert parse_figure(format_figure(value)) == value


@given(st.text(alphabet=st.sampled_from(list("0123456789 -−.,\u00a0\u202fx")), max_size=16))
def test_a_figure_read_from_text_has_exactly_its_digits_and_sign(text):
    try:
        value = parse_figure(text)
    except FigureError:
        return
    assert str(abs(value)) == str(int(re.sub(r"\D", "", text)))
    assert (value < 0) == (text.strip()[0] in "-−" and value != 0)


@pytest.mark.parametrize("written", ["1234 567", "12 3456", "1 234 56", " 1 234 5678", "1  234"])
def test_a_group_of_other_than_three_digits_is_not_a_figure(written):
    with pytest.raises(FigureError, match="is not a figure"):
        parse_figure(written)


@pytest.mark.parametrize(
    ("terms", "tolerance"),
    [(1, 0), (2, 1), (3, 1), (4, 2), (5, 2), (6, 3), (7, 3)],
)
def test_rounding_tolerance_is_half_a_euro_a_term_rounded_down(terms, tolerance):
    """Each rounded figure is off by at most 0.50 €, and a difference is whole euros:
    three terms explain 1 €, not 2 (1.5 rounded down, never half to even)."""
    assert rounding_tolerance(terms, Decimal("0.5")) == tolerance
    assert rounding_tolerance(terms, Decimal("1")) == terms
