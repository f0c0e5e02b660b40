"""Stage 4, checks: rules over the document model, one module each.

Each rule reports to the sink; the stage boundary stops the build on errors
after every rule has run, so one build lists every problem.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kkpdf.checks.figures import FigureReporter
from kkpdf.checks.glyphs import check_glyphs
from kkpdf.checks.headings import check_headings
from kkpdf.checks.rollup import check_rollup
from kkpdf.checks.signs import check_signs
from kkpdf.checks.sizes import check_sizes
from kkpdf.checks.ties import check_ties
from kkpdf.checks.totals import check_totals
from kkpdf.checks.translations import check_translations
from kkpdf.diagnostics import DiagnosticSink, StageFailed
from kkpdf.interrupts import no_stop
from kkpdf.messages import Message, tr, tr_plural
from kkpdf.model import Book


@dataclass(frozen=True)
class CheckSummary:
    """How many tables and figures the checks went through."""

    tables: int
    cells: int

    def described(self) -> Message:
        """What the checks went through, as the command's summary says it."""
        return tr("{tables} and {cells} checked",
                  tables=tr_plural("{count} table", "{count} tables", self.tables),
                  cells=tr_plural("{count} cell", "{count} cells", self.cells))  # fmt: skip


def check_document(
    book: Book,
    sink: DiagnosticSink,
    *,
    font_coverage: frozenset[int],
    font_name: str,
    draft: bool = False,
    partners: tuple[Book, ...] = (),
    checkpoint: Callable[[], None] = no_stop,
) -> CheckSummary:
    """Every rule over `book`; `partners` are its other editions, which it must match;
    `checkpoint` is asked between the rules (see kkpdf.interrupts)."""
    check_sizes(book, sink)
    check_headings(book, sink)
    check_translations(book, partners, sink)
    checkpoint()
    check_glyphs(book, sink, font_coverage, font_name)
    checkpoint()
    figures = FigureReporter(book, sink)
    check_totals(book, sink, figures)
    checkpoint()
    check_rollup(book, sink, figures)
    checkpoint()
    check_ties(book, sink, figures)
    figures.finish()
    checkpoint()
    check_signs(book, sink)
    tables = book.finance_tables
    summary = CheckSummary(len(tables), sum(len(row.cells) for t in tables for row in t.rows))
    blocking = [d for d in sink.errors if not (draft and d.rule.draft_shows)]
    if blocking:
        raise StageFailed("checks", detail=summary.described())
    return summary
