"""Stage 5, layout: the entry, `layout_document`, and the book's front matter."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    NextPageTemplate,
    PageBreak,
    Spacer,
)
from reportlab.platypus.doctemplate import LayoutError

from kkpdf.diagnostics import DiagnosticSink, Rule, Span, StageFailed
from kkpdf.interrupts import no_stop
from kkpdf.language.hyphenation import Hyphenation
from kkpdf.layout import styles as st
from kkpdf.layout.contents import contents_entries, contents_flowables
from kkpdf.layout.context import REMOVED_CALLBACK, LayoutContext
from kkpdf.layout.fit import origin
from kkpdf.layout.flowables import chapter_flowables
from kkpdf.layout.fonts import FontSet
from kkpdf.layout.pages import (
    BookDocTemplate,
    Later,
    OutlineEntry,
    RightHandPage,
    format_date,
    heading_key,
)
from kkpdf.layout.paragraphs import BookParagraph
from kkpdf.layout.parts import (
    MINIMUM_WEIGHT,
    Part as LayoutPart,
    PartLayout,
    PartPdf,
    joined_pages_of,
    later_headings,
    run_parts,
    split_point,
)
from kkpdf.layout.tagging import Node
from kkpdf.layout.text import escape_markup
from kkpdf.messages import language_of_book, tr
from kkpdf.model import Book, Heading, Part
from kkpdf.structure import Element, JoinedPart, Navigation, Structure, shifted

if TYPE_CHECKING:  # a draft's, imported only when a draft is made
    from kkpdf.proof.draft import DraftMarks

# The rules this module reports.
TOO_TALL = Rule("layout.too-tall")
TOO_WIDE = Rule("layout.too-wide")

# What is taller than a page, by the role of its structure element ("" for any other).
TOO_TALL_MESSAGES = {
    "TableRow": tr("this table row is taller than a page, so it cannot be laid out"),
    "Table": tr("a row of this table is taller than a page, so it cannot be laid out"),
    "": tr("this block is taller than a page, so it cannot be laid out"),
}


@dataclass(frozen=True)
class LayoutResult:
    """The laid-out PDF as ReportLab wrote it, and its structure tree.

    A book laid out in parts has the first part's file in `pdf` and the others in
    `more`; post-processing joins them, pointing the outline and the links
    (`navigation`) at the joined pages.
    """

    pdf: bytes
    pages: int
    structure: Structure
    more: tuple[JoinedPart, ...] = ()
    navigation: Navigation | None = None
    # The page of each heading and marked place (a draft's report lines name them).
    pages_of: Mapping[str, int] = field(default_factory=dict)


def layout_document(
    book: Book,
    fonts: FontSet,
    hyphenator: Hyphenation,
    sink: DiagnosticSink,
    marks: DraftMarks | None = None,
    *,
    checkpoint: Callable[[], None] = no_stop,
    fork: bool = True,
    split_weight: int = MINIMUM_WEIGHT,
) -> LayoutResult:
    """Lay the book out, once: numbers known only at the end are filled in then.

    With `marks` it is a draft: watermarked, failing cells highlighted and
    annotated, changes marked, and the reports appended. A long book is laid out
    in two parts (see `kkpdf.layout.parts`; `split_weight` says how long), the
    second in a child process if `fork`, else after the first (the same bytes).
    A draft is laid out whole: its marks and reports are drawn in one pass.
    """
    split = split_point(book, split_weight) if marks is None else None
    chapters = len(book.chapters)
    if split is None:
        whole = _BookPart(book, fonts, hyphenator, marks, checkpoint, range(chapters))
        layout = whole.lay_out()
        _report([layout], book, sink)
        finished = whole.finish(1, layout.pages, layout.pages_of)
        return LayoutResult(finished.pdf, layout.pages, finished.structure,
                            pages_of=layout.pages_of)  # fmt: skip
    first = _BookPart(book, fonts, hyphenator, None, checkpoint, range(split),
                      later=later_headings(book, split))  # fmt: skip
    second = _BookPart(book, fonts, hyphenator, None, checkpoint, range(split, chapters),
                       continuation=True)  # fmt: skip
    layouts, pdfs = run_parts(first, second, fork=fork, checkpoint=checkpoint)
    _report(layouts, book, sink)
    a, b = pdfs
    pages = layouts[0].pages
    structure = Structure(
        Element("Document", a.structure.root.children + shifted(b.structure.root, pages).children)
    )
    pages_of = joined_pages_of(*layouts)
    navigation = Navigation(a.outline_keys, a.links, pages_of)
    return LayoutResult(a.pdf, pages + layouts[1].pages, structure,
                        (JoinedPart(b.pdf, b.shift),), navigation, pages_of)  # fmt: skip


def _report(layouts: list[PartLayout], book: Book, sink: DiagnosticSink) -> None:
    """What did not fit, part by part; the stage stops if anything did not.

    A block taller than a page stops its part there, so the words too wide that
    ReportLab had placed by then are left for the next build.
    """
    for layout in layouts:
        if layout.too_tall is not None:
            span, role = layout.too_tall
            sink.error(
                span or book.info.span,
                TOO_TALL_MESSAGES.get(role, TOO_TALL_MESSAGES[""]),
                rule=TOO_TALL,
                hint=tr("shorten the text, or split it into several paragraphs, rows or tables"),
            )
            continue
        for overflow in layout.overflows:
            sink.error(
                overflow.span,
                tr(
                    "'{word}' is wider than its column ({width} mm) and has no place to break",
                    word=_shown_word(overflow.word),
                    width=format(overflow.width / mm, ".0f"),
                ),
                rule=TOO_WIDE,
                hint=tr(
                    "check the spelling and any language markup (only words in the "
                    "book's language are hyphenated), shorten it, or write a hyphen where "
                    "it may break"
                ),
            )
    if any(layout.overflows or layout.too_tall for layout in layouts):
        raise StageFailed("layout")


def _shown_word(word: str) -> str:
    """A word as a message names it: its start, if it is longer than a line of a terminal."""
    return word if len(word) <= SHOWN_WORD else word[: SHOWN_WORD - 1] + "\u2026"


# The most of a word a message shows (a hostile word may be thousands of letters long).
SHOWN_WORD = 120


class _BookPart(LayoutPart):
    """The cover, contents and chapters (the first part), or chapters that follow."""

    def __init__(self, book: Book, fonts: FontSet, hyphenator: Hyphenation,
                 marks: DraftMarks | None, checkpoint: Callable[[], None],
                 chapters: range, *, later: tuple[OutlineEntry, ...] = (),
                 continuation: bool = False) -> None:  # fmt: skip
        self.book, self.fonts, self.hyphenator, self.marks = book, fonts, hyphenator, marks
        self.checkpoint, self.chapters = checkpoint, chapters
        self.later, self.continuation = later, continuation
        self.buffer = io.BytesIO()
        # Made by lay_out, used by finish.
        self.doc: BookDocTemplate | None = None
        self.ctx: LayoutContext | None = None

    def keep(self) -> None:
        self.hyphenator.keep()

    def lay_out(self) -> PartLayout:
        book, marks = self.book, self.marks
        styles = st.make_styles(self.fonts)
        self.ctx = ctx = LayoutContext(self.fonts, styles, self.hyphenator, book.info.labels, marks,
                                       in_parts=bool(book.parts),
                                       section_titles=_section_titles(book),
                                       language=language_of_book(book.info.language))  # fmt: skip
        late_numbers = {} if self.continuation else contents_entries(book, ctx)
        if self.continuation:
            cover_node, story = None, _chapters(book, self.chapters, ctx, self.checkpoint)
            assert isinstance(story[0], PageBreak), "a part begins with a chapter opening a page"
            del story[0]  # the part's first page is new already
        else:
            cover_node = ctx.tagger.root.add("P")  # the organisation, first on the cover
            story = _story(book, self.chapters, ctx, self.checkpoint)
            if self.later and book.parts:
                # The next part of the layout opens a right-hand page: this one ends on
                # a left-hand page, blank if need be, so its pages stay where they are.
                story.append(RightHandPage(then_break=False))
        self.doc = doc = BookDocTemplate(
            self.buffer,
            info=book.info,
            fonts=self.fonts,
            late_numbers=late_numbers,
            pages_of=ctx.pages_of,
            tagger=ctx.tagger,
            cover_node=cover_node,
            draft_stamp=marks.stamp if marks else None,
            checkpoint=self.checkpoint,
            later_headings=self.later,
            continuation=self.continuation,
            in_parts=bool(book.parts),
            section_keys=frozenset(heading_key(span, book.info) for span in ctx.section_titles),
            callbacks={REMOVED_CALLBACK: ctx.edit_points.record},
        )
        # A continuation that begins inside a part: its pages' heads name that part.
        doc.part_title = next((part.title for part in book.parts
                               if part.start < self.chapters.start < part.stop), "")  # fmt: skip
        try:
            doc.lay_out(story)
        except LayoutError:
            return PartLayout(doc.page, dict(ctx.pages_of), tuple(doc.overflows.values()),
                              origin(doc.placing))  # fmt: skip
        return PartLayout(doc.page, dict(ctx.pages_of), tuple(doc.overflows.values()))

    def finish(self, first_page: int, total: int, pages_of: dict[str, int]) -> PartPdf:
        doc, ctx = self.doc, self.ctx
        assert doc is not None and ctx is not None, "lay_out comes first"
        shift = doc.finish(first_page=first_page, total=total, pages_of=pages_of)
        tagger = ctx.tagger
        return PartPdf(self.buffer.getvalue(), tagger.structure(), shift,
                       tuple(doc.outline_keys), tuple(tagger.link_targets))  # fmt: skip


def _story(
    book: Book, chapters: range, ctx: LayoutContext, checkpoint: Callable[[], None]
) -> list[Flowable]:
    contents = book.info.labels.contents
    root = ctx.tagger.root
    story = _cover(book, ctx, root)
    # The back of the cover stays empty, so that the contents open on a right-hand page.
    story += [
        NextPageTemplate("blank"),
        PageBreak(),
        Spacer(1, 1),
        NextPageTemplate("odd"),
        PageBreak(),
        BookParagraph(
            escape_markup(contents),
            ctx.styles.toc_title,
            role="TOC-title",
            span=book.info.span,
            plain=contents,
            node=root.add("H1"),
            tagger=ctx.tagger,
        ),
        *contents_flowables(book, ctx, root),
    ]
    story += _chapters(book, chapters, ctx, checkpoint)
    if ctx.marks is not None:  # laid out last, when the pages of its lines are known
        from kkpdf.layout.reports import report_flowables  # a draft's only

        title, span = book.info.labels.check_report, book.info.span
        story.append(Later(lambda: report_flowables(title, ctx, span, root)))
    return story


def _chapters(
    book: Book, chapters: range, ctx: LayoutContext, checkpoint: Callable[[], None]
) -> list[Flowable]:
    """The chapters' flowables; in a book of parts, each part's title page before its
    first chapter, and a page break before each section (a chapter opens one itself).
    `checkpoint` is asked before each chapter."""
    root = ctx.tagger.root
    opening = {part.start: part for part in book.parts}
    story: list[Flowable] = []
    for index in chapters:
        checkpoint()
        part = opening.get(index)
        if part is not None:
            story += _part_title_page(part, ctx, root)
        chapter = book.chapters[index]
        if chapter.section:
            story.append(PageBreak())
        story += chapter_flowables(chapter.blocks, ctx, root)
    return story


def _part_title_page(part: Part, ctx: LayoutContext, root: Node) -> list[Flowable]:
    """A right-hand page with the part's title a third of the way down, and nothing
    else but the running heads; its back stays blank, as the chapter after it opens
    a right-hand page too."""
    title = BookParagraph(escape_markup(part.title), ctx.styles.part_title, role="H1",
                          span=part.span, plain=part.title, node=root.add("H1", part.span),
                          tagger=ctx.tagger)  # fmt: skip
    return [RightHandPage(), Spacer(1, 70 * mm), title]


def _section_titles(book: Book) -> frozenset[Span]:
    """Where the sections' first headings, their titles, stand in the sources."""
    return frozenset(
        first.span
        for chapter in book.chapters
        if chapter.section and chapter.blocks and isinstance(first := chapter.blocks[0], Heading)
    )


def _cover(book: Book, ctx: LayoutContext, root: Node) -> list:
    info, styles = book.info, ctx.styles

    def line(text: str, style) -> BookParagraph:
        # Cover text is set whole: a title broken by a hyphen looks like a mistake.
        return BookParagraph(escape_markup(text), style, span=info.span, plain=text,
                             node=root.add("P", info.span), tagger=ctx.tagger)  # fmt: skip

    story: list[Flowable] = [Spacer(1, 30 * mm), line(info.title, styles.cover_title)]
    if info.subtitle:
        story.append(line(info.subtitle, styles.cover_subtitle))
    if info.approved is not None:
        note = info.labels.cover_note.format(date=format_date(info.approved))
        story += [Spacer(1, 120 * mm), line(note, styles.cover_note)]
    return story
