"""Model nodes to ReportLab flowables, one rule per node type.

Every flowable made here keeps the semantic role and source span of the node it
came from (`role`, `span`) and the structure element its drawing belongs to
(`node`), created here in the order of the sources.
"""

from __future__ import annotations

from functools import singledispatch

from reportlab.platypus import (
    Flowable,
    PageBreak,
    Spacer,
    TableStyle,
)

from kkpdf.layout import styles as st
from kkpdf.layout.context import LayoutContext
from kkpdf.layout.finance_tables import finance_table_flowables
from kkpdf.layout.lists import list_items, nested_flowables
from kkpdf.layout.marks import marked
from kkpdf.layout.markup import (
    header_markup,
    heading_markup,
)
from kkpdf.layout.paragraphs import BookParagraph
from kkpdf.layout.tables import BookTable, TableTags, header_row
from kkpdf.layout.tagging import Node
from kkpdf.model import (
    Block,
    FinanceTable,
    GoalTable,
    Heading,
    ListBlock,
)
from kkpdf.model import (
    Paragraph as ParagraphNode,
)
from kkpdf.walk import inline_text

# --- blocks -----------------------------------------------------------------------
#
# Each rule makes the flowables of one model node and the structure elements they
# draw into, under `parent`.


@singledispatch
def block_flowables(node: object, ctx: LayoutContext, parent: Node) -> list[Flowable]:
    raise TypeError(f"no layout rule for {type(node).__name__}")


@block_flowables.register
def _(node: Heading, ctx: LayoutContext, parent: Node) -> list[Flowable]:
    plain = inline_text(node.children)
    kind = f"H{node.level}"
    heading = BookParagraph(
        heading_markup(node.children, ctx),
        ctx.styles.headings[min(node.level, 4)],
        role=kind,
        span=node.span,
        plain=plain,
        node=parent.add(kind),
        tagger=ctx.tagger,
    )
    placed = marked(heading, node.span, ctx)
    # A chapter opens a page; other headings keep with what follows (style keepWithNext).
    return [PageBreak(), placed] if node.level == 1 else [placed]


@block_flowables.register
def _(node: ParagraphNode, ctx: LayoutContext, parent: Node) -> list[Flowable]:
    return nested_flowables(node, ctx, ctx.styles.body, parent)


@block_flowables.register
def _(node: ListBlock, ctx: LayoutContext, parent: Node) -> list[Flowable]:
    return list_items(node, ctx, ctx.styles.list_body, parent)


block_flowables.register(FinanceTable, finance_table_flowables)


# --- key-goal tables --------------------------------------------------------------


@block_flowables.register
def _(node: GoalTable, ctx: LayoutContext, parent: Node) -> list[Flowable]:
    styles, tagger = ctx.styles, ctx.tagger
    widths = st.goal_column_widths(len(node.headings))
    element = parent.add("Table")
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
                node=head.add("TH", scope="Column"),
                tagger=tagger,
            )
            for h, width in zip(node.headings, widths, strict=True)
        ]
    ]
    row_nodes: list[list[Node] | None] = [head.children]  # type: ignore[list-item]
    for row in node.rows:
        row_element = body.add("TR")
        cells, nodes = [], []
        for cell in row.cells:
            cell_element = row_element.add("TD")
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
    return [table, Spacer(1, 6)]


def chapter_flowables(
    blocks: tuple[Block, ...], ctx: LayoutContext, parent: Node
) -> list[Flowable]:
    """A chapter's flowables, its elements in a Sect under `parent`."""
    section = parent.add("Sect")
    flowables: list[Flowable] = []
    for block in blocks:
        made = block_flowables(block, ctx, section)
        if isinstance(block, FinanceTable | GoalTable) and flowables:
            # The sentence that introduces a table goes to the next page with it.
            previous = flowables[-1]
            if getattr(previous, "role", "") == "P":
                previous.keepWithNext = 1
        flowables.extend(made)
    return flowables
