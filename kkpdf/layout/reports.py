"""The reports at the end of a draft: every diagnostic, every change, each with its page."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer, TableStyle

from kkpdf.diagnostics import Span
from kkpdf.layout import styles as st
from kkpdf.layout.contents import PageOf
from kkpdf.layout.context import LayoutContext
from kkpdf.layout.marks import legend_flowables
from kkpdf.layout.pages import PAGE_NUMBER_WIDTH
from kkpdf.layout.paragraphs import BookParagraph, Link
from kkpdf.layout.tables import BookTable, TableTags
from kkpdf.layout.tagging import Node
from kkpdf.layout.text import escape_markup
from kkpdf.messages import ENGLISH, shown
from kkpdf.proof.draft import ReportLine

KIND_WIDTH = 20 * mm


def report_flowables(
    title: str,
    lines: tuple[ReportLine, ...],
    ctx: LayoutContext,
    span: Span,
    parent: Node,
    legend: bool = False,
) -> list[Flowable]:
    """A section under `parent`: the report's heading and a table of its lines, in the
    draft's language; with `legend`, what the draft is (its stamp, the revisions it
    compares) and what its marks mean, before the table."""
    styles, tagger = ctx.styles, ctx.tagger
    language = ctx.marks.language if ctx.marks is not None else ENGLISH
    section = parent.add("Sect")
    heading = BookParagraph(escape_markup(title), styles.headings[1], role="Report", span=span,
                            plain=title, node=section.add("H1"), tagger=tagger)  # fmt: skip
    heading_parts: list[Flowable] = [heading]
    if legend and ctx.marks is not None:
        identity = ctx.marks.identity
        heading_parts.append(BookParagraph(escape_markup(identity), styles.body, plain=identity,
                                           node=section.add("P"), tagger=tagger))  # fmt: skip
        heading_parts += [*legend_flowables(ctx, section), Spacer(1, 4 * mm)]
    if not lines:
        empty = BookParagraph("–", styles.body, plain="–", node=section.add("P"), tagger=tagger)
        return [PageBreak(), *heading_parts, empty]
    element = section.add("Table")
    body = element.add("TBody")
    rows, row_nodes = [], []
    for line in lines:
        row = body.add("TR")
        cells = [row.add("TD"), row.add("TD"), row.add("TD")]
        row_nodes.append(cells)
        said, kind_said = shown(line.text, language), shown(line.kind, language)
        text = f"<b>{escape_markup(line.place)}</b> {escape_markup(said)}"
        plain = f"{line.place} {said}"
        link = Link(line.target, plain) if line.target else None
        owner = cells[1].add("Link") if link else cells[1]
        described = BookParagraph(text, styles.report_line, plain=plain, tagger=tagger,
                                  node=owner, link=link)  # fmt: skip
        kind = BookParagraph(escape_markup(kind_said), styles.report_kind, plain=kind_said,
                             node=cells[0], tagger=tagger)  # fmt: skip
        page = PageOf(line.target, styles.report_line, tagger, cells[2]) if line.target else ""
        rows.append([kind, described, page])
    widths = [KIND_WIDTH, st.TEXT_WIDTH - KIND_WIDTH - PAGE_NUMBER_WIDTH, PAGE_NUMBER_WIDTH]
    table = BookTable(rows, role="Table", span=span, rows=row_nodes,
                      tags=TableTags(tagger, element), colWidths=widths, repeatRows=0,
                      hAlign="LEFT", style=TableStyle([
                          ("FONT", (0, 0), (-1, -1), ctx.fonts.regular, 8.5),
                          ("VALIGN", (0, 0), (-1, -1), "TOP"),
                          ("LINEBELOW", (0, 0), (-1, -1), 0.25, st.HAIRLINE),
                          ("LEFTPADDING", (0, 0), (-1, -1), 2),
                          ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                      ]))  # fmt: skip
    return [PageBreak(), *heading_parts, table]
