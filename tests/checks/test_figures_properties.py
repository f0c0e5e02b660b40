"""Property tests: consistent tables pass; one changed cell is caught where it matters."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings, strategies as st

from kkpdf.checks.figures import FigureReporter
from kkpdf.checks.rollup import check_rollup
from kkpdf.checks.signs import check_signs
from kkpdf.checks.totals import check_totals
from kkpdf.diagnostics import DiagnosticSink, Severity, Span
from kkpdf.model import (
    Account,
    AccountKind,
    Book,
    BookInfo,
    Cell,
    Column,
    FinanceTable,
    Labels,
    Row,
    Unit,
)

HERE = Span(Path("t.yaml"))
YEARS = (2021, 2022, 2023)
LEAVES = {"sales": AccountKind.REVENUE, "grants": AccountKind.REVENUE, "staff": AccountKind.COST,
          "services": AccountKind.COST}  # fmt: skip
TOTALS = {"revenue": ("sales", "grants"), "costs": ("staff", "services"),
          "margin": ("revenue", "costs")}  # fmt: skip
ACCOUNTS = {
    **{key: Account(key, key, "", kind, (), False, HERE) for key, kind in LEAVES.items()},
    **{key: Account(key, key, "", AccountKind.TOTAL, p, False, HERE) for key, p in TOTALS.items()},
}


def complete(leaves: dict[str, list[int]]) -> dict[str, list[int]]:
    figures = dict(leaves)
    for total, parts in TOTALS.items():  # in order: margin comes after its parts
        figures[total] = [sum(values) for values in zip(*(figures[p] for p in parts), strict=True)]
    return figures


def table(unit: Unit, figures: dict[str, list[int]]) -> FinanceTable:
    path = Path(f"{unit.key}.yaml")
    rows = tuple(
        Row(
            ACCOUNTS[key],
            tuple(Cell(v, Span(path, line, column)) for column, v in enumerate(values, 1)),
            Span(path, line),
        )
        for line, (key, values) in enumerate(figures.items(), 1)
    )
    columns = tuple(Column(y, str(y), str(y), HERE) for y in YEARS)
    return FinanceTable(unit.key, unit.name, unit, columns, rows, False, "", (), HERE)


def book(tables: list[FinanceTable], units: list[Unit]) -> Book:
    labels = Labels(*[""] * 7)
    info = BookInfo("", "", "", "", (), "fi-FI", 2023, datetime.date(2022, 12, 14), "",
                    labels, Decimal("0.5"), HERE)  # fmt: skip
    return Book(info, (), tuple(ACCOUNTS.values()), tuple(units), tuple(tables))


def run_checks(subject: Book) -> DiagnosticSink:
    sink = DiagnosticSink()
    reporter = FigureReporter(subject, sink)
    check_totals(subject, sink, reporter)
    check_rollup(subject, sink, reporter)
    reporter.finish()
    check_signs(subject, sink)
    return sink


revenue = st.lists(st.integers(0, 10**7), min_size=3, max_size=3)
cost = st.lists(st.integers(-(10**7), 0), min_size=3, max_size=3)
area = st.fixed_dictionaries({"sales": revenue, "grants": revenue, "staff": cost,
                              "services": cost})  # fmt: skip


def consistent_set(areas: list[dict[str, list[int]]]) -> tuple[Book, list[FinanceTable]]:
    children = [Unit(f"area{i}", f"Area {i}", "", "", (), HERE) for i in range(len(areas))]
    parent = Unit("centre", "Centre", "", "", tuple(u.key for u in children), HERE)
    child_tables = [table(u, complete(a)) for u, a in zip(children, areas, strict=True)]
    summed = {key: [sum(a[key][i] for a in areas) for i in range(3)] for key in LEAVES}
    tables = [table(parent, complete(summed)), *child_tables]
    return book(tables, [parent, *children]), tables


@settings(max_examples=150, deadline=None)
@given(st.lists(area, min_size=1, max_size=4))
def test_a_consistent_table_set_passes(areas):
    subject, _ = consistent_set(areas)
    assert run_checks(subject).diagnostics == []


@settings(max_examples=300, deadline=None)
@given(
    st.lists(area, min_size=1, max_size=4),
    st.data(),
    st.integers(3, 10**6) | st.integers(-(10**6), -3),
)
def test_one_changed_cell_is_reported_there_or_at_a_total_over_it(areas, data, delta):
    subject, tables = consistent_set(areas)
    target = data.draw(st.sampled_from(tables))
    row_index = data.draw(st.integers(0, len(target.rows) - 1))
    column = data.draw(st.integers(0, 2))
    row = target.rows[row_index]
    cell = row.cells[column]
    changed_row = Row(
        row.account,
        tuple(Cell(c.value + delta, c.span) if c is cell else c for c in row.cells),
        row.span,
    )
    changed = FinanceTable(
        target.key, target.caption, target.unit, target.columns,
        tuple(changed_row if r is row else r for r in target.rows),
        False, "", (), HERE,
    )  # fmt: skip
    others = [changed if t is target else t for t in subject.finance_tables]
    sink = run_checks(book(others, list(subject.units)))

    # The totals over the changed row, in its own table and in the Centre's.
    over = {row.account.key}
    for total, parts in TOTALS.items():
        if over & set(parts):
            over.add(total)
    depends = {(target.unit.key, key) for key in over} | {("centre", key) for key in over}
    errors = [d for d in sink.diagnostics if d.severity is Severity.ERROR]
    assert errors, "a change beyond the rounding tolerance must be an error"
    for error in errors:
        assert error.span.column == column + 1
        assert (error.figure.table, error.figure.row) in depends
