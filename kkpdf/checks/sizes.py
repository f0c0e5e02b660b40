"""No piece of text longer than the book can lay out in reasonable time.

Breaking a paragraph into lines takes time that grows about with the square of its
length (200 000 characters: 5 s, 400 000: 20 s, 1 000 000: minutes), so a paragraph,
heading, cell or label longer than PARAGRAPH_CHARS is refused where it is written.
A long paragraph of a budget book has about 5 000 characters.
"""

from __future__ import annotations

from kkpdf.diagnostics import DiagnosticSink, Rule
from kkpdf.messages import tr
from kkpdf.model import Book
from kkpdf.money import format_number
from kkpdf.walk import printed_text

# The rules this module reports.
TOO_LONG = Rule("text.too-long")

PARAGRAPH_CHARS = 20_000


def check_sizes(book: Book, sink: DiagnosticSink) -> None:
    for text, span in printed_text(book):
        if len(text) > PARAGRAPH_CHARS:
            sink.error(
                span,
                tr(
                    "this text is {size} characters long; the book lays out at most {limit} "
                    "characters in one paragraph",
                    size=format_number(len(text)),
                    limit=format_number(PARAGRAPH_CHARS),
                ),
                rule=TOO_LONG,
                hint=tr("split it into paragraphs (a long one has about 5 000 characters)"),
            )
