"""Every piece of text the book prints, with the span it comes from.

Checks that look at characters or words (glyph coverage, later spelling) walk
the model through `printed_text`, so none of them can miss a kind of node.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import singledispatch

from kkpdf.diagnostics import Span
from kkpdf.model import (
    Book,
    Emphasis,
    FinanceTable,
    GoalTable,
    Heading,
    Inline,
    LineBreak,
    ListBlock,
    Paragraph,
    Strong,
    Text,
)
from kkpdf.money import format_figure

TextPiece = tuple[str, Span]


def inline_text(children: tuple[Inline, ...]) -> str:
    return "".join(_inline(child) for child in children)


@singledispatch
def _inline(node: object) -> str:
    raise TypeError(f"no text rule for {type(node).__name__}")


@_inline.register
def _(node: Text) -> str:
    return node.text


@_inline.register
def _(node: Emphasis | Strong) -> str:
    return inline_text(node.children)


@_inline.register
def _(node: LineBreak) -> str:
    return " "


@singledispatch
def block_text(node: object) -> Iterator[TextPiece]:
    raise TypeError(f"no text rule for {type(node).__name__}")


@block_text.register
def _(node: Heading | Paragraph) -> Iterator[TextPiece]:
    yield inline_text(node.children), node.span


@block_text.register
def _(node: ListBlock) -> Iterator[TextPiece]:
    for item in node.items:
        for block in item.blocks:
            yield from block_text(block)


@block_text.register
def _(node: FinanceTable) -> Iterator[TextPiece]:
    yield node.unit.name, node.span
    yield node.note, node.span
    for column in node.columns:
        yield column.heading, column.span
    for row in node.rows:
        yield row.account.label, row.span
        for cell in row.cells:
            if cell.value is not None:
                yield format_figure(cell.value), cell.span


@block_text.register
def _(node: GoalTable) -> Iterator[TextPiece]:
    for heading in node.headings:
        yield heading, node.span
    for row in node.rows:
        for cell in row.cells:
            for block in cell.blocks:
                yield from block_text(block)


def printed_text(book: Book) -> Iterator[TextPiece]:
    info = book.info
    for text in (
        info.title,
        info.subtitle,
        info.author,
        info.subject,
        *info.keywords,
        *vars(info.labels).values(),
    ):
        yield text, info.span
    for chapter in book.chapters:
        for block in chapter.blocks:
            yield from block_text(block)
