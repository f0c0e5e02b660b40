"""A chart: rows of a finance table drawn as vector graphics, tagged as a Figure.

The drawing is ReportLab's own graphics (shapes, no raster), in the book's fonts,
with the figures in the Finnish format. A screen reader gets the Figure's
alternative text, made from the same figures: what is shown, the years, the
largest and smallest figure, and then every figure in full.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib.colors import white
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from kkpdf.diagnostics import Severity
from kkpdf.layout import styles as st
from kkpdf.layout.chart_shares import draw_share_bars, pie_drawing, shares, split
from kkpdf.layout.context import LayoutContext
from kkpdf.layout.marks import draw_cell_frame, draw_change_corner, marked
from kkpdf.layout.markup import text_markup
from kkpdf.layout.paragraphs import BookParagraph
from kkpdf.layout.tables import SpaceAfter
from kkpdf.layout.tagging import Node
from kkpdf.messages import Message, shown, tr
from kkpdf.model import Chart, ChartKind
from kkpdf.money import format_decimal, format_figure, format_percent, in_units

HEIGHT = 62 * mm
TEXT_SIZE = 7.5  # axis and legend
VALUE_SIZE = 6.5  # the figures over the bars
# Figures this large are drawn in thousands ("1 000 €" over the value axis), and
# these in millions with a decimal ("milj. €").
THOUSANDS_FROM = 10_000
MILLIONS_FROM = 10_000_000
TICKS = 5  # about this many steps on the value axis


def chart_flowables(node: Chart, ctx: LayoutContext, parent: Node) -> list[Flowable]:
    """The chart's title, then the chart, a Figure with its alternative text."""
    title = BookParagraph(
        text_markup(node.title, ctx),
        ctx.styles.caption,
        role="P",
        span=node.span,
        plain=node.title,
        node=parent.add("P", node.span),
        tagger=ctx.tagger,
    )
    title.keepWithNext = 1
    figure = parent.add("Figure", node.span)
    figure.alt = alternative_text(node, ctx)
    return [title, marked(ChartFlowable(node, ctx, figure), node.span, ctx), SpaceAfter(1, 8)]


def _kind_name(kind: ChartKind) -> Message:
    names = {
        ChartKind.BAR: tr("bar chart"),
        ChartKind.STACKED: tr("stacked bar chart"),
        ChartKind.LINE: tr("line chart"),
        ChartKind.SHARE: tr("share chart"),
        ChartKind.PIE: tr("pie chart"),
    }
    return names[kind]


def alternative_text(node: Chart, ctx: LayoutContext) -> str:
    """What the chart shows, its extremes, and every figure, in the book's language."""
    currency = ctx.labels.currency
    figures = [(value, line.label, heading)
               for line in node.series
               for value, heading in zip(line.values, node.headings, strict=True)
               if value is not None]  # fmt: skip
    whole = node.kind in (ChartKind.SHARE, ChartKind.PIE)
    # The parts of a whole are large or small as their shares are, costs too.
    size = (lambda item: abs(item[0])) if whole else (lambda item: item[0])
    largest, smallest = max(figures, key=size), min(figures, key=size)
    rows = ", ".join(line.label for line in node.series)
    parts = [
        tr("{kind} '{title}': {rows}, {first}–{last}", kind=_kind_name(node.kind),
           title=node.title, rows=rows, first=node.headings[0], last=node.headings[-1])
        if len(node.headings) > 1
        else tr("{kind} '{title}': {rows}, {year}", kind=_kind_name(node.kind),
                title=node.title, rows=rows, year=node.headings[0]),
        tr("largest {largest_row} {largest_year} {largest} {currency}; smallest "
           "{smallest_row} {smallest_year} {smallest} {currency}",
           largest_row=largest[1], largest_year=largest[2], largest=format_figure(largest[0]),
           smallest_row=smallest[1], smallest_year=smallest[2],
           smallest=format_figure(smallest[0]), currency=currency),
    ]  # fmt: skip
    parts.append(tr("the figures are from the table '{table}'", table=node.source or node.table))
    # Messages are lower-case; each is a sentence here.
    text = ". ".join(_sentence(shown(part, ctx.language)) for part in parts)
    percents = [shares(node, column) for column in range(len(node.headings))] if whole else []
    for row, line in enumerate(node.series):
        listed = ", ".join(
            f"{heading} {'–' if value is None else format_figure(value)}"
            + (f" ({format_percent(percents[column][row])})" if whole else "")
            for column, (value, heading) in enumerate(zip(line.values, node.headings, strict=True))
        )
        text += f". {line.label}: {listed}"
    return f"{text}."


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


