"""A finance table: its caption and note, and a row of figures per account."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from reportlab.platypus import Flowable, TableStyle

from kkpdf.diagnostics import Span
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
    figure_count = len(node.columns)
    label_width = min(st.TEXT_WIDTH - figure_count * st.FIGURE_COLUMN_WIDTH, st.LABEL_COLUMN_MAX)

    def rows(body: Node, commands: list) -> tuple[list[list], list[list[Node]]]:
        made = [_row(node, row, index, ctx, body.add("TR"), commands)
                for index, row in enumerate(node.rows, start=1)]  # fmt: skip
        return [cells for cells, _ in made], [nodes for _, nodes in made]

    caption, notes, table = figure_table(
        FigureTableText(node.caption, node.note, node.currency or ctx.labels.currency),
        [(column.heading, column.span) for column in node.columns],
        node.span,
        (label_width, st.FIGURE_COLUMN_WIDTH),
        ctx,
        parent,
        rows,
    )
    # keepWithNext rather than KeepTogether: ReportLab cannot nest a KeepTogether in the
    # group it makes for a heading that keeps with its table.
    if node.binding:
        parts: list[Flowable] = [caption, table, *notes]
    else:
        parts = [caption, *notes, table, SpaceAfter(1, 8)]
    for part in parts[:-1]:
        part.keepWithNext = 1
    return parts


class FigureTableText(NamedTuple):
    """What a table of figures says besides its rows: over it, under it, over its labels."""

    caption: str
    note: str  # "" for none
    currency: str


def figure_table(
    text: FigureTableText,
    headings: list[tuple[str, Span]],
    span: Span,
    widths: tuple[float, float],
    ctx: LayoutContext,
    parent: Node,
    rows: Callable[[Node, list], tuple[list[list], list[list[Node]]]],
) -> tuple[Flowable, list[Flowable], BookTable]:
    """A table of figures (a finance table's, a computed one's): its caption, its note
    (none or one) and the table, in a Table element under `parent`.

    `widths` are the label column's and each figure column's. `rows(body, commands)`
    makes the body: each row's cells and their elements, its
    look added to the style `commands`.
    """
    styles, tagger = ctx.styles, ctx.tagger
    element = parent.add("Table")
    caption_element = element.add("Caption")
    caption_text = caption_element.add("P")
    note_text = caption_element.add("P") if text.note else None
    head = header_row(element)
    body = element.add("TBody")
    label_width, figure_width = widths
    data = [_header(text.currency, headings, span, figure_width - 7, ctx, head)]
    row_nodes: list[list[Node] | None] = [head.children]  # type: ignore[list-item]
    commands = figure_table_commands(ctx)
    cells, nodes = rows(body, commands)
    data += cells
    row_nodes += nodes
    # Never a lone row at the foot or the head of a page when the table breaks.
    last = len(data) - 1
    if last >= 4:
        commands.append(("NOSPLIT", (0, 0), (-1, 2)))
        commands.append(("NOSPLIT", (0, last - 1), (-1, last)))
    table = BookTable(
        data,
        role="Table",
        span=span,
        rows=row_nodes,
        tags=TableTags(tagger, element),
        colWidths=[label_width] + [figure_width] * len(headings),
        repeatRows=1,
        hAlign="LEFT",
        style=TableStyle(commands),
    )
    caption = BookParagraph(
        text_markup(text.caption, ctx),
        styles.caption,
        role="Caption",
        span=span,
        plain=text.caption,
        node=caption_text,
        tagger=tagger,
    )
    notes: list[Flowable] = []
    if note_text is not None:
        notes.append(BookParagraph(
            text_markup(text.note, ctx),
            styles.table_note,
            role="P",
            span=span,
            plain=text.note,
            node=note_text,
            tagger=tagger,
        ))  # fmt: skip
    return marked(caption, span, ctx), notes, table


def _header(
    currency: str,
    headings: list[tuple[str, Span]],
    span: Span,
    width: float,
    ctx: LayoutContext,
    head: Node,
) -> list[Flowable]:
    """The header row: the currency over the labels, then each column's heading, set
    to fit `width`."""
    styles, tagger = ctx.styles, ctx.tagger
    header: list[Flowable] = [
        BookParagraph(
            text_markup(currency, ctx),
            styles.goal_header,
            role="TH",
            span=span,
            plain=currency,
            node=head.add("TH", scope="Column"),
            tagger=tagger,
        )
    ]
    for heading, heading_span in headings:
        header.append(
            BookParagraph(
                header_markup(heading, ctx, styles.figure_header, width),
                styles.figure_header,
                role="TH",
                span=heading_span,
                plain=heading,
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
    if node.is_binding_row(row):  # before a draft's tints, which must show over it
        commands.append(("BACKGROUND", (0, index), (-1, index), st.BINDING_FILL))
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
    return [marked(label, row.span, ctx), *figures], cells
