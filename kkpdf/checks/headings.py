"""Headings form an outline: the book starts at level 1 and never skips a level.

PDF bookmarks and the table of contents are built from the headings, and a
skipped level (an H3 under an H1) has no parent to hang from.
"""

from __future__ import annotations

from kkpdf.diagnostics import DiagnosticSink, Rule
from kkpdf.model import Book, Heading

# The rules this module reports.
SKIP = Rule("headings.skip")
DEPTH = Rule("headings.depth")


DEEPEST = 4


def check_headings(book: Book, sink: DiagnosticSink) -> None:
    previous = 0
    for chapter in book.chapters:
        for block in chapter.blocks:
            if not isinstance(block, Heading):
                continue
            # A section's headings are one level deeper than its file writes them
            # (see Chapter); messages speak of the levels as written.
            shift = int(chapter.section)
            written, before = block.level - shift, max(previous - shift, 0)
            if block.level > previous + 1:
                expected = "#" * (before + 1)
                sink.error(
                    block.span,
                    f"heading level {written} follows level {before or 'none'}; "
                    f"levels may not be skipped",
                    rule=SKIP,
                    hint=f"make it a level {before + 1} heading ('{expected} …')",
                )
            elif written > DEEPEST:
                sink.error(
                    block.span,
                    f"heading level {written} is deeper than the book's {DEEPEST} levels",
                    rule=DEPTH,
                    hint="use a paragraph in bold (**…**) instead",
                )
            previous = block.level
