"""Stage 3, document model: parsed sources and data become one `Book`.

Directives in the chapters are replaced by content built from data (finance
and key-goal tables, lists of units), so the layout sees nothing but model nodes.
What is wrong is reported and left out; the checks still run over the rest, and
the build stops before layout (see `kkpdf.checks`).

One module for each part of the book: `book_info`, `columns`, `accounts` (the chart
of accounts and the units), `finance_tables`, `goal_tables`, and `chapters` with the
`directives` and `references` in them; `fields` reads YAML with diagnostics.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from kkpdf.diagnostics import DiagnosticSink, Rule, Span
from kkpdf.document.accounts import build_accounts, build_units
from kkpdf.document.book_info import build_book_info
from kkpdf.document.chapters import build_chapters
from kkpdf.document.columns import build_column_templates
from kkpdf.document.finance_tables import build_finance_tables
from kkpdf.document.goal_tables import build_goal_tables
from kkpdf.document.investments import build_investment_tables
from kkpdf.document.references import fill_placeholders, year_words
from kkpdf.document.summaries import build_summary_tables
from kkpdf.document.ties import build_ties
from kkpdf.interrupts import no_stop
from kkpdf.messages import tr
from kkpdf.model import Book, ComputedTable, FinanceTable, Part
from kkpdf.parse.book import ParsedBook
from kkpdf.parse.markup import make_parser
from kkpdf.parse.parts import PlannedPart

# The rules this module reports.
TABLE_KEY = Rule("data.table-key")


def _one_key_each(
    finance: dict[str, FinanceTable],
    investments: dict[str, ComputedTable],
    summaries: dict[str, ComputedTable],
    sink: DiagnosticSink,
) -> dict[str, ComputedTable]:
    """The computed tables; one whose key a typed table or another computed one has
    is reported: a directive or a tie would not know which is meant, and a computed
    figure must never be typed over."""
    computed: dict[str, ComputedTable] = {}
    for table in (*investments.values(), *summaries.values()):
        other = finance.get(table.key) or computed.get(table.key)
        if other is not None:
            sink.error(
                table.span,
                tr(
                    "table '{key}' is computed here, and '{key}' is also the table at {other}",
                    key=table.key,
                    other=other.span,
                ),
                rule=TABLE_KEY,
                hint=tr("give each table a key of its own"),
            )
            continue
        computed[table.key] = table
    return computed


def build_document(
    parsed: ParsedBook, sink: DiagnosticSink, checkpoint: Callable[[], None] = no_stop
) -> Book:
    """The document model; `checkpoint` is asked between its parts (see kkpdf.interrupts)."""
    info = build_book_info(parsed.book, sink)
    templates = build_column_templates(parsed.book, sink)
    accounts = build_accounts(parsed.data.get("accounts", ()), sink)
    units = build_units(parsed.data.get("units", ()), sink)
    checkpoint()
    finance = build_finance_tables(
        parsed.data.get("finance", ()), accounts, units, templates, info, sink
    )
    checkpoint()
    goals = build_goal_tables(parsed.data.get("goals", ()), make_parser(), sink)
    checkpoint()
    computed = _one_key_each(
        finance,
        build_investment_tables(parsed.data.get("investments", ()), templates, info, sink),
        build_summary_tables(
            parsed.data.get("summaries", ()), finance, units, accounts, templates, info, sink
        ),
        sink,
    )
    ties = build_ties(parsed.data.get("ties", ()), finance, computed, accounts, sink)
    words = year_words(info.budget_year)
    checkpoint()
    chapters = build_chapters(
        parsed.chapters, finance, goals, computed, units, accounts, words, sink, parsed.sections
    )
    return Book(
        info,
        chapters,
        tuple(accounts.values()),
        tuple(units.values()),
        tuple(finance.values()),
        tuple(computed.values()),
        ties,
        _parts(parsed, words, sink),
        parsed.edition,
        parsed.untranslated,
    )


def _parts(parsed: ParsedBook, words: Mapping[str, str], sink: DiagnosticSink) -> tuple[Part, ...]:
    """The parts, their titles' placeholders filled (a problem is named at the title)."""
    return tuple(_part(planned, words, sink) for planned in parsed.parts)


def _part(planned: PlannedPart, words: Mapping[str, str], sink: DiagnosticSink) -> Part:
    def place(offset: int, length: int) -> Span:
        return planned.span

    title = fill_placeholders(planned.title, words, place, sink)
    return Part(title, planned.start, planned.stop, planned.span)
