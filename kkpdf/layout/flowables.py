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
from kkpdf.layout.lists import list_items, nested_flowables
from kkpdf.layout.marks import draft_figure, marked
from kkpdf.layout.markup import (
    header_markup,
    heading_markup,
    text_markup,
)
from kkpdf.layout.paragraphs import BookParagraph
from kkpdf.layout.tables import BookTable, TableTags, header_row
from kkpdf.layout.tagging import Node
from kkpdf.model import (
    AccountKind,
    Block,
    FinanceTable,
    GoalTable,
    Heading,
    ListBlock,
)
from kkpdf.model import (
    Paragraph as ParagraphNode,
)
from kkpdf.money import format_figure
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


# --- finance tables ---------------------------------------------------------------


@block_flowables.register
def _(node: FinanceTable, ctx: LayoutContext, parent: Node) -> list[Flowable]:
    styles, tagger = ctx.styles, ctx.tagger
    figure_count = len(node.columns)
    label_width = min(st.TEXT_WIDTH - figure_count * st.FIGURE_COLUMN_WIDTH, st.LABEL_COLUMN_MAX)
    widths = [label_width] + [st.FIGURE_COLUMN_WIDTH] * figure_count

    element = parent.add("Table")
    caption_element = element.add("Caption")
    caption_text, note_text = caption_element.add("P"), caption_element.add("P")
    head = header_row(element)
    body = element.add("TBody")

    currency = ctx.labels.currency
    header: list[Flowable] = [
        BookParagraph(
            text_markup(currency, ctx),
            styles.goal_header,
            role="TH",
            span=node.span,
            plain=currency,
            node=head.add("TH", scope="Column"),
            tagger=tagger,
        )
    ]
    for column in node.columns:
        header.append(
            BookParagraph(
                header_markup(
                    column.heading, ctx, styles.figure_header, st.FIGURE_COLUMN_WIDTH - 7
                ),
                styles.figure_header,
                role="TH",
                span=column.span,
                plain=column.heading,
                node=head.add("TH", scope="Column"),
                tagger=tagger,
            )
        )
    data = [header]
    row_nodes: list[list[Node] | None] = [head.children]  # type: ignore[list-item]
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), ctx.fonts.regular, 8.5, 11),
        ("TEXTCOLOR", (0, 0), (-1, -1), st.INK),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), st.HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, st.ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, st.HAIRLINE),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, st.ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.8),
    ]
    for index, row in enumerate(node.rows, start=1):
        kind = row.account.kind
        label_style = styles.row_label
        if node.is_itemised_total(row):
            label_style = styles.row_label_total
            commands.append(("FONT", (0, index), (-1, index), ctx.fonts.bold, 8.5, 11))
            commands.append(("LINEABOVE", (0, index), (-1, index), 0.5, st.RULE))
        elif kind in (AccountKind.MEMO, AccountKind.OF_WHICH):
            label_style = styles.row_label_memo
            commands.append(("FONT", (0, index), (-1, index), ctx.fonts.italic, 8.5, 11))
            commands.append(("TEXTCOLOR", (0, index), (-1, index), st.MUTED))
        row_element = body.add("TR")
        cells = [row_element.add("TH", scope="Row")]
        cells += [row_element.add("TD") for _ in row.cells]
        row_nodes.append(cells)
        # The label wraps if it must; a figure never does (it is drawn as one string).
        label = BookParagraph(
            text_markup(row.account.label, ctx),
            label_style,
            role="TH",
            span=row.span,
            plain=row.account.label,
            node=cells[0],
            tagger=tagger,
        )
        figures: list[object] = [format_figure(c.value) if c.value is not None else ""
                                 for c in row.cells]  # fmt: skip
        if ctx.marks is not None:
            font = {st.ROW_BOLD: ctx.fonts.bold, st.ROW_ITALIC: ctx.fonts.italic}.get(
                label_style.name, ctx.fonts.regular
            )
            for column, cell in enumerate(row.cells, start=1):
                figures[column - 1] = draft_figure(
                    figures[column - 1], cell.span, font, ctx, commands, (column, index),
                    cells[column],
                )  # fmt: skip
        data.append([marked(label, row.span, ctx), *figures])
        if kind is AccountKind.OF_WHICH:
            commands.append(("LEFTPADDING", (0, index), (0, index), 12))
        if node.is_binding_row(row):
            commands.append(("BACKGROUND", (0, index), (-1, index), st.BINDING_FILL))
    # Never a lone row at the foot or the head of a page when the table breaks.
    last = len(data) - 1
    if last >= 4:
        commands.append(("NOSPLIT", (0, 0), (-1, 2)))
        commands.append(("NOSPLIT", (0, last - 1), (-1, last)))
    table = BookTable(
        data,
        role="Table",
        span=node.span,
        rows=row_nodes,
        tags=TableTags(tagger, element),
        colWidths=widths,
        repeatRows=1,
        hAlign="LEFT",
        style=TableStyle(commands),
    )
    caption = BookParagraph(
        text_markup(node.unit.name, ctx),
        styles.caption,
        role="Caption",
        span=node.span,
        plain=node.unit.name,
        node=caption_text,
        tagger=tagger,
    )
    caption = marked(caption, node.span, ctx)
    note = BookParagraph(
        text_markup(node.note, ctx),
        styles.table_note,
        role="P",
        span=node.span,
        plain=node.note,
        node=note_text,
        tagger=tagger,
    )
    # keepWithNext rather than KeepTogether: ReportLab cannot nest a KeepTogether in the
    # group it makes for a heading that keeps with its table.
    if node.binding:
        parts: list[Flowable] = [caption, table, note]
    else:
        parts = [caption, note, table, Spacer(1, 8)]
    for part in parts[:-1]:
        part.keepWithNext = 1
    return parts


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
