"""The chart directive as written: its kind, table, rows, years and title, and what is
reported, where, when one of them is not as the directive needs it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kkpdf.diagnostics import DiagnosticSink
from kkpdf.model import ChartKind
from kkpdf.parse.charts import read_chart
from kkpdf.parse.markup import Directive, make_parser, parse_markup

PATH = Path("luku.md")


def directive(text: str) -> Directive:
    """The directive of chapter text whose fence begins on line 3."""
    sink = DiagnosticSink()
    blocks = parse_markup(f"Teksti.\n\n{text}", PATH, sink, parser=make_parser())
    assert not sink.diagnostics
    return next(block for block in blocks if isinstance(block, Directive))


def read(text: str):
    sink = DiagnosticSink()
    return read_chart(directive(text), sink), sink


def test_a_chart_directive_gives_its_kind_table_rows_years_and_title():
    request, sink = read(
        "```{chart} line keskus\n"
        "rows: toimintatuotot, toimintakulut\n"
        "years: 2022, 2023\n"
        "title: Tuotot ja kulut\n"
        "```\n"
    )
    assert not sink.diagnostics
    assert request.kind is ChartKind.LINE
    assert request.table == "keskus"
    assert [(key, span.line) for key, span in request.rows] == [
        ("toimintatuotot", 4),
        ("toimintakulut", 4),
    ]
    assert [(year, span.line) for year, span in request.years] == [(2022, 5), (2023, 5)]
    assert request.title == "Tuotot ja kulut"
    assert (request.span.line, request.span.column) == (3, 1)


def test_years_and_title_may_be_left_out():
    request, sink = read("```{chart} stacked keskus\nrows: toimintatuotot\n```\n")
    assert not sink.diagnostics
    assert request.kind is ChartKind.STACKED
    assert (request.years, request.title) == ((), "")


@pytest.mark.parametrize(
    ("text", "line", "message", "hint"),
    [
        (
            "```{chart} baar keskus\nrows: toimintatuotot\n```\n",
            3,
            "unknown chart kind 'baar' (did you mean 'bar'?)",
            "the kinds are: bar, stacked, line, share, pie",
        ),
        (
            "```{chart} keskus\nrows: toimintatuotot\n```\n",
            3,
            "directive 'chart' needs a kind and a finance table's key, not 'keskus'",
            "write ```{chart} bar key (the kinds are: bar, stacked, line, share, pie)",
        ),
        (
            "```{chart} bar keskus\nrow: toimintatuotot\n```\n",
            4,
            "unknown chart option 'row' (did you mean 'rows'?)",
            "the options are: rows, years, title",
        ),
        (
            "```{chart} bar keskus\nyears: 2023\n```\n",
            3,
            "chart of 'keskus' names no rows",
            "write 'rows: key, key' under the directive, keys of the chart of accounts",
        ),
        (
            "```{chart} bar keskus\nrows: a, b, c, d\n```\n",
            4,
            "a chart draws at most 3 rows, not 4",
            "split the rows between two charts",
        ),
        (
            "```{chart} share keskus\nrows: a, b, c, d, e, f, g\n```\n",
            4,
            "a chart draws at most 6 rows, not 7",
            "split the rows between two charts",
        ),
        (
            "```{chart} bar keskus\nrows: toimintatuotot\n\nyears: 2023, TA\n```\n",
            6,
            "'TA' is not a year",
            "write the years as 2023, 2024, or leave 'years' out for all",
        ),
        (
            "```{chart} bar keskus\nrows: a\nrows: b\n```\n",
            5,
            "chart option 'rows' is given twice",
            "keep one of the two lines",
        ),
    ],
)
def test_a_chart_written_wrong_is_reported_at_its_line(text, line, message, hint):
    request, sink = read(text)
    assert request is None
    [error] = sink.errors
    assert error.rule.id == "markup.chart"
    assert (str(error.span.path), error.span.line) == ("luku.md", line)
    assert (str(error.message), str(error.hint)) == (message, hint)


@pytest.mark.parametrize("kind", [ChartKind.SHARE, ChartKind.PIE])
def test_the_parts_of_a_whole_may_be_six_rows(kind):
    request, sink = read(f"```{{chart}} {kind.value} keskus\nrows: a, b, c, d, e, f\n```\n")
    assert not sink.diagnostics
    assert request.kind is kind and len(request.rows) == 6
