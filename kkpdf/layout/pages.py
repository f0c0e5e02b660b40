"""Pages: the cover, mirrored odd and even pages, running heads and "sivu X / Y".

The book is laid out once. What is only known at its end, the page total in
every footer and the page of every heading in the contents, is drawn as a named
form (a PDF XObject) where it belongs and the forms are defined when the last
page is done: ReportLab lets a form be used before it is defined.
"""

from __future__ import annotations

import datetime
import hashlib
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)

from kkpdf.diagnostics import Span
from kkpdf.files import path_in_sources
from kkpdf.interrupts import no_stop
from kkpdf.layout import styles as st
from kkpdf.layout.fit import Overflow, overflows, paragraphs
from kkpdf.layout.fonts import FontSet
from kkpdf.layout.tagging import LANGUAGE_CALLBACK, Node, Tagger
from kkpdf.model import BookInfo

HEAD_Y = st.PAGE_HEIGHT - 13 * mm
FOOT_Y = 11 * mm
PAGE_NUMBER_WIDTH = 12 * mm  # of the contents' page-number column


def heading_key(span: Span, book: BookInfo) -> str:
    """The bookmark name of the heading at this place in the sources.

    Made from the path inside the sources folder: two chapters of the same file name
    in different folders cannot share it, and a build elsewhere gives the same name.
    Hashed, so that it is safe in a link.
    """
    place = path_in_sources(span.path, book.span.path.parent)
    digest = hashlib.sha1(f"{place}:{span.line}".encode(), usedforsecurity=False)
    return f"h-{digest.hexdigest()[:12]}"


def page_label_form(page: int) -> str:
    return f"kkpdf-page-label-{page}"


def page_of_form(key: str) -> str:
    """The form that shows the page of a heading or a marked place."""
    return f"kkpdf-page-of-{key}"


def decoration_form(page: int) -> str:
    """The running head, page number and organisation of a continuation's page."""
    return f"kkpdf-decoration-{page}"


@dataclass(frozen=True)
class OutlineEntry:
    """A bookmark of the outline: its title, where it leads, its depth (0 at the top)."""

    title: str
    key: str
    level: int
    closed: bool = False


def heading_entry(title: str, span: Span, level: int, book: BookInfo) -> OutlineEntry:
    """The outline entry of a heading of `level` (1…): below the chapters, closed."""
    return OutlineEntry(title, heading_key(span, book), level - 1, closed=level > 1)


def format_date(date: datetime.date) -> str:
    return f"{date.day}.{date.month}.{date.year}"


class RightHandPage(PageBreak):
    """A page break after which the book goes on on a right-hand (odd) page: if the
    next page would be a left-hand one, it is left blank, as a book printed on both
    sides of the sheet wants before a part or a chapter.

    With `then_break=False` only the blank page is added where needed, so that the
    page after the last one is a right-hand page: the end of a part of the layout
    before the next part (see kkpdf.layout.parts).
    """

    def __init__(self, *, then_break: bool = True) -> None:
        super().__init__()
        self.then_break = then_break


class Later(Flowable):
    """Flowables made only when the layout reaches this place, from what it knows by then:
    the page of every place drawn before (a draft's report, in the order of its pages).

    Never kept together with the flowable before it (ReportLab's `locChanger`), so that
    the document template sees it and puts what `make` gives in its place.
    """

    locChanger = 1  # noqa: N815 - ReportLab's name

    def __init__(self, make: Callable[[], list[Flowable]]) -> None:
        super().__init__()
        self.make = make


def _frame(x: float, frame_id: str, height: float = st.TEXT_HEIGHT) -> Frame:
    return Frame(x, st.BOTTOM_MARGIN, st.TEXT_WIDTH, height, id=frame_id,
                 leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)  # fmt: skip


def _no_decoration(canvas: Canvas, doc: BaseDocTemplate) -> None:
    pass


