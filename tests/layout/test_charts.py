"""The value axis of a chart: round steps, and figures scaled as the tables round them."""

from __future__ import annotations

import pytest

from kkpdf.layout.charts import TICKS, _scaled, _step


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
    assert _scaled(value, 1000) == scaled
