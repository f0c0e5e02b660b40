"""Headings form an outline: the book starts at level 1 and never skips a level.

PDF bookmarks and the table of contents are built from the headings, and a
skipped level (an H3 under an H1) has no parent to hang from.
"""

from __future__ import annotations

from kkpdf.diagnostics import DiagnosticSink, Rule
from kkpdf.messages import tr
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
                if before:
                    message = tr("heading level {written} follows level {before}; levels may "
                                 "not be skipped", written=written, before=before)  # fmt: skip
                else:
                    message = tr("heading level {written} follows level none; levels may not "
                                 "be skipped", written=written)  # fmt: skip
                sink.error(
                    block.span,
                    message,
                    rule=SKIP,
                    hint=tr(
                        "make it a level {level} heading ('{marks} …')",
                        level=before + 1,
                        marks=expected,
                    ),
                )
            elif written > DEEPEST:
                sink.error(
                    block.span,
                    tr(
                        "heading level {written} is deeper than the book's {deepest} levels",
                        written=written,
                        deepest=DEEPEST,
                    ),
                    rule=DEPTH,
                    hint=tr("use a paragraph in bold (**…**) instead"),
                )
            previous = block.level
