"""Stage 5, layout: the document model to PDF bytes with ReportLab.

This package is the only place that imports ReportLab.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import NextPageTemplate, PageBreak, Paragraph, Spacer, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from kkpdf.hyphenation import Hyphenator
from kkpdf.layout import styles as st
from kkpdf.layout.flowables import BookParagraph, LayoutContext, chapter_flowables
from kkpdf.layout.fonts import FontProblem, FontSet, load_fonts
from kkpdf.layout.pages import BookDocTemplate, PageCountingCanvas, format_date
from kkpdf.model import Book

__all__ = ["FontProblem", "LayoutResult", "layout_document", "load_fonts"]


@dataclass(frozen=True)
class LayoutResult:
    pdf: bytes
    pages: int
    passes: int


def layout_document(book: Book, fonts: FontSet, hyphenator: Hyphenator) -> LayoutResult:
    styles = st.make_styles(fonts)
    ctx = LayoutContext(fonts, styles, hyphenator, book.info.labels)
    toc = TableOfContents(
        levelStyles=styles.toc_levels,
        dotsMinLevel=0,
        tableStyle=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.regular, 10),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    story = _cover(book, ctx)
    contents = book.info.labels.contents
    # The back of the cover stays empty, so that the contents open on a right-hand page.
    story += [
        PageBreak(),
        Spacer(1, 1),
        NextPageTemplate("odd"),
        PageBreak(),
        BookParagraph(
            escape(contents),
            styles.toc_title,
            role="TOC-title",
            span=book.info.span,
            plain=contents,
        ),
        toc,
    ]
    for chapter in book.chapters:
        story += chapter_flowables(chapter.blocks, ctx)

    buffer = io.BytesIO()
    doc = BookDocTemplate(buffer, info=book.info, fonts=fonts, toc=toc)
    canvasmaker = partial(PageCountingCanvas, page_label=book.info.labels.page, font=fonts.regular)
    passes = doc.multiBuild(story, canvasmaker=canvasmaker)
    return LayoutResult(buffer.getvalue(), doc.page, passes)


def _cover(book: Book, ctx: LayoutContext) -> list:
    info, styles = book.info, ctx.styles
    # Cover text is set whole: a title broken by a hyphen looks like a mistake.
    story = [Spacer(1, 30 * mm), Paragraph(escape(info.title), styles.cover_title)]
    if info.subtitle:
        story.append(Paragraph(escape(info.subtitle), styles.cover_subtitle))
    if info.approved is not None:
        note = info.labels.cover_note.format(date=format_date(info.approved))
        story += [Spacer(1, 120 * mm), Paragraph(escape(note), styles.cover_note)]
    return story
