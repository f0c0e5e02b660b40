"""The figure checks at their edges: the rounding tolerance exactly and one past it,
for two to five terms and in every column; excuses for one year only; a roll-up
that misses a part's table."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from kkpdf.checks.figures import FigureReporter
from kkpdf.checks.rollup import check_rollup
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
    Unresolved,
)

HERE = Span(Path("t.yaml"))
YEARS = (2021, 2022, 2023)
TOLERANCE = {2: 1, 3: 1, 4: 2, 5: 2}  # n × 0.50 €, rounded down


def accounts(terms: int) -> dict[str, Account]:
    parts = {f"p{i}": Account(f"p{i}", f"P{i}", "", AccountKind.COST, (), False, HERE)
             for i in range(terms)}  # fmt: skip
    total = Account("total", "Total", "", AccountKind.TOTAL, tuple(parts), False, HERE)
    return {**parts, "total": total}


def table(unit: Unit, rows: dict[str, list[int | None]], chart: dict[str, Account],
          unresolved: tuple[Unresolved, ...] = ()) -> FinanceTable:  # fmt: skip
    path = Path(f"{unit.key}.yaml")
    made = tuple(
        Row(
            chart[key],
            tuple(Cell(v, Span(path, line, c)) for c, v in enumerate(values, 1)),
            Span(path, line),
        )
        for line, (key, values) in enumerate(rows.items(), 1)
    )
    columns = tuple(Column(y, str(y), f"TA {y}", HERE) for y in YEARS)
    return FinanceTable(unit.key, unit.name, unit, columns, made, False, "", unresolved, Span(path))


def checked(tables: list[FinanceTable], units: list[Unit], chart: dict[str, Account]):
    info = BookInfo("", "", "", "", (), "fi-FI", 2023, datetime.date(2022, 12, 14), "",
                    Labels(*[""] * 7), Decimal("0.5"), HERE)  # fmt: skip
    subject = Book(info, (), tuple(chart.values()), tuple(units), tuple(tables))
    sink = DiagnosticSink()
    reporter = FigureReporter(subject, sink)
    check_totals(subject, sink, reporter)
    check_rollup(subject, sink, reporter)
    reporter.finish()
    return [(d.severity, d.rule.id, d.span.line, d.span.column) for d in sink.diagnostics]


UNIT = Unit("keskus", "Keskus", "", "", (), HERE)


@pytest.mark.parametrize("terms", [2, 3, 4, 5])
@pytest.mark.parametrize("column", [0, 1, 2])
@pytest.mark.parametrize("sign", [1, -1])
def test_a_total_off_by_the_tolerance_is_a_warning_and_one_more_an_error(terms, column, sign):
    chart = accounts(terms)
    parts = {f"p{i}": [-100 * (i + 1)] * 3 for i in range(terms)}
    right = sum(values[0] for values in parts.values())
    line = terms + 1  # the total's row comes after its parts
    for off, verdict in ((TOLERANCE[terms], "figures.rounding"),
                         (TOLERANCE[terms] + 1, "figures.sum")):  # fmt: skip
        total = [right] * 3
        total[column] += sign * off
        found = checked([table(UNIT, {**parts, "total": total}, chart)], [UNIT], chart)
        severity = Severity.WARNING if verdict == "figures.rounding" else Severity.ERROR
        assert found == [(severity, verdict, line, column + 1)]


@pytest.mark.parametrize("children", [2, 3, 4, 5])
@pytest.mark.parametrize("column", [0, 1, 2])
def test_a_rollup_off_by_the_tolerance_is_a_warning_and_one_more_an_error(children, column):
    chart = accounts(1)
    kids = [Unit(f"alue{i}", f"Alue {i}", "", "", (), HERE) for i in range(children)]
    parent = Unit("keskus", "Keskus", "", "", tuple(k.key for k in kids), HERE)
    kid_tables = [table(k, {"p0": [-10 * (i + 1)] * 3}, chart) for i, k in enumerate(kids)]
    right = sum(-10 * (i + 1) for i in range(children))
    for off, verdict in ((TOLERANCE[children], "figures.rounding"),
                         (TOLERANCE[children] + 1, "figures.rollup")):  # fmt: skip
        figures = [right] * 3
        figures[column] -= off
        tables = [table(parent, {"p0": figures}, chart), *kid_tables]
        found = checked(tables, [parent, *kids], chart)
        severity = Severity.WARNING if verdict == "figures.rounding" else Severity.ERROR
        assert found == [(severity, verdict, 1, column + 1)]


def test_an_excuse_holds_for_its_own_year_only():
    chart = accounts(2)
    excuse = Unresolved("total", 2022, "as published", Span(Path("keskus.yaml"), 9), -300)
    rows = {"p0": [-100, -100, -100], "p1": [-100, -100, -100], "total": [-200, -500, -500]}
    found = checked([table(UNIT, rows, chart, (excuse,))], [UNIT], chart)
    assert found == [
        (Severity.WARNING, "figures.unresolved", 3, 2),  # 2022: excused
        (Severity.ERROR, "figures.sum", 3, 3),  # 2023: the same row, another year
    ]


@given(
    found=st.integers(-(10**9), 10**9).filter(bool),
    pinned=st.one_of(st.none(), st.integers(-(10**9), 10**9)),
)
def test_an_excuse_holds_for_its_own_difference_only(found, pinned):
    # Any difference, rounding's too: the entry excuses it exactly when it names it.
    chart = accounts(2)
    excuse = Unresolved("total", 2022, "as published", Span(Path("keskus.yaml"), 9), pinned)
    rows = {"p0": [-100] * 3, "p1": [-100] * 3, "total": [-200, -200 + found, -200]}
    verdict = checked([table(UNIT, rows, chart, (excuse,))], [UNIT], chart)
    if pinned == found:
        assert verdict == [(Severity.WARNING, "figures.unresolved", 3, 2)]
    elif pinned is None:  # at the entry, which is not then also reported as unused
        assert verdict == [(Severity.ERROR, "figures.unresolved-no-difference", 9, 1)]
    else:
        assert verdict == [(Severity.ERROR, "figures.unresolved-changed", 3, 2)]


def test_a_cell_off_its_sum_and_its_parts_tables_may_have_an_entry_for_each():
    # Keskus's total is checked against its own parts and against Alue's total: two
    # differences at one cell, each excused by the entry that names it.
    chart = accounts(2)
    alue = Unit("alue", "Alue", "", "", (), HERE)
    keskus = Unit("keskus", "Keskus", "", "", ("alue",), HERE)
    entries = tuple(
        Unresolved("total", 2022, note, Span(Path("keskus.yaml"), line), difference)
        for line, note, difference in ((8, "sum", -300), (9, "roll-up", -500))
    )
    parts = {"p0": [-100] * 3, "p1": [-100] * 3}
    tables = [
        table(keskus, {**parts, "total": [-200, -500, -200]}, chart, entries),
        table(alue, {"total": [-200, 0, -200]}, chart),  # no parts: the total as written
    ]
    found = checked(tables, [keskus, alue], chart)
    assert found == [
        (Severity.WARNING, "figures.unresolved", 3, 2),
        (Severity.WARNING, "figures.unresolved", 3, 2),
    ]


def test_an_excuse_of_another_row_excuses_nothing():
    chart = accounts(2)
    excuse = Unresolved("p0", 2022, "as published", Span(Path("keskus.yaml"), 9))
    rows = {"p0": [-100, -100, -100], "p1": [-100, -100, -100], "total": [-200, -500, -200]}
    found = checked([table(UNIT, rows, chart, (excuse,))], [UNIT], chart)
    assert found == [
        (Severity.ERROR, "figures.sum", 3, 2),
        (Severity.WARNING, "figures.unresolved-unused", 9, 1),
    ]


def test_a_rollup_without_a_parts_table_says_so_and_compares_the_rest():
    chart = accounts(1)
    kid = Unit("alue_a", "Alue A", "", "", (), HERE)
    parent = Unit("keskus", "Keskus", "", "", ("alue_a", "alue_b"), HERE)
    tables = [table(parent, {"p0": [-30, -30, -30]}, chart),
              table(kid, {"p0": [-30, -30, -30]}, chart)]  # fmt: skip
    found = checked(tables, [parent, kid], chart)
    assert found == [(Severity.WARNING, "figures.rollup-incomplete", 1, 1)]
