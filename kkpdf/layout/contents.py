"""The table of contents, made from the headings of the model in one layout pass.

Titles and levels are known before layout; each page number is a form that
the document template defines once the heading has been placed.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from kkpdf.layout.context import LayoutContext
from kkpdf.layout.markup import heading_markup
from kkpdf.layout.outline import OutlineHeading, outline_headings
from kkpdf.layout.pages import PAGE_NUMBER_WIDTH, heading_key, page_of_form
from kkpdf.layout.paragraphs import BookParagraph
from kkpdf.layout.styles import LEADER_DOTS
from kkpdf.layout.tagging import Node, Tagger
from kkpdf.model import Book
from kkpdf.walk import inline_text


class PageOf(Flowable):
    """The page of a heading or a marked place: a form filled in when the book is done."""

    def __init__(self, key: str, style: ParagraphStyle, tagger: Tagger, node: Node) -> None:
        super().__init__()
        self.key, self.style, self.tagger, self.node = key, style, tagger, node
        self.role = "Page-of"

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's signature
        return PAGE_NUMBER_WIDTH, self.style.leading

    def draw(self) -> None:
        with self.tagger.content(self.canv, self.node):
            self.canv.doForm(page_of_form(self.key))


class ContentsEntry(Flowable):
    """A line of the contents: the heading, its page at the right margin, one link.

    Title and page number belong to the entry's Link element, and so does the
    link annotation, which covers both and describes where it leads.
    """

    def __init__(self, title: BookParagraph, page: PageOf, ctx: LayoutContext,
                 node: Node, target: str) -> None:  # fmt: skip
        super().__init__()
        self.title, self.page, self.ctx, self.node, self.target = title, page, ctx, node, target
        self.role, self.span, self.plain = "TOCI", title.span, title.plain

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's signature
        _, height = self.title.wrap(availWidth - PAGE_NUMBER_WIDTH, availHeight)
        self.width, self.height = availWidth, max(height, self.page.style.leading)
        return self.width, self.height

    def getSpaceBefore(self) -> float:  # noqa: N802 - ReportLab hook
        return self.page.style.spaceBefore

    def draw(self) -> None:
        canvas, tagger = self.canv, self.ctx.tagger
        self.title.drawOn(canvas, 0, 0)
        with tagger.artifact(canvas):  # a reader has no use for the dots
            self._draw_leader()
        self.page.drawOn(canvas, self.width - PAGE_NUMBER_WIDTH, 0)
        tagger.link(canvas, self.node, self.plain, self.target,
                    (0, 0, self.width, self.height))  # fmt: skip

    def _draw_leader(self) -> None:
        """Dots from the end of the title's last line to the page-number column."""
        style, canvas = self.title.style, self.canv
        right = self.width - PAGE_NUMBER_WIDTH
        last = self.title.blPara.lines[-1]
        extra = last[0] if isinstance(last, tuple) else last.extraSpace
        end = right - style.rightIndent - extra
        dot = stringWidth(LEADER_DOTS, style.fontName, style.fontSize)
        count = int((right - end) / dot)
        if count <= 0:
            return
        canvas.saveState()
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        baseline = style.leading - style.fontSize  # of the last line, the paragraph at y 0
        canvas.drawString(right - count * dot, baseline, LEADER_DOTS * count)
        canvas.restoreState()


def _lines(book: Book) -> list[OutlineHeading]:
    return [h for h in outline_headings(book) if h.level <= book.info.contents_depth]


def _styles(book: Book, ctx: LayoutContext) -> list[ParagraphStyle]:
    """The style of each level of the contents; with parts, the parts' first."""
    styles = ctx.styles
    return [styles.toc_part, *styles.toc_levels] if book.parts else styles.toc_levels


def _style(line: OutlineHeading, styles: list[ParagraphStyle], ctx: LayoutContext):
    # A section is at the level of its chapter's subheadings, but set apart from them.
    return ctx.styles.toc_section if line.opens_section else styles[line.level - 1]


def contents_entries(book: Book, ctx: LayoutContext) -> dict[str, ParagraphStyle]:
    """Heading key → the style of its line, in book order."""
    styles = _styles(book, ctx)
    return {heading_key(line.span, book.info): _style(line, styles, ctx) for line in _lines(book)}


def contents_flowables(book: Book, ctx: LayoutContext, parent: Node) -> list[Flowable]:
    """A TOC element under `parent`, a TOCI in it for each line."""
    element = parent.add("TOC")
    styles = _styles(book, ctx)
    entries: list[Flowable] = []
    for line in _lines(book):
        style = _style(line, styles, ctx)
        key, text = heading_key(line.span, book.info), inline_text(line.children)
        link = element.add("TOCI").add("Link")
        title = BookParagraph(heading_markup(line.children, ctx), style, role="TOCI",
                              span=line.span, plain=text, node=link,
                              tagger=ctx.tagger)  # fmt: skip
        page = PageOf(key, style, ctx.tagger, link)
        entries.append(ContentsEntry(title, page, ctx, link, key))
    return entries
