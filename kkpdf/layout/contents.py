"""The table of contents, made from the headings of the model in one layout pass.

Titles and levels are known before layout; each page number is a form that
the document template defines once the heading has been placed.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, TableStyle

from kkpdf.layout import styles as st
from kkpdf.layout.flowables import BookParagraph, BookTable, LayoutContext
from kkpdf.layout.pages import PAGE_NUMBER_WIDTH, TOC_DEPTH, heading_key, page_of_form
from kkpdf.layout.text import escape_markup
from kkpdf.model import Book, Heading
from kkpdf.walk import inline_text


class PageOf(Flowable):
    """The page of a heading or a marked place: a form filled in when the book is done."""

    def __init__(self, key: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.key = key
        self.style = style
        self.role = "Page-of"

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's signature
        return PAGE_NUMBER_WIDTH, self.style.leading

    def draw(self) -> None:
        self.canv.doForm(page_of_form(self.key))


def contents_entries(book: Book, ctx: LayoutContext) -> dict[str, ParagraphStyle]:
    """Heading key → the style of its line, in book order."""
    return {
        heading_key(block.span, book.info): ctx.styles.toc_levels[block.level - 1]
        for chapter in book.chapters
        for block in chapter.blocks
        if isinstance(block, Heading) and block.level <= TOC_DEPTH
    }


def contents_table(book: Book, ctx: LayoutContext) -> Flowable:
    rows, commands = (
        [],
        [
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            # Without a FONT command the table's default, Helvetica, would leak in unembedded.
            ("FONT", (0, 0), (-1, -1), ctx.fonts.regular, 10),
        ],
    )
    headings = [
        block
        for chapter in book.chapters
        for block in chapter.blocks
        if isinstance(block, Heading) and block.level <= TOC_DEPTH
    ]
    for index, heading in enumerate(headings):
        style = ctx.styles.toc_levels[heading.level - 1]
        key, text = heading_key(heading.span, book.info), inline_text(heading.children)
        title = BookParagraph(
            f'<a href="#{escape_markup(key)}">{escape_markup(text)}</a>',
            style,
            role="TOCI",
            span=heading.span,
            plain=text,
        )
        rows.append([title, PageOf(key, style)])
        commands.append(("TOPPADDING", (0, index), (-1, index), style.spaceBefore))
    if not rows:
        rows = [["", ""]]
    widths = [st.TEXT_WIDTH - PAGE_NUMBER_WIDTH, PAGE_NUMBER_WIDTH]
    return BookTable(rows, role="TOC", span=book.info.span, colWidths=widths,
                     style=TableStyle(commands), hAlign="LEFT")  # fmt: skip
