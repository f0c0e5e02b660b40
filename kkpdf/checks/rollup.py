"""A unit's table equals the sum of the tables of the units it is made of.

The hierarchy comes from the units file (`parts:`). Compared are the years the
tables share and the rows that at least one part shows; a part without the row,
or with a blank cell, counts as 0.
"""

from __future__ import annotations

from kkpdf.checks.figures import FigureReporter
from kkpdf.diagnostics import DiagnosticSink, Rule
from kkpdf.messages import listed, tr
from kkpdf.model import Book

# The rules this module reports.
ROLLUP_INCOMPLETE = Rule("figures.rollup-incomplete", draft_shows=True)
ROLLUP = Rule("figures.rollup", draft_shows=True)


def check_rollup(book: Book, sink: DiagnosticSink, reporter: FigureReporter) -> None:
    tables = {table.unit.key: table for table in book.finance_tables if table.unit}
    for unit in book.units:
        parent = tables.get(unit.key)
        children = [tables[key] for key in unit.parts if key in tables]
        if parent is None or not children:
            continue
        for key in unit.parts:
            if key not in tables:
                sink.warning(
                    parent.span,
                    tr(
                        "'{key}' is part of {unit} but has no finance table, so the {unit} "
                        "table is compared with its other parts only",
                        key=key,
                        unit=unit.name,
                    ),
                    rule=ROLLUP_INCOMPLETE,
                    hint=tr("add a table '{key}' to the finance data", key=key),
                )
        names = listed([child.caption for child in children])
        for row in parent.rows:
            child_rows = [child.row(row.account.key) for child in children]
            if not any(child_rows):
                continue
            for index, column in enumerate(parent.columns):
                expected = 0
                shared = True
                cells = []
                for child, child_row in zip(children, child_rows, strict=True):
                    years = [c.year for c in child.columns]
                    if column.year not in years:
                        shared = False
                        break
                    if child_row is not None:
                        expected += child_row.cells[years.index(column.year)].value or 0
                        cells.append((child, child_row, years.index(column.year)))
                if shared:
                    reporter.difference(
                        parent,
                        row,
                        index,
                        expected,
                        terms=len(children),
                        source=tr("the tables of {tables}", tables=names),
                        hint=tr(
                            "correct this figure or one of the {count} tables it is the sum of",
                            count=len(children),
                        ),
                        rule=ROLLUP,
                        parts=cells,
                    )
