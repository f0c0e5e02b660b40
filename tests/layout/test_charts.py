"""The value axis of a chart: round steps, figures scaled as the tables round them, in
thousands or millions by the largest figure; and a share bar's percentages."""

from __future__ import annotations

import itertools
import math
from decimal import Decimal
from types import SimpleNamespace

import pytest
from reportlab.graphics.shapes import Rect, String, Wedge
from reportlab.pdfbase.pdfmetrics import stringWidth

from kkpdf.layout.chart_shares import LABEL_SIZE, _spread, shares, split
from kkpdf.layout.charts import TICKS, Scale, _step, chart_drawing, chart_scale
from kkpdf.messages import load_language
from kkpdf.model import Chart, ChartKind, ChartSeries
from kkpdf.money import format_percent, in_units, share_percent


@pytest.mark.parametrize(
    ("span", "step"),
    [(1, 1), (5, 1), (6, 2), (10, 2), (11, 5), (25, 5), (26, 10), (4_554_219, 1_000_000)],
)
def test_the_axis_steps_are_round_and_about_five(span, step):
    assert _step(span) == step
    assert span <= step * TICKS


@pytest.mark.parametrize(
    ("value", "scaled"), [(312_600, 313), (312_499, 312), (-4_374_500, -4_375), (500, 1)]
)
def test_figures_in_thousands_round_half_away_from_zero(value, scaled):
    assert in_units(value, 1000, 0) == scaled


def chart(kind: ChartKind, *rows: tuple[int | None, ...]) -> Chart:
    series = tuple(ChartSeries(f"r{i}", f"Rivi {i}", values, ()) for i, values in enumerate(rows))
    years = len(rows[0])
    return Chart(kind, "t", "T", ("TA",) * years, ("TA",) * years, series, None)  # type: ignore[arg-type]


CTX = SimpleNamespace(labels=SimpleNamespace(currency="euroa"), language=load_language("fi"))


@pytest.mark.parametrize(
    ("largest", "unit", "label"),
    [(9_999, 1, "euroa"), (10_000, 1000, "1 000 euroa"), (9_999_999, 1000, "1 000 euroa"),
     (-10_000_000, 1_000_000, "milj. euroa")],
)  # fmt: skip
def test_the_largest_figure_chooses_euros_thousands_or_millions(largest, unit, label):
    scale = chart_scale(chart(ChartKind.BAR, (largest, 5)), CTX)
    assert (scale.unit, scale.label) == (unit, label)


def test_millions_are_written_with_one_decimal_and_round_steps_without():
    millions = Scale(1_000_000, 1, "milj. euroa")
    assert millions.figure(12_450_000) == "12,5"
    assert millions.figure(-12_449_999) == "\u221212,4"
    assert millions.figure(31_000_000) == "31,0"
    # An axis in steps of whole millions reads 0, 5, 10; in steps of half a million, 2,5.
    assert millions.tick(10_000_000, 5_000_000) == "10"
    assert millions.tick(2_500_000, 500_000) == "2,5"


def test_a_share_axis_is_in_per_cent():
    scale = chart_scale(chart(ChartKind.SHARE, (1, 2)), CTX)
    assert scale.label == "%" and scale.tick(100, 20) == "100"


def test_shares_are_of_absolute_figures_rounded_each_to_a_tenth():
    costs = chart(ChartKind.SHARE, (-5000, -1), (-4000, -1), (-100, None))
    # 5000/9100 = 54.945…%, 4000/9100 = 43.956…%, 100/9100 = 1.0989…%
    assert shares(costs, 0) == [Decimal("54.9"), Decimal("44.0"), Decimal("1.1")]
    # A blank cell is a share of 0.
    assert shares(costs, 1) == [Decimal("50.0"), Decimal("50.0"), Decimal("0.0")]


@pytest.mark.parametrize("parts", [(1, 1, 1), (1, 2, 3, 4, 5, 6), (2, 2, 2, 2, 2, 2, 2), (7, 3)])
def test_a_years_percentages_add_up_to_100_within_their_rounding(parts):
    found = shares(chart(ChartKind.SHARE, *((p,) for p in parts)), 0)
    # Each rounded by itself, off by at most 0,05 points.
    for part, share in zip(parts, found, strict=True):
        assert abs(share - Decimal(part) * 100 / sum(parts)) <= Decimal("0.05")
    assert abs(sum(found) - 100) <= Decimal("0.05") * len(parts)


def test_labels_beside_a_bar_are_moved_apart_and_kept_under_its_top():
    assert _spread([10, 11, 12], 5, 0, 100) == [10, 15, 20]
    assert _spread([98, 99], 5, 0, 100) == [95, 100]
    assert _spread([], 5, 0, 100) == []


