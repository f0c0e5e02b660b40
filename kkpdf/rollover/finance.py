"""The finance tables moved on by a year: which figures carry over, which are blanked.

Every table's years move on by one, and with them the columns' meanings. For the
new budget year B, a column of year Y keeps the figure the table had for Y where
that figure is still a starting point:

| new column | year | figure |
| --- | --- | --- |
| TP (accounts) | B − 2 | blank: the accounts replace the budget once they are closed |
| TA muutoksineen | B − 1 | the old budget's figure, carried over |
| TA, TS | B, B + 1 | the old plan's figure, a starting point |
| last TS | B + 2 | blank: no plan had it |

A year the table did not have is blank too. Blank cells count as 0, so a column
blanked whole keeps every total of the table right. The roll-up compares a unit
with its parts in every year they share; a year that one table of such a family
blanks is therefore blanked in all of them, or the Centre's carried figure would
stand against areas that are blank.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kkpdf.document.columns import ColumnTemplate
from kkpdf.messages import Message, listed, tr
from kkpdf.model import Book, FinanceTable
from kkpdf.parse.yaml_tree import YamlMap, YamlScalar, YamlSeq
from kkpdf.rollover.edits import TextEdits, refill, remove_items

BLANK = "~"


@dataclass(frozen=True)
class TablePlan:
    """One table's years before and after, and why each blank year is blank."""

    key: str
    old_years: tuple[int, ...]
    new_years: tuple[int, ...]
    # The new years that are blank, each with the reason the note gives.
    blank: dict[int, Message]


@dataclass(frozen=True)
class FillIn:
    """A cell the roll left blank: where it is in the new text, and what it is."""

    table: str
    row: str
    year: int
    reason: Message


def plan_tables(book: Book) -> dict[str, TablePlan]:
    """Every finance table's plan, the roll-up families blanked alike."""
    budget = book.info.budget_year + 1
    own: dict[str, dict[int, Message]] = {}
    for table in book.finance_tables:
        old = _years(table)
        own[table.key] = {
            year + 1: reason
            for year in old
            if (reason := _own_reason(year + 1, budget, old)) is not None
        }
    family = _families(book)
    # Per family and year, the tables that blank the year of their own accord.
    shared: dict[str, dict[int, list[str]]] = {}
    for table in book.finance_tables:
        key = table.key
        for year in own[key]:
            shared.setdefault(family.get(key, key), {}).setdefault(year, []).append(table.caption)
    plans = {}
    for table in book.finance_tables:
        key = table.key
        old = _years(table)
        new = tuple(year + 1 for year in old)
        blank = dict(own[key])
        for year, names in shared.get(family.get(key, key), {}).items():
            if year in new and year not in blank:
                blank[year] = tr("blank as in {tables}, so that the sums across tables hold",
                                 tables=listed(names))  # fmt: skip
        plans[key] = TablePlan(key, old, new, blank)
    return plans


def _years(table: FinanceTable) -> tuple[int, ...]:
    return tuple(column.year for column in table.columns)


def _own_reason(year: int, budget: int, old: tuple[int, ...]) -> Message | None:
    if year == budget - 2:
        return tr("the accounts of {year}", year=year)
    if year not in old:
        return tr("no figure for {year} was planned", year=year)
    return None


def _families(book: Book) -> dict[str, str]:
    """Each table's family: the units joined by `parts:`, and the tables joined by a
    tie between the parts of the book (`units.<row>` joins every unit of no other)."""
    root: dict[str, str] = {}

    def find(key: str) -> str:
        while root.get(key, key) != key:
            key = root[key]
        return key

    def join(a: str, b: str) -> None:
        if find(a) != find(b):
            root[find(a)] = find(b)

    for unit in book.units:
        for part in unit.parts:
            join(part, unit.key)
    inner = {part for unit in book.units for part in unit.parts}
    tops = [unit.key for unit in book.units if unit.key not in inner]
    for tie in book.ties:
        for term in tie.equals:
            for key in [term.table] if term.table else tops:
                join(key, tie.cell.table)
    keys = [table.key for table in book.finance_tables]
    keys += [term.table for tie in book.ties for term in tie.equals if term.table]
    return {key: find(key) for key in keys}


