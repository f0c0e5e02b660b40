"""Model nodes to ReportLab flowables, one rule per node type.

Every flowable made here keeps the semantic role and source span of the node it
came from (`role`, `span`), for the outline now and for PDF tagging later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import singledispatch

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    ListFlowable,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import (
    ListItem as RLListItem,
)

from kkpdf.diagnostics import Severity, Span
from kkpdf.draft import DraftMarks
from kkpdf.hyphenation import Hyphenator
from kkpdf.layout import styles as st
from kkpdf.layout.fonts import FontSet
from kkpdf.layout.text import escape_markup
from kkpdf.model import (
    AccountKind,
    Block,
    Emphasis,
    FinanceTable,
    GoalTable,
    Heading,
    Inline,
    Labels,
    LineBreak,
    ListBlock,
    Strong,
    Text,
)
from kkpdf.model import (
    Paragraph as ParagraphNode,
)
from kkpdf.money import NO_BREAK_SPACE, format_figure
from kkpdf.spelling import WORD
from kkpdf.walk import inline_text


@dataclass(frozen=True)
class LayoutContext:
    fonts: FontSet
    styles: st.Styles
    hyphenator: Hyphenator
    labels: Labels
    marks: DraftMarks | None = None
    # Place key → page, written while drawing (headings, marked places), read at the end.
    pages_of: dict[str, int] = field(default_factory=dict)


class BookParagraph(Paragraph):
    """A paragraph that remembers what it is and where it came from."""

    # ReportLab's split() builds the pieces through self.__class__ with its own keywords,
    # so ours are optional here and copied onto the pieces in split().
    def __init__(
        self,
        markup,
        style=None,
        *args,
        role: str = "P",
        span: Span | None = None,
        plain: str = "",
        **kwargs,
    ) -> None:
        super().__init__(markup, style, *args, **kwargs)
        self.role = role
        self.span = span
        self.plain = plain

    def split(self, availWidth, availHeight):  # noqa: N803 - ReportLab's signature
        parts = super().split(availWidth, availHeight)
        for part in parts:
            part.role, part.span, part.plain = self.role, self.span, self.plain
        return parts


class BookTable(Table):
    def __init__(
        self, data, *args, role: str = "Table", span: Span | None = None, **kwargs
    ) -> None:
        super().__init__(data, *args, **kwargs)
        self.role = role
        self.span = span

    def split(self, availWidth, availHeight):  # noqa: N803 - ReportLab's signature
        parts = super().split(availWidth, availHeight)
        for part in parts:
            part.role, part.span = self.role, self.span
        return parts


# No line break between a number and its unit ("50 %", "42,50 €"), nor before the
# hyphen of an open compound ("Covenant of Mayors -toimenpiteet").
_TIED_SPACE = re.compile(r"(?<=\d) (?=[%€])| (?=-[^\W\d_])")


def text_markup(text: str, ctx: LayoutContext) -> str:
    """Plain text to paragraph markup: escaped, hyphenated, with no-break spaces.

    In a draft, words the spelling check does not know are underlined in red.
    """
    text = _TIED_SPACE.sub(NO_BREAK_SPACE, text)
    unknown = ctx.marks.unknown_words if ctx.marks else frozenset()
    if not unknown:
        return escape_markup(ctx.hyphenator.text(text))
    pieces, last = [], 0
    for match in WORD.finditer(text):
        if match.group() in unknown:
            pieces.append(escape_markup(ctx.hyphenator.text(text[last : match.start()])))
            word = escape_markup(ctx.hyphenator.text(match.group()))
            pieces.append(f'<u color="{st.DRAFT_TEXT.hexval()}" width="1">{word}</u>')
            last = match.end()
    pieces.append(escape_markup(ctx.hyphenator.text(text[last:])))
    return "".join(pieces)


class Marked(Flowable):
    """A flowable a draft points at: bookmarked, its page noted, with a change bar if changed."""

    def __init__(self, child: Flowable, ctx: LayoutContext, key: str, bar: bool) -> None:
        super().__init__()
        self.child, self.ctx, self.key, self.bar = child, ctx, key, bar
        self._content = [child]  # for the checks that look inside flowables
        self.role, self.span = getattr(child, "role", ""), getattr(child, "span", None)
        self.plain = getattr(child, "plain", "")
        self.keepWithNext = child.getKeepWithNext()

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's signature
        self.width, self.height = self.child.wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803 - ReportLab's signature
        parts = self.child.split(availWidth, availHeight)
        return [Marked(part, self.ctx, self.key if i == 0 else "", self.bar)
                for i, part in enumerate(parts)]  # fmt: skip

    def draw(self) -> None:
        canvas = self.canv
        self.child.drawOn(canvas, 0, 0)
        if self.key:
            canvas.bookmarkHorizontal(self.key, 0, self.height)
            self.ctx.pages_of.setdefault(self.key, canvas.getPageNumber())
        if self.bar:
            x, _ = canvas.absolutePosition(0, 0)
            odd = canvas.getPageNumber() % 2 == 1
            outer = st.INNER_MARGIN + st.TEXT_WIDTH + 4 * mm if odd else st.OUTER_MARGIN - 4 * mm
            canvas.saveState()
            canvas.setStrokeColor(st.CHANGE_BAR)
            canvas.setLineWidth(2)
            canvas.line(outer - x, 0, outer - x, self.height)
            canvas.restoreState()


def _draft_figure(text, span: Span, font: str, ctx: LayoutContext, commands: list,
                  cell: tuple[int, int]) -> object:  # fmt: skip
    """A figure as a draft shows it: highlighted, annotated, the old value above."""
    marks = ctx.marks
    assert marks is not None
    note = marks.cell_notes.get(span)
    old = marks.old_figures.get(span)
    key = marks.targets.get(span, "")
    if note is None and old is None and not key:
        return text
    fill = st.CHANGE_FILL
    if note is not None:
        fill = st.ERROR_FILL if note[0] is Severity.ERROR else st.WARNING_FILL
    if note is not None or old is not None:
        commands.append(("BACKGROUND", cell, cell, fill))
    return DraftFigure(text, font, ctx, note=note[1] if note else "", old=old, key=key, fill=fill)


def marked(flowable: Flowable, span: Span | None, ctx: LayoutContext) -> Flowable:
    """The flowable, wrapped when a draft points at its place or it has changed."""
    if ctx.marks is None or span is None:
        return flowable
    key = ctx.marks.targets.get(span, "")
    bar = span in ctx.marks.changed
    return Marked(flowable, ctx, key, bar) if key or bar else flowable


class DraftFigure(Flowable):
    """A figure cell in a draft: its note as a PDF annotation, the old figure above it."""

    def __init__(self, text: str, font: str, ctx: LayoutContext, *, note: str, old: str | None,
                 key: str, fill: Color = st.ERROR_FILL) -> None:  # fmt: skip
        super().__init__()
        self.text, self.font, self.ctx = text, font, ctx
        self.note, self.old, self.key, self.fill = note, old, key, fill

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's signature
        self.width = availWidth
        self.height = 11 + (8 if self.old is not None else 0)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.font, 8.5)
        canvas.drawRightString(self.width, 2.5, self.text)
        if self.old is not None:
            canvas.saveState()
            canvas.setFont(self.ctx.fonts.regular, 6.5)
            canvas.setFillColor(st.MUTED)
            canvas.drawRightString(self.width, 12.5, self.old)
            old_width = stringWidth(self.old, self.ctx.fonts.regular, 6.5)
            canvas.setStrokeColor(st.MUTED)
            canvas.line(self.width - old_width, 14.5, self.width, 14.5)
            canvas.restoreState()
        if self.note:
            # A highlight rather than a note icon, which would cover the figure; viewers
            # show its text when it is pointed at.
            canvas.highlightAnnotation(self.note, Rect=(0, 0, self.width, self.height),
                                       relative=1, Color=list(self.fill.rgb()))  # fmt: skip
        if self.key:
            canvas.bookmarkHorizontal(self.key, 0, self.height)
            self.ctx.pages_of.setdefault(self.key, canvas.getPageNumber())


def header_markup(text: str, ctx: LayoutContext, style: ParagraphStyle, width: float) -> str:
    """A table heading: only words wider than the column are hyphenated."""
    words = text.split(" ")
    return " ".join(
        escape_markup(ctx.hyphenator.text(word))
        if stringWidth(word, style.fontName, style.fontSize) > width
        else escape_markup(word)
        for word in words
    )


def inline_markup(children: tuple[Inline, ...], ctx: LayoutContext) -> str:
    return "".join(_inline(child, ctx) for child in children)


@singledispatch
def _inline(node: object, ctx: LayoutContext) -> str:
    raise TypeError(f"no layout rule for {type(node).__name__}")


@_inline.register
def _(node: Text, ctx: LayoutContext) -> str:
    return text_markup(node.text, ctx)


@_inline.register
def _(node: Emphasis, ctx: LayoutContext) -> str:
    return f"<i>{inline_markup(node.children, ctx)}</i>"


@_inline.register
def _(node: Strong, ctx: LayoutContext) -> str:
    return f"<b>{inline_markup(node.children, ctx)}</b>"


@_inline.register
def _(node: LineBreak, ctx: LayoutContext) -> str:
    return "<br/>"


# --- blocks -----------------------------------------------------------------------


@singledispatch
def block_flowables(node: object, ctx: LayoutContext) -> list[Flowable]:
    raise TypeError(f"no layout rule for {type(node).__name__}")


@block_flowables.register
def _(node: Heading, ctx: LayoutContext) -> list[Flowable]:
    plain = inline_text(node.children)
    # Headings are not hyphenated: they are short, and a broken heading reads badly.
    markup = escape_markup(plain)
    heading = BookParagraph(
        markup,
        ctx.styles.headings[min(node.level, 4)],
        role=f"H{node.level}",
        span=node.span,
        plain=plain,
    )
    placed = marked(heading, node.span, ctx)
    # A chapter opens a page; other headings keep with what follows (style keepWithNext).
    return [PageBreak(), placed] if node.level == 1 else [placed]


@block_flowables.register
def _(node: ParagraphNode, ctx: LayoutContext) -> list[Flowable]:
    return [_nested(node, ctx, ctx.styles.body, "P")]


@block_flowables.register
def _(node: ListBlock, ctx: LayoutContext) -> list[Flowable]:
    return [_list(node, ctx, ctx.styles.list_body)]


# Blocks inside a list item or a table cell: paragraphs and lists only (the document
# stage reports anything else), set in the style of their container.
@singledispatch
def _nested(node: object, ctx: LayoutContext, style: ParagraphStyle, role: str) -> Flowable:
    raise TypeError(f"no layout rule for {type(node).__name__} inside a list or cell")


@_nested.register
def _(node: ParagraphNode, ctx: LayoutContext, style: ParagraphStyle, role: str) -> Flowable:
    paragraph = BookParagraph(
        inline_markup(node.children, ctx),
        style,
        role=role,
        span=node.span,
        plain=inline_text(node.children),
    )
    return marked(paragraph, node.span, ctx)


@_nested.register
def _(node: ListBlock, ctx: LayoutContext, style: ParagraphStyle, role: str) -> Flowable:
    return _list(node, ctx, style)


def _list(node: ListBlock, ctx: LayoutContext, style: ParagraphStyle) -> Flowable:
    items = [
        RLListItem([_nested(block, ctx, style, "LBody") for block in item.blocks])
        for item in node.items
    ]
    kind = (
        {"bulletType": "1", "start": node.start, "bulletFormat": "%s."}
        if node.ordered
        else {"bulletType": "bullet", "start": "\u2013"}
    )
    flowable = ListFlowable(
        items,
        bulletFontName=ctx.fonts.regular,
        bulletFontSize=style.fontSize,
        bulletColor=st.INK,
        leftIndent=6 * mm,
        bulletDedent=5 * mm,
        spaceAfter=style.fontSize * 0.6,
        **kind,
    )
    flowable.role = "L"
    flowable.span = node.span
    return flowable


# --- finance tables ---------------------------------------------------------------


@block_flowables.register
def _(node: FinanceTable, ctx: LayoutContext) -> list[Flowable]:
    styles = ctx.styles
    figure_count = len(node.columns)
    label_width = min(st.TEXT_WIDTH - figure_count * st.FIGURE_COLUMN_WIDTH, st.LABEL_COLUMN_MAX)
    widths = [label_width] + [st.FIGURE_COLUMN_WIDTH] * figure_count

    currency = ctx.labels.currency
    header: list[Flowable] = [
        BookParagraph(
            text_markup(currency, ctx),
            styles.goal_header,
            role="TH",
            span=node.span,
            plain=currency,
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
            )
        )
    data = [header]
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
        # The label wraps if it must; a figure never does (it is drawn as one string).
        label = BookParagraph(
            text_markup(row.account.label, ctx),
            label_style,
            role="TH",
            span=row.span,
            plain=row.account.label,
        )
        figures: list[object] = [format_figure(c.value) if c.value is not None else ""
                                 for c in row.cells]  # fmt: skip
        if ctx.marks is not None:
            font = {st.ROW_BOLD: ctx.fonts.bold, st.ROW_ITALIC: ctx.fonts.italic}.get(
                label_style.name, ctx.fonts.regular
            )
            for column, cell in enumerate(row.cells, start=1):
                figures[column - 1] = _draft_figure(figures[column - 1], cell.span, font, ctx,
                                                    commands, (column, index))  # fmt: skip
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
    )
    caption = marked(caption, node.span, ctx)
    note = BookParagraph(
        text_markup(node.note, ctx), styles.table_note, role="P", span=node.span, plain=node.note
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
def _(node: GoalTable, ctx: LayoutContext) -> list[Flowable]:
    styles = ctx.styles
    widths = st.goal_column_widths(len(node.headings))
    data: list[list] = [
        [
            BookParagraph(
                header_markup(h, ctx, styles.goal_header, width - 8),
                styles.goal_header,
                role="TH",
                span=node.span,
                plain=h,
            )
            for h, width in zip(node.headings, widths, strict=True)
        ]
    ]
    for row in node.rows:
        cells = []
        for cell in row.cells:
            cells.append([_nested(block, ctx, styles.goal_cell, "P") for block in cell.blocks])
        data.append(cells)
    table = BookTable(
        data,
        role="Table",
        span=node.span,
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


def chapter_flowables(blocks: tuple[Block, ...], ctx: LayoutContext) -> list[Flowable]:
    flowables: list[Flowable] = []
    for block in blocks:
        made = block_flowables(block, ctx)
        if isinstance(block, FinanceTable | GoalTable) and flowables:
            # The sentence that introduces a table goes to the next page with it.
            previous = flowables[-1]
            if getattr(previous, "role", "") == "P":
                previous.keepWithNext = 1
        flowables.extend(made)
    return flowables
