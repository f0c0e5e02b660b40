"""The Finnish number parser of the CSV reader: what a Finnish export writes, read back."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from kkpdf.importing.numbers import parse_amount

MINUSES = st.sampled_from(["-", "\u2212"])
GROUPING = st.sampled_from(["", " ", "\u00a0", "\u202f"])


def finnish(number: Decimal, minus: str, grouping: str) -> str:
    """`number` as a Finnish export writes it: grouped, a decimal comma, a minus."""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", grouping)
    return (minus if number < 0 else "") + grouped + ("," + fraction if fraction else "")


@given(st.integers(-(10**15), 10**15), MINUSES, GROUPING)
def test_a_whole_number_reads_back(number, minus, grouping):
    assert parse_amount(finnish(Decimal(number), minus, grouping)) == number


@given(st.decimals(-(10**12), 10**12, places=2, allow_nan=False, allow_infinity=False),
       MINUSES, GROUPING)  # fmt: skip
def test_a_decimal_number_reads_back_exactly(number, minus, grouping):
    text = finnish(number, minus, grouping)
    read = parse_amount(text)
    assert read == number
    assert isinstance(read, Decimal)


@given(st.text(alphabet="0123456789 ,.-\u2212\u00a0x", max_size=20))
def test_any_text_is_a_number_or_none_and_never_raises(text):
    read = parse_amount(text)
    assert read is None or isinstance(read, Decimal)


@pytest.mark.parametrize(
    "text",
    ["1.234,56", "1,234.56", "12 34", "1 2345", "1,2,3", "--5", "5-", "", "-", ",5", "x1",
     "1e5", "1" * 19],
)  # fmt: skip
def test_what_is_not_a_finnish_number_is_not_guessed_at(text):
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    ("text", "number"),
    [("1 987 063,50", Decimal("1987063.50")), ("\u22125\u00a0939", Decimal(-5939)),
     (" 12 ", Decimal(12)), ("+7", Decimal(7)), ("0,5", Decimal("0.5")), ("-0", Decimal(0))],
)  # fmt: skip
def test_examples(text, number):
    assert parse_amount(text) == number
