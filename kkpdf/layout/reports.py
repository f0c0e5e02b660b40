"""The report at the end of a draft: every finding and change, in the order of the pages.

It is laid out last, when the page of every marked place is known (`pages.Later`):
a line gives that page as a link to the place, what kind of line it is, where it
stands in the sources, and the finding with its hint.
"""

from __future__ import annotations

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Spacer, TableStyle

from kkpdf.diagnostics import Span
from kkpdf.layout import styles as st
from kkpdf.layout.context import LayoutContext
from kkpdf.layout.marks import legend_flowables
from kkpdf.layout.paragraphs import BookParagraph, Link
from kkpdf.layout.tables import BookTable, TableTags, header_row
from kkpdf.layout.tagging import Node
from kkpdf.layout.text import escape_markup
from kkpdf.messages import Language, tr
from kkpdf.proof.report import PagedLine, ReportLine, in_page_order

PAGE_WIDTH = 11 * mm
KIND_WIDTH = 21 * mm  # "omformulerad", the widest word of a kind, fits
PLACE_WIDTH = 42 * mm
PADDING = 3  # at each side of a cell
# The column headings, in the draft's language.
HEADINGS = (tr("page"), tr("kind"), tr("place"), tr("finding / hint"))
HINT = tr("hint")
# The kind's colour by its order (errors, warnings, notes; changes after them).
KIND_COLOURS = (st.DRAFT_TEXT, st.WARNING_EDGE, st.MUTED, st.CHANGE_BAR)


def report_flowables(title: str, ctx: LayoutContext, span: Span, parent: Node) -> list[Flowable]:
    """A section under `parent`: the report's heading, what the draft is (its stamp and
    the revisions it compares), what its marks mean, and a table of its lines in the
    order of the pages, in the draft's language. Made once the pages are known."""
    marks, styles, tagger = ctx.marks, ctx.styles, ctx.tagger
    assert marks is not None, "a report belongs to a draft"
    section = parent.add("Sect")
    heading = BookParagraph(escape_markup(title), styles.headings[1], role="Report", span=span,
                            plain=title, node=section.add("H1"), tagger=tagger)  # fmt: skip
    identity = BookParagraph(escape_markup(marks.identity), styles.body, plain=marks.identity,
                             node=section.add("P"), tagger=tagger)  # fmt: skip
    opening = [PageBreak(), heading, identity, *legend_flowables(ctx, section), Spacer(1, 4 * mm)]
    if not marks.report:
        empty = BookParagraph("–", styles.body, plain="–", node=section.add("P"), tagger=tagger)
        return [*opening, empty]
    element = section.add("Table")
    head = header_row(element)
    header_nodes = [head.add("TH", scope="Column") for _ in HEADINGS]
    looks = _Looks(ctx)
    header_looks = (looks.heading_page, *(looks.heading for _ in HEADINGS[1:]))
    header = [
        _paragraph(text.render(marks.language), look, node, ctx)
        for text, look, node in zip(HEADINGS, header_looks, header_nodes, strict=True)
    ]
    body = element.add("TBody")
    rows: list[list] = [header]
    row_nodes: list[list[Node] | None] = [header_nodes]
    for paged in in_page_order(marks.report, ctx.pages_of):
        row = body.add("TR")
        cells = [row.add("TD") for _ in HEADINGS]
        row_nodes.append(cells)
        rows.append(_line(paged, cells, ctx, looks, marks.language))
    widths = [PAGE_WIDTH, KIND_WIDTH, PLACE_WIDTH,
              st.TEXT_WIDTH - PAGE_WIDTH - KIND_WIDTH - PLACE_WIDTH]  # fmt: skip
    table = BookTable(rows, role="Table", span=span, rows=row_nodes,
                      tags=TableTags(tagger, element), colWidths=widths, repeatRows=1,
                      hAlign="LEFT", style=TableStyle([
                          ("FONT", (0, 0), (-1, -1), ctx.fonts.regular, 8.5),
                          ("VALIGN", (0, 0), (-1, -1), "TOP"),
                          ("BACKGROUND", (0, 0), (-1, 0), st.HEADER_FILL),
                          ("LINEBELOW", (0, 0), (-1, 0), 0.8, st.ACCENT),
                          ("LINEBELOW", (0, 1), (-1, -1), 0.25, st.HAIRLINE),
                          ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
                          ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
                          ("TOPPADDING", (0, 0), (-1, -1), 2),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                      ]))  # fmt: skip
    return [*opening, table]


class _Looks:
    """The report's paragraph styles, made from the book's."""

    def __init__(self, ctx: LayoutContext) -> None:
        line, fonts = ctx.styles.report_line, ctx.fonts
        self.line = line
        self.page = ParagraphStyle("report-page", parent=line, alignment=TA_RIGHT)
        # A file name longer than the column breaks where it must: it has no spaces.
        self.place = ParagraphStyle("report-place", parent=line, fontSize=8, textColor=st.MUTED,
                                    splitLongWords=1)  # fmt: skip
        self.hint = ParagraphStyle("report-hint", parent=line, fontName=fonts.italic,
                                   textColor=st.MUTED)  # fmt: skip
        self.heading = ParagraphStyle("report-heading", parent=line, fontName=fonts.bold)
        self.heading_page = ParagraphStyle("report-heading-page", parent=self.heading,
                                           alignment=TA_RIGHT)  # fmt: skip
        self.kinds = tuple(
            ParagraphStyle(f"report-kind-{order}", parent=ctx.styles.report_kind, textColor=colour)
            for order, colour in enumerate(KIND_COLOURS)
        )


def _line(paged: PagedLine, cells: list[Node], ctx: LayoutContext, looks: _Looks,
          language: Language) -> list:  # fmt: skip
    """A line's cells: its page (a link to the place), kind, place, and text with hint."""
    line = paged.line
    said, kind = line.text.render(language), line.kind.render(language)
    if paged.page is None:
        page = _paragraph("–", looks.page, cells[0], ctx)
    else:
        link = Link(line.target, f"{paged.page}: {line.place} {said}")
        page = BookParagraph(str(paged.page), looks.page, plain=str(paged.page),
                             node=cells[0].add("Link"), tagger=ctx.tagger, link=link)  # fmt: skip
    finding: list[Flowable] = [_paragraph(said, looks.line, cells[3], ctx)]
    if line.hint is not None:
        hint = f"{HINT.render(language)}: {line.hint.render(language)}"
        finding.append(_paragraph(hint, looks.hint, cells[3], ctx))
    return [
        page,
        _paragraph(kind, looks.kinds[line.order], cells[1], ctx),
        _place(line, looks.place, cells[2], ctx),
        finding,
    ]


def _paragraph(text: str, style: ParagraphStyle, node: Node, ctx: LayoutContext) -> BookParagraph:
    return BookParagraph(escape_markup(text), style, plain=text, node=node, tagger=ctx.tagger)


def _place(line: ReportLine, style: ParagraphStyle, node: Node, ctx: LayoutContext) -> Flowable:
    """file:line:col; where it does not fit the column, the line and column on a line of
    their own rather than broken anywhere (a long file name still breaks where it must)."""
    width = PLACE_WIDTH - 2 * PADDING
    if stringWidth(line.place, style.fontName, style.fontSize) <= width:
        return _paragraph(line.place, style, node, ctx)
    name, position = line.place.split(":", 1)
    return BookParagraph(f"{escape_markup(name)}:<br/>{position}", style, plain=line.place,
                         node=node, tagger=ctx.tagger)  # fmt: skip
