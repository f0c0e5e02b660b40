"""Summaries by unit and key ratios, computed from a small book's figures."""

from __future__ import annotations

from decimal import Decimal

from kkpdf.build import compile_document
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.model import LineStyle
from tests.conftest import MINIMAL

SUMMARIES = """\
tunnusluvut:
  kind: ratios
  caption: Tunnusluvut {budget_year}
  years: [2021, 2022, 2023]
  ratios:
    - {label: "Kate, % kuluista", of: keskus.toimintakate, per: keskus.toimintakulut,
       as: percent}
    - {label: "Kate €/asukas", of: keskus.toimintakate, per: population,
       as: per_inhabitant, decimals: 2}
    - {label: "Tuotot, % kulujen muutoksesta", of: keskus.toimintatuotot,
       per: keskus.poistot, as: percent, decimals: 0}
keskuksittain:
  kind: units
  caption: Keskuksittain
  note: Laskettu
  currency: tuhatta
  years: [2022, 2023]
  rows: [toimintatuotot, toimintakate]
  total: Yhteensä
"""


def compiled(minimal_book):
    text = (MINIMAL / "book.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  goals: data/tavoitteet.yaml\n",
        "  goals: data/tavoitteet.yaml\n  summaries: data/yhteenvedot.yaml\n",
    )
    text += "population: {2021: 1000, 2023: 990}\n"
    chapter = "# Luku\n\n```{goal-table} teema\n```\n\n```{summary-table} tunnusluvut\n```\n\n" \
        "```{summary-table} keskuksittain\n```\n"  # fmt: skip
    sources = minimal_book({"book.yaml": text, "data/yhteenvedot.yaml": SUMMARIES,
                            "luvut/01.md": chapter})  # fmt: skip
    sink = DiagnosticSink()
    book = compile_document(sources, sink)
    assert not sink.errors, [d.format() for d in sink.errors]
    return {table.key: table for table in book.computed_tables}


def test_ratios_of_a_row_per_another_or_per_inhabitant(minimal_book):
    ratios = compiled(minimal_book)["tunnusluvut"]
    assert ratios.caption == "Tunnusluvut 2023"
    share, per_inhabitant, blank = ratios.lines
    # −4 000 / |−5 000| × 100; the size of the denominator, one decimal by default.
    assert share.values == (Decimal("-80.0"), Decimal("-66.7"), Decimal("-57.1"))
    assert share.decimals == 1 and share.label == "Kate, % kuluista"
    # −4 000 / 1 000 and −4 000 / 990; no population for 2022 gives a blank.
    assert per_inhabitant.values == (Decimal("-4.00"), None, Decimal("-4.04"))
    # 1 000 / |−100| × 100 in 2021; Poistot is blank in 2022 and 2023: no denominator.
    assert blank.values == (Decimal("1000"), None, None)
    assert [line.key for line in ratios.lines] == ["ratio1", "ratio2", "ratio3"]


def test_a_summary_by_unit_has_a_column_per_row_and_year_and_the_total(minimal_book):
    table = compiled(minimal_book)["keskuksittain"]
    assert (table.note, table.currency) == ("Laskettu", "tuhatta")
    assert [c.heading for c in table.columns] == [
        "Toimintatuotot TALOUSARVIO 2022 muutoksineen", "Toimintatuotot TALOUSARVIO 2023",
        "Toimintakate ulkoinen TALOUSARVIO 2022 muutoksineen",
        "Toimintakate ulkoinen TALOUSARVIO 2023",
    ]  # fmt: skip
    assert [c.year for c in table.columns] == [2022, 2023, 2022, 2023]
    unit, total = table.lines
    assert (unit.key, unit.label, unit.style) == ("keskus", "Keskus", LineStyle.PLAIN)
    assert unit.values == (2000, 3000, -4000, -4000)
    assert (total.key, total.label, total.style) == ("total", "Yhteensä", LineStyle.TOTAL)
    assert total.values == unit.values
