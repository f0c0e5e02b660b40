"""What does not fit: words wider than their column, blocks taller than a page.

ReportLab draws a word that is too wide past the edge of its column without a
word, and stops a whole build with a LayoutError naming an object address for a
block taller than a page. Both are turned into diagnostics at the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import singledispatch

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table

from kkpdf.diagnostics import Span
from kkpdf.layout.text import unescape_markup

# Where a line may break: spaces, soft hyphens, and after a written hyphen.
_BREAKS = re.compile(r"[ \u00ad]|(?<=[-–])")
_TOLERANCE = 0.5  # points: ReportLab's own rounding
WIDEST_GLYPH_EM = 1.4


@dataclass(frozen=True)
class Overflow:
    """A word wider than its column with no place to break."""

    span: Span
    word: str
    width: float  # of the column, in points


@singledispatch
def paragraphs(flowable: Flowable) -> Iterator[Paragraph]:
    """The paragraphs in a flowable as drawn: itself, its table cells, its list items."""
    for child in getattr(flowable, "_flowables", None) or getattr(flowable, "_content", ()):
        yield from paragraphs(child)


def _paragraph_itself(flowable: Paragraph) -> Iterator[Paragraph]:
    yield flowable


paragraphs.register(Paragraph, _paragraph_itself)


def _table_cell_paragraphs(flowable: Table) -> Iterator[Paragraph]:
    for row in flowable._cellvalues:
        for cell in row:
            # A cell holds a string, a flowable, or a list of flowables.
            for item in cell if isinstance(cell, list | tuple) else (cell,):
                if isinstance(item, Flowable):
                    yield from paragraphs(item)


paragraphs.register(Table, _table_cell_paragraphs)


def _slack(line) -> float:
    """The room left on a broken line; negative when it sticks out."""
    return line[0] if isinstance(line, tuple) else line.extraSpace


def overflows(paragraph: Paragraph) -> Iterator[Overflow]:
    """Pieces of the paragraph's text that no line break can bring within its width."""
    width = getattr(paragraph, "width", None)
    span = getattr(paragraph, "span", None)
    if width is None or span is None:
        return  # never wrapped, or not made from the sources
    lines = getattr(paragraph, "blPara", None)
    if lines is not None and all(_slack(line) >= -_TOLERANCE for line in lines.lines):
        return  # every line fits, so no piece of it sticks out
    if paragraph.text is None:  # a piece ReportLab split off: its lines say what it holds
        text = "".join(
            " ".join(line[1]) if isinstance(line, tuple)
            else "".join(getattr(word, "text", "") for word in line.words)
            for line in paragraph.blPara.lines
        )  # fmt: skip
    else:
        text = unescape_markup(re.sub(r"<[^>]+>", "", paragraph.text))
    style = paragraph.style
    # No glyph of Lato is wider than 1.4 em (the widest is 1.38), so a piece of n
    # characters that fits in n × 1.4 em needs no measuring.
    shortest = int(width / (style.fontSize * WIDEST_GLYPH_EM))
    for piece in _BREAKS.split(text):
        if len(piece) <= shortest:
            continue
        if stringWidth(piece, style.fontName, style.fontSize) > width + _TOLERANCE:
            yield Overflow(span, piece.replace("\u00ad", ""), width)


def origin(flowable: Flowable | None) -> tuple[Span | None, str]:
    """The source span and role of a flowable, or of the first part of a group."""
    if flowable is None:
        return None, ""
    heights = getattr(flowable, "_rowHeights", None)
    if isinstance(flowable, Table) and heights:
        # The table's tallest row is the one that did not fit; name its own source.
        tallest = max(range(len(heights)), key=heights.__getitem__)
        for cell in flowable._cellvalues[tallest]:
            for item in cell if isinstance(cell, list | tuple) else (cell,):
                span = getattr(item, "span", None)
                if span is not None:
                    return span, "TableRow"
    span = getattr(flowable, "span", None)
    if span is not None:
        return span, getattr(flowable, "role", "")
    for child in getattr(flowable, "_content", ()):
        span, role = origin(child)
        if span is not None:
            return span, role
    return None, ""
