"""A computed table (investments, summaries, ratios): set like a finance table."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from kkpdf.layout import styles as st
from kkpdf.layout.context import LayoutContext
from kkpdf.layout.finance_tables import FigureTableText, figure_table
from kkpdf.layout.marks import draft_figure, marked
from kkpdf.layout.markup import text_markup
from kkpdf.layout.paragraphs import BookParagraph
from kkpdf.layout.tables import SpaceAfter
from kkpdf.layout.tagging import Node
from kkpdf.model import ComputedTable, FigureLine, LineStyle
from kkpdf.money import format_number


def computed_table_flowables(
    node: ComputedTable, ctx: LayoutContext, parent: Node
) -> list[Flowable]:
    """The caption, the table and its note, in a Table element under `parent`."""
    count = len(node.columns)
    # Many columns share the width: a summary of three rows over two years has six.
    figure_width = min(st.FIGURE_COLUMN_WIDTH, (st.TEXT_WIDTH - 40 * mm) / max(count, 1))
    label_width = min(st.TEXT_WIDTH - count * figure_width, st.LABEL_COLUMN_MAX)

    def rows(body: Node, commands: list) -> tuple[list[list], list[list[Node]]]:
        made = [_line(node, line, index, ctx, body.add("TR", line.span), commands)
                for index, line in enumerate(node.lines, start=1)]  # fmt: skip
        return [cells for cells, _ in made], [nodes for _, nodes in made]

    caption, notes, table = figure_table(
        FigureTableText(node.caption, node.note, node.currency),
        [(column.heading, column.span) for column in node.columns],
        node.span,
        (label_width, figure_width),
        ctx,
        parent,
        rows,
    )
    parts: list[Flowable] = [caption, table, *notes, SpaceAfter(1, 8)]
    for part in parts[:-2]:
        part.keepWithNext = 1
    return parts


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
    cells = [element.add("TH", line.span, scope="Row")]
    label = BookParagraph(text_markup(line.label, ctx), label_style, role="TH", span=line.span,
                          plain=line.label, node=cells[0], tagger=ctx.tagger)  # fmt: skip
    spans = (*line.spans, *[None] * len(node.columns))  # a group's line has no figures
    cells += [element.add("TD", span) for span, _ in zip(spans, node.columns, strict=False)]
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
