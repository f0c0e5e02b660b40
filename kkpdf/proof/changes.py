"""What changed between two versions of the book, compared as document models.

Paragraphs, list items and headings are matched in order within each chapter
file (and within each key-goal cell); one replaced by a similar one is
reworded, otherwise added or removed. Finance tables are matched by unit, rows
by their key in the chart of accounts, cells by year: a changed cell gives the
old and the new figure.
"""

from __future__ import annotations

import difflib
import enum
from dataclasses import dataclass
from decimal import Decimal

from kkpdf.diagnostics import Span
from kkpdf.files import path_in_sources
from kkpdf.messages import ENGLISH, Language, Message, shown, tr
from kkpdf.model import Block, Book, ComputedTable, FinanceTable, Heading, Paragraph, walk_blocks
from kkpdf.money import format_number
from kkpdf.walk import inline_text

# Two texts this alike are one text reworded rather than one removed and one added.
SIMILAR = 0.5


class ChangeKind(enum.Enum):
    ADDED = "added"
    REMOVED = "removed"
    REWORDED = "reworded"
    FIGURE = "figure"
    ROW_ADDED = "row added"
    ROW_REMOVED = "row removed"

    @property
    def word(self) -> Message:
        """The kind as a draft's report names it, in the reader's language."""
        return KIND_WORDS[self]


# JSON keeps the English values above, for tools.
KIND_WORDS = {
    ChangeKind.ADDED: tr("added"),
    ChangeKind.REMOVED: tr("removed"),
    ChangeKind.REWORDED: tr("reworded"),
    ChangeKind.FIGURE: tr("figure"),
    ChangeKind.ROW_ADDED: tr("row added"),
    ChangeKind.ROW_REMOVED: tr("row removed"),
}


@dataclass(frozen=True)
class WordEdit:
    """One edit within a reworded text: the new text's characters [start, end) are inserted or
    replacing (start == end for a pure deletion), and `removed` the old words that stood there
    ("" for a pure insertion)."""

    start: int
    end: int
    removed: str


@dataclass(frozen=True)
class Change:
    """One difference between two versions of the sources, for a proofreader."""

    kind: ChangeKind
    # Where it stands in the new sources; for something removed, where it stood.
    span: Span
    # The texts or figures before and after; a table added or removed is named in words.
    old: str | Message
    new: str | Message
    where: str  # "Talouspalvelut, Toimintatuotot TA 2022", or the file
    # A reworded text's edits, by where they stand in the new text (`inline_text`).
    words: tuple[WordEdit, ...] = ()
    # Something removed stood after the block at `span`, the last of its chapter.
    after: bool = False
    # A text moved here stood there, in the old sources.
    moved_from: Span | None = None

    def describe(self) -> Message:
        if self.kind is ChangeKind.FIGURE:
            return tr("{where}: {old} → {new}", where=self.where, old=self.old or BLANK,
                      new=self.new or BLANK)  # fmt: skip
        if self.kind is ChangeKind.REWORDED:
            before, after = _changed_words(str(self.old), str(self.new))
            return tr("“{before}” → “{after}”", before=before, after=after)
        text = self.new if self.kind in (ChangeKind.ADDED, ChangeKind.ROW_ADDED) else self.old
        quoted = _short(text) if isinstance(text, str) else text
        if self.where:
            return tr("{where}: “{text}”", where=self.where, text=quoted)
        return tr("“{text}”", text=quoted)

    def as_json(self, language: Language = ENGLISH) -> dict[str, object]:
        span = self.span
        return {"file": str(span.path), "line": span.line, "column": span.column,
                "kind": self.kind.value, "where": self.where,
                "old": shown(self.old, language), "new": shown(self.new, language)}  # fmt: skip


# A figure that is not there, before or after.
BLANK = tr("blank")


def _changed_words(old: str, new: str, context: int = 3) -> tuple[str, str]:
    """The words that differ, with a few words either side."""
    a, b = old.split(), new.split()
    matcher = difflib.SequenceMatcher(
        a=a,
        b=b,
        autojunk=False,  # pragma: no mutate: autojunk=None is falsy like False: the same matcher
    )
    blocks = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if not blocks:
        return _short(old), _short(new)
    a0, a1 = blocks[0][1], blocks[-1][2]
    b0, b1 = blocks[0][3], blocks[-1][4]

    def excerpt(words: list[str], start: int, end: int) -> str:
        first, last = max(0, start - context), min(len(words), end + context)
        text = " ".join(words[first:last])
        shown = _short(text)
        # A cut excerpt ends in "…" already: a second one would say nothing more.
        more = last < len(words) and shown == text
        return ("…" if first else "") + shown + ("…" if more else "")

    return excerpt(a, a0, a1), excerpt(b, b0, b1)


def _short(text: str, length: int = 90) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


@dataclass(frozen=True)
class _Text:
    """A piece of text of the book and where it stands, for comparing versions."""

    text: str
    span: Span


