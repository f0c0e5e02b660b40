"""Investments, summaries and ratios are computed from the data of the example book."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kkpdf.model import LineStyle
from tests.conftest import TOWN
from tests.document.conftest import compiled


@pytest.fixture
def town_book():
    """The example book compiled for each test, not once a session: mutmut runs only
    the tests that call the code a mutant is in, and a session's book is compiled in
    whichever test came first."""
    return compiled(TOWN)


def computed(book, key):
    return next(table for table in book.computed_tables if table.key == key)


def test_investment_groups_and_the_whole_are_summed_from_the_projects(town_book):
    table = computed(town_book, "investoinnit")
    assert [c.year for c in table.columns] == [None, 2023, 2024, 2025]
    building = table.line("talonrakennus.spending")
    assert building.values == (15_200_000, -4_100_000, -5_600_000, -3_500_000)
    assert building.style is LineStyle.TOTAL
    assert table.line("talonrakennus.net").values == (None, -3_600_000, -4_800_000, -3_500_000)
    assert table.line("total.spending").values == (15_200_000, -5_820_000, -7_030_000, -5_030_000)
    assert table.line("total.income").values == (None, 500_000, 800_000, None)


def test_the_council_binds_the_declared_level_only(town_book):
    table = computed(town_book, "investoinnit")
    binding = [line.key for line in table.lines if line.binding]
    # A group with income binds its net line; one without, its spending line.
    assert binding == [
        "talonrakennus.net",
        "kadut_ja_puistot.spending",
        "irtain_omaisuus.spending",
        "osakkeet.spending",
    ]


def test_a_project_line_is_where_its_figures_were_written(town_book):
    table = computed(town_book, "investoinnit")
    line = table.line("talonrakennus.koulukeskus.spending")
    assert line.label == "Koulukeskuksen peruskorjaus"
    assert line.spans[1].path.name == "investoinnit.yaml"
    assert (line.spans[1].line, line.spans[1].column) == (33, 22)


def test_the_operating_summary_takes_each_units_own_cells(town_book):
    table = computed(town_book, "kayttotalous")
    assert [c.heading for c in table.columns] == ["Toimintatuotot", "Toimintakulut", "Toimintakate"]
    assert table.columns[0].short == "Toimintatuotot TA 2023"
    assert [line.key for line in table.lines] == [
        "kaupunginkansliakeskus", "sivistyskeskus", "tekninen_keskus", "total",
    ]  # fmt: skip
    centre = table.line("kaupunginkansliakeskus")
    assert centre.values == (167_600, -4_179_727, -4_012_127)
    assert centre.spans[0].path.name == "talous.yaml"  # the cell it came from
    assert table.line("total").values == (9_567_600, -50_679_727, -40_792_127)


def test_ratios_are_computed_and_rounded_in_one_place(town_book):
    table = computed(town_book, "tunnusluvut")
    share, per_inhabitant, loans = table.lines
    # 5 458 / 5 940 × 100 = 91.88…; 5 458 000 / 14 450 = 377.7…; 41 200 000 / 14 450 = 2 851.2…
    assert share.values[2] == Decimal("91.9") and share.decimals == 1
    assert per_inhabitant.values[2] == Decimal("378")
    assert loans.values[2] == Decimal("2851")
    assert table.currency == ""  # a ratio is no amount of euros


def test_the_ties_name_a_figure_and_what_it_equals(town_book):
    first = town_book.ties[0]
    assert (first.cell.table, first.cell.line) == ("tuloslaskelma", "toimintatuotot")
    assert [(t.table, t.line) for t in first.equals] == [
        ("", "toimintatuotot"), ("vesihuolto", "toimintatuotot"),
    ]  # fmt: skip
