"""The document model: one tree between the parsers and the layout.

Frozen dataclasses only; no I/O and no ReportLab here. Every node carries the
`Span` it came from, so that checks and the layout can point back at the sources.
Money is `int` (whole euros); a blank cell is `None`.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache, singledispatch
from typing import NamedTuple

from kkpdf.diagnostics import Span
from kkpdf.messages import Message, tr

# The figures' nodes are part of the model; they live in their own module.
from kkpdf.tables import (
    Account as Account,
    AccountKind as AccountKind,
    Cell as Cell,
    Column as Column,
    ComputedTable as ComputedTable,
    FigureColumn as FigureColumn,
    FigureLine as FigureLine,
    FinanceTable as FinanceTable,
    LineStyle as LineStyle,
    Row as Row,
    Tie as Tie,
    TieTerm as TieTerm,
    Unit as Unit,
    Unresolved as Unresolved,
)

# --- inline content ---------------------------------------------------------------


class Run(NamedTuple):
    """A run of a text as it is written: where it starts in the text, and the line,
    column and length it has in its file. The parser aligns each run with the
    source once, so that a word can be placed from its offset without searching
    the file again. (A tuple, not a Span: a book has tens of thousands of runs.)"""

    offset: int
    line: int
    column: int
    length: int


Origin = tuple[Run, ...]


def place_at(origin: Origin, offset: int, length: int, fallback: Span) -> Span:
    """The range of the `length` characters at `offset`; `fallback` where no run of
    the origin holds them (text the parser could not place, or made from data)."""
    for run in reversed(origin):
        if run.offset <= offset:
            if offset + length > run.offset + run.length:
                return fallback
            column = run.column + offset - run.offset
            return Span(fallback.path, run.line, column, run.line, column + length)
    return fallback


@dataclass(frozen=True)
class Defined:
    """Where a text of the data (a row's label, a unit's name) is written: the span of
    its value, and the runs of the text in that file. A problem in such a text is the
    definition's, so it is reported here once, not at every table that prints it."""

    span: Span
    origin: Origin = ()

    def place(self, offset: int, length: int) -> Span:
        return place_at(self.origin, offset, length, self.span)


@dataclass(frozen=True)
class Text:
    """Plain text, and where its runs stand in the sources (see `Origin`).

    The origin is not part of a text's identity: the same words are the same text.
    """

    text: str
    origin: Origin = field(default=(), compare=False)


@dataclass(frozen=True)
class Emphasis:
    """Text set in italic (`*text*`)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strong:
    """Text set in bold (`**text**`)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class LineBreak:
    """A forced line break inside a paragraph."""


@dataclass(frozen=True)
class LanguageSpan:
    """Text in another language than the book's: `[Covenant of Mayors]{lang=en}`."""

    lang: str  # a BCP 47 tag: "en", "sv-FI"
    children: tuple[Inline, ...]


def primary_language(tag: str) -> str:
    """A language tag's primary subtag, "sv" of "sv-FI": what picks the hyphenation
    and spelling, and what makes a span's text the book's own language or another."""
    return tag.split("-", 1)[0].lower()


Inline = Text | Emphasis | Strong | LineBreak | LanguageSpan


