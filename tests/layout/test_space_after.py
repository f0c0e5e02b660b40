"""The gap after a table never opens a page of its own."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

from kkpdf.layout.tables import SpaceAfter

STYLE = ParagraphStyle("p", fontSize=10, leading=12, spaceAfter=6)


def pages(gap: Spacer, fill: float) -> int:
    """A page filled to `fill` points short of its foot, a paragraph, the gap, then a
    chapter that opens a new page."""
    doc = SimpleDocTemplate(io.BytesIO())
    room = doc.height - 12  # the frame's padding is 6 points at the top and the foot
    story = [Spacer(1, room - fill - 12), Paragraph("foot", STYLE), gap, PageBreak(),
             Paragraph("chapter", STYLE)]  # fmt: skip
    doc.build(story)
    return doc.page


@pytest.mark.parametrize("fill", [0, 3, 6])
def test_a_gap_that_does_not_fit_is_dropped_rather_than_opening_a_blank_page(fill):
    assert pages(Spacer(1, 8), fill) == 3  # what a plain spacer does
    assert pages(SpaceAfter(1, 8), fill) == 2


def test_a_gap_that_fits_is_kept():
    assert pages(SpaceAfter(1, 8), 40) == 2
