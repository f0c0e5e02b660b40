"""The checks between the parts of the example book: every statement figure is tied.

Any single figure of the income or the cash-flow statement changed by more than
the rounding tolerance is an error, and every error lands on the changed cell, a
total it is part of, or a tie that names it (which of them is the culprit is
#16's single-fault localisation).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from kkpdf.checks.ties import TIE
from kkpdf.model import AccountKind
from tests.checks.changed import run_checks, with_cell

STATEMENTS = ("tuloslaskelma", "rahoituslaskelma")


def places(book, table_key: str, row_key: str, index: int) -> set:
    """The cells an error about this figure may be reported at."""
    finance = {table.key: table for table in book.finance_tables}
    table = finance[table_key]
    found = {table.row(row_key).cells[index].span}
    for row in table.rows:
        if row.kind is AccountKind.TOTAL and row_key in row.account.parts:
            found.add(row.cells[index].span)
    year = table.columns[index].year
    for tie in book.ties:
        if any((t.table, t.line) == (table_key, row_key) for t in tie.equals):
            left = finance[tie.cell.table]
            years = [c.year for c in left.columns]
            if year in years:
                found.add(left.row(tie.cell.line).cells[years.index(year)].span)
    return found


def statement_cells(book):
    return [
        (table.key, row.account.key, index)
        for table in book.finance_tables if table.key in STATEMENTS
        for row in table.rows for index in range(len(table.columns))
    ]  # fmt: skip


def test_the_example_book_agrees_with_itself(town_book):
    sink, _ = run_checks(town_book)
    assert not sink.errors
    assert not [d for d in sink.diagnostics if d.rule is TIE]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), delta=st.integers(10, 50_000) | st.integers(-50_000, -10))
def test_any_changed_statement_figure_is_an_error_where_it_belongs(town_book, data, delta):
    key, row_key, index = data.draw(st.sampled_from(statement_cells(town_book)))
    table = next(t for t in town_book.finance_tables if t.key == key)
    before = table.row(row_key).cells[index].value
    changed = with_cell(town_book, key, row_key, index, (before or 0) + delta)

    errors = run_checks(changed)[0].errors

    assert errors, f"{row_key} {table.columns[index].year} changed by {delta} went unnoticed"
    allowed = places(town_book, key, row_key, index)
    assert {e.span for e in errors} <= allowed, [e.format() for e in errors]


@pytest.mark.parametrize(
    ("table", "row", "year", "term"),
    [
        ("tuloslaskelma", "toimintatuotot", 2023, "the operating tables of all units"),
        ("rahoituslaskelma", "investointimenot", 2024, "(Investoinnit yhteensä)"),
        ("rahoituslaskelma", "vuosikate", 2021, "Tuloslaskelma (Vuosikate)"),
    ],
)
def test_a_tie_error_names_both_figures_and_where_each_comes_from(
    town_book, table, row, year, term
):
    found = next(t for t in town_book.finance_tables if t.key == table)
    index = [c.year for c in found.columns].index(year)
    value = found.row(row).cells[index].value
    errors = run_checks(with_cell(town_book, table, row, index, value + 100))[0].errors
    # The tie's own error, or a note of the error at the cell that explains it all.
    tie = [e for e in errors if e.rule is TIE]
    tie += [n for e in errors for n in e.notes if "of " + found.caption + " is" in str(n.message)]
    assert len(tie) == 1
    assert tie[0].span == found.row(row).cells[index].span
    assert "thousand euros" in str(tie[0].message) and term in str(tie[0].message)
    assert "(difference 100 thousand)" in str(tie[0].message)
    # In the table's own unit (thousands), like every figure rule's, for --format json.
    assert (tie[0].figure.actual, tie[0].figure.difference) == (value + 100, 100)
