"""Amounts as Finnish exports write them in text: `−1 234 567,89`, `1234,5`, `-12`.

A minus (ASCII or U+2212), digits grouped in threes by spaces or no-break spaces or
not at all, and a decimal comma. Text that is not such a number is not guessed at:
a point is a thousands mark in some systems and a decimal mark in others.
"""

from __future__ import annotations

import re
from decimal import Decimal

# Spaces a number may be grouped by: a space, a no-break space, a narrow no-break space.
_GROUPING = " \u00a0\u202f"
_AMOUNT = re.compile(
    rf"(?P<sign>[-\u2212+]?)\s*(?P<whole>\d{{1,3}}(?:[{_GROUPING}]\d{{3}})+|\d+)"
    r"(?:,(?P<fraction>\d+))?"
)
# No amount of a budget has more digits than this (see money.FIGURE_DIGITS): a longer
# one is not read, before Decimal is asked to hold it.
AMOUNT_DIGITS = 18


def parse_amount(text: str) -> Decimal | None:
    """The number `text` writes, or None where it writes none."""
    match = _AMOUNT.fullmatch(text.strip(_GROUPING + "\t"))
    if match is None:
        return None
    whole = re.sub(r"\D", "", match["whole"])
    fraction = match["fraction"] or ""
    if len(whole) + len(fraction) > AMOUNT_DIGITS:
        return None
    number = Decimal(f"{whole}.{fraction}" if fraction else whole)
    return -number if match["sign"] in ("-", "\u2212") else number
