"""Every piece of text the book prints, with the span it comes from.

Checks that look at characters or words (glyph coverage, later spelling) walk
the model through `printed_text`, so none of them can miss a kind of node.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import singledispatch

from kkpdf.diagnostics import Span
from kkpdf.model import (
    Block,
    Book,
    Emphasis,
    FinanceTable,
    GoalTable,
    Heading,
    Inline,
    LanguageSpan,
    LineBreak,
    ListBlock,
    Paragraph,
    Strong,
    Text,
    walk_blocks,
)
from kkpdf.money import format_figure

TextPiece = tuple[str, Span]


def inline_text(children: tuple[Inline, ...], *, other_languages: bool = True) -> str:
    """The text of inline nodes; without `other_languages`, only the book's own language."""
    return "".join(_inline(child, other_languages) for child in children)


@singledispatch
def _inline(node: object, other_languages: bool) -> str:
    raise TypeError(f"no text rule for {type(node).__name__}")


@_inline.register
def _plain_text(node: Text, other_languages: bool) -> str:
    return node.text


@_inline.register
def _styled_text(node: Emphasis | Strong, other_languages: bool) -> str:
    return inline_text(node.children, other_languages=other_languages)


@_inline.register
def _language_span_text(node: LanguageSpan, other_languages: bool) -> str:
    if other_languages:
        return inline_text(node.children)
    return " "


@_inline.register
def _line_break_text(node: LineBreak, other_languages: bool) -> str:
    return " "


def block_text(node: Block, other_languages: bool = True) -> Iterator[TextPiece]:
    """The text of a block and of every block inside it, in reading order."""
    for block in walk_blocks((node,)):
        yield from _own_text(block, other_languages)


@singledispatch
def _own_text(node: object, other_languages: bool) -> Iterator[TextPiece]:
    raise TypeError(f"no text rule for {type(node).__name__}")


@_own_text.register
def _text_block_text(node: Heading | Paragraph, other_languages: bool) -> Iterator[TextPiece]:
    yield inline_text(node.children, other_languages=other_languages), node.span


@_own_text.register
def _list_text(node: ListBlock, other_languages: bool) -> Iterator[TextPiece]:
    return iter(())  # its items' blocks are walked


@_own_text.register
def _finance_table_text(node: FinanceTable, other_languages: bool) -> Iterator[TextPiece]:
    yield node.unit.name, node.span
    yield node.note, node.span
    for column in node.columns:
        yield column.heading, column.span
    for row in node.rows:
        yield row.account.label, row.span
        for cell in row.cells:
            if cell.value is not None:
                yield format_figure(cell.value), cell.span


@_own_text.register
def _goal_table_text(node: GoalTable, other_languages: bool) -> Iterator[TextPiece]:
    for heading in node.headings:
        yield heading, node.span  # its cells' blocks are walked


def printed_text(book: Book, *, other_languages: bool = True) -> Iterator[TextPiece]:
    """All the text the book prints; without `other_languages`, what is in its own."""
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
        for block in walk_blocks(chapter.blocks):
            yield from _own_text(block, other_languages)
