"""Reviewers' open comments carried into the next draft, to where their words now stand.

A comment is found again by its quote (a note by its block's first words) among
the texts of the new book's blocks and table rows: in the same file and nearest
its old line if it is there more than once. The draft shows it there as a note
over the page; a comment whose words are gone is listed in the draft's report
and said on the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import singledispatch
from pathlib import Path

from kkpdf.diagnostics import DiagnosticSink, Rule, Span
from kkpdf.files import path_in_sources
from kkpdf.messages import tr
from kkpdf.model import Book, ComputedTable, FinanceTable, Heading, Paragraph, walk_blocks
from kkpdf.money import format_figure, format_number
from kkpdf.proof.comments import OPEN, Comment, normal
from kkpdf.proof.draft import DraftMarks, ReportLine
from kkpdf.walk import inline_text

QUOTE_GONE = Rule("comments.quote-gone")
NOTE_WORDS = 3


def block_texts(book: Book) -> list[tuple[Span, str]]:
    """Every place a draft can mark, with the text printed there (compared as `normal`)."""
    found: list[tuple[Span, str]] = []
    for chapter in book.chapters:
        for block in walk_blocks(chapter.blocks):
            found += [(span, normal(text)) for span, text in _texts(block)]
    return found


@singledispatch
def _texts(block: object) -> Iterator[tuple[Span, str]]:
    return iter(())  # a list, a key-goal table: their blocks are walked


def _text_block_texts(block: Heading | Paragraph) -> Iterator[tuple[Span, str]]:
    yield block.span, inline_text(block.children)


_texts.register(Heading | Paragraph, _text_block_texts)


def _finance_table_texts(block: FinanceTable) -> Iterator[tuple[Span, str]]:
    yield block.span, " ".join((block.caption, block.note))
    for row in block.rows:
        figures = (format_figure(c.value) for c in row.cells if c.value is not None)
        yield row.span, " ".join((row.account.label, *figures))


_texts.register(FinanceTable, _finance_table_texts)


def _computed_table_texts(block: ComputedTable) -> Iterator[tuple[Span, str]]:
    yield block.span, " ".join((block.caption, block.note))
    for line in block.lines:
        figures = (format_number(v, line.decimals) for v in line.values if v is not None)
        yield line.span, " ".join((line.label, *figures))


_texts.register(ComputedTable, _computed_table_texts)


def carried(
    marks: DraftMarks, book: Book, comments: Iterable[Comment], sink: DiagnosticSink
) -> DraftMarks:
    """The draft's marks with the open `comments` at their new places, and those whose
    words are gone in its report and on the terminal."""
    root = book.info.span.path.parent  # the sources folder: comments name files inside it
    texts = block_texts(book)
    placed: dict[Span, tuple[str, ...]] = dict(marks.comments)
    targets = dict(marks.targets)
    report: list[ReportLine] = []
    for comment in comments:
        if comment.status != OPEN:
            continue
        old = Span(root / comment.file, comment.line, comment.column)
        # A quote over two blocks is found by its part in the first.
        # A note follows its block's first words, when the rest of it is reworded.
        first = " ".join(comment.anchor.split()[:NOTE_WORDS]) if not comment.quote else ""
        tried = [normal(w) for w in (comment.quote, comment.anchor, first) if normal(w)]
        words = tried[0] if tried else ""
        place = next((p for w in tried if (p := _new_place(w, old, texts, root))), None)
        said = tr("{author}: {comment} (carried from page {page})",
                  author=comment.author or "?", comment=comment.comment or "–",
                  page=comment.page)  # fmt: skip
        if place is None:
            gone = tr("the words “{quote}” are gone: {comment}", quote=words or "–", comment=said)
            sink.warning(old, gone, rule=QUOTE_GONE)
            report.append(ReportLine(tr("comment"), "comment", old, gone, ""))
            continue
        placed[place] = (*placed.get(place, ()), said.render(marks.language))
        target = targets.setdefault(place, f"kkpdf-comment-{len(targets)}")
        report.append(ReportLine(tr("comment"), "comment", place, said, target))
    return replace(marks, comments=placed, targets=targets, report=marks.report + tuple(report))


def _new_place(words: str, old: Span, texts: list[tuple[Span, str]], root: Path) -> Span | None:
    """The place whose text holds `words`: in the old file before any other, and of
    those the nearest the old line."""
    holding = [span for span, text in texts if words in text]
    if not holding:
        return None
    return min(holding, key=lambda span: (span.path != old.path, abs(span.line - old.line),
                                          path_in_sources(span.path, root), span.line))  # fmt: skip
