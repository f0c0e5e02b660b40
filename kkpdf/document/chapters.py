"""Chapters: directives replaced by what they place, placeholders by what they stand for."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from kkpdf.diagnostics import DiagnosticSink, Rule, Span
from kkpdf.document.charts import build_chart
from kkpdf.document.directives import Placed, expand_directive
from kkpdf.document.references import Names, resolve
from kkpdf.messages import Message, tr
from kkpdf.model import (
    Account,
    Block,
    Chapter,
    ComputedTable,
    FinanceTable,
    GoalTable,
    Heading,
    Unit,
)
from kkpdf.parse.book import ParsedChapter
from kkpdf.parse.markup import Directive

# The rules this module reports.
EMPTY_CHAPTER = Rule("document.empty-chapter")
UNPLACED = Rule("document.unplaced")


def build_chapters(
    parsed: tuple[ParsedChapter, ...],
    finance: dict[str, FinanceTable],
    goals: dict[str, GoalTable],
    computed: dict[str, ComputedTable],
    units: dict[str, Unit],
    accounts: dict[str, Account],
    words: Mapping[str, str],
    sink: DiagnosticSink,
    sections: frozenset[int] = frozenset(),
) -> tuple[Chapter, ...]:
    """The chapters in order; a data table no chapter places is reported after them.

    `words` are the bare placeholders ({budget_year}, …) and what they print. The
    chapters at the places in `sections` are sections of the chapter before them.
    """
    placed = Placed()
    names = Names(units, accounts, words, sink)
    chapters = []
    for index, chapter in enumerate(parsed):
        blocks: list[Block] = []
        for block in chapter.blocks:
            if isinstance(block, Directive) and block.name == "chart":
                chart = build_chart(block, finance, computed, accounts, sink)
                blocks.extend(() if chart is None else (chart,))
            elif isinstance(block, Directive):
                expanded = expand_directive(block, finance, goals, computed, units, placed, sink)
                blocks.extend(resolve(b, names) for b in expanded)
            else:
                blocks.append(resolve(block, names))
        if not blocks:
            sink.error(
                Span(chapter.path),
                tr("the chapter is empty"),
                rule=EMPTY_CHAPTER,
                hint=tr("write its text, or remove it from 'chapters:' in book.yaml"),
            )
        if index in sections:
            chapters.append(Chapter(demoted(blocks), Span(chapter.path), section=True))
        else:
            chapters.append(Chapter(tuple(blocks), Span(chapter.path)))

    unplaced = (
        (finance, placed.finance, tr("finance table"), "finance-table"),
        (goals, placed.goals, tr("key-goal table"), "goal-table"),
        (computed, placed.computed, tr("table"), ""),  # a summary or investment table
    )
    for tables, placed_keys, what, directive in unplaced:
        for key, table in tables.items():
            if key not in placed_keys:
                sink.warning(
                    table.span,
                    tr("{what} '{key}' is not placed in any chapter", what=what, key=key),
                    rule=UNPLACED,
                    hint=tr("add {directive} to a chapter", directive=_placing(directive, key)),
                )
    return tuple(chapters)


def _placing(directive: str, key: str) -> Message | str:
    """The directive that places the table `key`; without a name, a computed table's."""
    if directive:
        return f"```{{{directive}}} {key}"
    return tr(
        "```{{summary-table}} {key} (```{{investment-table}} {key} for the investments)", key=key
    )


def demoted(blocks: list[Block]) -> tuple[Block, ...]:
    """A section's blocks: its file's headings one level deeper, `#` under the chapter's.

    Headings stand at the top of a chapter only (the parser reports one in a list).
    """
    return tuple(
        replace(block, level=block.level + 1) if isinstance(block, Heading) else block
        for block in blocks
    )
