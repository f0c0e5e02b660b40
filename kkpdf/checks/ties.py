"""The figures that tie the parts of a book together agree (see `document.ties`).

Each tie is checked in every year its cell's table has and every term can give;
a term of another table that lacks the year leaves that year unchecked. Figures
are compared in euros: a table in thousands is off by up to the rounding of a
thousand, so the tolerance adds up each term's own (`scaled_rounding_tolerance`).
"""

from __future__ import annotations

from fractions import Fraction

from kkpdf.checks.culprits import Exact
from kkpdf.checks.figures import FigureReporter
from kkpdf.diagnostics import DiagnosticSink, FigureFacts, Rule
from kkpdf.messages import Message, listed, tr
from kkpdf.model import Book, FinanceTable, Row, TieTerm
from kkpdf.money import format_figure, round_to_scale, scaled_rounding_tolerance

# The rules this module reports.
TIE = Rule("figures.tie", draft_shows=True)


def check_ties(book: Book, sink: DiagnosticSink, reporter: FigureReporter) -> None:
    finance = {table.key: table for table in book.finance_tables}
    computed = {table.key: table for table in book.computed_tables}
    inner = {part for unit in book.units for part in unit.parts}
    units = [t for t in book.finance_tables if t.unit is not None and t.unit.key not in inner]
    for tie in book.ties:
        table = finance[tie.cell.table]
        row = table.row(tie.cell.line)
        assert row is not None, "the document stage keeps only ties whose cell exists"
        for index, column in enumerate(table.columns):
            found = [_figure(term, column.year, finance, computed, units) for term in tie.equals]
            if any(figure is None for figure in found):
                continue
            expected = sum(value for value, _ in found)  # type: ignore[misc]
            scales = [table.scale] + [scale for _, scale in found]  # type: ignore[misc]
            written = row.cells[index].value or 0
            # Compared in the table's own unit: a figure in thousands that is the
            # others' sum rounded to thousands agrees. The facts are in that unit too.
            rounded = round_to_scale(expected, table.scale)
            parts, weights, opaque = _cells(tie.equals, column.year, table.scale, finance, units)
            # In the table's own unit, like the facts.
            tolerance = (
                scaled_rounding_tolerance(scales, book.info.rounding_per_term) // table.scale
            )
            # Before rounding: what a slip in a euro term moves.
            exact = written - Fraction(expected, table.scale)
            if rounded == written:
                reporter.agrees(table, row, index, parts, weights, exact, tolerance)
                continue
            facts = FigureFacts(
                table.key, row.account.key, column.heading, column.year, rounded, written
            )
            difference = format_figure(facts.difference)
            labels = {account.key: account.label for account in book.accounts}
            sources = listed([_name(term, finance, computed, labels) for term in tie.equals])
            if table.scale == 1:
                message = tr("{row} {column} of {table} is {written}, {sources} give {expected} "
                             "(difference {difference})", row=row.account.label,
                             column=column.short, table=table.caption,
                             written=format_figure(written), sources=sources,
                             expected=format_figure(expected),
                             difference=difference)  # fmt: skip
            else:
                message = tr("{row} {column} of {table} is {written} thousand euros, {sources} "
                             "give {expected}, rounded {rounded} thousand (difference "
                             "{difference} thousand)", row=row.account.label,
                             column=column.short, table=table.caption,
                             written=format_figure(written), sources=sources,
                             expected=format_figure(expected), rounded=format_figure(rounded),
                             difference=difference)  # fmt: skip
            reporter.report(
                table,
                row,
                index,
                facts,
                message,
                tolerance,
                hint=tr(
                    "the tie at line {line} of {file} says these agree; correct the figure "
                    "that is wrong, or declare the item that reconciles them",
                    line=tie.span.line,
                    file=tie.span.path.name,
                ),
                rule=TIE,
                parts=parts,
                signs=weights,
                opaque=opaque,
                exact=exact,
            )


def _cells(
    terms: tuple[TieTerm, ...],
    year: int,
    scale: int,
    finance: dict[str, FinanceTable],
    units: list[FinanceTable],
) -> tuple[list[tuple[FinanceTable, Row, int]], list[Exact], bool]:
    """The cells the terms sum, each with its weight in the tie's own unit (its sign, and
    1/1000 for euros summed into thousands), and whether a term is a computed table's
    line: the search for a slip follows cells and cannot see the others."""
    parts, weights, opaque = [], [], False
    for term in terms:
        tables = units if not term.table else [finance.get(term.table)]
        for found in tables:
            if found is None:  # a computed table's line
                opaque = True
                continue
            years = [column.year for column in found.columns]
            row = found.row(term.line)
            if year in years and row is not None:  # else the term adds nothing here
                parts.append((found, row, years.index(year)))
                weights.append(Fraction(term.sign * found.scale, scale))
    return parts, weights, opaque


def _figure(
    term: TieTerm,
    year: int,
    finance: dict[str, FinanceTable],
    computed: dict,
    units: list[FinanceTable],
) -> tuple[int, int] | None:
    """A term's figure in euros in `year`, and the scale it was written in; None
    where a table lacks the year."""
    if not term.table:
        total = 0
        for table in units:
            found = _row_figure(table, term.line, year)
            if found is None:
                return None
            total += found[0]
        # Each unit's figure is rounded by itself.
        return term.sign * total, sum(table.scale for table in units)
    if term.table in finance:
        found = _row_figure(finance[term.table], term.line, year)
        return None if found is None else (term.sign * found[0], found[1])
    table = computed[term.table]
    line = table.line(term.line)
    years = [column.year for column in table.columns]
    if line is None or year not in years:
        return None
    value = line.values[years.index(year)]
    return term.sign * int(value or 0) * table.scale, table.scale


def _row_figure(table: FinanceTable, row_key: str, year: int) -> tuple[int, int] | None:
    years = [column.year for column in table.columns]
    if year not in years:
        return None
    row = table.row(row_key)
    value = row.cells[years.index(year)].value if row else None
    return (value or 0) * table.scale, table.scale


def _name(
    term: TieTerm, finance: dict[str, FinanceTable], computed: dict, labels: dict[str, str]
) -> Message | str:
    name = _term(term, finance, computed, labels)
    return tr("minus {term}", term=name) if term.sign < 0 else name


def _term(
    term: TieTerm, finance: dict[str, FinanceTable], computed: dict, labels: dict[str, str]
) -> Message | str:
    if not term.table:
        return tr("the operating tables of all units ({row})",
                  row=labels.get(term.line, term.line))  # fmt: skip
    if term.table in finance:
        table = finance[term.table]
        row = table.row(term.line)
        return f"{table.caption} ({row.account.label if row else term.line})"
    table = computed[term.table]
    line = table.line(term.line)
    return f"{table.caption} ({line.label if line else term.line})"
