"""The investment part: lines, totals, styles and the binding level, from small tables."""

from __future__ import annotations

import pytest

from kkpdf.build import compile_document
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.model import LineStyle
from tests.conftest import MINIMAL

BOOK_DATA = "  goals: data/tavoitteet.yaml\n"
TABLE = """\
investoinnit:
  caption: Investoinnit {{budget_year}}
  note: Huomautus
  binding: {binding}
  years: [2023, 2024]
  labels: {{estimate: Arvio, spending: Menot, income: Tulot, net: Netto,
           group_total: "{{name}} yhteensä", total: Kaikki yhteensä}}
  groups:
    talot:
      name: Talot
      projects:
        koulu:
          name: Koulu
          estimate: 5 000
          spending: [-1 000, -2 000]
          income:   [   300,      ~]
        sauna:
          name: Sauna
          spending: [  -500,      ~]
    kadut:
      name: Kadut
      projects:
        tie: {{name: Tie, spending: [-100, -200]}}
"""


def compiled(minimal_book, binding: str = "group"):
    text = (
        (MINIMAL / "book.yaml")
        .read_text(encoding="utf-8")
        .replace(BOOK_DATA, BOOK_DATA + "  investments: data/investoinnit.yaml\n")
    )
    chapter = "# Luku\n\n```{goal-table} teema\n```\n\n```{investment-table} investoinnit\n```\n"
    sources = minimal_book({
        "book.yaml": text,
        "data/investoinnit.yaml": TABLE.format(binding=binding),
        "luvut/01.md": chapter,
    })  # fmt: skip
    sink = DiagnosticSink()
    book = compile_document(sources, sink)
    assert not sink.errors, [d.format() for d in sink.errors]
    return book.computed_tables[0]


def test_every_line_in_order_with_its_style_and_figures(minimal_book):
    table = compiled(minimal_book)
    assert table.caption == "Investoinnit 2023" and table.note == "Huomautus"
    headings = [c.heading for c in table.columns]
    assert headings == ["Arvio", "TALOUSARVIO 2023", "TALOUSSUUNNITELMA 2024"]
    lines = [(line.key, line.label, line.style, line.values) for line in table.lines]
    assert lines == [
        ("talot", "Talot", LineStyle.GROUP, ()),
        ("talot.koulu.spending", "Koulu", LineStyle.PLAIN, (5000, -1000, -2000)),
        ("talot.koulu.income", "Tulot", LineStyle.DETAIL, (None, 300, None)),
        ("talot.koulu.net", "Netto", LineStyle.DETAIL, (None, -700, -2000)),
        ("talot.sauna.spending", "Sauna", LineStyle.PLAIN, (None, -500, None)),
        ("talot.spending", "Talot yhteensä", LineStyle.TOTAL, (5000, -1500, -2000)),
        ("talot.income", "Tulot", LineStyle.DETAIL, (None, 300, None)),
        ("talot.net", "Netto", LineStyle.DETAIL, (None, -1200, -2000)),
        ("kadut", "Kadut", LineStyle.GROUP, ()),
        ("kadut.tie.spending", "Tie", LineStyle.PLAIN, (None, -100, -200)),
        ("kadut.spending", "Kadut yhteensä", LineStyle.TOTAL, (None, -100, -200)),
        ("total.spending", "Kaikki yhteensä", LineStyle.TOTAL, (5000, -1600, -2200)),
        ("total.income", "Tulot", LineStyle.DETAIL, (None, 300, None)),
        ("total.net", "Netto", LineStyle.DETAIL, (None, -1300, -2200)),
    ]


@pytest.mark.parametrize(
    ("binding", "bound"),
    [
        ("project", ["talot.koulu.net", "talot.sauna.spending", "kadut.tie.spending"]),
        ("group", ["talot.net", "kadut.spending"]),
        ("total", ["total.net"]),
        ("none", []),
    ],
)
def test_the_binding_level_marks_the_net_line_of_that_level(minimal_book, binding, bound):
    table = compiled(minimal_book, binding)
    assert [line.key for line in table.lines if line.binding] == bound


def test_a_figure_keeps_the_place_it_was_written_at(minimal_book):
    table = compiled(minimal_book)
    koulu = table.line("talot.koulu.spending")
    spans = [(span.line, span.column) for span in koulu.spans]
    assert spans == [(14, 21), (15, 22), (15, 30)]
    # A total's figures are computed: their place is the group's.
    assert set(table.line("talot.spending").spans) == {table.line("talot.spending").span}
