"""Revenue is written positive and costs negative (the income-statement convention).

A figure with the other sign is usually a sign typed wrongly, but can be real
(a refund), so it is a warning.
"""

from __future__ import annotations

from kkpdf.diagnostics import DiagnosticSink, FigureFacts, Rule
from kkpdf.messages import Message, tr
from kkpdf.model import AccountKind, Book
from kkpdf.money import format_figure

# The rules this module reports.
SIGN = Rule("figures.sign", draft_shows=True)


_EXPECTED = {AccountKind.REVENUE: 1, AccountKind.COST: -1}


def _wrong_sign(label: str, column: str, figure: str, sign: int) -> Message:
    if sign == 1:
        return tr("{row} {column} is {figure}, but revenue is written positive", row=label,
                  column=column, figure=figure)  # fmt: skip
    return tr("{row} {column} is {figure}, but a cost is written negative", row=label,
              column=column, figure=figure)  # fmt: skip


def check_signs(book: Book, sink: DiagnosticSink) -> None:
    for table in book.finance_tables:
        for row in table.rows:
            sign = _EXPECTED.get(row.kind)
            if sign is None:
                continue
            for cell, column in zip(row.cells, table.columns, strict=True):
                if cell.value is not None and cell.value * sign < 0:
                    # What the convention wants is the same figure with the other sign:
                    # the number a draft and a tool offer, and a difference of twice it.
                    facts = FigureFacts(table.key, row.account.key, column.heading,
                                        column.year, -cell.value, cell.value)  # fmt: skip
                    sink.warning(
                        cell.span,
                        _wrong_sign(
                            row.account.label, column.short, format_figure(cell.value), sign
                        ),
                        rule=SIGN,
                        hint=tr("check the sign; keep it only for a real refund or correction"),
                        figure=facts,
                    )
