"""Stage 5, layout: the entry, `layout_document`, and the book's front matter."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    NextPageTemplate,
    PageBreak,
    Spacer,
)
from reportlab.platypus.doctemplate import LayoutError

from kkpdf.diagnostics import DiagnosticSink, StageFailed
from kkpdf.draft import DraftMarks
from kkpdf.hyphenation import Hyphenator
from kkpdf.interrupts import no_stop
from kkpdf.layout import styles as st
from kkpdf.layout.contents import contents_entries, contents_flowables
from kkpdf.layout.fit import origin
from kkpdf.layout.flowables import BookParagraph, LayoutContext, chapter_flowables
from kkpdf.layout.fonts import FontSet
from kkpdf.layout.pages import BookDocTemplate, format_date
from kkpdf.layout.reports import report_flowables
from kkpdf.layout.tagging import Node
from kkpdf.layout.text import escape_markup
from kkpdf.model import Book
from kkpdf.structure import Structure


@dataclass(frozen=True)
class LayoutResult:
    """The laid-out PDF as ReportLab wrote it, and its structure tree."""

    pdf: bytes
    pages: int
    structure: Structure


def layout_document(
    book: Book,
    fonts: FontSet,
    hyphenator: Hyphenator,
    sink: DiagnosticSink,
    marks: DraftMarks | None = None,
    *,
    checkpoint: Callable[[], None] = no_stop,
) -> LayoutResult:
    """Lay the book out, once: numbers known only at the end are filled in then.

    With `marks` it is a draft: watermarked, failing cells highlighted and
    annotated, changes marked, and the reports appended.
    """
    styles = st.make_styles(fonts)
    ctx = LayoutContext(fonts, styles, hyphenator, book.info.labels, marks)
    late_numbers = contents_entries(book, ctx)
    if marks is not None:
        for line in marks.report + marks.change_report:
            if line.target:
                late_numbers[line.target] = styles.report_line
    cover_node = ctx.tagger.root.add("P")  # the organisation, first on the cover
    story = _story(book, ctx)
    buffer = io.BytesIO()
    doc = BookDocTemplate(
        buffer,
        info=book.info,
        fonts=fonts,
        late_numbers=late_numbers,
        pages_of=ctx.pages_of,
        tagger=ctx.tagger,
        cover_node=cover_node,
        draft_stamp=marks.stamp if marks else None,
        checkpoint=checkpoint,
    )
    try:
        doc.render(story)
    except LayoutError:
        _too_large(doc, book, sink)
    _too_wide(doc, sink)
    return LayoutResult(buffer.getvalue(), doc.page, ctx.tagger.structure())


def _too_large(doc: BookDocTemplate, book: Book, sink: DiagnosticSink) -> NoReturn:
    span, role = origin(doc.placing)
    what = {"TableRow": "this table row is", "Table": "a row of this table is"}.get(
        role, "this block is"
    )
    sink.error(
        span or book.info.span,
        f"{what} taller than a page, so it cannot be laid out",
        rule="layout.too-tall",
        hint="shorten the text, or split it into several paragraphs, rows or tables",
    )
    raise StageFailed("layout")


def _too_wide(doc: BookDocTemplate, sink: DiagnosticSink) -> None:
    for overflow in doc.overflows.values():
        sink.error(
            overflow.span,
            f"'{overflow.word}' is wider than its column "
            f"({overflow.width / mm:.0f} mm) and has no place to break",
            rule="layout.too-wide",
            hint="check the spelling (Voikko hyphenates Finnish words it knows), shorten it, "
            "or write a hyphen where it may break",
        )
    if doc.overflows:
        raise StageFailed("layout")


def _story(book: Book, ctx: LayoutContext) -> list[Flowable]:
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
    for chapter in book.chapters:
        story += chapter_flowables(chapter.blocks, ctx, root)
    marks, labels, span = ctx.marks, book.info.labels, book.info.span
    if marks is not None:
        story += report_flowables(labels.check_report, marks.report, ctx, span, root)
        if marks.change_report:
            story += report_flowables(labels.changes, marks.change_report, ctx, span, root)
    return story


def _cover(book: Book, ctx: LayoutContext, root: Node) -> list:
    info, styles = book.info, ctx.styles

    def line(text: str, style) -> BookParagraph:
        # Cover text is set whole: a title broken by a hyphen looks like a mistake.
        return BookParagraph(escape_markup(text), style, span=info.span, plain=text,
                             node=root.add("P"), tagger=ctx.tagger)  # fmt: skip

    story: list[Flowable] = [Spacer(1, 30 * mm), line(info.title, styles.cover_title)]
    if info.subtitle:
        story.append(line(info.subtitle, styles.cover_subtitle))
    if info.approved is not None:
        note = info.labels.cover_note.format(date=format_date(info.approved))
        story += [Spacer(1, 120 * mm), line(note, styles.cover_note)]
    return story
