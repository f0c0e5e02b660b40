"""The document model: one tree between the parsers and the layout.

Frozen dataclasses only; no I/O and no ReportLab here. Every node carries the
`Span` it came from, so that checks and the layout can point back at the sources.
Money is `int` (whole euros); a blank cell is `None`.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass

from kkpdf.diagnostics import Span

# --- inline content ---------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True)
class LineBreak:
    pass


Inline = Text | Emphasis | Strong | LineBreak


# --- blocks -----------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    level: int
    children: tuple[Inline, ...]
    span: Span


@dataclass(frozen=True)
class Paragraph:
    children: tuple[Inline, ...]
    span: Span


@dataclass(frozen=True)
class ListItem:
    blocks: tuple[Block, ...]
    span: Span


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    start: int
    items: tuple[ListItem, ...]
    span: Span


# --- data: chart of accounts, organisation --------------------------------------


class AccountKind(enum.Enum):
    REVENUE = "revenue"
    COST = "cost"
    TOTAL = "total"
    MEMO = "memo"
    OF_WHICH = "of_which"


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


@dataclass(frozen=True)
class Unit:
    key: str
    name: str
    name_sv: str
    description: str
    parts: tuple[str, ...]
    span: Span


# --- tables -----------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    year: int
    heading: str
    span: Span


@dataclass(frozen=True)
class Cell:
    value: int | None
    span: Span


@dataclass(frozen=True)
class Row:
    account: Account
    cells: tuple[Cell, ...]
    span: Span


@dataclass(frozen=True)
class FinanceTable:
    unit: Unit
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    binding: bool
    note: str
    span: Span

    def is_binding_row(self, row: Row) -> bool:
        return self.binding and row.account.binding

    def is_itemised_total(self, row: Row) -> bool:
        """A total whose parts this table shows; elsewhere it is an ordinary figure."""
        shown = {other.account.key for other in self.rows}
        return row.account.kind is AccountKind.TOTAL and any(
            part in shown for part in row.account.parts
        )


@dataclass(frozen=True)
class GoalCell:
    blocks: tuple[Block, ...]
    span: Span


@dataclass(frozen=True)
class GoalRow:
    cells: tuple[GoalCell, ...]
    span: Span


@dataclass(frozen=True)
class GoalTable:
    key: str
    headings: tuple[str, ...]
    rows: tuple[GoalRow, ...]
    span: Span


Block = Heading | Paragraph | ListBlock | FinanceTable | GoalTable


# --- the book ---------------------------------------------------------------------


@dataclass(frozen=True)
class Labels:
    """Fixed words the layout prints; they live in book.yaml, not in code."""

    organisation: str
    cover_note: str
    contents: str
    page: str
    binding_row: str
    indicative_table: str
    currency: str


@dataclass(frozen=True)
class BookInfo:
    title: str
    subtitle: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    language: str
    budget_year: int
    approved: datetime.date | None
    output_name: str
    labels: Labels
    span: Span


@dataclass(frozen=True)
class Chapter:
    blocks: tuple[Block, ...]
    span: Span


@dataclass(frozen=True)
class Book:
    info: BookInfo
    chapters: tuple[Chapter, ...]
    accounts: tuple[Account, ...]
    units: tuple[Unit, ...]
