"""The reports at the end of a draft: every diagnostic, every change, each with its page."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, TableStyle

from kkpdf.diagnostics import Span
from kkpdf.draft import ReportLine
from kkpdf.layout import styles as st
from kkpdf.layout.contents import PageOf
from kkpdf.layout.flowables import BookParagraph, BookTable, LayoutContext
from kkpdf.layout.pages import PAGE_NUMBER_WIDTH
from kkpdf.layout.text import escape_markup

KIND_WIDTH = 20 * mm


def report_flowables(
    title: str, lines: tuple[ReportLine, ...], ctx: LayoutContext, span: Span
) -> list[Flowable]:
    styles = ctx.styles
    heading = BookParagraph(escape_markup(title), styles.headings[1], role="Report", span=span,
                            plain=title)  # fmt: skip
    if not lines:
        return [PageBreak(), heading, Paragraph("–", styles.body)]
    rows = []
    for line in lines:
        text = f"<b>{escape_markup(line.place)}</b> {escape_markup(line.text)}"
        if line.target:
            text = f'<a href="#{escape_markup(line.target)}">{text}</a>'
        page = PageOf(line.target, styles.report_line) if line.target else ""
        rows.append([Paragraph(escape_markup(line.kind), styles.report_kind),
                     Paragraph(text, styles.report_line), page])  # fmt: skip
    widths = [KIND_WIDTH, st.TEXT_WIDTH - KIND_WIDTH - PAGE_NUMBER_WIDTH, PAGE_NUMBER_WIDTH]
    table = BookTable(rows, role="Table", span=span, colWidths=widths, repeatRows=0,
                      hAlign="LEFT", style=TableStyle([
                          ("FONT", (0, 0), (-1, -1), ctx.fonts.regular, 8.5),
                          ("VALIGN", (0, 0), (-1, -1), "TOP"),
                          ("LINEBELOW", (0, 0), (-1, -1), 0.25, st.HAIRLINE),
                          ("LEFTPADDING", (0, 0), (-1, -1), 2),
                          ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                      ]))  # fmt: skip
    return [PageBreak(), heading, table]
