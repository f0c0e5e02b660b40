"""A book model with one figure changed, and the figure rules run over it."""

from __future__ import annotations

from dataclasses import replace

from kkpdf.checks.figures import FigureReporter
from kkpdf.checks.rollup import check_rollup
from kkpdf.checks.ties import check_ties
from kkpdf.checks.totals import check_totals
from kkpdf.diagnostics import DiagnosticSink
from kkpdf.model import Cell


def run_checks(book) -> tuple[DiagnosticSink, FigureReporter]:
    """Totals, roll-up and ties, reported as the checks stage reports them."""
    sink = DiagnosticSink()
    reporter = FigureReporter(book, sink)
    check_totals(book, sink, reporter)
    check_rollup(book, sink, reporter)
    check_ties(book, sink, reporter)
    reporter.finish()
    return sink, reporter


def with_cell(book, table_key: str, row_key: str, index: int, value: int | None):
    """The book with one cell's figure replaced (None: blank), its place kept."""
    tables = []
    for table in book.finance_tables:
        if table.key == table_key:
            rows = tuple(
                replace(row, cells=tuple(
                    Cell(value, c.span) if i == index else c for i, c in enumerate(row.cells)
                )) if row.account.key == row_key else row
                for row in table.rows
            )  # fmt: skip
            table = replace(table, rows=rows)
        tables.append(table)
    return replace(book, finance_tables=tuple(tables))