# --- blocks -----------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A chapter heading of level 1–4."""

    level: int
    children: tuple[Inline, ...]
    span: Span


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text."""

    children: tuple[Inline, ...]
    span: Span


@dataclass(frozen=True)
class ListItem:
    """One item of a list; it may hold paragraphs and lists of its own."""

    blocks: tuple[Block, ...]
    span: Span


@dataclass(frozen=True)
class ListBlock:
    """A bulleted list, or a numbered one counting from `start`."""

    ordered: bool
    start: int
    items: tuple[ListItem, ...]
    span: Span


@dataclass(frozen=True)
class GoalCell:
    """One cell of a key-goal table: short text, possibly a list."""

    blocks: tuple[Block, ...]
    span: Span


@dataclass(frozen=True)
class GoalRow:
    """One row of a key-goal table."""

    cells: tuple[GoalCell, ...]
    span: Span


@dataclass(frozen=True)
class GoalTable:
    """A table of key goals, their measures and targets."""

    key: str
    headings: tuple[str, ...]
    rows: tuple[GoalRow, ...]
    span: Span


class ChartKind(enum.Enum):
    """How a chart sets its figures: bars side by side, bars on one another, lines;
    a bar of 100 % a year split into the rows' shares; one year's shares as a pie."""

    BAR = "bar"
    STACKED = "stacked"
    LINE = "line"
    SHARE = "share"
    PIE = "pie"


@dataclass(frozen=True)
class ChartSeries:
    """One row of a finance table as a chart draws it: its label and a figure per year."""

    key: str
    label: str
    values: tuple[int | None, ...]  # in euros, whatever the table's scale
    spans: tuple[Span, ...]  # the cells the figures are read from
    label_at: Defined | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Chart:
    """A chart of rows of a finance table: the table's own checked figures, drawn."""

    kind: ChartKind
    table: str  # the finance table's key
    title: str
    headings: tuple[str, ...]  # the years' column headings
    short_headings: tuple[str, ...]  # "TA 2023": what the axis has room for
    series: tuple[ChartSeries, ...]
    span: Span  # of the directive
    source: str = ""  # the caption of the table the figures are read from


Block = Heading | Paragraph | ListBlock | FinanceTable | GoalTable | ComputedTable | Chart


# --- the one traversal of the block tree ------------------------------------------
# Lists and key-goal tables hold blocks; these two rules are the only code that
# knows where, so that text extraction, change detection, draft marks and
# reference resolution cannot disagree about which blocks a book has.


@singledispatch
def inner_blocks(block: object) -> tuple[Block, ...]:
    """The blocks directly inside `block`, in reading order."""
    return ()


def _list_blocks(block: ListBlock) -> tuple[Block, ...]:
    return tuple(inner for item in block.items for inner in item.blocks)


inner_blocks.register(ListBlock, _list_blocks)


def _goal_table_blocks(block: GoalTable) -> tuple[Block, ...]:
    return tuple(inner for row in block.rows for cell in row.cells for inner in cell.blocks)


inner_blocks.register(GoalTable, _goal_table_blocks)


def walk_blocks(blocks: Iterable[Block]) -> Iterator[Block]:
    """Every block, each before the blocks inside it, in reading order."""
    for block in blocks:
        yield block
        inner = _inner_blocks_of(type(block))(block)
        if inner:
            yield from walk_blocks(inner)


# singledispatch looks the rule up in a weak dictionary on every call; a book of
# 300 pages walks tens of thousands of blocks of five types.
_inner_blocks_of = cache(inner_blocks.dispatch)


@singledispatch
def map_inner_blocks(block: object, change: Callable[[Block], Block]) -> Block:
    """`block` with `change` applied to it, or, for a block that holds blocks, to those.

    What `change` leaves as it is (the same object) is kept, and so is a block all
    of whose inner blocks are kept: nothing is copied that did not change.
    """
    return change(block)  # type: ignore[arg-type]


def _mapped(blocks: tuple[Block, ...], change: Callable[[Block], Block]) -> tuple[Block, ...]:
    mapped = tuple(map_inner_blocks(b, change) for b in blocks)
    return blocks if all(new is old for new, old in zip(mapped, blocks, strict=True)) else mapped


def _map_list(block: ListBlock, change: Callable[[Block], Block]) -> Block:
    items = tuple(
        item if (blocks := _mapped(item.blocks, change)) is item.blocks
        else replace(item, blocks=blocks)
        for item in block.items
    )  # fmt: skip
    if all(new is old for new, old in zip(items, block.items, strict=True)):
        return block
    return replace(block, items=items)


map_inner_blocks.register(ListBlock, _map_list)


def _map_goal_table(block: GoalTable, change: Callable[[Block], Block]) -> Block:
    changed = False
    rows = []
    for row in block.rows:
        cells = tuple(
            cell if (blocks := _mapped(cell.blocks, change)) is cell.blocks
            else replace(cell, blocks=blocks)
            for cell in row.cells
        )  # fmt: skip
        if all(new is old for new, old in zip(cells, row.cells, strict=True)):
            rows.append(row)
        else:
            rows.append(replace(row, cells=cells))
            changed = True
    return replace(block, rows=tuple(rows)) if changed else block


