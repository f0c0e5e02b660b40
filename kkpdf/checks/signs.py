"""Revenue is written positive and costs negative (the income-statement convention).

A figure with the other sign is usually a sign typed wrongly, but can be real
(a refund), so it is a warning.
"""

from __future__ import annotations

from kkpdf.diagnostics import DiagnosticSink, FigureFacts, Rule
from kkpdf.model import AccountKind, Book
from kkpdf.money import format_figure

# The rules this module reports.
SIGN = Rule("figures.sign", draft_shows=True)


_EXPECTED = {AccountKind.REVENUE: ("revenue", 1), AccountKind.COST: ("a cost", -1)}


def check_signs(book: Book, sink: DiagnosticSink) -> None:
    for table in book.finance_tables:
        for row in table.rows:
            expected = _EXPECTED.get(row.kind)
            if expected is None:
                continue
            what, sign = expected
            for cell, column in zip(row.cells, table.columns, strict=True):
                if cell.value is not None and cell.value * sign < 0:
                    written = "positive" if sign == 1 else "negative"
                    # What the convention wants is the same figure with the other sign:
                    # the number a draft and a tool offer, and a difference of twice it.
                    facts = FigureFacts(table.key, row.account.key, column.heading,
                                        column.year, -cell.value, cell.value)  # fmt: skip
                    sink.warning(
                        cell.span,
                        f"{row.account.label} {column.short} is {format_figure(cell.value)}, "
                        f"but {what} is written {written}",
                        rule=SIGN,
                        hint="check the sign; keep it only for a real refund or correction",
                        figure=facts,
                    )
