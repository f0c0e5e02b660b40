"""How a difference between a stated figure and the figure its parts give is reported.

The arithmetic rules (totals, roll-up) find differences; this module decides
what each one is: within the rounding tolerance a warning, excused by an
`unresolved:` entry in the data a warning with its note, otherwise an error. An
entry excuses only the difference it names: another one at its cell is an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from kkpdf.checks.culprits import Exact, Finding, Sum, localise, slip
from kkpdf.diagnostics import Candidate, DiagnosticSink, FigureFacts, Note, Rule, Span
from kkpdf.messages import Message, listed, tr
from kkpdf.model import Book, FinanceTable, Row, Unresolved
from kkpdf.money import data_figure, format_figure, round_to_scale, rounding_tolerance

# The rules this module reports.
UNRESOLVED = Rule("figures.unresolved", draft_shows=True)
ROUNDING = Rule("figures.rounding", draft_shows=True)
UNRESOLVED_UNUSED = Rule("figures.unresolved-unused", draft_shows=True)
UNRESOLVED_CHANGED = Rule("figures.unresolved-changed", draft_shows=True)
UNRESOLVED_NO_DIFFERENCE = Rule("figures.unresolved-no-difference", draft_shows=True)
CULPRIT = Rule("figures.culprit", draft_shows=True)
CANDIDATES = Rule("figures.candidates", draft_shows=True)

# A cell of a finance table, as the sums name it: the table, the row, the column.
Place = tuple[FinanceTable, Row, int]


@dataclass(frozen=True)
class _Failure:
    """A sum that does not hold, with the error it gives if no single cell explains it."""

    span: Span
    message: Message
    hint: Message
    rule: Rule
    facts: FigureFacts


class FigureReporter:
    def __init__(self, book: Book, sink: DiagnosticSink) -> None:
        self._per_term = book.info.rounding_per_term
        self._sink = sink
        self._tables = book.finance_tables
        self._used: set[int] = set()
        # Every sum checked, and the failing ones' errors, held until `finish` has
        # found which cell each group of failures comes from.
        self._sums: list[Sum] = []
        self._failures: dict[int, _Failure] = {}
        self._places: dict[tuple[str, str, int], Place] = {}

    def difference(
        self,
        table: FinanceTable,
        row: Row,
        index: int,
        expected: int,
        *,
        terms: int,
        source: Message,
        hint: Message,
        rule: Rule,
        parts: Sequence[Place] = (),
    ) -> None:
        """Report that `row`'s figure in column `index` is not the `expected` sum of the
        cells `parts` (each in the same unit as the row's).

        `source` completes "… give X": what the expected figure was summed from
        ("its parts"), a plural noun phrase.
        """
        cell, column = row.cells[index], table.columns[index]
        actual = cell.value or 0
        if actual == expected:
            self._sums.append(self._sum(table, row, index, parts, 0, 0))
            return
        facts = FigureFacts(
            table.key, row.account.key, column.heading, column.year, expected, actual
        )
        message = tr("{row} {column} is {actual}, {source} give {expected} "
                     "(difference {difference})", row=row.account.label, column=column.short,
                     actual=format_figure(actual), source=source,
                     expected=format_figure(expected),
                     difference=format_figure(facts.difference))  # fmt: skip
        if table.scale == 1000:
            message = tr("{message}, in thousands of euros", message=message)
        self.report(table, row, index, facts, message, rounding_tolerance(terms, self._per_term),
                    hint=hint, rule=rule, parts=parts)  # fmt: skip

    def report(
        self,
        table: FinanceTable,
        row: Row,
        index: int,
        facts: FigureFacts,
        message: Message,
        tolerance: int,
        *,
        hint: Message,
        rule: Rule,
        parts: Sequence[Place] = (),
        opaque: bool = False,
        signs: Sequence[Exact] = (),
        exact: Exact | None = None,
    ) -> None:
        """Report a difference (`facts`), as an error, a rounding warning or an excused one.

        `parts` are the cells the expected figure is the sum of, each times its weight in
        `signs` (1 if none: −1 a figure taken off, 1/1000 one in euros of a figure in
        thousands); `opaque` says it is also summed from figures that are no cells (a
        computed table's). `exact` is the difference before the expected figure was
        rounded to the table's unit, for the search for a slip. An error waits for
        `finish`, which tells whether this cell or another is the wrong one.
        """
        measured = facts.difference if exact is None else exact
        allowed = tolerance + _rounding(signs)
        cell, column = row.cells[index], table.columns[index]
        excuse = self._unresolved(table, row, column.year, facts.difference)
        if excuse is not None and excuse.difference is None:
            self._unsettled_excuse(excuse, facts, message)
        elif excuse is not None and excuse.difference != facts.difference:
            # Measured from the difference the entry accepts, the sum fails like any
            # other, and the slip may be in another cell of it (an area's figure).
            line = excuse.span.line
            # Exactly: the entry names the difference to the euro.
            failing = self._sum(table, row, index, parts, facts.difference - excuse.difference,
                                0, opaque, signs)  # fmt: skip
            self._sums.append(failing)
            self._failures[id(failing)] = _Failure(
                cell.span,
                tr(
                    "{message}, but the 'unresolved' entry at line {line} accepts a difference "
                    "of {accepted} ('{note}')",
                    message=message,
                    line=line,
                    accepted=format_figure(excuse.difference),
                    note=excuse.note,
                ),
                tr(
                    "if the new difference is right, write 'difference: {difference}' in the "
                    "entry at line {line}; else correct the figure",
                    difference=data_figure(facts.difference),
                    line=line,
                ),
                UNRESOLVED_CHANGED,
                facts,
            )
        elif excuse is not None:
            self._sums.append(self._sum(table, row, index, parts, 0, tolerance, opaque, signs))
            self._sink.warning(
                cell.span,
                tr("{message}; kept as published: {note}", message=message, note=excuse.note),
                rule=UNRESOLVED,
                hint=tr("excused by the 'unresolved' entry at line {line}", line=excuse.span.line),
                figure=facts,
            )
        elif abs(facts.difference) <= tolerance:
            # Holding as it stands, though its unrounded difference may pass the tolerance.
            self._sums.append(
                self._sum(table, row, index, parts, measured, allowed, opaque, signs, holds=True)
            )
            self._sink.warning(
                cell.span,
                tr(
                    "{message}, within the rounding tolerance of {tolerance}",
                    message=message,
                    tolerance=tolerance,
                ),
                rule=ROUNDING,
                hint=tr(
                    "published figures are rounded; no correction is needed unless the "
                    "unrounded figures say otherwise"
                ),
                figure=facts,
            )
        else:
            failing = self._sum(table, row, index, parts, measured, allowed, opaque, signs,
                                holds=False)  # fmt: skip
            self._sums.append(failing)
            self._failures[id(failing)] = _Failure(cell.span, message, hint, rule, facts)

    def _sum(self, table: FinanceTable, row: Row, index: int, parts: Sequence[Place],
             difference: Exact, tolerance: Exact, opaque: bool = False,
             signs: Sequence[Exact] = (), holds: bool | None = None) -> Sum:  # fmt: skip
        """The sum: +1 the stated figure, −weight each part (−1 if no weights are given)."""
        cells = [(self._place(table, row, index), 1)]
        cells += [(self._place(*part), -sign)
                  for part, sign in zip(parts, signs or [1] * len(parts), strict=True)]  # fmt: skip
        return Sum(tuple(cells), difference, tolerance, opaque, holds)

    def agrees(self, table: FinanceTable, row: Row, index: int, parts: Sequence[Place],
               signs: Sequence[Exact], difference: Exact = 0,
               tolerance: int = 0) -> None:  # fmt: skip
        """Note a sum that holds, for the search for a slip (`report` notes the others):
        exactly, or, where a figure in thousands is a sum of euros, as rounded."""
        allowed = tolerance + _rounding(signs)
        self._sums.append(self._sum(table, row, index, parts, difference, allowed, signs=signs,
                                    holds=True))  # fmt: skip

    def _place(self, table: FinanceTable, row: Row, index: int) -> tuple[str, str, int]:
        key = (table.key, row.account.key, index)
        self._places[key] = (table, row, index)
        return key

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

    def _unsettled_excuse(self, excuse: Unresolved, facts: FigureFacts, message: Message) -> None:
        """An entry that names no difference would excuse any, a slip in its cell too."""
        self._sink.error(
            excuse.span,
            tr(
                "the 'unresolved' entry names no difference, so it would excuse any: {message}",
                message=message,
            ),
            rule=UNRESOLVED_NO_DIFFERENCE,
            hint=tr(
                "write 'difference: {difference}' in the entry, so that a later change is caught",
                difference=data_figure(facts.difference),
            ),
            figure=facts,
        )

    def finish(self) -> None:
        """Report each group of failing sums at the cell that explains it, else sum by sum;
        then an excuse that no difference needs any more, which is itself worth a look."""
        for finding in localise(self._sums):
            self._report_finding(finding)
        for table in self._tables:
            for entry in table.unresolved:
                if id(entry) not in self._used:
                    self._sink.warning(
                        entry.span,
                        tr(
                            "'{row}' {year} in '{table}' now adds up",
                            row=entry.row,
                            year=entry.year,
                            table=table.key,
                        ),
                        rule=UNRESOLVED_UNUSED,
                        hint=tr("remove this 'unresolved' entry"),
                    )

    def reachable(self) -> set[tuple[str, str, int]]:
        """The cells in some sum checked so far, as (table key, row key, column index):
        the figures a slip in which a rule can catch."""
        return {cell for found in self._sums for cell, _ in found.cells}  # type: ignore[misc]

    def _report_finding(self, finding: Finding) -> None:
        """One error for the group: at the one cell that explains it, or naming the cells
        that each could; a lone sum that its own figure explains keeps its own error."""
        failures = [self._failures[id(found)] for found in finding.sums]
        notes = tuple(Note(f.span, tr("so {consequence}", consequence=f.message), f.facts)
                      for f in failures)  # fmt: skip
        places = sorted(((self._places[cell], _to_precision(self._places[cell], change,
                                                            finding.sums, cell))
                         for cell, change in finding.cells),
                        key=lambda found: found[0][1].cells[found[0][2]].span)  # fmt: skip
        target = finding.sums[0].cells[0][0]
        if len(places) == 1 and (len(failures) > 1 or finding.cells[0][0] != target):
            ((table, row, index), change) = places[0]
            # The rounding the slip may hide in, in the cell's own unit (a statement in
            # thousands knows a euro figure only to the thousand).
            cell = finding.cells[0][0]
            slack = sum(s.tolerance / abs(s.coefficient(cell)) for s in finding.sums)
            self._culprit(table, row, index, change, notes, int(slack))
        elif len(failures) == 1 or not places:
            candidates = _candidates(places) if len(places) > 1 else ()
            for failure in failures:
                self._sink.error(failure.span, failure.message, rule=failure.rule,
                                 hint=failure.hint, figure=failure.facts,
                                 candidates=candidates)  # fmt: skip
        else:
            (table, row, index), _ = places[0]
            self._sink.error(
                row.cells[index].span,
                tr(
                    "one of {count} figures is wrong, and the sums cannot tell which: {candidates}",
                    count=len(places),
                    candidates=listed([_candidate(place, change) for place, change in places]),
                ),
                rule=CANDIDATES,
                hint=tr(
                    "check each against its source; the figure after 'else' is the one "
                    "that makes every sum hold"
                ),
                candidates=_candidates(places),
                notes=notes,
            )

    def _culprit(self, table: FinanceTable, row: Row, index: int, change: int,
                 notes: tuple[Note, ...], slack: int) -> None:  # fmt: skip
        actual = _value(table, row, index)
        meant = actual + change
        column = table.columns[index]
        neighbours = [row.cells[i].value for i in (index - 1, index + 1) if 0 <= i < len(row.cells)]
        kind = slip(actual, meant, neighbours, slack)
        message = tr("{name} is {shown}; every sum it is in holds if it is {meant} "
                     "(difference {difference})", name=_name(table, row, index),
                     shown=_shown(table, row, index), meant=format_figure(meant),
                     difference=format_figure(-change))  # fmt: skip
        if kind is not None:
            message = tr("{message}: {slip}", message=message, slip=kind)
        self._sink.error(
            row.cells[index].span,
            message,
            rule=CULPRIT,
            hint=tr(
                "correct it to {meant}, or check it against its source; the notes name "
                "the sums it breaks",
                meant=format_figure(meant),
            ),
            figure=FigureFacts(
                table.key, row.account.key, column.heading, column.year, meant, actual
            ),
            notes=notes,
        )


def _candidates(places: list[tuple[Place, int]]) -> tuple[Candidate, ...]:
    return tuple(
        Candidate(r.cells[i].span, t.key, r.account.key, t.columns[i].year, _value(t, r, i),
                  _candidate((t, r, i), change))
        for (t, r, i), change in places
    )  # fmt: skip


def _candidate(place: Place, change: int) -> Message:
    actual = _value(*place)
    return tr("{name} ({shown}, else {meant})", name=_name(*place), shown=_shown(*place),
              meant=format_figure(actual + change))  # fmt: skip


def _shown(table: FinanceTable, row: Row, index: int) -> Message | str:
    value = row.cells[index].value
    return tr("blank") if value is None else format_figure(value)


def _to_precision(place: Place, change: int, sums: Sequence[Sum], cell: object) -> int:
    """The change to a cell, given to the precision the sums know the cell to: a figure
    only a statement in thousands sees is said to the thousand, not to the euro its
    rounded sum cannot tell."""
    seen = max(abs(Fraction(s.coefficient(cell))) for s in sums)
    if seen >= 1:
        return change
    unit = round(1 / seen)
    actual = _value(*place)
    return round_to_scale(actual + change, unit) * unit - actual


def _rounding(weights: Sequence[Exact]) -> Exact:
    """What a sum of euros rounded to thousands adds to its tolerance, measured before
    the rounding: half a thousand; nothing for a sum of whole figures."""
    return Fraction(1, 2) if any(Fraction(w).denominator > 1 for w in weights) else 0


def _value(table: FinanceTable, row: Row, index: int) -> int:
    return row.cells[index].value or 0


def _name(table: FinanceTable, row: Row, index: int) -> Message:
    return tr("{row} {column} of {table}", row=row.account.label,
              column=table.columns[index].short, table=table.caption)  # fmt: skip
