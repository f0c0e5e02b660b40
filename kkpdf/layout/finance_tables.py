"""A finance table: its caption and note, and a row of figures per account."""

from __future__ import annotations

from reportlab.platypus import Flowable, TableStyle

from kkpdf.layout import styles as st
from kkpdf.layout.context import LayoutContext
from kkpdf.layout.marks import draft_figure, marked
from kkpdf.layout.markup import header_markup, text_markup
from kkpdf.layout.paragraphs import BookParagraph
from kkpdf.layout.tables import BookTable, SpaceAfter, TableTags, header_row
from kkpdf.layout.tagging import Node
from kkpdf.model import AccountKind, FinanceTable, Row
from kkpdf.money import format_figure


def finance_table_flowables(node: FinanceTable, ctx: LayoutContext, parent: Node) -> list[Flowable]:
    """The caption, the note and the table, in a Table element under `parent`."""
    styles, tagger = ctx.styles, ctx.tagger
    figure_count = len(node.columns)
    label_width = min(st.TEXT_WIDTH - figure_count * st.FIGURE_COLUMN_WIDTH, st.LABEL_COLUMN_MAX)
    widths = [label_width] + [st.FIGURE_COLUMN_WIDTH] * figure_count

    element = parent.add("Table")
    caption_element = element.add("Caption")
    caption_text = caption_element.add("P")
    note_text = caption_element.add("P") if node.note else None
    head = header_row(element)
    body = element.add("TBody")

    data = [_header(node, ctx, head)]
    row_nodes: list[list[Node] | None] = [head.children]  # type: ignore[list-item]
    commands = figure_table_commands(ctx)
    for index, row in enumerate(node.rows, start=1):
        cells, nodes = _row(node, row, index, ctx, body.add("TR"), commands)
        data.append(cells)
        row_nodes.append(nodes)
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
        text_markup(node.caption, ctx),
        styles.caption,
        role="Caption",
        span=node.span,
        plain=node.caption,
        node=caption_text,
        tagger=tagger,
    )
    caption = marked(caption, node.span, ctx)
    notes: list[Flowable] = []
    if note_text is not None:
        notes.append(BookParagraph(
            text_markup(node.note, ctx),
            styles.table_note,
            role="P",
            span=node.span,
            plain=node.note,
            node=note_text,
            tagger=tagger,
        ))  # fmt: skip
    # keepWithNext rather than KeepTogether: ReportLab cannot nest a KeepTogether in the
    # group it makes for a heading that keeps with its table.
    if node.binding:
        parts: list[Flowable] = [caption, table, *notes]
    else:
        parts = [caption, *notes, table, SpaceAfter(1, 8)]
    for part in parts[:-1]:
        part.keepWithNext = 1
    return parts


def _header(node: FinanceTable, ctx: LayoutContext, head: Node) -> list[Flowable]:
    """The header row: the currency over the labels, then each column's heading."""
    styles, tagger = ctx.styles, ctx.tagger
    currency = node.currency or ctx.labels.currency
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
    return header


def figure_table_commands(ctx: LayoutContext) -> list[tuple]:
    """The table's style before any row adds its own."""
    return [
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


def _row(
    node: FinanceTable, row: Row, index: int, ctx: LayoutContext, element: Node, commands: list
) -> tuple[list, list[Node]]:
    """Row `index`'s cells and their elements under `element`; its look added to `commands`.

    A total is bold under a rule, a memo or "of which" row italic and muted, an "of
    which" row indented and a binding row filled.
    """
    styles, fonts = ctx.styles, ctx.fonts
    kind = row.kind
    label_style = styles.row_label
    if node.is_itemised_total(row):
        label_style = styles.row_label_total
        commands.append(("FONT", (0, index), (-1, index), fonts.bold, 8.5, 11))
        commands.append(("LINEABOVE", (0, index), (-1, index), 0.5, st.RULE))
    elif kind in (AccountKind.MEMO, AccountKind.OF_WHICH):
        label_style = styles.row_label_memo
        commands.append(("FONT", (0, index), (-1, index), fonts.italic, 8.5, 11))
        commands.append(("TEXTCOLOR", (0, index), (-1, index), st.MUTED))
    cells = [element.add("TH", scope="Row")]
    cells += [element.add("TD") for _ in row.cells]
    # The label wraps if it must; a figure never does (it is drawn as one string).
    label = BookParagraph(
        text_markup(row.account.label, ctx),
        label_style,
        role="TH",
        span=row.span,
        plain=row.account.label,
        node=cells[0],
        tagger=ctx.tagger,
    )
    figures: list[object] = [format_figure(c.value) if c.value is not None else ""
                             for c in row.cells]  # fmt: skip
    if ctx.marks is not None:
        font = {st.ROW_BOLD: fonts.bold, st.ROW_ITALIC: fonts.italic}.get(
            label_style.name, fonts.regular
        )
        for column, cell in enumerate(row.cells, start=1):
            figures[column - 1] = draft_figure(
                figures[column - 1], cell.span, font, ctx, commands, (column, index),
                cells[column],
            )  # fmt: skip
    if kind is AccountKind.OF_WHICH:
        commands.append(("LEFTPADDING", (0, index), (0, index), 12))
    if node.is_binding_row(row):
        commands.append(("BACKGROUND", (0, index), (-1, index), st.BINDING_FILL))
    return [marked(label, row.span, ctx), *figures], cells
