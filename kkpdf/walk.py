"""Every piece of text the book prints, with the span it comes from.

Checks that look at characters or words (glyph coverage, spelling) walk the
model through `printed_text` or `located_text`, so none of them can miss a kind
of node. `located_text` also places a word of a paragraph in the sources, from
where the parser found each run of its text. Text from data (a row's label, a
unit's name, a caption) stands where it is written, in the data file, with the same
span wherever it is printed, so that a check reports a problem in it once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import singledispatch

from kkpdf.diagnostics import Span
from kkpdf.model import (
    Block,
    Book,
    Chart,
    ComputedTable,
    Defined,
    Emphasis,
    FigureColumn,
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
    primary_language,
    walk_blocks,
)
from kkpdf.money import format_figure, format_number

TextPiece = tuple[str, Span]
# A piece with the runs of its text where it is data with a known place, else ().
_Piece = tuple[str, Span, Origin]


@dataclass(frozen=True)
class LocatedText:
    """A piece of printed text, its block's span, and the inline nodes it was made of
    (none for text from data), which know where the runs of the text stand."""

    text: str
    span: Span
    children: tuple[Inline, ...] = ()
    only: str | None = None  # the language the text was kept in, as `inline_text` has it
    origin: Origin = ()  # for text from data: where its runs are written

    def place(self, offset: int, length: int) -> Span:
        """The range of the `length` characters at `offset`, or the block's span.

        Worked out only when asked: most pieces hold nothing to report."""
        origin = self.origin or inline_origin(self.children, only=self.only)
        return place_at(origin, offset, length, self.span)


def inline_text(children: tuple[Inline, ...], *, only: str | None = None) -> str:
    """The text of inline nodes; with `only` (a primary language subtag such as "sv"),
    a span marked in another language stands as one space."""
    return "".join(_inline(child, only) for child in children)


def _kept(node: LanguageSpan, only: str | None) -> bool:
    return only is None or primary_language(node.lang) == only


@singledispatch
def _inline(node: object, only: str | None) -> str:
    raise TypeError(f"no text rule for {type(node).__name__}")


def _plain_text(node: Text, only: str | None) -> str:
    return node.text


_inline.register(Text, _plain_text)


def _styled_text(node: Emphasis | Strong, only: str | None) -> str:
    return inline_text(node.children, only=only)


_inline.register(Emphasis | Strong, _styled_text)


def _language_span_text(node: LanguageSpan, only: str | None) -> str:
    if _kept(node, only):
        return inline_text(node.children, only=only)
    return " "


_inline.register(LanguageSpan, _language_span_text)


def _line_break_text(node: LineBreak, only: str | None) -> str:
    return " "


_inline.register(LineBreak, _line_break_text)


def inline_origin(children: tuple[Inline, ...], *, only: str | None = None) -> Origin:
    """Where the runs of `inline_text(children, only=only)` stand: offsets into that text."""
    runs: list[tuple[int, Span]] = []
    _collect_runs(children, only, 0, runs)
    return tuple(runs)


def _collect_runs(children: tuple[Inline, ...], only: str | None, offset: int, runs: list) -> int:
    """Adds the runs of `children` from `offset` on; the offset after them."""
    for child in children:
        offset = _runs(child, only, offset, runs)
    return offset


@singledispatch
def _runs(node: object, only: str | None, offset: int, runs: list) -> int:
    raise TypeError(f"no text rule for {type(node).__name__}")


def _plain_runs(node: Text, only: str | None, offset: int, runs: list) -> int:
    runs.extend(Run(offset + r.offset, r.line, r.column, r.length) for r in node.origin)
    return offset + len(node.text)


_runs.register(Text, _plain_runs)


def _styled_runs(node: Emphasis | Strong, only: str | None, offset: int, runs: list) -> int:
    return _collect_runs(node.children, only, offset, runs)


_runs.register(Emphasis | Strong, _styled_runs)


def _language_span_runs(node: LanguageSpan, only: str | None, offset: int, runs: list) -> int:
    if _kept(node, only):
        return _collect_runs(node.children, only, offset, runs)
    return offset + 1  # a space stands for it


_runs.register(LanguageSpan, _language_span_runs)


def _line_break_runs(node: LineBreak, only: str | None, offset: int, runs: list) -> int:
    return offset + 1


_runs.register(LineBreak, _line_break_runs)


def block_text(node: Block, only: str | None = None) -> Iterator[TextPiece]:
    """The text of a block and of every block inside it, in reading order."""
    for block in walk_blocks((node,)):
        for text, span, _ in _own_text(block, only):
            yield text, span


def _at(text: str, defined: Defined | None, span: Span) -> _Piece:
    """`text` where it is defined; at `span`, the node printing it, where that is not known."""
    if defined is None:
        return text, span, ()
    return text, defined.span, defined.origin


@singledispatch
def _own_text(node: object, only: str | None) -> Iterator[_Piece]:
    raise TypeError(f"no text rule for {type(node).__name__}")


def _text_block_text(node: Heading | Paragraph, only: str | None) -> Iterator[_Piece]:
    yield inline_text(node.children, only=only), node.span, ()


_own_text.register(Heading | Paragraph, _text_block_text)


def _list_text(node: ListBlock, only: str | None) -> Iterator[_Piece]:
    return iter(())  # its items' blocks are walked


_own_text.register(ListBlock, _list_text)


def _finance_table_text(node: FinanceTable, only: str | None) -> Iterator[_Piece]:
    yield _at(node.caption, node.caption_at, node.span)
    if node.note:
        yield node.note, node.span, ()
    if node.currency:
        yield node.currency, node.span, ()
    for column in node.columns:
        yield column.heading, column.span, ()
    for row in node.rows:
        yield _at(row.account.label, row.account.label_at, row.span)
        for cell in row.cells:
            if cell.value is not None:
                yield format_figure(cell.value), cell.span, ()


_own_text.register(FinanceTable, _finance_table_text)


def _chart_text(node: Chart, only: str | None) -> Iterator[_Piece]:
    yield node.title, node.span, ()
    for heading in node.headings:
        yield heading, node.span, ()
    for line in node.series:
        yield _at(line.label, line.label_at, node.span)


_own_text.register(Chart, _chart_text)


def _goal_table_text(node: GoalTable, only: str | None) -> Iterator[_Piece]:
    for heading in node.headings:
        yield heading, node.span, ()  # its cells' blocks are walked


_own_text.register(GoalTable, _goal_table_text)


def _computed_table_text(node: ComputedTable, only: str | None) -> Iterator[_Piece]:
    for text in (node.caption, node.note, node.currency):
        if text:
            yield text, node.span, ()
    for column in node.columns:
        yield from _column_heading(column)
    for line in node.lines:
        yield _at(line.label, line.label_at, line.span)
        for value, span in zip(line.values, line.spans, strict=True):
            if value is not None:
                yield format_number(value, line.decimals), span, ()


_own_text.register(ComputedTable, _computed_table_text)


def _column_heading(column: FigureColumn) -> Iterator[_Piece]:
    """A column's heading; a row's label that begins it, where the label is written."""
    if column.label_at is None:
        yield column.heading, column.span, ()
        return
    yield _at(column.label, column.label_at, column.span)
    rest = column.heading[len(column.label) :]
    if rest.strip():
        yield rest, column.span, ()


def printed_text(book: Book, *, other_languages: bool = True) -> Iterator[TextPiece]:
    """All the text the book prints; without `other_languages`, what is in its own
    (`book.info.language`): a span marked in another language stands as a space."""
    only = None if other_languages else primary_language(book.info.language)
    yield from _info_text(book)
    for chapter in book.chapters:
        for block in walk_blocks(chapter.blocks):
            for text, span, _ in _own_text(block, only):
                yield text, span


def located_text(book: Book, *, other_languages: bool = True) -> Iterator[LocatedText]:
    """`printed_text`, each heading and paragraph with where the runs of its text stand."""
    only = None if other_languages else primary_language(book.info.language)
    for text, span in _info_text(book):
        yield LocatedText(text, span)
    for chapter in book.chapters:
        for block in walk_blocks(chapter.blocks):
            yield from _located(block, only)


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
def _located(block: object, only: str | None) -> Iterator[LocatedText]:
    # Text from data is placed where it is defined (a label in the chart of accounts),
    # or, where it has no definition of its own (a figure), at the entry that prints it.
    for text, span, origin in _own_text(block, only):
        yield LocatedText(text, span, origin=origin)


def _located_text_block(block: Heading | Paragraph, only: str | None) -> Iterator[LocatedText]:
    text = inline_text(block.children, only=only)
    yield LocatedText(text, block.span, block.children, only)


_located.register(Heading | Paragraph, _located_text_block)
