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


def test_the_chart_colours_differ_in_greyscale_and_suffice_for_a_chart():
    from kkpdf.parse.charts import MAX_SERIES

    assert len(st.CHART_SERIES) >= MAX_SERIES
    ordered = sorted(luminance(colour) for colour in st.CHART_SERIES)
    # Each lighter than the one before by half again: apart when printed in grey.
    assert all((b + 0.05) / (a + 0.05) >= 1.5 for a, b in itertools.pairwise(ordered))