class ChartFlowable(Flowable):
    """The chart's drawing, the width of the text; its words the Figure's content."""

    def __init__(self, chart: Chart, ctx: LayoutContext, node: Node) -> None:
        super().__init__()
        self.chart, self.ctx, self.node = chart, ctx, node
        self.role, self.span = "Figure", chart.span

    def wrap(self, availWidth, availHeight):  # noqa: N803 - ReportLab's signature
        self.width, self.height = availWidth, HEIGHT
        return self.width, self.height

    def draw(self) -> None:
        # The lines and fills are an artifact: what they show, the Figure's words
        # (the labels on the page) and its alternative text say.
        shapes, words = split(chart_drawing(self.chart, self.ctx, self.width, self.height))
        with self.ctx.tagger.artifact(self.canv):
            renderPDF.draw(shapes, self.canv, 0, 0)
        with self.ctx.tagger.content(self.canv, self.node):
            renderPDF.draw(words, self.canv, 0, 0)
        severity, notes = draft_findings(self.chart, self.ctx)
        changes = changed_figures(self.chart, self.ctx)
        if severity is None and not changes:
            return
        # A draft frames a chart of a failing figure as it frames the figure's cell, and
        # marks a chart of a changed figure with the changed cell's corner.
        with self.ctx.tagger.artifact(self.canv):
            self.canv.saveState()
            if severity is not None:
                draw_cell_frame(self.canv, severity, -2, -2, self.width + 4, self.height + 4)
            if changes:
                draw_change_corner(self.canv, -2, self.height + 2)
            self.canv.restoreState()
        fills = {Severity.ERROR: st.ERROR_FILL, Severity.WARNING: st.WARNING_FILL}
        fill = st.CHANGE_FILL if severity is None else fills[severity]
        self.canv.highlightAnnotation("\n".join([*notes, *changes]),
                                      Rect=(0, 0, self.width, self.height),
                                      relative=1, Color=list(fill.rgb()))  # fmt: skip


def draft_findings(chart: Chart, ctx: LayoutContext) -> tuple[Severity | None, list[str]]:
    """In a draft, the worst finding on the cells the chart draws and every note on them."""
    if ctx.marks is None:
        return None, []
    marks = ctx.marks
    found = [marks.cell_notes[span] for line in chart.series for span in line.spans
             if span in marks.cell_notes]  # fmt: skip
    worst = [severity for severity, _ in found if severity is not Severity.NOTE]
    if not worst:
        return None, []
    severity = Severity.ERROR if Severity.ERROR in worst else Severity.WARNING
    return severity, [shown(note, marks.language) for _, notes in found for note in notes]


def changed_figures(chart: Chart, ctx: LayoutContext) -> list[str]:
    """In a proof, each changed figure the chart draws, with what it was."""
    if ctx.marks is None:
        return []
    marks = ctx.marks
    return [
        f"{line.label} {heading}: "
        + shown(tr("was {figure}", figure=marks.old_figures[span]), marks.language)
        for line in chart.series
        for heading, span in zip(chart.short_headings, line.spans, strict=True)
        if span in marks.old_figures
    ]


@dataclass(frozen=True)
class Scale:
    """The unit a chart's value axis counts in, and how its figures are written."""

    unit: int  # euros: 1, 1 000 or 1 000 000 (a share chart: per cent, 1)
    decimals: int  # of a figure over a bar
    label: str  # over the value axis

    def figure(self, value: int) -> str:
        """A figure over a bar or a point, in the unit, rounded as the tables round."""
        return format_decimal(in_units(value, self.unit, self.decimals), self.decimals)

    def tick(self, value: int, step: int) -> str:
        """A tick's figure: whole units when the step is, so that the steps read round."""
        decimals = 0 if step % self.unit == 0 else self.decimals
        return format_decimal(in_units(value, self.unit, decimals), decimals)


def chart_scale(chart: Chart, ctx: LayoutContext) -> Scale:
    """Millions from 10 000 000 €, thousands from 10 000 €, else euros; per cent for shares."""
    currency = ctx.labels.currency
    if chart.kind is ChartKind.SHARE:
        return Scale(1, 1, "%")
    largest = max(abs(v) for line in chart.series for v in line.values if v is not None)
    if largest >= MILLIONS_FROM:
        return Scale(1_000_000, 1, shown(tr("million {currency}", currency=currency), ctx.language))
    if largest >= THOUSANDS_FROM:
        return Scale(1000, 0, f"1 000 {currency}")
    return Scale(1, 0, currency)


