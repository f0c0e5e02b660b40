"""The figures of the document model: the chart of accounts, the units, the finance
tables typed in the data, the tables computed from them, and the ties between them.

Part of the model (`kkpdf.model` re-exports every name); kept apart because a
whole book's figures are a subject of their own. Frozen dataclasses, no I/O.
Money is `int` (whole euros); a blank cell is `None`; a ratio is a `Decimal`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from kkpdf.diagnostics import Span

if TYPE_CHECKING:  # the model imports this module; Defined is only named here
    from kkpdf.model import Defined

# --- data: chart of accounts, organisation --------------------------------------


class AccountKind(enum.Enum):
    REVENUE = "revenue"
    COST = "cost"
    TOTAL = "total"
    MEMO = "memo"
    OF_WHICH = "of_which"
    # A figure of either sign that sums like any other (Rahoitustuotot ja -kulut, netto).
    NET = "net"


@dataclass(frozen=True)
class Account:
    """One row of the chart of accounts: how a row is labelled and what it sums."""

    key: str
    label: str
    label_sv: str
    kind: AccountKind
    parts: tuple[str, ...]
    binding: bool
    span: Span
    # Where the label is written; None for an account made in code (tests).
    label_at: Defined | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Unit:
    """A unit of the organisation (a centre or a responsibility area) and its parts."""

    key: str
    name: str
    name_sv: str
    description: str
    parts: tuple[str, ...]
    span: Span
    name_at: Defined | None = field(default=None, compare=False)
    description_at: Defined | None = field(default=None, compare=False)


# --- tables -----------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A year's column of a finance table and how it is headed."""

    year: int
    heading: str
    short: str  # "TA 2022", for messages
    span: Span


@dataclass(frozen=True)
class Cell:
    """One figure of a finance table, in whole euros; None for a blank cell."""

    value: int | None
    span: Span


@dataclass(frozen=True)
class Row:
    """A row of a finance table: an account and its figures, one per column."""

    account: Account
    cells: tuple[Cell, ...]
    span: Span
    # The kind this table gives the row, where it differs from the chart of accounts:
    # Poistot is a memo row under an operating table and a cost in the income statement.
    table_kind: AccountKind | None = None

    @property
    def kind(self) -> AccountKind:
        return self.table_kind or self.account.kind


@dataclass(frozen=True)
class Unresolved:
    """A difference the sources cannot settle, kept as published on purpose.

    The checker reports it as a warning with the note instead of an error, as long
    as the difference is the one the entry accepts: a later slip in the same cell
    changes the difference and is caught.
    """

    row: str
    year: int
    note: str
    span: Span
    # The difference accepted (actual − expected, in the table's unit); None where the
    # entry gives none, which the checker reports with the difference to write.
    difference: int | None = None


@dataclass(frozen=True)
class FinanceTable:
    """A table of figures for the years of the budget, row by row of the chart of
    accounts: a unit's operating figures, or a statement (the income statement,
    the cash-flow statement) that belongs to no unit."""

    key: str
    caption: str
    unit: Unit | None
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    binding: bool
    note: str  # "" for none
    unresolved: tuple[Unresolved, ...]
    span: Span
    # Euros per written unit: 1, or 1000 for a table in thousands of euros.
    scale: int = 1
    # What the header says the figures are in; "" for the book's currency label.
    currency: str = ""
    # Where the caption is written: `caption:`, or the unit's name it defaults to.
    caption_at: Defined | None = field(default=None, compare=False)

    def row(self, key: str) -> Row | None:
        return next((row for row in self.rows if row.account.key == key), None)

    def is_binding_row(self, row: Row) -> bool:
        return self.binding and row.account.binding

    def is_itemised_total(self, row: Row) -> bool:
        """A total whose parts this table shows; elsewhere it is an ordinary figure."""
        shown = {other.account.key for other in self.rows}
        return row.kind is AccountKind.TOTAL and any(part in shown for part in row.account.parts)


class LineStyle(enum.Enum):
    """How a line of a computed table is set."""

    PLAIN = "plain"
    DETAIL = "detail"  # a breakdown of the line above: indented and muted
    TOTAL = "total"  # bold, under a rule
    GROUP = "group"  # a group's name over its lines, with no figures


@dataclass(frozen=True)
class FigureColumn:
    """A column of a computed table: a year's, or one of no year (a cost estimate)."""

    heading: str
    short: str  # for messages
    year: int | None
    span: Span
    # A summary's column is headed by a row's label: the label, and where it is written.
    label: str = ""
    label_at: Defined | None = field(default=None, compare=False)
    row: str = ""  # and that row's key in the chart of accounts


@dataclass(frozen=True)
class FigureLine:
    """A line of a computed table: a label, and a figure per column with the place
    in the sources it comes from (the cell it was read from, or what declared it)."""

    key: str  # how a cross-part check names it: a unit's key, "total.spending"
    label: str
    values: tuple[int | Decimal | None, ...]
    spans: tuple[Span, ...]
    style: LineStyle
    binding: bool
    span: Span
    decimals: int = 0  # a ratio's; euros have none
    label_at: Defined | None = field(default=None, compare=False)  # where the label is written


@dataclass(frozen=True)
class ComputedTable:
    """A table computed from figures of the data, never typed in: the investments
    with their group totals, the operating economy by unit, the key ratios."""

    key: str
    caption: str
    note: str  # "" for none
    currency: str  # over the labels: the book's currency label, the table's own, or ""
    columns: tuple[FigureColumn, ...]
    lines: tuple[FigureLine, ...]
    span: Span
    scale: int = 1  # euros per written unit, as in FinanceTable

    def line(self, key: str) -> FigureLine | None:
        return next((line for line in self.lines if line.key == key), None)


@dataclass(frozen=True)
class TieTerm:
    """One figure of a cross-part check: a line of a table, or of every unit's table.

    `table` is a table's key, or "" for the sum over the units that are part of no
    other unit; `line` is a row's key, or a computed table's line key.
    """

    table: str
    line: str
    sign: int  # 1, or -1 where the source is written with the other sign
    span: Span


@dataclass(frozen=True)
class Tie:
    """A figure of one part of the book that must equal figures of other parts: the
    income statement's Toimintatuotot and the operating tables' total, and so on."""

    cell: TieTerm
    equals: tuple[TieTerm, ...]
    span: Span