map_inner_blocks.register(GoalTable, _map_goal_table)


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
    # Only drafts print these; a book without them gets the English words.
    draft: str = "DRAFT"
    check_report: str = "Check report"
    changes: str = "Changes"
    # A bilingual book's draft boxes an untranslated place; without words, the frame alone.
    missing_translation: str = ""


@dataclass(frozen=True)
class BookInfo:
    """What book.yaml says of the book as a whole: title, language, year, labels."""

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
    # Each published figure is rounded by up to this much, so a sum of n figures may
    # differ from its stated total by n times this (see money.rounding_tolerance).
    rounding_per_term: Decimal
    span: Span
    # How many levels the printed contents show: with parts, the parts are the first.
    contents_depth: int = 3
    # Inhabitants by year, for the ratios per inhabitant.
    population: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Chapter:
    """The blocks of one chapter file, in order.

    A section (a responsibility area of a centre) is a chapter file placed under
    the chapter before it: its headings are one level deeper than the file writes
    them, so that the same file serves as a chapter of its own elsewhere.
    """

    blocks: tuple[Block, ...]
    span: Span
    section: bool = False


@dataclass(frozen=True)
class Part:
    """A part of the book (käyttötalousosa, investointiosa…): its title and chapters.

    Its chapters are `Book.chapters[start:stop]`; the chapters stay one flat tuple,
    which every check walks, and the parts say how the layout groups them.
    """

    title: str
    start: int
    stop: int
    span: Span  # of the title in book.yaml


# What messages call the editions' languages, in the reader's language.
LANGUAGE_NAMES = {"fi": tr("Finnish"), "sv": tr("Swedish"), "en": tr("English"), "se": tr("Sami")}


@dataclass(frozen=True)
class Edition:
    """The edition being built, and every edition of the book (none for a book in one language)."""

    code: str = ""
    codes: tuple[str, ...] = ()

    @property
    def first(self) -> bool:
        """The edition written in the keys themselves (and a book in one language)."""
        return not self.codes or self.code == self.codes[0]

    @property
    def partners(self) -> tuple[Edition, ...]:
        """The editions this one must match: the first matches all others, the others the first."""
        if not self.codes:
            return ()
        others = self.codes[1:] if self.first else self.codes[:1]
        return tuple(Edition(code, self.codes) for code in others)

    @property
    def language_name(self) -> Message | str:
        """The edition's language as messages name it ("Swedish"), a field of a message;
        an unknown code names itself. Its tag is the book's."""
        return LANGUAGE_NAMES.get(self.code, self.code)

    def chapter(self, path: str) -> str:
        """The path of this edition's text of the first edition's chapter `path`."""
        if self.first:
            return path
        stem, dot, suffix = path.rpartition(".")
        return f"{stem}.{self.code}.{suffix}" if dot else f"{path}.{self.code}"


@dataclass(frozen=True)
class Untranslated:
    """A text the edition prints in the first edition's language, for want of its own."""

    span: Span
    what: Message  # "'label' of 'toimintakate'", "chapter luvut/01.md"
    expected: str  # where its translation belongs: "label_sv", "luvut/01.sv.md"
    edition: Edition


@dataclass(frozen=True)
class Book:
    """The whole document model, checked and laid out as one."""

    info: BookInfo
    chapters: tuple[Chapter, ...]
    accounts: tuple[Account, ...]
    units: tuple[Unit, ...]
    # Every finance table the data defines, placed in a chapter or not.
    finance_tables: tuple[FinanceTable, ...]
    # Every table computed from them, placed or not, and the figures that must agree
    # between the parts of the book.
    computed_tables: tuple[ComputedTable, ...] = ()
    ties: tuple[Tie, ...] = ()
    # Empty for a book of chapters alone; else every chapter is in exactly one part.
    parts: tuple[Part, ...] = ()
    # The edition this book is (see kkpdf.parse.editions), and what it prints in the
    # first edition's language for want of a translation.
    edition: Edition = field(default_factory=Edition)
    untranslated: tuple[Untranslated, ...] = ()
