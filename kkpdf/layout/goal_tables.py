"""A key-goal table: a header row of headings, then cells of paragraphs and lists."""

from __future__ import annotations

from reportlab.platypus import Flowable, TableStyle

from kkpdf.layout import styles as st
from kkpdf.layout.context import LayoutContext
from kkpdf.layout.lists import nested_flowables
from kkpdf.layout.marks import marked
from kkpdf.layout.markup import header_markup
from kkpdf.layout.paragraphs import BookParagraph
from kkpdf.layout.tables import BookTable, SpaceAfter, TableTags, header_row
from kkpdf.layout.tagging import Node
from kkpdf.model import GoalTable


def goal_table_flowables(node: GoalTable, ctx: LayoutContext, parent: Node) -> list[Flowable]:
    """The table, in a Table element under `parent`; a row may split across pages."""
    styles, tagger = ctx.styles, ctx.tagger
    widths = st.goal_column_widths(len(node.headings))
    element = parent.add("Table", node.span)
    head = header_row(element)
    body = element.add("TBody")
    data: list[list] = [
        [
            BookParagraph(
                header_markup(h, ctx, styles.goal_header, width - 8),
                styles.goal_header,
                role="TH",
                span=node.span,
                plain=h,
                node=head.add("TH", node.span, scope="Column"),
                tagger=tagger,
            )
            for h, width in zip(node.headings, widths, strict=True)
        ]
    ]
    # The table's own place (a draft's mark for a word of its headings) is its first heading.
    data[0][0] = marked(data[0][0], node.span, ctx)
    row_nodes: list[list[Node] | None] = [head.children]  # type: ignore[list-item]
    for row in node.rows:
        row_element = body.add("TR", row.span)
        cells, nodes = [], []
        for cell in row.cells:
            cell_element = row_element.add("TD", cell.span)
            nodes.append(cell_element)
            cells.append(
                [
                    flowable
                    for block in cell.blocks
                    for flowable in nested_flowables(block, ctx, styles.goal_cell, cell_element)
                ]
            )
        data.append(cells)
        row_nodes.append(nodes)
    table = BookTable(
        data,
        role="Table",
        span=node.span,
        rows=row_nodes,
        tags=TableTags(tagger, element),
        colWidths=widths,
        repeatRows=1,
        splitInRow=1,
        hAlign="LEFT",
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), ctx.fonts.regular, 8.5, 10.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), st.HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, st.ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, st.RULE),
                ("LINEAFTER", (0, 0), (-2, -1), 0.25, st.HAIRLINE),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        ),
    )
    return [table, SpaceAfter(1, 6)]
