"""The palette: every colour text is set in stands out from what it is set on.

WCAG 2.1 (1.4.3, contrast minimum, level AA) asks 4.5:1 for text of ordinary
size; the book's smallest text, 8 pt, gets the same. Matterhorn leaves this to a
person (checkpoint 04); these are the pairs the styles and pages use.
"""

from __future__ import annotations

import itertools

import pytest
from reportlab.lib.colors import Color, white

from kkpdf.layout import styles as st


def luminance(colour: Color) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in colour.rgb())
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(text: Color, ground: Color) -> float:
    lighter, darker = sorted((luminance(text), luminance(ground)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


PAIRS = {
    "body text": (st.INK, white),
    "table header": (st.INK, st.HEADER_FILL),
    "binding row": (st.INK, st.BINDING_FILL),
    "memo rows, running heads, notes": (st.MUTED, white),
    "memo row on a header-coloured fill": (st.MUTED, st.HEADER_FILL),
    "headings": (st.ACCENT, white),
    "cover band": (st.HEADER_FILL, st.ACCENT),
    "draft: failing cell": (st.INK, st.ERROR_FILL),
    "draft: warning cell": (st.INK, st.WARNING_FILL),
    "draft: changed cell": (st.INK, st.CHANGE_FILL),
    "draft: stamp and report": (st.DRAFT_TEXT, white),
}


@pytest.mark.parametrize("pair", PAIRS)
def test_text_has_a_contrast_of_at_least_4_5_to_1(pair):
    text, ground = PAIRS[pair]
    assert contrast(text, ground) >= 4.5


def test_the_measure_tells_a_pale_grey_from_ink():
    assert contrast(st.HAIRLINE, white) < 1.5 < 15 < contrast(st.INK, white)


def test_each_chart_colour_stands_out_from_white_as_graphics_must():
    # WCAG 2.1 (1.4.11, non-text contrast) asks 3:1 of a bar or a line.
    assert all(contrast(colour, white) >= 3 for colour in st.CHART_SERIES)


def grey(colour: Color) -> float:
    """The grey a printer or `pdftoppm -gray` makes of a colour (ITU-R BT.601 luma)."""
    red, green, blue = colour.rgb()
    return 0.299 * red + 0.587 * green + 0.114 * blue


def test_the_chart_colours_step_darker_in_greyscale_and_suffice_for_a_chart():
    from kkpdf.parse.charts import MAX_SERIES

    assert len(st.CHART_SERIES) >= max(MAX_SERIES.values())
    # In order, each darker than the one before, by luminance and by printed grey:
    # neighbouring segments of a share bar stay apart on a greyscale page.
    shades = [luminance(colour) for colour in st.CHART_SERIES]
    assert all((a + 0.05) / (b + 0.05) >= 1.3 for a, b in itertools.pairwise(shades))
    greys = [grey(colour) for colour in st.CHART_SERIES]
    assert all(a - b >= 14 / 255 for a, b in itertools.pairwise(greys))


@pytest.mark.parametrize("count", [1, 2, 3])
def test_a_chart_of_few_rows_gets_colours_far_apart(count):
    chosen = st.chart_colours(count)
    assert len(set(chosen)) == count and chosen[0] == st.CHART_SERIES[0]
    shades = [luminance(colour) for colour in chosen]
    # Half again as light as the next, as the three colours of the first charts were.
    assert all((a + 0.05) / (b + 0.05) >= 1.5 for a, b in itertools.pairwise(shades))


def test_a_label_on_a_chart_colour_is_ink_or_white_whichever_reads_at_4_5_to_1():
    for colour in st.CHART_SERIES:
        assert contrast(st.text_on(colour), colour) >= 4.5
    assert st.text_on(st.CHART_SERIES[0]) == st.INK
    assert st.text_on(st.CHART_SERIES[-1]) == white
