"""Every piece of text the book prints, with the span it comes from.

Checks that look at characters or words (glyph coverage, spelling) walk the
model through `printed_text` or `located_text`, so none of them can miss a kind
of node. `located_text` also places a word of a paragraph in the sources, from
where the parser found each run of its text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import singledispatch

from kkpdf.diagnostics import Span
from kkpdf.model import (
    Block,
    Book,
    ComputedTable,
    Emphasis,
    FinanceTable,
    GoalTable,
    Heading,
    Inline,
    LanguageSpan,
    LineBreak,
    ListBlock,
    Origin,
    Paragraph,
    Run,
    Strong,
    Text,
    place_at,
    walk_blocks,
)
from kkpdf.money import format_figure, format_number

TextPiece = tuple[str, Span]


@dataclass(frozen=True)
class LocatedText:
    """A piece of printed text, its block's span, and the inline nodes it was made of
    (none for text from data), which know where the runs of the text stand."""

    text: str
    span: Span
    children: tuple[Inline, ...] = ()
    other_languages: bool = True

    def place(self, offset: int, length: int) -> Span:
        """The range of the `length` characters at `offset`, or the block's span.

        Worked out only when asked: most pieces hold nothing to report."""
        origin = inline_origin(self.children, other_languages=self.other_languages)
        return place_at(origin, offset, length, self.span)


def inline_text(children: tuple[Inline, ...], *, other_languages: bool = True) -> str:
    """The text of inline nodes; without `other_languages`, only the book's own language."""
    return "".join(_inline(child, other_languages) for child in children)


@singledispatch
def _inline(node: object, other_languages: bool) -> str:
    raise TypeError(f"no text rule for {type(node).__name__}")


def _plain_text(node: Text, other_languages: bool) -> str:
    return node.text


_inline.register(Text, _plain_text)


def _styled_text(node: Emphasis | Strong, other_languages: bool) -> str:
    return inline_text(node.children, other_languages=other_languages)


_inline.register(Emphasis | Strong, _styled_text)


def _language_span_text(node: LanguageSpan, other_languages: bool) -> str:
    if other_languages:
        return inline_text(node.children)
    return " "


_inline.register(LanguageSpan, _language_span_text)


def _line_break_text(node: LineBreak, other_languages: bool) -> str:
    return " "


_inline.register(LineBreak, _line_break_text)


def inline_origin(children: tuple[Inline, ...], *, other_languages: bool = True) -> Origin:
    """Where the runs of `inline_text(children)` stand: offsets into that text."""
    runs: list[tuple[int, Span]] = []
    _collect_runs(children, other_languages, 0, runs)
    return tuple(runs)


def _collect_runs(
    children: tuple[Inline, ...], other_languages: bool, offset: int, runs: list
) -> int:
    """Adds the runs of `children` from `offset` on; the offset after them."""
    for child in children:
        offset = _runs(child, other_languages, offset, runs)
    return offset


@singledispatch
def _runs(node: object, other_languages: bool, offset: int, runs: list) -> int:
    raise TypeError(f"no text rule for {type(node).__name__}")


def _plain_runs(node: Text, other_languages: bool, offset: int, runs: list) -> int:
    runs.extend(Run(offset + r.offset, r.line, r.column, r.length) for r in node.origin)
    return offset + len(node.text)


_runs.register(Text, _plain_runs)


def _styled_runs(node: Emphasis | Strong, other_languages: bool, offset: int, runs: list) -> int:
    return _collect_runs(node.children, other_languages, offset, runs)


_runs.register(Emphasis | Strong, _styled_runs)


def _language_span_runs(node: LanguageSpan, other_languages: bool, offset: int, runs: list) -> int:
    if other_languages:
        return _collect_runs(node.children, other_languages, offset, runs)
    return offset + 1  # a space stands for it


_runs.register(LanguageSpan, _language_span_runs)


def _line_break_runs(node: LineBreak, other_languages: bool, offset: int, runs: list) -> int:
    return offset + 1


_runs.register(LineBreak, _line_break_runs)


def block_text(node: Block, other_languages: bool = True) -> Iterator[TextPiece]:
    """The text of a block and of every block inside it, in reading order."""
    for block in walk_blocks((node,)):
        yield from _own_text(block, other_languages)


@singledispatch
def _own_text(node: object, other_languages: bool) -> Iterator[TextPiece]:
    raise TypeError(f"no text rule for {type(node).__name__}")


def _text_block_text(node: Heading | Paragraph, other_languages: bool) -> Iterator[TextPiece]:
    yield inline_text(node.children, other_languages=other_languages), node.span


_own_text.register(Heading | Paragraph, _text_block_text)


def _list_text(node: ListBlock, other_languages: bool) -> Iterator[TextPiece]:
    return iter(())  # its items' blocks are walked


_own_text.register(ListBlock, _list_text)


def _finance_table_text(node: FinanceTable, other_languages: bool) -> Iterator[TextPiece]:
    yield node.caption, node.span
    if node.note:
        yield node.note, node.span
    if node.currency:
        yield node.currency, node.span
    for column in node.columns:
        yield column.heading, column.span
    for row in node.rows:
        yield row.account.label, row.span
        for cell in row.cells:
            if cell.value is not None:
                yield format_figure(cell.value), cell.span


_own_text.register(FinanceTable, _finance_table_text)


def _goal_table_text(node: GoalTable, other_languages: bool) -> Iterator[TextPiece]:
    for heading in node.headings:
        yield heading, node.span  # its cells' blocks are walked


_own_text.register(GoalTable, _goal_table_text)


def _computed_table_text(node: ComputedTable, other_languages: bool) -> Iterator[TextPiece]:
    for text in (node.caption, node.note, node.currency):
        if text:
            yield text, node.span
    for column in node.columns:
        yield column.heading, column.span
    for line in node.lines:
        yield line.label, line.span
        for value, span in zip(line.values, line.spans, strict=True):
            if value is not None:
                yield format_number(value, line.decimals), span


_own_text.register(ComputedTable, _computed_table_text)


def printed_text(book: Book, *, other_languages: bool = True) -> Iterator[TextPiece]:
    """All the text the book prints; without `other_languages`, what is in its own."""
    yield from _info_text(book)
    for chapter in book.chapters:
        for block in walk_blocks(chapter.blocks):
            yield from _own_text(block, other_languages)


def located_text(book: Book, *, other_languages: bool = True) -> Iterator[LocatedText]:
    """`printed_text`, each heading and paragraph with where the runs of its text stand."""
    for text, span in _info_text(book):
        yield LocatedText(text, span)
    for chapter in book.chapters:
        for block in walk_blocks(chapter.blocks):
            yield from _located(block, other_languages)


def _info_text(book: Book) -> Iterator[TextPiece]:
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
    for part in book.parts:  # printed on its title page and in the contents
        yield part.title, part.span


@singledispatch
def _located(block: object, other_languages: bool) -> Iterator[LocatedText]:
    # Text from data (labels, names, figures) is placed at the entry that prints it.
    for text, span in _own_text(block, other_languages):
        yield LocatedText(text, span)


def _located_text_block(block: Heading | Paragraph, other_languages: bool) -> Iterator[LocatedText]:
    text = inline_text(block.children, other_languages=other_languages)
    yield LocatedText(text, block.span, block.children, other_languages)


_located.register(Heading | Paragraph, _located_text_block)
