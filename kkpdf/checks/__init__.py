"""Stage 4, checks: rules over the document model, one module each.

Each rule reports to the sink; the stage boundary stops the build on errors
after every rule has run, so one build lists every problem.
"""

from __future__ import annotations

from kkpdf.checks.glyphs import check_glyphs
from kkpdf.checks.headings import check_headings
from kkpdf.diagnostics import DiagnosticSink, stop_on_errors
from kkpdf.model import Book


def check_document(
    book: Book, sink: DiagnosticSink, *, font_coverage: frozenset[int], font_name: str
) -> None:
    check_headings(book, sink)
    check_glyphs(book, sink, font_coverage, font_name)
    stop_on_errors(sink, "checks")