def strings(drawing) -> list[String]:
    return [item for item in drawing.contents if isinstance(item, String)]


PARTS = (-7000, -4000, -300, -200, -50, -20)  # four thin slices at the top


def test_a_pie_starts_at_twelve_and_goes_clockwise_its_labels_clear_of_it_and_apart(ctx):
    pie = chart(ChartKind.PIE, *((part,) for part in PARTS))
    drawing = chart_drawing(pie, ctx, 400, 170)
    wedges = [item for item in drawing.contents if isinstance(item, Wedge)]
    # ReportLab counts anticlockwise from three o'clock: the first slice ends at 90°
    # (twelve o'clock) and each next one lies clockwise of it, ending where it starts.
    assert wedges[0].endangledegrees == pytest.approx(90)
    for one, next_one in itertools.pairwise(wedges):
        assert next_one.endangledegrees == pytest.approx(one.startangledegrees)
    assert wedges[-1].startangledegrees == pytest.approx(-270)
    centre, radius = wedges[0].centerx, wedges[0].radius
    labels = strings(drawing)
    total = -sum(PARTS)
    assert [label.text for label in labels if label.text.startswith("Rivi 0")] == [
        f"Rivi 0 {format_percent(share_percent(7000, total))}"
    ]
    for right in (True, False):
        side = sorted(label.y for label in labels if (label.textAnchor == "start") is right)
        assert all(b - a >= LABEL_SIZE for a, b in itertools.pairwise(side))
    for label in labels:
        width = stringWidth(label.text, label.fontName, label.fontSize)
        near, far = (label.x, label.x + width) if label.textAnchor == "start" else (
            label.x - width, label.x)  # fmt: skip
        # Clear of the circle at every height of the text (from its baseline to its top).
        low, high = label.y - wedges[0].centery, label.y + LABEL_SIZE - wedges[0].centery
        rise = 0 if low <= 0 <= high else min(abs(low), abs(high))
        half = math.sqrt(max(radius**2 - rise**2, 0))
        assert far <= centre - half or near >= centre + half, label.text
        assert near >= 0 and far <= 400


def test_a_share_bar_is_100_per_cent_its_labels_the_shares(ctx):
    shares_chart = chart(ChartKind.SHARE, (-5000, 10), (-4000, 20), (-100, None))
    drawing = chart_drawing(shares_chart, ctx, 400, 170)
    texts = [label.text for label in strings(drawing)]
    for parts in ((5000, 4000, 100), (10, 20, 0)):
        for part in parts:
            if part:
                assert format_percent(share_percent(part, sum(parts))) in texts
    assert "0,0\u00a0%" not in texts  # a blank cell has no segment to label
    assert "%" in texts  # the value axis is in per cent
    assert {"0", "20", "40", "60", "80", "100"} <= set(texts)
    # The segments of a year reach from the foot of the axis to its 100 exactly.
    bars = [item for item in drawing.contents
            if isinstance(item, Rect) and item.width > 20]  # fmt: skip
    first = sorted((bar for bar in bars if bar.x < 200), key=lambda bar: bar.y)
    assert len(first) == 3
    assert sum(bar.height for bar in first) == pytest.approx(first[-1].y + first[-1].height
                                                             - first[0].y)  # fmt: skip


def test_a_drawing_splits_into_its_shapes_and_its_words(ctx):
    drawing = chart_drawing(chart(ChartKind.BAR, (12_000_000, -3_000_000)), ctx, 400, 170)
    shapes, words = split(drawing)
    assert not strings(shapes) and len(strings(words)) == len(words.contents)
    assert len(shapes.contents) + len(words.contents) == len(drawing.contents)
    # Millions (the unit in the context's language, English): one decimal.
    texts = [label.text for label in words.contents]
    assert "million\u00a0euroa" in texts and "12,0" in texts and "\u22123,0" in texts


def test_a_lines_figures_stand_over_points_above_zero_and_under_those_below(ctx):
    # Under a point below zero: over it, the line falling to it would run through them.
    drawing = chart_drawing(chart(ChartKind.LINE, (5_661, -501, -482)), ctx, 400, 170)
    points = {round(item.x, 1): item for item in drawing.contents
              if isinstance(item, Rect) and item.width < 5}  # the markers  # fmt: skip
    labels = {text: item for item in strings(drawing)
              if (text := item.text.replace("\u00a0", " ")) in ("5 661", "−501")}  # fmt: skip
    assert len(points) == 3 and len(labels) == 2
    for text, item in labels.items():
        marker = min(points.values(), key=lambda point: abs(point.x + point.width / 2 - item.x))
        centre = marker.y + marker.height / 2
        assert (item.y > centre) is (text == "5 661"), text