def computed_blanks(book: Book, plans: dict[str, TablePlan]) -> dict[str, set[int]]:
    """The years an investment table's projects are blanked in, besides its new last
    year: those its family of tables blanks, so that the ties between them hold."""
    family = _families(book)
    blanks: dict[str, set[int]] = {}
    for table in book.computed_tables:
        if table.key in family:
            blanks[table.key] = {
                year
                for key, plan in plans.items()
                if family.get(key) == family[table.key]
                for year in plan.blank
            }
    return blanks


def roll_finance_file(
    edits: TextEdits, tree: YamlMap, plans: dict[str, TablePlan]
) -> dict[str, int]:
    """The edits of one finance file; per table, the `unresolved:` entries removed."""
    removed = {}
    for key, node in tree.entries:
        plan = plans.get(str(key.value))
        if plan is None or not isinstance(node, YamlMap):
            continue
        years = node.get("years")
        if isinstance(years, YamlSeq):
            refill(edits, years, [str(year) for year in plan.new_years])
        rows = node.get("rows")
        for _, figures in rows.entries if isinstance(rows, YamlMap) else ():
            if isinstance(figures, YamlSeq) and len(figures.items) == len(plan.old_years):
                written = [edits.source(item.span) for item in figures.items]
                refill(edits, figures, [_figure(plan, year, written) for year in plan.new_years])
        removed[plan.key] = _drop_unresolved(edits, node, plan)
    return removed


def _figure(plan: TablePlan, year: int, written: list[str]) -> str:
    if year in plan.blank:
        return BLANK
    return written[plan.old_years.index(year)]


def _drop_unresolved(edits: TextEdits, table: YamlMap, plan: TablePlan) -> int:
    """An excuse for a difference in a figure that is no longer there goes with it.

    An entry of a year that is kept stays as written, its `difference:` too: the year's
    figures are carried as written, and a family's years are blanked alike, so the
    difference is still the cell's; the rolled sources are checked before they are
    written, so an entry that no longer held would stop the roll, not excuse another."""
    entry = next(((k, v) for k, v in table.entries if k.value == "unresolved"), None)
    if entry is None or not isinstance(entry[1], YamlSeq):
        return 0
    key, excuses = entry
    kept = set(plan.new_years) - set(plan.blank)
    drop = set()
    for index, item in enumerate(excuses.items):
        year = item.get("year") if isinstance(item, YamlMap) else None
        if isinstance(year, YamlScalar) and year.value not in kept:
            drop.add(index)
    remove_items(edits, key.span, excuses, drop)
    return len(drop)


def fill_ins(tree: YamlMap, plans: dict[str, TablePlan]) -> Iterator[tuple[YamlScalar, FillIn]]:
    """The blank cells of the rolled text, each at its node, in the order of the file."""
    for key, node in tree.entries:
        plan = plans.get(str(key.value))
        rows = node.get("rows") if isinstance(node, YamlMap) else None
        if plan is None or not isinstance(rows, YamlMap):
            continue
        for row, figures in rows.entries:
            items = figures.items if isinstance(figures, YamlSeq) else ()
            for year, item in zip(plan.new_years, items, strict=False):
                if year in plan.blank and isinstance(item, YamlScalar):
                    yield item, FillIn(str(key.value), str(row.value), year, plan.blank[year])


def short_heading(templates: dict[int, ColumnTemplate], year: int, budget: int) -> str:
    """How messages name the column of `year` in the book for `budget` ("TP 2022")."""
    template = templates.get(year - budget)
    return template.short.format(year=year) if template else str(year)
