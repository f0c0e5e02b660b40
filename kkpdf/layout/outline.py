"""The book's headings as the contents and the outline list them, parts' titles first.

With parts, a part's title is the top level (1) and every chapter heading is one
level below what the model says (a chapter's `#` is 2); without, the levels are
the model's. The structure tree uses the same levels (H1, H2…), so the contents,
the outline and the tags cannot disagree about how the book nests.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kkpdf.diagnostics import Span
from kkpdf.model import Book, Heading, Inline, Text


@dataclass(frozen=True)
class OutlineHeading:
    """A line of the contents and an entry of the outline."""

    children: tuple[Inline, ...]
    span: Span
    level: int  # from 1
    opens_section: bool = False  # the first heading of a section (an area of a centre)


def level_offset(book: Book) -> int:
    """How many levels a chapter's headings are below the top: 1 under a part."""
    return 1 if book.parts else 0


def outline_headings(book: Book, start: int = 0) -> Iterator[OutlineHeading]:
    """The headings of the chapters from `start` on, a part's title before its first."""
    offset = level_offset(book)
    opening = {part.start: part for part in book.parts}
    for index in range(start, len(book.chapters)):
        part = opening.get(index)
        if part is not None:
            yield OutlineHeading((Text(part.title),), part.span, 1)
        chapter = book.chapters[index]
        for number, block in enumerate(chapter.blocks):
            if isinstance(block, Heading):
                yield OutlineHeading(block.children, block.span, block.level + offset,
                                     opens_section=chapter.section and number == 0)  # fmt: skip
