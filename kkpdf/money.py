"""Figures: whole euros as `int`, read from the sources and written the Finnish way.

One rule reads a figure (see `parse_figure`); one function writes it
(`format_figure`). No floats anywhere.
"""

from __future__ import annotations

import re
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from functools import singledispatch

from kkpdf.messages import Message, tr

MINUS = "\u2212"
NO_BREAK_SPACE = "\u00a0"

# Optional minus (ASCII hyphen-minus or U+2212), then digits, either ungrouped or
# grouped in threes by a space, a no-break space or a narrow no-break space.
_FIGURE = re.compile(r"^(?P<sign>[-\u2212]?)(?P<digits>\d+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+)$")


# A budget has no figure of thirteen digits: a thousand billion euros is beyond any
# town's (or state's) budget, so a longer figure is a typing error, not a sum.
FIGURE_DIGITS = 12


class FigureError(ValueError):
    """A cell that is not a whole-euro figure; the message (a `Message`, the first
    argument) says what it holds. A caller shows the error itself as a field."""


@singledispatch
def parse_figure(value: object) -> int:
    """Read one figure: an integer, or text such as '-1 234 567' or '−5 939'."""
    raise FigureError(tr("{value} is not a figure", value=repr(value)))


def _parse_bool(value: bool) -> int:  # YAML's yes/no: a bool is an int to Python, not a figure here
    raise FigureError(tr("{value} is not a figure", value=repr(value)))


parse_figure.register(bool, _parse_bool)


def _parse_int(value: int) -> int:
    if abs(value) >= 10**FIGURE_DIGITS:
        raise FigureError(_too_large(data_figure(value)))
    return value


def _too_large(text: str) -> Message:
    shown = text if len(text) <= 40 else text[:30] + "…"
    return tr("'{text}' is too large: a figure has at most {digits} digits",
              text=shown, digits=FIGURE_DIGITS)  # fmt: skip


parse_figure.register(int, _parse_int)


def _parse_float(value: float) -> int:
    raise FigureError(tr("{value} has decimals; figures are whole euros", value=repr(value)))


parse_figure.register(float, _parse_float)


def _parse_text(value: str) -> int:
    text = value.strip()
    match = _FIGURE.match(text)
    if match is None:
        if re.search(r"\d[.,]\d", text):
            raise FigureError(
                tr(
                    "'{text}' has a decimal or thousands mark; figures are whole euros "
                    "with digits grouped by spaces, e.g. -1 234 567",
                    text=text,
                )
            )
        raise FigureError(tr("'{text}' is not a figure", text=text))
    digits = re.sub(r"\D", "", match["digits"])
    if len(digits.lstrip("0")) > FIGURE_DIGITS:  # before int(), which refuses 4 300 digits
        raise FigureError(_too_large(text))
    number = int(digits)
    return -number if match["sign"] else number


parse_figure.register(str, _parse_text)


def format_figure(value: int) -> str:
    """−1 234 567: U+2212 minus, digits grouped by no-break spaces."""
    digits = f"{abs(value):,}".replace(",", NO_BREAK_SPACE)
    return f"{MINUS}{digits}" if value < 0 else digits


def data_figure(value: int) -> str:
    """-1 234 567: a figure as the data files write it (ASCII minus, plain spaces), for a
    hint whose text is copied into a YAML file; `parse_figure` reads it back."""
    return f"{value:,}".replace(",", " ")


def rounding_tolerance(terms: int, per_term: Decimal) -> int:
    """The largest difference rounding alone explains in a sum of `terms` rounded figures.

    This is the one place where rounding is reasoned about: each published figure
    is off by at most `per_term`, so n of them by at most n × per_term, and a
    difference between whole euros can only be a whole euro.
    """
    return int((per_term * terms).to_integral_value(rounding=ROUND_FLOOR))


def scaled_rounding_tolerance(scales: list[int], per_term: Decimal) -> int:
    """`rounding_tolerance` for figures written in different units: a figure in
    thousands of euros is off by up to `per_term` thousands."""
    return int((per_term * sum(scales)).to_integral_value(rounding=ROUND_FLOOR))


def round_to_scale(value: int | Decimal, scale: int = 1) -> int:
    """Euros as a table in units of `scale` euros writes them: 12 345 678 in
    thousands is 12 346 (half a unit rounds away from zero). An amount with cents, as
    a finance system exports it, is rounded here too: 1 234,50 is 1 235 and −0,50 is −1."""
    return int((Decimal(value) / scale).to_integral_value(rounding=ROUND_HALF_UP))


def round_ratio(value: Decimal, decimals: int) -> Decimal:
    """A computed ratio as printed: half a unit of the last place rounds up (away
    from zero), as in published statistics. The one place ratios are rounded."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_decimal(value: Decimal, decimals: int) -> str:
    """−1 234,5: a figure with a decimal comma, grouped and signed as `format_figure`."""
    rounded = round_ratio(value, decimals)
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    text = format_figure(int(whole)) + ("," + fraction if decimals else "")
    return f"{MINUS}{text}" if rounded < 0 else text


def format_number(value: int | Decimal, decimals: int = 0) -> str:
    """A figure as the book prints it: whole euros, or a ratio with its decimals."""
    if isinstance(value, Decimal):
        return format_decimal(value, decimals)
    return format_figure(value)


def share_percent(part: int, whole: int) -> Decimal:
    """`part` as a percentage of `whole`, to one decimal (34.5), rounded as ratios
    are; each share is rounded by itself, so a year's shares may add up to 99.9."""
    return round_ratio(Decimal(part) * 100 / Decimal(whole), 1)


def format_percent(value: Decimal) -> str:
    """34,5 %: a decimal comma, one decimal, and a no-break space before the sign."""
    return f"{format_decimal(value, 1)}{NO_BREAK_SPACE}%"


def in_units(value: int, unit: int, decimals: int) -> Decimal:
    """Euros in units of `unit` euros (1 000, 1 000 000) to `decimals` places, half a
    unit of the last place away from zero as the tables round: the one place a
    chart's figures are scaled."""
    return round_ratio(Decimal(value) / unit, decimals)
