"""How a difference between a stated figure and the figure its parts give is reported.

The arithmetic rules (totals, roll-up) find differences; this module decides
what each one is: within the rounding tolerance a warning, excused by an
`unresolved:` entry in the data a warning with its note, otherwise an error. An
entry excuses only the difference it names: another one at its cell is an error.
"""

from __future__ import annotations

from kkpdf.diagnostics import DiagnosticSink, FigureFacts, Rule, Span
from kkpdf.model import Book, FinanceTable, Row, Unresolved
from kkpdf.money import data_figure, format_figure, rounding_tolerance

# The rules this module reports.
UNRESOLVED = Rule("figures.unresolved", draft_shows=True)
ROUNDING = Rule("figures.rounding", draft_shows=True)
UNRESOLVED_UNUSED = Rule("figures.unresolved-unused", draft_shows=True)
UNRESOLVED_CHANGED = Rule("figures.unresolved-changed", draft_shows=True)
UNRESOLVED_NO_DIFFERENCE = Rule("figures.unresolved-no-difference", draft_shows=True)


class FigureReporter:
    def __init__(self, book: Book, sink: DiagnosticSink) -> None:
        self._per_term = book.info.rounding_per_term
        self._sink = sink
        self._tables = book.finance_tables
        self._used: set[int] = set()

    def difference(
        self,
        table: FinanceTable,
        row: Row,
        index: int,
        expected: int,
        *,
        terms: int,
        source: str,
        hint: str,
        rule: Rule,
    ) -> None:
        """Report that `row`'s figure in column `index` is not the `expected` sum.

        `source` completes "… give X": what the expected figure was summed from.
        """
        cell, column = row.cells[index], table.columns[index]
        actual = cell.value or 0
        if actual == expected:
            return
        facts = FigureFacts(
            table.key, row.account.key, column.heading, column.year, expected, actual
        )
        message = (
            f"{row.account.label} {column.short} is {format_figure(actual)}, "
            f"{source} give {format_figure(expected)} "
            f"(difference {format_figure(facts.difference)})"
        )
        if table.scale == 1000:
            message += ", in thousands of euros"
        self.report(table, row, index, facts, message, rounding_tolerance(terms, self._per_term),
                    hint=hint, rule=rule)  # fmt: skip

    def report(
        self,
        table: FinanceTable,
        row: Row,
        index: int,
        facts: FigureFacts,
        message: str,
        tolerance: int,
        *,
        hint: str,
        rule: Rule,
    ) -> None:
        """Report a difference (`facts`), as an error, a rounding warning or an excused one."""
        cell, column = row.cells[index], table.columns[index]
        excuse = self._unresolved(table, row, column.year, facts.difference)
        if excuse is not None and excuse.difference != facts.difference:
            self._unsettled_excuse(excuse, cell.span, facts, message)
        elif excuse is not None:
            self._sink.warning(
                cell.span,
                f"{message}; kept as published: {excuse.note}",
                rule=UNRESOLVED,
                hint=f"excused by the 'unresolved' entry at line {excuse.span.line}",
                figure=facts,
            )
        elif abs(facts.difference) <= tolerance:
            self._sink.warning(
                cell.span,
                f"{message}, within the rounding tolerance of {tolerance}",
                rule=ROUNDING,
                hint="published figures are rounded; no correction is needed unless the "
                "unrounded figures say otherwise",
                figure=facts,
            )
        else:
            self._sink.error(cell.span, message, rule=rule, hint=hint, figure=facts)

    def _unresolved(
        self, table: FinanceTable, row: Row, year: int, difference: int
    ) -> Unresolved | None:
        """The entry for this cell: the one accepting `difference` if there is one (a
        cell checked twice, by a sum and a roll-up, may need an entry for each)."""
        entries = [e for e in table.unresolved if e.row == row.account.key and e.year == year]
        entry = next((e for e in entries if e.difference == difference), None)
        entry = entry or next(iter(entries), None)
        if entry is not None:
            self._used.add(id(entry))
        return entry

    def _unsettled_excuse(
        self, excuse: Unresolved, cell: Span, facts: FigureFacts, message: str
    ) -> None:
        """An entry that names no difference, or another than the one found: an error,
        so that a slip in an excused cell is not excused with it."""
        line, write = excuse.span.line, f"'difference: {data_figure(facts.difference)}'"
        if excuse.difference is None:
            self._sink.error(
                excuse.span,
                f"the 'unresolved' entry names no difference, so it would excuse any: {message}",
                rule=UNRESOLVED_NO_DIFFERENCE,
                hint=f"write {write} in the entry, so that a later change is caught",
                figure=facts,
            )
            return
        self._sink.error(
            cell,
            f"{message}, but the 'unresolved' entry at line {line} accepts a difference of "
            f"{format_figure(excuse.difference)} ('{excuse.note}')",
            rule=UNRESOLVED_CHANGED,
            hint=f"if the new difference is right, write {write} in the entry at line {line}; "
            "else correct the figure",
            figure=facts,
        )

    def finish(self) -> None:
        """An excuse that no difference needs any more is itself worth a look."""
        for table in self._tables:
            for entry in table.unresolved:
                if id(entry) not in self._used:
                    self._sink.warning(
                        entry.span,
                        f"'{entry.row}' {entry.year} in '{table.key}' now adds up",
                        rule=UNRESOLVED_UNUSED,
                        hint="remove this 'unresolved' entry",
                    )
