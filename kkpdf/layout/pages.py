"""Pages: the cover, mirrored odd and even pages, running heads and "sivu X / Y".

The total page count is only known when the last page is done, so the canvas
keeps every finished page and writes the page numbers when the file is saved.
"""

from __future__ import annotations

import datetime
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.tableofcontents import TableOfContents

from kkpdf.layout import styles as st
from kkpdf.layout.fonts import FontSet
from kkpdf.model import BookInfo

HEAD_Y = st.PAGE_HEIGHT - 13 * mm
FOOT_Y = 11 * mm
TOC_DEPTH = 3


def format_date(date: datetime.date) -> str:
    return f"{date.day}.{date.month}.{date.year}"


class PageCountingCanvas(Canvas):
    """Holds each finished page until save(), then stamps "sivu X / Y" on it."""

    def __init__(self, *args, page_label: str, font: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._finished_pages: list[dict] = []
        self._page_label = page_label
        self._footer_font = font
        # Set by the page template: the x of the page number and its alignment, or None.
        self.page_number_at: tuple[float, str] | None = None

    def showPage(self) -> None:  # noqa: N802 - ReportLab's name
        self._finished_pages.append(dict(self.__dict__))
        self._startPage()
        self.page_number_at = None

    def save(self) -> None:
        total = len(self._finished_pages)
        for state in self._finished_pages:
            self.__dict__.update(state)
            if self.page_number_at is not None:
                x, align = self.page_number_at
                text = self._page_label.format(page=self._pageNumber, pages=total)
                self.setFont(self._footer_font, 8)
                self.setFillColor(st.MUTED)
                if align == "right":
                    self.drawRightString(x, FOOT_Y, text)
                else:
                    self.drawString(x, FOOT_Y, text)
            super().showPage()
        super().save()


class BookDocTemplate(BaseDocTemplate):
    """Odd and even pages with mirrored margins; headings feed the outline and contents."""

    def __init__(
        self, target, *, info: BookInfo, fonts: FontSet, toc: TableOfContents, **kwargs
    ) -> None:
        self._info = info
        self._fonts = fonts
        self._toc = toc
        self.chapter_title = ""
        super().__init__(
            target,
            pagesize=(st.PAGE_WIDTH, st.PAGE_HEIGHT),
            title=info.title,
            author=info.author,
            subject=info.subject,
            keywords=", ".join(info.keywords),
            creator="kkpdf",
            lang=info.language,
            displayDocTitle=1,
            invariant=1,
            initialFontName=fonts.regular,
            **kwargs,
        )
        odd = Frame(
            st.INNER_MARGIN,
            st.BOTTOM_MARGIN,
            st.TEXT_WIDTH,
            st.TEXT_HEIGHT,
            id="odd",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        even = Frame(
            st.OUTER_MARGIN,
            st.BOTTOM_MARGIN,
            st.TEXT_WIDTH,
            st.TEXT_HEIGHT,
            id="even",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        cover = Frame(
            st.INNER_MARGIN,
            st.BOTTOM_MARGIN,
            st.TEXT_WIDTH,
            st.TEXT_HEIGHT - 40 * mm,
            id="cover",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate(
                    "cover", [cover], onPage=self._draw_cover, autoNextPageTemplate="blank"
                ),
                PageTemplate("blank", [even], autoNextPageTemplate="odd"),
                PageTemplate("odd", [odd], onPageEnd=self._draw_odd, autoNextPageTemplate="even"),
                PageTemplate("even", [even], onPageEnd=self._draw_even, autoNextPageTemplate="odd"),
            ]
        )

    # --- outline and contents -----------------------------------------------------

    def afterFlowable(self, flowable) -> None:  # noqa: N802 - ReportLab hook
        role = getattr(flowable, "role", "")
        if role == "TOC-title":
            self.canv.bookmarkPage("contents")
            self.canv.addOutlineEntry(flowable.plain, "contents", level=0, closed=True)
            return
        if not (role.startswith("H") and role[1:].isdigit()):
            return
        level = int(role[1:])
        key = f"{flowable.span.path.name}:{flowable.span.line}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.plain, key, level=level - 1, closed=level > 1)
        if level == 1:
            self.chapter_title = flowable.plain
        if level <= TOC_DEPTH:
            self.notify("TOCEntry", (level - 1, escape(flowable.plain), self.page, key))

    # --- page decoration ----------------------------------------------------------

    def _draw_cover(self, canvas: Canvas, doc) -> None:
        canvas.saveState()
        canvas.setFillColor(st.ACCENT)
        canvas.rect(0, st.PAGE_HEIGHT - 62 * mm, st.PAGE_WIDTH, 62 * mm, stroke=0, fill=1)
        canvas.setFillColor(st.HEADER_FILL)
        canvas.setFont(self._fonts.bold, 16)
        canvas.drawString(st.INNER_MARGIN, st.PAGE_HEIGHT - 38 * mm, self._info.labels.organisation)
        canvas.restoreState()

    def _running_head(self, canvas: Canvas, text: str, x: float, align: str) -> None:
        canvas.saveState()
        canvas.setFont(self._fonts.regular, 8)
        canvas.setFillColor(st.MUTED)
        (canvas.drawRightString if align == "right" else canvas.drawString)(x, HEAD_Y, text)
        canvas.setStrokeColor(st.HAIRLINE)
        canvas.setLineWidth(0.5)
        left = st.INNER_MARGIN if align == "right" else st.OUTER_MARGIN
        canvas.line(left, HEAD_Y - 2.5 * mm, left + st.TEXT_WIDTH, HEAD_Y - 2.5 * mm)
        # The organisation stands on the inner side of the foot, the page number outside.
        foot = self._info.labels.organisation
        if align == "right":
            canvas.drawString(left, FOOT_Y, foot)
        else:
            canvas.drawRightString(left + st.TEXT_WIDTH, FOOT_Y, foot)
        canvas.restoreState()

    def _draw_odd(self, canvas: Canvas, doc) -> None:
        right = st.INNER_MARGIN + st.TEXT_WIDTH
        self._running_head(canvas, self.chapter_title or self._info.title, right, "right")
        canvas.page_number_at = (right, "right")

    def _draw_even(self, canvas: Canvas, doc) -> None:
        self._running_head(canvas, self._info.title, st.OUTER_MARGIN, "left")
        canvas.page_number_at = (st.OUTER_MARGIN, "left")
