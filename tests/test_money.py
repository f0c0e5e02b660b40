from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from kkpdf.money import (
    MINUS,
    NO_BREAK_SPACE,
    FigureError,
    data_figure,
    format_decimal,
    format_figure,
    format_number,
    parse_figure,
    round_ratio,
    round_to_scale,
    rounding_tolerance,
    scaled_rounding_tolerance,
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


@given(st.integers(min_value=-(10**12) + 1, max_value=10**12 - 1))
def test_format_then_parse_gives_the_figure_back(value):
    assert parse_figure(format_figure(value)) == value


@given(st.integers(min_value=-(10**12) + 1, max_value=10**12 - 1))
def test_a_figure_written_as_the_data_writes_it_reads_back_and_is_plain_ascii(value):
    # A hint's "write 'difference: -210 995'" is copied into a YAML file as it is.
    written = data_figure(value)
    assert parse_figure(written) == value
    assert written.isascii()
    assert data_figure(-210995) == "-210 995"


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


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (" 1.5 ", "'1.5' has a decimal or thousands mark; figures are whole euros with digits "
                  "grouped by spaces, e.g. -1 234 567"),
        ("1,234", "'1,234' has a decimal or thousands mark; figures are whole euros with digits "
                  "grouped by spaces, e.g. -1 234 567"),
        ("1.", "'1.' is not a figure"),
        (",5", "',5' is not a figure"),
        ("  abc ", "'abc' is not a figure"),
        (2.0, "2.0 has decimals; figures are whole euros"),
        (True, "True is not a figure"),
        (None, "None is not a figure"),
    ],
)  # fmt: skip
def test_a_cell_that_is_not_a_figure_is_told_exactly_what_it_holds(written, message):
    # The message is what the user reads at the cell: it quotes the cell, trimmed.
    with pytest.raises(FigureError) as raised:
        parse_figure(written)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("value", "written"),
    [(-1234567, "\u22121\u00a0234\u00a0567"), (1000, "1\u00a0000"), (999, "999"), (-1, "\u22121")],
)
def test_a_figure_is_written_with_a_true_minus_and_no_break_spaces(value, written):
    assert format_figure(value) == written


def test_a_figure_with_surrounding_spaces_is_read():
    assert parse_figure("  -1 000 \n") == -1000


@pytest.mark.parametrize(
    ("terms", "per_term", "tolerance"),
    [(3, "0.3", 0), (4, "0.3", 1), (2, "0.75", 1), (3, "0.75", 2), (1, "0.99", 0)],
)
def test_rounding_tolerance_is_rounded_down_for_any_per_term(terms, per_term, tolerance):
    # 0.9 € and 1.5 € and 2.25 € are rounded down: a difference is whole euros.
    assert rounding_tolerance(terms, Decimal(per_term)) == tolerance


@pytest.mark.parametrize(
    ("value", "decimals", "written"),
    [
        (Decimal("91.88"), 1, "91,9"),
        (Decimal("91.85"), 1, "91,9"),  # half rounds away from zero
        (Decimal("-91.85"), 1, "\u221291,9"),
        (Decimal("377.5"), 0, "378"),
        (Decimal("2851.2"), 0, "2\u00a0851"),
        (Decimal("1234567.891"), 2, "1\u00a0234\u00a0567,89"),
        (Decimal("-0.04"), 1, "0,0"),  # rounded to zero: no minus in front of nothing
        (Decimal("0.5"), 0, "1"),
    ],
)
def test_a_ratio_is_written_with_a_decimal_comma_grouped_and_signed(value, decimals, written):
    assert format_decimal(value, decimals) == written


@given(st.integers(-(10**12), 10**12), st.integers(0, 3))
def test_a_ratio_rounds_to_within_half_a_unit_of_its_last_place(cents, decimals):
    value = Decimal(cents) / 1000
    rounded = round_ratio(value, decimals)
    assert abs(rounded - value) <= Decimal(5) / 10 ** (decimals + 1)
    assert rounded.as_tuple().exponent == -decimals


@given(st.integers(-(10**12), 10**12))
def test_euros_in_thousands_are_off_by_at_most_half_a_thousand(euros):
    thousands = round_to_scale(euros, 1000)
    assert abs(thousands * 1000 - euros) <= 500
    assert round_to_scale(-euros, 1000) == -thousands  # symmetric: away from zero
    assert round_to_scale(euros, 1) == euros


@given(st.decimals(-(10**12), 10**12, places=2, allow_nan=False, allow_infinity=False))
def test_an_exported_amount_with_cents_is_off_by_at_most_half_a_euro(amount):
    euros = round_to_scale(amount)
    assert abs(euros - amount) <= Decimal("0.5")
    assert round_to_scale(-amount) == -euros  # symmetric: away from zero


@pytest.mark.parametrize(
    ("amount", "scale", "figure"),
    [("1987063.50", 1, 1987064), ("-1987063.50", 1, -1987064), ("0.49", 1, 0),
     ("-0.5", 1, -1), ("12345678.90", 1000, 12346), ("499.99", 1000, 0)],
)  # fmt: skip
def test_exported_amounts_round_half_away_from_zero(amount, scale, figure):
    assert round_to_scale(Decimal(amount), scale) == figure


@pytest.mark.parametrize(
    ("scales", "tolerance"),
    [([1], 0), ([1, 1], 1), ([1, 1, 1], 1), ([1000, 3, 1], 502), ([1000], 500)],
)
def test_the_tolerance_of_figures_in_thousands_adds_half_a_unit_of_each(scales, tolerance):
    assert scaled_rounding_tolerance(scales, Decimal("0.5")) == tolerance


def test_a_number_is_a_figure_or_a_ratio_by_its_type():
    assert format_number(-1234) == "\u22121\u00a0234"
    assert format_number(Decimal("12.3"), 1) == "12,3"


@pytest.mark.parametrize(
    "written", [10**12, -(10**12), "1 000 000 000 000", "-" + "9" * 5000, "0" * 20 + "1" * 13]
)
def test_a_figure_of_thirteen_digits_is_refused(written):
    with pytest.raises(FigureError, match="at most 12 digits"):
        parse_figure(written)


def test_twelve_digits_and_leading_zeros_are_a_figure():
    assert parse_figure("-999 999 999 999") == -(10**12 - 1)
    assert parse_figure("0" * 20 + "5") == 5
