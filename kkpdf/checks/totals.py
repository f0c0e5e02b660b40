"""Every total the chart of accounts declares equals the sum of its parts.

A total is checked in a table that shows at least one of its parts; where a
table shows none (an area table's Toimintatuotot), the total is a plain figure.
A part the table lacks is an error, since the sum cannot be checked without it.
Memo rows and "of which" rows are in no sum. Blank cells count as 0.
"""

from __future__ import annotations

from kkpdf.checks.figures import FigureReporter
from kkpdf.diagnostics import DiagnosticSink, Rule
from kkpdf.messages import tr
from kkpdf.model import AccountKind, Book

# The rules this module reports.
MISSING_PART = Rule("figures.missing-part", draft_shows=True)
SUM = Rule("figures.sum", draft_shows=True)


def check_totals(book: Book, sink: DiagnosticSink, reporter: FigureReporter) -> None:
    labels = {account.key: account.label for account in book.accounts}
    for table in book.finance_tables:
        for row in table.rows:
            account = row.account
            if row.kind is not AccountKind.TOTAL:
                continue
            parts = [table.row(key) for key in account.parts]
            if not any(parts):
                continue
            missing = [key for key, part in zip(account.parts, parts, strict=True) if not part]
            for key in missing:
                sink.error(
                    row.span,
                    tr(
                        "{total} is the sum of {parts}, but the table has no row '{key}'",
                        total=account.label,
                        parts=_listing(account.parts, labels),
                        key=key,
                    ),
                    rule=MISSING_PART,
                    hint=tr("add '{key}:' with one figure per year (~ for a blank cell)", key=key),
                )
            if missing:
                continue
            for index in range(len(table.columns)):
                expected = sum(part.cells[index].value or 0 for part in parts if part)
                reporter.difference(
                    table,
                    row,
                    index,
                    expected,
                    terms=len(parts),
                    source=tr("its parts"),
                    hint=tr(
                        "{total} = {parts}; correct the total or the part that is wrong",
                        total=account.label,
                        parts=_listing(account.parts, labels, " + "),
                    ),
                    rule=SUM,
                    parts=[(table, part, index) for part in parts if part],
                )


def _listing(keys: tuple[str, ...], labels: dict[str, str], joiner: str = ", ") -> str:
    return joiner.join(labels.get(key, key) for key in keys)
