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

from kkpdf.diagnostics import DiagnosticSink
from kkpdf.document.accounts import build_accounts, build_units
from kkpdf.document.book_info import build_book_info
from kkpdf.document.chapters import build_chapters
from kkpdf.document.columns import build_column_templates
from kkpdf.document.finance_tables import build_finance_tables
from kkpdf.document.goal_tables import build_goal_tables
from kkpdf.model import Book, Part
from kkpdf.parse.book import ParsedBook
from kkpdf.parse.markup import make_parser


def build_document(parsed: ParsedBook, sink: DiagnosticSink) -> Book:
    info = build_book_info(parsed.book, sink)
    templates = build_column_templates(parsed.book, sink)
    accounts = build_accounts(parsed.data.get("accounts", ()), sink)
    units = build_units(parsed.data.get("units", ()), sink)
    finance = build_finance_tables(
        parsed.data.get("finance", ()), accounts, units, templates, info, sink
    )
    goals = build_goal_tables(parsed.data.get("goals", ()), make_parser(), sink)
    chapters = build_chapters(
        parsed.chapters, finance, goals, units, accounts, sink, parsed.sections
    )
    return Book(
        info,
        chapters,
        tuple(accounts.values()),
        tuple(units.values()),
        tuple(finance.values()),
        tuple(Part(p.title, p.start, p.stop, p.span) for p in parsed.parts),
    )