def chart_drawing(chart: Chart, ctx: LayoutContext, width: float, height: float) -> Drawing:
    """The chart as shapes: legend on top, value axis left, the years along the foot;
    a pie its own way."""
    if chart.kind is ChartKind.PIE:
        return pie_drawing(chart, ctx, width, height)
    fonts = ctx.fonts
    scale = chart_scale(chart, ctx)
    low, high = _extent(chart)
    step = 20 if chart.kind is ChartKind.SHARE else _step(high - low)
    bottom_tick, top_tick = (low // step) * step, -(-high // step) * step
    top_tick = max(top_tick, bottom_tick + step)  # a chart of zeros still has an axis
    ticks = list(range(bottom_tick, top_tick + 1, step))
    labels = [scale.tick(tick, step) for tick in ticks]
    axis_width = max(stringWidth(label, fonts.regular, TEXT_SIZE) for label in labels) + 4
    # The book's font from the start: ReportLab's default would add Helvetica, unembedded.
    drawing = Drawing(width, height, initialFontName=fonts.regular, initialFontSize=TEXT_SIZE)
    legend_height = _legend(drawing, chart, ctx, axis_width, height)
    top = height - legend_height - TEXT_SIZE - 8
    foot = TEXT_SIZE + 6
    drawing.add(String(0, top + 2, scale.label.replace(" ", "\u00a0"), fontName=fonts.regular,
                       fontSize=TEXT_SIZE, fillColor=st.MUTED))  # fmt: skip
    top -= TEXT_SIZE + 4
    span = top_tick - bottom_tick
    # Room for a figure over the highest bar and under the lowest.
    low_y, high_y = foot + VALUE_SIZE + 2, top - VALUE_SIZE - 2

    def y(value: float) -> float:
        return low_y + (high_y - low_y) * (value - bottom_tick) / span

    for tick, label in zip(ticks, labels, strict=True):
        drawing.add(
            Line(
                axis_width,
                y(tick),
                width,
                y(tick),
                strokeColor=st.INK if tick == 0 else st.HAIRLINE,
                strokeWidth=0.5,
            )
        )
        drawing.add(
            String(
                axis_width - 4,
                y(tick) - TEXT_SIZE / 3,
                label,
                textAnchor="end",
                fontName=fonts.regular,
                fontSize=TEXT_SIZE,
                fillColor=st.INK,
            )
        )
    group = (width - axis_width) / len(chart.headings)
    for index, heading in enumerate(chart.short_headings):
        drawing.add(
            String(
                axis_width + group * (index + 0.5),
                2,
                heading,
                textAnchor="middle",
                fontName=fonts.regular,
                fontSize=TEXT_SIZE,
                fillColor=st.INK,
            )
        )
    if chart.kind is ChartKind.SHARE:
        draw_share_bars(drawing, chart, ctx, axis_width, group, y)
        return drawing
    plot = _Plot(drawing, chart, ctx, axis_width, group, y, scale)
    draw = {ChartKind.BAR: plot.bars, ChartKind.STACKED: plot.stacked, ChartKind.LINE: plot.lines}
    draw[chart.kind]()
    return drawing


def _extent(chart: Chart) -> tuple[int, int]:
    """The lowest and highest value the axis must reach (a stack's sums; zero always;
    a share chart's 100 %)."""
    if chart.kind is ChartKind.SHARE:
        return 0, 100
    if chart.kind is ChartKind.STACKED:
        highs = [sum(max(line.values[i] or 0, 0) for line in chart.series)
                 for i in range(len(chart.headings))]  # fmt: skip
        lows = [sum(min(line.values[i] or 0, 0) for line in chart.series)
                for i in range(len(chart.headings))]  # fmt: skip
        return min(0, *lows), max(0, *highs)
    values = [v for line in chart.series for v in line.values if v is not None]
    return min(0, *values), max(0, *values)


def _step(span: int) -> int:
    """A round step (1, 2 or 5 times a power of ten euros) giving about TICKS steps."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if span <= factor * step * TICKS:
                return factor * step
        step *= 10


def _legend(
    drawing: Drawing, chart: Chart, ctx: LayoutContext, left: float, height: float
) -> float:
    """A swatch and the row's label for each series, in lines as wide as the chart;
    returns the height taken."""
    x, line = left, 0
    for series, colour in zip(chart.series, st.chart_colours(len(chart.series)), strict=True):
        width = 12 + stringWidth(series.label, ctx.fonts.regular, TEXT_SIZE) + 12
        if x + width > drawing.width and x > left:
            x, line = left, line + 1
        base = height - (line + 1) * (TEXT_SIZE + 4)
        drawing.add(Rect(x, base, 8, 7, fillColor=colour, strokeColor=None))
        drawing.add(String(x + 12, base + 0.5, series.label, fontName=ctx.fonts.regular,
                           fontSize=TEXT_SIZE, fillColor=st.INK))  # fmt: skip
        x += width
    return (line + 1) * (TEXT_SIZE + 4)


class _Plot:
    """Draws the series of a chart on its axes, in one of the three kinds."""

    def __init__(self, drawing, chart, ctx, left, group, y, scale: Scale) -> None:
        self.drawing, self.chart, self.ctx = drawing, chart, ctx
        self.left, self.group, self.y, self.scale = left, group, y, scale
        self.colours = st.chart_colours(len(chart.series))

    def _value_label(self, value: int, x: float, y: float, room: float, ground=white) -> None:
        """The figure at (x, y) if it fits in `room`, legible on `ground` (a bar's fill)."""
        text = self.scale.figure(value)
        if stringWidth(text, self.ctx.fonts.regular, VALUE_SIZE) <= room:
            self.drawing.add(String(x, y, text, textAnchor="middle", fontSize=VALUE_SIZE,
                                    fontName=self.ctx.fonts.regular,
                                    fillColor=st.text_on(ground)))  # fmt: skip

    def bars(self) -> None:
        count = len(self.chart.series)
        bar = self.group * 0.7 / count
        for index, series in enumerate(self.chart.series):
            for column, value in enumerate(series.values):
                if value is None:
                    continue
                x = self.left + self.group * (column + 0.15) + bar * index
                zero, end = self.y(0), self.y(value)
                self._bar(x, bar, zero, end, self.colours[index])
                above = end + 2 if value >= 0 else end - VALUE_SIZE - 1
                self._value_label(value, x + bar / 2, above, bar + 2)

    def stacked(self) -> None:
        bar = self.group * 0.5
        for column in range(len(self.chart.headings)):
            x = self.left + self.group * (column + 0.25)
            up = down = 0
            for index, series in enumerate(self.chart.series):
                value = series.values[column]
                if not value:
                    continue
                start = up if value > 0 else down
                self._bar(x, bar, self.y(start), self.y(start + value), self.colours[index])
                middle = (self.y(start) + self.y(start + value)) / 2 - VALUE_SIZE / 3
                if abs(self.y(start + value) - self.y(start)) > VALUE_SIZE + 2:
                    self._value_label(value, x + bar / 2, middle, bar - 2, self.colours[index])
                up, down = (up + value, down) if value > 0 else (up, down + value)

    def lines(self) -> None:
        for index, series in enumerate(self.chart.series):
            colour = self.colours[index]
            points: list[float] = []
            for column, value in enumerate(series.values):
                if value is None:  # a blank cell breaks the line
                    self._polyline(points, colour, index)
                    points = []
                    continue
                x = self.left + self.group * (column + 0.5)
                points += [x, self.y(value)]
                # Each series its own marker size too, so that they differ without colour.
                size = 2.5 + index
                self.drawing.add(Rect(x - size / 2, self.y(value) - size / 2, size, size,
                                      fillColor=colour, strokeColor=None))  # fmt: skip
                # Under a point below zero, where a line falling to it does not run.
                above = self.y(value) + 4 if value >= 0 else self.y(value) - VALUE_SIZE - 3
                self._value_label(value, x, above, self.group - 4)
            self._polyline(points, colour, index)

    def _polyline(self, points: list[float], colour, index: int) -> None:
        if len(points) >= 4:
            dashes = (None, [4, 2], [1, 2])[index]
            self.drawing.add(PolyLine(points, strokeColor=colour, strokeWidth=1.5,
                                      strokeDashArray=dashes))  # fmt: skip

    def _bar(self, x: float, width: float, start: float, end: float, colour) -> None:
        low, high = min(start, end), max(start, end)
        # A white edge keeps neighbouring bars apart whatever their colours.
        self.drawing.add(Rect(x, low, width, high - low, fillColor=colour,
                              strokeColor=white, strokeWidth=0.5))  # fmt: skip