def _texts(blocks: tuple[Block, ...]) -> list[_Text]:
    """The headings and paragraphs, wherever they stand (in lists and table cells too)."""
    return [
        _Text(inline_text(block.children), block.span)
        for block in walk_blocks(blocks)
        if isinstance(block, Heading | Paragraph)
    ]


def compare_books(old: Book, new: Book) -> list[Change]:
    changes: list[Change] = []
    # Chapters are the same chapter when they have the same path in their sources folder.
    old_chapters = {_relative(chapter.span, old): chapter for chapter in old.chapters}
    for chapter in new.chapters:
        before = old_chapters.get(_relative(chapter.span, new))
        old_texts = _texts(before.blocks) if before else []
        new_texts = _texts(chapter.blocks)
        changes += _compare_texts(old_texts, new_texts, chapter.span)
    new_names = {_relative(chapter.span, new) for chapter in new.chapters}
    for name, chapter in old_chapters.items():
        if name not in new_names:
            changes += _compare_texts(_texts(chapter.blocks), [], chapter.span)
    old_tables = {table.key: table for table in old.finance_tables}
    for table in new.finance_tables:
        changes += _compare_tables(old_tables.pop(table.key, None), table)
    for table in old_tables.values():
        name = table.caption
        changes.append(Change(ChangeKind.REMOVED, new.info.span, _table(name), "", name))
    old_computed = {table.key: table for table in old.computed_tables}
    reported = {change.span for change in changes}
    for computed in new.computed_tables:
        before_table = old_computed.get(computed.key)
        if before_table is not None:
            changes += _compare_computed(before_table, computed, reported)
    return changes


def _relative(span: Span, book: Book) -> str:
    return path_in_sources(span.path, book.info.span.path.parent)  # the folder of book.yaml


def _compare_texts(old: list[_Text], new: list[_Text], chapter: Span) -> list[Change]:
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(
        a=[t.text for t in old],
        b=[t.text for t in new],
        autojunk=False,  # pragma: no mutate: autojunk=None is falsy like False: the same matcher
    )
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            continue
        removed, added = old[a0:a1], new[b0:b1]
        while removed and added:
            before, after = removed[0], added[0]
            similar = difflib.SequenceMatcher(a=before.text, b=after.text).ratio() >= SIMILAR
            if not similar:
                break
            changes.append(Change(ChangeKind.REWORDED, after.span, before.text, after.text, ""))
            removed, added = removed[1:], added[1:]
        for text in added:
            changes.append(Change(ChangeKind.ADDED, text.span, "", text.text, ""))
        place = new[b0].span if b0 < len(new) else chapter
        for text in removed:
            changes.append(Change(ChangeKind.REMOVED, place, text.text, "", ""))
    return changes


def _compare_tables(old: FinanceTable | None, new: FinanceTable) -> list[Change]:
    name = new.caption
    if old is None:
        return [Change(ChangeKind.ADDED, new.span, "", _table(name), name)]
    changes: list[Change] = []
    old_rows = {row.account.key: row for row in old.rows}
    old_years = [column.year for column in old.columns]
    for row in new.rows:
        before = old_rows.pop(row.account.key, None)
        if before is None:
            changes.append(Change(ChangeKind.ROW_ADDED, row.span, "", row.account.label, name))
            continue
        # The data reader keeps only rows of one figure per column: `strict` never fires,
        # and without it (or with False) the loop is the same.
        for cell, column in zip(row.cells, new.columns, strict=True):  # pragma: no mutate
            if column.year not in old_years:
                continue
            previous = before.cells[old_years.index(column.year)].value
            if previous != cell.value:
                changes.append(Change(
                    ChangeKind.FIGURE, cell.span, _figure(previous), _figure(cell.value),
                    f"{name}, {row.account.label} {column.short}",
                ))  # fmt: skip
    for row in old_rows.values():
        changes.append(Change(ChangeKind.ROW_REMOVED, new.span, row.account.label, "", name))
    return changes


def _table(name: str) -> Message:
    return tr("table {name}", name=name)


def _figure(value: int | Decimal | None, decimals: int = 0) -> str:
    return "" if value is None else format_number(value, decimals)


def _compare_computed(old: ComputedTable, new: ComputedTable, reported: set[Span]) -> list[Change]:
    """The figures of a computed table read from the sources (a project's, a unit's
    cell in a summary) that changed; a figure the finance tables report already is
    not reported twice, and a computed total follows from its parts."""
    changes = []
    old_columns = [column.heading for column in old.columns]
    for line in new.lines:
        before = old.line(line.key)
        if before is None or not line.values:  # new, or a group's name
            continue
        for value, span, column in zip(line.values, line.spans, new.columns, strict=True):
            if span in (line.span, new.span) or span in reported:
                continue  # computed, or a finance cell already reported
            if column.heading not in old_columns:
                continue
            previous = before.values[old_columns.index(column.heading)]
            if previous != value:
                changes.append(Change(
                    ChangeKind.FIGURE, span, _figure(previous, line.decimals),
                    _figure(value, line.decimals), f"{new.caption}, {line.label} {column.short}",
                ))  # fmt: skip
    return changes
