"""The parts of a whole: a bar of 100 % a year split into the rows' shares, and one
year's shares as a pie; and the split of a chart's drawing into its shapes (an
artifact) and its words (the Figure's content).

A share is of the absolute figures: the document stage lets through only years
whose figures are of one sign (costs are negative) and do not add up to zero. A
blank cell is a share of 0.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal

from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String, Wedge
from reportlab.lib.colors import white

from kkpdf.layout import styles as st
from kkpdf.layout.context import LayoutContext
from kkpdf.model import Chart
from kkpdf.money import format_percent, share_percent

VALUE_SIZE = 6.5  # the percentages on and beside the segments
LABEL_SIZE = 7.5  # a pie's labels
PIE_MARGIN = 6  # between the pie and the drawing's edges


def column_parts(chart: Chart, column: int) -> list[int]:
    """The rows' figures of one year as parts of its whole: absolute, a blank as 0."""
    return [abs(line.values[column] or 0) for line in chart.series]


def shares(chart: Chart, column: int) -> list[Decimal]:
    """Each row's share of the year's whole, in per cent as printed (one decimal)."""
    parts = column_parts(chart, column)
    return [share_percent(part, sum(parts)) for part in parts]


def split(drawing: Drawing) -> tuple[Drawing, Drawing]:
    """The drawing's lines and fills, and its words, as two drawings of its size: the
    shapes are drawn as an artifact, the words as the Figure's marked content."""
    shapes = Drawing(drawing.width, drawing.height, initialFontName=drawing.initialFontName,
                     initialFontSize=drawing.initialFontSize)  # fmt: skip
    words = Drawing(drawing.width, drawing.height, initialFontName=drawing.initialFontName,
                    initialFontSize=drawing.initialFontSize)  # fmt: skip
    for item in drawing.contents:
        (words if isinstance(item, String) else shapes).add(item)
    return shapes, words


def draw_share_bars(
    drawing: Drawing,
    chart: Chart,
    ctx: LayoutContext,
    left: float,
    group: float,
    y: Callable[[float], float],
) -> None:
    """A bar of 100 % a year, its segments the rows' shares from the foot up, each
    labelled with its percentage: on the segment if it is tall enough, else beside it."""
    colours = st.chart_colours(len(chart.series))
    bar = group * 0.45
    for column in range(len(chart.headings)):
        parts = column_parts(chart, column)
        whole = sum(parts)
        x = left + group * 0.2 + group * column
        below = 0  # the sum of the parts drawn, so that the top is exactly 100 %
        beside: list[tuple[float, str]] = []
        for part, share, colour in zip(parts, shares(chart, column), colours, strict=True):
            if not part:  # no segment to label; the alternative text has its 0 %
                continue
            start, end = y(100 * below / whole), y(100 * (below + part) / whole)
            below += part
            drawing.add(Rect(x, start, bar, end - start, fillColor=colour,
                             strokeColor=white, strokeWidth=0.5))  # fmt: skip
            text = format_percent(share)
            if end - start >= VALUE_SIZE + 2:
                drawing.add(String(x + bar / 2, (start + end) / 2 - VALUE_SIZE / 3, text,
                                   textAnchor="middle", fontName=ctx.fonts.regular,
                                   fontSize=VALUE_SIZE, fillColor=st.text_on(colour)))  # fmt: skip
            else:
                beside.append(((start + end) / 2, text))
        # Thin segments are labelled to the right of the bar, spread so as not to
        # overlap, each with a tick from its segment.
        middles = [place for place, _ in beside]
        for middle, place, (_, text) in zip(middles, _spread(middles, VALUE_SIZE + 1, y(0), y(100)),
                                            beside, strict=True):  # fmt: skip
            drawing.add(Line(x + bar, middle, x + bar + 4, place, strokeColor=st.MUTED,
                             strokeWidth=0.5))  # fmt: skip
            drawing.add(String(x + bar + 5, place - VALUE_SIZE / 3, text,
                               fontName=ctx.fonts.regular, fontSize=VALUE_SIZE,
                               fillColor=st.INK))  # fmt: skip


def _spread(places: list[float], gap: float, low: float, high: float) -> list[float]:
    """The heights, in their order from the foot up, moved apart to at least `gap`
    and kept between `low` and `high` where there is room."""
    moved: list[float] = []
    for place in places:
        moved.append(max(place, moved[-1] + gap) if moved else max(place, low))
    # Pushed over the top: moved down again, the highest first.
    for index in reversed(range(len(moved))):
        ceiling = high if index == len(moved) - 1 else moved[index + 1] - gap
        moved[index] = min(moved[index], ceiling)
    return moved


def pie_drawing(chart: Chart, ctx: LayoutContext, width: float, height: float) -> Drawing:
    """One year's shares as a pie: from twelve o'clock clockwise in the rows' order,
    each slice labelled outside it with the row's label and its percentage."""
    drawing = Drawing(width, height, initialFontName=ctx.fonts.regular,
                      initialFontSize=LABEL_SIZE)  # fmt: skip
    parts = column_parts(chart, 0)
    whole = sum(parts)
    radius = height / 2 - PIE_MARGIN
    centre_x, centre_y = width / 2, height / 2
    colours = st.chart_colours(len(chart.series))
    done = 0
    labels: list[tuple[float, float, str]] = []  # the angle, the label's side, its text
    for line, part, share, colour in zip(chart.series, parts, shares(chart, 0), colours,
                                         strict=True):  # fmt: skip
        # Degrees clockwise from twelve o'clock, as a reader counts.
        start, end = 360 * done / whole, 360 * (done + part) / whole
        done += part
        if part == whole:
            drawing.add(Circle(centre_x, centre_y, radius, fillColor=colour, strokeColor=white))
        elif part:
            # ReportLab's angles run anticlockwise from three o'clock.
            drawing.add(Wedge(centre_x, centre_y, radius, 90 - end, 90 - start,
                              fillColor=colour, strokeColor=white, strokeWidth=0.75))  # fmt: skip
        middle = math.radians(90 - (start + end) / 2)
        labels.append((middle, math.cos(middle), f"{line.label} {format_percent(share)}"))
    for right in (True, False):
        side = [(a, text) for a, cos, text in labels if (cos >= 0) is right]
        side.sort(key=lambda item: math.sin(item[0]))
        heights = [centre_y + (radius + 8) * math.sin(a) for a, _ in side]
        placed = _spread(heights, LABEL_SIZE + 2, PIE_MARGIN, height - LABEL_SIZE)
        for (angle, text), label_y in zip(side, placed, strict=True):
            edge_x = centre_x + radius * math.cos(angle)
            edge_y = centre_y + radius * math.sin(angle)
            # Clear of the circle at the label's height, whatever it was moved to.
            rise = min(abs(label_y - centre_y), radius)
            reach = math.sqrt(radius**2 - rise**2) + 12
            label_x = centre_x + (reach if right else -reach)
            drawing.add(Line(edge_x, edge_y, label_x, label_y, strokeColor=st.MUTED,
                             strokeWidth=0.5))  # fmt: skip
            offset = 2 if right else -2
            drawing.add(String(label_x + offset, label_y - LABEL_SIZE / 3, text,
                               textAnchor="start" if right else "end",
                               fontName=ctx.fonts.regular, fontSize=LABEL_SIZE,
                               fillColor=st.INK))  # fmt: skip
    return drawing