class BookDocTemplate(BaseDocTemplate):
    """Odd and even pages with mirrored margins; headings feed the outline and contents."""

    def __init__(
        self,
        target: io.BytesIO,
        *,
        info: BookInfo,
        fonts: FontSet,
        late_numbers: dict[str, ParagraphStyle],
        pages_of: dict[str, int],
        tagger: Tagger,
        cover_node: Node | None = None,
        draft_stamp: str | None = None,
        checkpoint: Callable[[], None] = no_stop,
        later_headings: tuple[OutlineEntry, ...] = (),
        continuation: bool = False,
        in_parts: bool = False,
        section_keys: frozenset[str] = frozenset(),
        callbacks: Mapping[str, Callable] | None = None,
    ) -> None:
        self._checkpoint = checkpoint
        # ReportLab's <ondraw> callbacks besides the language marks: a draft's marks.
        self._callbacks = dict(callbacks or {})
        # A book laid out in parts: the headings of the parts after this one, which
        # its contents and outline name, and whether this part follows another, so
        # that its page numbers and the side of its pages are known only at the end.
        self._later_headings = later_headings
        self._continuation = continuation
        # A continuation's running heads of each page it decorates (a blank one it
        # does not), by page: for the right side, for the left.
        self._heads: dict[int, tuple[str, str]] = {}
        # The bookmark of each outline entry, in the order of the outline.
        self.outline_keys: list[str] = []
        self._tagger = tagger
        self._cover_node = cover_node  # the organisation's name on the cover
        self._info = info
        self._fonts = fonts
        # Place key → style of the line that shows its page (contents, draft reports).
        self._late_numbers = late_numbers
        self._draft_stamp = draft_stamp
        self.chapter_title = ""
        # A book in parts: its part titles are the H1s, its chapters' headings H2s;
        # the running heads name the part, and the chapter and section (an area of
        # a centre), whose first headings have the keys in `section_keys`.
        self._in_parts = in_parts
        self._section_keys = section_keys
        self.part_title = ""
        self.section_title = ""
        # Filled while laying out, drawn into the forms at the end.
        self._page_labels: list[tuple[int, float, bool]] = []  # page, x, right-aligned
        # Heading and marked-place keys → their pages, filled while laying out.
        self.pages_of = pages_of
        # The flowable being placed, to name it when ReportLab gives up on it.
        self.placing: Flowable | None = None
        self.overflows: dict[tuple[Span, str], Overflow] = {}
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
        )
        mark = self._draw_draft_mark if draft_stamp else _no_decoration
        self._odd = PageTemplate(
            "odd", [_frame(st.INNER_MARGIN, "odd")], onPage=mark, onPageEnd=self._draw_odd
        )
        self._even = PageTemplate(
            "even", [_frame(st.OUTER_MARGIN, "even")], onPage=mark, onPageEnd=self._draw_even
        )
        cover_frame = _frame(st.INNER_MARGIN, "cover", st.TEXT_HEIGHT - 40 * mm)
        front = [
            PageTemplate("cover", [cover_frame], onPage=self._draw_cover),
            PageTemplate("blank", [_frame(st.OUTER_MARGIN, "blank")], onPage=mark),
        ]
        # The first template is the first page's: a continuation opens on a body page.
        body = [self._odd, self._even]
        self.addPageTemplates(body + front if continuation else front + body)

    def lay_out(self, flowables: list[Flowable]) -> None:
        """Every page, but not yet what depends on the other parts of the book."""
        self._doSave = 0  # ReportLab's switch: build() leaves the canvas unsaved
        self.build(flowables)

    def finish(self, *, first_page: int, total: int, pages_of: dict[str, int]) -> float:
        """Define the late forms, now that the page numbers are known, and save.

        `first_page` is the book's number of this part's first page, `pages_of` the
        book's page of every place the contents name. A continuation laid its first
        page out as a right-hand one; if it is a left-hand one after all, its pages
        must move sideways by the returned distance (post-processing moves them), and
        its running heads are drawn where they belong after the move.
        """
        canvas = self.canv
        for page, x, at_right in self._page_labels:
            canvas.beginForm(page_label_form(page))
            self._page_label(page, total, x, at_right)
            canvas.endForm()
        for key, style in self._late_numbers.items():
            canvas.beginForm(page_of_form(key), 0, 0, PAGE_NUMBER_WIDTH, style.leading)
            canvas.setFont(style.fontName, style.fontSize)
            canvas.setFillColor(style.textColor)
            number = str(pages_of.get(key, ""))
            canvas.drawRightString(PAGE_NUMBER_WIDTH, style.leading - style.fontSize, number)
            canvas.endForm()
        shift = 0.0 if first_page % 2 else st.OUTER_MARGIN - st.INNER_MARGIN
        for page, (right, left) in self._heads.items():
            moved = shift if page % 2 else -shift
            canvas.beginForm(decoration_form(page))
            canvas.translate(-moved, 0)  # the page moves by `moved`; its decoration not
            number = first_page + page - 1
            outer_right = number % 2 == 1
            self._decorate_content(canvas, right if outer_right else left,
                                   outer_right, number, total)  # fmt: skip
            canvas.endForm()
        for entry in self._later_headings:
            self._add_outline_entry(entry)
        canvas.save()
        return shift

    def _page_label(self, page: int, total: int, x: float, at_right: bool) -> None:
        canvas = self.canv
        canvas.setFont(self._fonts.regular, 8)
        canvas.setFillColor(st.MUTED)
        label = self._info.labels.page.format(page=page, pages=total)
        (canvas.drawRightString if at_right else canvas.drawString)(x, FOOT_Y, label)

    def beforeDocument(self) -> None:  # noqa: N802 - ReportLab hook
        self.canv.setNamedCB(LANGUAGE_CALLBACK, self._tagger.language)
        for name, callback in self._callbacks.items():
            self.canv.setNamedCB(name, callback)

    # ReportLab's autoNextPageTemplate alternates every second page, not every page,
    # so the body pages choose their template by the parity of the page number.
    def handle_pageBegin(self) -> None:  # noqa: N802 - ReportLab hook
        if self.pageTemplate in (self._odd, self._even):
            self.pageTemplate = self._odd if (self.page + 1) % 2 else self._even
        super().handle_pageBegin()

    def handle_flowable(self, flowables) -> None:
        self._checkpoint()  # between two flowables: a safe place to stop
        if flowables and isinstance(flowables[0], RightHandPage):
            flowables[0:1] = self._to_right_hand_page(flowables[0].then_break)
        elif flowables and isinstance(flowables[0], Later):
            flowables[0:1] = flowables[0].make()
        if not flowables:  # the book ends, on a left-hand page already, or with nothing
            return
        self.placing = flowables[0]
        super().handle_flowable(flowables)

    def _to_right_hand_page(self, then_break: bool) -> list[Flowable]:
        """What brings the book to a right-hand page after this one, now that its side
        is known: a blank page first if this one is a right-hand page. (A page is
        blank on the template without decoration; a spacer gives it content, as
        ReportLab takes a run of empty pages for a layout that is stuck.)"""
        blank = [NextPageTemplate("blank"), PageBreak(), Spacer(1, 1), NextPageTemplate("odd")]
        return (blank if self.page % 2 else []) + ([PageBreak()] if then_break else [])

    # --- outline and contents -----------------------------------------------------

    def _add_outline_entry(self, entry: OutlineEntry) -> None:
        # A continuation's outline is not the book's: the first part's names every
        # entry. ReportLab also refuses one that begins below the top level, as the
        # continuation of a book in parts may, with a chapter inside a part.
        if not (self._continuation and self._in_parts):
            self.canv.addOutlineEntry(entry.title, entry.key, level=entry.level,
                                      closed=entry.closed)  # fmt: skip
        self.outline_keys.append(entry.key)

    def afterFlowable(self, flowable) -> None:  # noqa: N802 - ReportLab hook
        for paragraph in paragraphs(flowable):
            for overflow in overflows(paragraph):
                self.overflows.setdefault((overflow.span, overflow.word), overflow)
        role = getattr(flowable, "role", "")
        if role == "Report":  # a draft's report: in the outline, not in the contents
            key = f"kkpdf-report-{flowable.plain}"
            self.canv.bookmarkPage(key)
            self._add_outline_entry(OutlineEntry(flowable.plain, key, 0))
            self.chapter_title = flowable.plain
            self.part_title = self.section_title = ""  # a report is in no part
            return
        if role == "TOC-title":
            self.canv.showOutline()
            self.canv.bookmarkPage("contents")
            self.pages_of["contents"] = self.page
            self._add_outline_entry(OutlineEntry(flowable.plain, "contents", 0, closed=True))
            # Where the later parts' headings will be; post-processing points them there.
            for entry in self._later_headings:
                self.canv.bookmarkPage(entry.key)
            return
        if not (role.startswith("H") and role[1:].isdigit()):
            return
        level = int(role[1:])
        entry = heading_entry(flowable.plain, flowable.span, level, self._info)
        self.canv.bookmarkPage(entry.key)
        self._add_outline_entry(entry)
        if self._in_parts and level == 1:
            self.part_title, self.chapter_title, self.section_title = flowable.plain, "", ""
        elif level == 1 + self._in_parts:
            self.chapter_title, self.section_title = flowable.plain, ""
        elif entry.key in self._section_keys:
            self.section_title = flowable.plain
        self.pages_of[entry.key] = self.page

    # --- page decoration ----------------------------------------------------------

    def _draw_draft_mark(self, canvas: Canvas, doc) -> None:
        """Across every page, under the text; and the build time at the foot."""
        with self._tagger.artifact(canvas, "Pagination", "Watermark"):
            self._draw_draft_mark_content(canvas)

    def _draw_draft_mark_content(self, canvas: Canvas) -> None:
        canvas.saveState()
        canvas.setFillColor(st.DRAFT_MARK)
        canvas.setFont(self._fonts.bold, 110)
        canvas.translate(st.PAGE_WIDTH / 2, st.PAGE_HEIGHT / 2)
        canvas.rotate(55)
        canvas.drawCentredString(0, -40, self._info.labels.draft)
        canvas.restoreState()
        canvas.saveState()
        canvas.setFont(self._fonts.bold, 8)
        canvas.setFillColor(st.DRAFT_TEXT)
        canvas.drawCentredString(st.PAGE_WIDTH / 2, FOOT_Y, self._draft_stamp or "")
        canvas.restoreState()

    def _draw_cover(self, canvas: Canvas, doc) -> None:
        if self._draft_stamp:
            self._draw_draft_mark(canvas, doc)
        canvas.saveState()
        with self._tagger.artifact(canvas):
            canvas.setFillColor(st.ACCENT)
            canvas.rect(0, st.PAGE_HEIGHT - 62 * mm, st.PAGE_WIDTH, 62 * mm, stroke=0, fill=1)
        with self._tagger.content(canvas, self._cover_node):
            canvas.setFillColor(st.HEADER_FILL)
            canvas.setFont(self._fonts.bold, 16)
            canvas.drawString(
                st.INNER_MARGIN, st.PAGE_HEIGHT - 38 * mm, self._info.labels.organisation
            )
        canvas.restoreState()

    def _decorate(self, canvas: Canvas, head: str, outer_right: bool) -> None:
        """Running head and page number on the outer edge, organisation on the inner."""
        with self._tagger.artifact(canvas, "Pagination"):
            if self._continuation:  # which side is outer is known at the end
                self._heads[self.page] = (self._right_head(), self._left_head())
                canvas.doForm(decoration_form(self.page))
            else:
                self._decorate_content(canvas, head, outer_right, self.page)

    def _decorate_content(self, canvas: Canvas, head: str, outer_right: bool, page: int,
                          total: int | None = None) -> None:  # fmt: skip
        """The decoration of `page`; its label is a late form unless `total` is known."""
        left = st.INNER_MARGIN if outer_right else st.OUTER_MARGIN
        right = left + st.TEXT_WIDTH
        outer, inner = (right, left) if outer_right else (left, right)
        canvas.saveState()
        canvas.setFont(self._fonts.regular, 8)
        canvas.setFillColor(st.MUTED)
        for text, x, y, at_right in (
            (head, outer, HEAD_Y, outer_right),
            (self._info.labels.organisation, inner, FOOT_Y, not outer_right),
        ):
            (canvas.drawRightString if at_right else canvas.drawString)(x, y, text)
        if total is None:
            canvas.doForm(page_label_form(page))  # "sivu X / Y", Y known at the end
            self._page_labels.append((page, outer, outer_right))
        else:
            self._page_label(page, total, outer, outer_right)
        canvas.setStrokeColor(st.HAIRLINE)
        canvas.setLineWidth(0.5)
        canvas.line(left, HEAD_Y - 2.5 * mm, right, HEAD_Y - 2.5 * mm)
        canvas.restoreState()

    def _right_head(self) -> str:
        """The running head of a right-hand page: the chapter (and the section of the
        chapter, in a book of parts: an area's page names its centre)."""
        if self.section_title and self.chapter_title:
            return f"{self.chapter_title} – {self.section_title}"
        return self.chapter_title or self.part_title or self._info.title

    def _left_head(self) -> str:
        """The running head of a left-hand page: the part, or the book; on a section's
        pages the part and the chapter, so that every page of an area names its centre."""
        if self.section_title and self.part_title and self.chapter_title:
            return f"{self.part_title} – {self.chapter_title}"
        return self.part_title or self._info.title

    def _draw_odd(self, canvas: Canvas, doc) -> None:
        self._decorate(canvas, self._right_head(), outer_right=True)

    def _draw_even(self, canvas: Canvas, doc) -> None:
        self._decorate(canvas, self._left_head(), outer_right=False)
