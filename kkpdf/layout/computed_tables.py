"""A computed table (investments, summaries, ratios): set like a finance table."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from kkpdf.layout import styles as st
from kkpdf.layout.context import LayoutContext
from kkpdf.layout.finance_tables import figure_table_commands
from kkpdf.layout.marks import draft_figure, marked
from kkpdf.layout.markup import header_markup, text_markup
from kkpdf.layout.paragraphs import BookParagraph
from kkpdf.layout.tables import BookTable, SpaceAfter, TableTags, header_row
from kkpdf.layout.tagging import Node
from kkpdf.model import ComputedTable, FigureLine, LineStyle
from kkpdf.money import format_number


def computed_table_flowables(
    node: ComputedTable, ctx: LayoutContext, parent: Node
) -> list[Flowable]:
    """The caption, the table and its note, in a Table element under `parent`."""
    styles, tagger = ctx.styles, ctx.tagger
    count = len(node.columns)
    # Many columns share the width: a summary of three rows over two years has six.
    figure_width = min(st.FIGURE_COLUMN_WIDTH, (st.TEXT_WIDTH - 40 * mm) / max(count, 1))
    label_width = min(st.TEXT_WIDTH - count * figure_width, st.LABEL_COLUMN_MAX)
    element = parent.add("Table")
    caption_element = element.add("Caption")
    caption_text = caption_element.add("P")
    note_text = caption_element.add("P") if node.note else None
    head = header_row(element)
    body = element.add("TBody")
    data: list[list] = [_header(node, ctx, head, figure_width)]
    row_nodes: list[list[Node] | None] = [head.children]  # type: ignore[list-item]
    commands = figure_table_commands(ctx)
    for index, line in enumerate(node.lines, start=1):
        cells, nodes = _line(node, line, index, ctx, body.add("TR"), commands)
        data.append(cells)
        row_nodes.append(nodes)
    table = BookTable(
        data,
        role="Table",
        span=node.span,
        rows=row_nodes,
        tags=TableTags(tagger, element),
        colWidths=[label_width] + [figure_width] * count,
        repeatRows=1,
        hAlign="LEFT",
        style=commands,
    )
    caption = marked(
        BookParagraph(text_markup(node.caption, ctx), styles.caption, role="Caption",
                      span=node.span, plain=node.caption, node=caption_text, tagger=tagger),
        node.span, ctx,
    )  # fmt: skip
    parts: list[Flowable] = [caption, table]
    if note_text is not None:
        parts.append(BookParagraph(text_markup(node.note, ctx), styles.table_note, role="P",
                                   span=node.span, plain=node.note, node=note_text,
                                   tagger=tagger))  # fmt: skip
    parts.append(SpaceAfter(1, 8))
    for part in parts[:-2]:
        part.keepWithNext = 1
    return parts


def _header(node: ComputedTable, ctx: LayoutContext, head: Node, width: float) -> list:
    styles, tagger = ctx.styles, ctx.tagger
    header = [BookParagraph(text_markup(node.currency, ctx), styles.goal_header, role="TH",
                            span=node.span, plain=node.currency,
                            node=head.add("TH", scope="Column"), tagger=tagger)]  # fmt: skip
    for column in node.columns:
        header.append(BookParagraph(
            header_markup(column.heading, ctx, styles.figure_header, width - 7),
            styles.figure_header, role="TH", span=column.span, plain=column.heading,
            node=head.add("TH", scope="Column"), tagger=tagger,
        ))  # fmt: skip
    return header


def _line(
    node: ComputedTable, line: FigureLine, index: int, ctx: LayoutContext, element: Node,
    commands: list,
) -> tuple[list, list[Node]]:  # fmt: skip
    """A line's cells: a group's name stands over its lines; a total is bold under a rule, a
    detail line indented and italic, a binding line filled."""
    styles, fonts = ctx.styles, ctx.fonts
    label_style = styles.row_label
    if line.style is LineStyle.GROUP:
        label_style = styles.row_label_total
        commands.append(("TOPPADDING", (0, index), (-1, index), 6))
    elif line.style is LineStyle.TOTAL:
        label_style = styles.row_label_total
        commands.append(("FONT", (0, index), (-1, index), fonts.bold, 8.5, 11))
        commands.append(("LINEABOVE", (0, index), (-1, index), 0.5, st.RULE))
    elif line.style is LineStyle.DETAIL:
        label_style = styles.row_label_memo
        commands.append(("FONT", (0, index), (-1, index), fonts.italic, 8.5, 11))
        commands.append(("LEFTPADDING", (0, index), (0, index), 12))
        if not line.binding:  # what the council binds is never muted
            commands.append(("TEXTCOLOR", (0, index), (-1, index), st.MUTED))
    if line.binding:
        commands.append(("BACKGROUND", (0, index), (-1, index), st.BINDING_FILL))
    cells = [element.add("TH", scope="Row")]
    label = BookParagraph(text_markup(line.label, ctx), label_style, role="TH", span=line.span,
                          plain=line.label, node=cells[0], tagger=ctx.tagger)  # fmt: skip
    cells += [element.add("TD") for _ in node.columns]
    if line.style is LineStyle.GROUP:
        return [label] + [""] * len(node.columns), cells
    figures: list[object] = [
        "" if value is None else format_number(value, line.decimals) for value in line.values
    ]
    if ctx.marks is not None:
        font = {st.ROW_BOLD: fonts.bold, st.ROW_ITALIC: fonts.italic}.get(
            label_style.name, fonts.regular
        )
        for column, span in enumerate(line.spans, start=1):
            figures[column - 1] = draft_figure(figures[column - 1], span, font, ctx, commands,
                                               (column, index), cells[column])  # fmt: skip
    return [marked(label, line.span, ctx), *figures], cells
