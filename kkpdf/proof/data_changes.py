"""What changed in the figures and in the texts the data prints in tables.

Finance tables are matched by key, rows by their key in the chart of accounts,
columns by year: a changed cell gives the old and the new figure, a year added or
dropped is one change for the column, and a row's label or a table's caption
written anew is renamed where it is printed. Computed tables are matched by key,
their lines by key and their columns by year (or heading); key-goal tables by key,
their column headings in order.
"""

from __future__ import annotations

from decimal import Decimal

from kkpdf.diagnostics import Span
from kkpdf.messages import Message, tr
from kkpdf.model import (
    Book,
    ComputedTable,
    FigureColumn,
    FinanceTable,
    GoalTable,
    walk_blocks,
)
from kkpdf.money import format_number
from kkpdf.proof.change_model import Change, ChangeKind


def compare_data(old: Book, new: Book) -> list[Change]:
    changes: list[Change] = []
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
    old_goals = _goal_tables(old)
    for goals in _goal_tables(new).values():
        before_goals = old_goals.get(goals.key)
        if before_goals is not None:
            changes += _compare_goal_headings(before_goals, goals)
    return changes


def _table(name: str) -> Message:
    return tr("table {name}", name=name)


def _figure(value: int | Decimal | None, decimals: int = 0) -> str:
    return "" if value is None else format_number(value, decimals)


def _renamed(span: Span, old: str, new: str, where: str) -> list[Change]:
    return [Change(ChangeKind.RENAMED, span, old, new, where)] if old != new else []


def _compare_tables(old: FinanceTable | None, new: FinanceTable) -> list[Change]:
    name = new.caption
    if old is None:
        return [Change(ChangeKind.ADDED, new.span, "", _table(name), name)]
    changes = _renamed(new.span, old.caption, name, name)
    old_years = [column.year for column in old.columns]
    new_years = [column.year for column in new.columns]
    for column in new.columns:
        if column.year not in old_years:
            changes.append(Change(ChangeKind.COLUMN_ADDED, new.span, "", column.heading,
                                  f"{name}, {column.short}"))  # fmt: skip
        else:
            before = old.columns[old_years.index(column.year)]
            changes += _renamed(new.span, before.heading, column.heading, f"{name}, {column.short}")
    for column in old.columns:
        if column.year not in new_years:
            changes.append(Change(ChangeKind.COLUMN_REMOVED, new.span, column.heading, "",
                                  f"{name}, {column.short}"))  # fmt: skip
    old_rows = {row.account.key: row for row in old.rows}
    for row in new.rows:
        before_row = old_rows.pop(row.account.key, None)
        if before_row is None:
            changes.append(Change(ChangeKind.ROW_ADDED, row.span, "", row.account.label, name))
            continue
        changes += _renamed(row.span, before_row.account.label, row.account.label, name)
        # The data reader keeps only rows of one figure per column: `strict` never fires,
        # and without it (or with False) the loop is the same.
        for cell, column in zip(row.cells, new.columns, strict=True):  # pragma: no mutate
            if column.year not in old_years:
                continue  # a new column: reported once, as a column
            previous = before_row.cells[old_years.index(column.year)].value
            if previous != cell.value:
                changes.append(Change(
                    ChangeKind.FIGURE, cell.span, _figure(previous), _figure(cell.value),
                    f"{name}, {row.account.label} {column.short}",
                ))  # fmt: skip
    for row in old_rows.values():
        changes.append(Change(ChangeKind.ROW_REMOVED, new.span, row.account.label, "", name))
    return changes


def _matched_columns(
    old: tuple[FigureColumn, ...], new: tuple[FigureColumn, ...]
) -> list[int | None]:
    """For each new column, the index of the old column it is, or None for a new one:
    the column of the same year and heading (or label, for a summary's columns headed
    by rows' labels); else the next one left of the same year, so that a heading
    written anew is the same column renamed."""
    left = list(range(len(old)))
    found: list[int | None] = []
    for column in new:
        same = next((i for i in left if _named(old[i]) == _named(column)), None)
        found.append(same)
        if same is not None:
            left.remove(same)
    for position, column in enumerate(new):
        if found[position] is None:
            same = next((i for i in left if old[i].year == column.year), None)
            found[position] = same
            if same is not None:
                left.remove(same)
    return found


def _named(column: FigureColumn) -> tuple[int | None, str]:
    return column.year, column.label or column.heading


def _compare_computed(old: ComputedTable, new: ComputedTable, reported: set[Span]) -> list[Change]:
    """The figures of a computed table read from the sources (a project's, a unit's
    cell in a summary) that changed; a figure the finance tables report already is
    not reported twice, and a computed total follows from its parts. Its caption,
    columns and lines (labels, lines added and removed) are compared too."""
    name = new.caption
    changes = _renamed(new.span, old.caption, name, name)
    matched = _matched_columns(old.columns, new.columns)
    for column, index in zip(new.columns, matched, strict=True):
        if index is None:
            changes.append(Change(ChangeKind.COLUMN_ADDED, new.span, "", column.heading,
                                  f"{name}, {column.short}"))  # fmt: skip
        else:
            before = old.columns[index].heading
            changes += _renamed(new.span, before, column.heading, f"{name}, {column.short}")
    for index, column in enumerate(old.columns):
        if index not in matched:
            changes.append(Change(ChangeKind.COLUMN_REMOVED, new.span, column.heading, "",
                                  f"{name}, {column.short}"))  # fmt: skip
    for line in new.lines:
        before_line = old.line(line.key)
        if before_line is None:
            changes.append(Change(ChangeKind.ROW_ADDED, line.span, "", line.label, name))
            continue
        changes += _renamed(line.span, before_line.label, line.label, name)
        if not line.values or not before_line.values:  # a group's name
            continue
        for value, span, column, index in zip(line.values, line.spans, new.columns, matched,
                                              strict=True):  # fmt: skip
            if span in (line.span, new.span) or span in reported or index is None:
                continue  # computed, a finance cell already reported, or a new column
            previous = before_line.values[index]
            if previous != value:
                changes.append(Change(
                    ChangeKind.FIGURE, span, _figure(previous, line.decimals),
                    _figure(value, line.decimals), f"{name}, {line.label} {column.short}",
                ))  # fmt: skip
    new_lines = {line.key for line in new.lines}
    for line in old.lines:
        if line.key not in new_lines:
            changes.append(Change(ChangeKind.ROW_REMOVED, new.span, line.label, "", name))
    return changes


def _goal_tables(book: Book) -> dict[str, GoalTable]:
    """The key-goal tables placed in the chapters, by key (the first place of each)."""
    found: dict[str, GoalTable] = {}
    for chapter in book.chapters:
        for block in walk_blocks(chapter.blocks):
            if isinstance(block, GoalTable):
                found.setdefault(block.key, block)
    return found


def _compare_goal_headings(old: GoalTable, new: GoalTable) -> list[Change]:
    changes = []
    for index, heading in enumerate(new.headings):
        before = old.headings[index] if index < len(old.headings) else None
        if before is None:
            changes.append(Change(ChangeKind.COLUMN_ADDED, new.span, "", heading, ""))
        else:
            changes += _renamed(new.span, before, heading, "")
    for heading in old.headings[len(new.headings) :]:
        changes.append(Change(ChangeKind.COLUMN_REMOVED, new.span, heading, "", ""))
    return changes
