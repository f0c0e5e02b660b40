"""Every edition says the same thing: each text translated, each chapter built alike.

The editions share their figures by construction (one data set); what can drift
apart is the writing. Each edition's chapter must have the other's headings at the
same levels, the same tables in the same order, and in a key-goal table the same
rows and the same paragraphs and lists in each cell. A text an edition lacks, or
a chapter that differs, is an error; a draft is still made and shows it in a box
(the `missing_translation` label) where it stands.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import singledispatch

from kkpdf.diagnostics import DiagnosticSink, Rule, Span
from kkpdf.messages import Message, listed, tr, tr_plural
from kkpdf.model import (
    Block,
    Book,
    Chapter,
    Chart,
    ComputedTable,
    Edition,
    FinanceTable,
    GoalCell,
    GoalTable,
    Heading,
    ListBlock,
    Paragraph,
    Untranslated,
)
from kkpdf.walk import inline_text

# The rules this module reports; a draft shows both.
MISSING = Rule("translation.missing", draft_shows=True)
STRUCTURE = Rule("translation.structure", draft_shows=True)
# Always a warning: the edition to compare with has errors of its own.
UNCOMPARED = Rule("translation.uncompared")
# What a draft shows in a box where it stands.
TRANSLATION_RULES = (MISSING, STRUCTURE)


@dataclass(frozen=True)
class Landmark:
    """A piece of a chapter every edition has alike: its kind and key, and where it stands."""

    shape: tuple[object, ...]
    description: Message
    span: Span
    node: Block | None = None


@dataclass(frozen=True)
class ChapterShape:
    """A chapter's landmarks, and where the chapter stands."""

    span: Span
    landmarks: tuple[Landmark, ...]


@dataclass(frozen=True)
class EditionShape:
    """What the editions are compared by: small enough for a process to hand to another."""

    edition: Edition
    chapters: tuple[ChapterShape, ...]
    untranslated: tuple[Untranslated, ...]


def edition_shape(book: Book) -> EditionShape:
    chapters = tuple(ChapterShape(c.span, tuple(landmarks(c))) for c in book.chapters)
    return EditionShape(book.edition, chapters, book.untranslated)


def check_translations(book: Book, partners: tuple[Book, ...], sink: DiagnosticSink) -> None:
    """Report what this edition lacks, and, for the first edition, what the others lack;
    then every chapter that is built unlike its counterpart."""
    own, others = edition_shape(book), tuple(edition_shape(partner) for partner in partners)
    missing = list(own.untranslated)
    if own.edition.first:
        missing += [gap for other in others for gap in other.untranslated]
    for gap in missing:
        report_untranslated(gap, sink)
    compare_editions(own, others, sink)


def compare_editions(
    own: EditionShape, others: tuple[EditionShape, ...], sink: DiagnosticSink
) -> None:
    """Report, at this edition's places, every chapter built unlike its counterpart."""
    for other in others:
        if len(other.chapters) != len(own.chapters):
            continue  # the same book.yaml lists the chapters; a read problem was reported
        for mine, theirs in zip(own.chapters, other.chapters, strict=True):
            compare_chapters(mine, theirs, other.edition.language_name, sink)


def report_untranslated(gap: Untranslated, sink: DiagnosticSink) -> None:
    language = gap.edition.language_name
    # `what` may be a message itself; its English words tell a chapter from a key.
    if str(gap.what).startswith("chapter "):
        message = tr("{what} has no {language} text: {expected} is missing", what=gap.what,
                     language=language, expected=gap.expected)  # fmt: skip
        hint = tr("write the {language} chapter as {expected}, with the same headings and "
                  "directives in the same order", language=language,
                  expected=gap.expected)  # fmt: skip
    else:
        message = tr("{what} has no {language} text", what=gap.what, language=language)
        hint = tr("add '{expected}: …' beside it", expected=gap.expected)
    sink.error(gap.span, message, rule=MISSING, hint=hint)


def compare_chapters(
    own: ChapterShape, other: ChapterShape, language: str | Message, sink: DiagnosticSink
) -> None:
    """Report where `own` is built unlike `other`, the same chapter in `language`."""
    mine, theirs = own.landmarks, other.landmarks
    matcher = difflib.SequenceMatcher(
        a=[m.shape for m in mine], b=[t.shape for t in theirs], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for here, there in zip(mine[i1:i2], theirs[j1:j2], strict=True):
                _report_pair(here, there, language, sink)
            continue
        at = mine[i1].span if i1 < len(mine) else (mine[-1].span if mine else own.span)
        where = theirs[j1].span if j1 < len(theirs) else other.span
        sink.error(
            at,
            _unlike(
                [m.description for m in mine[i1:i2]],
                [t.description for t in theirs[j1:j2]],
                language,
                where,
            ),
            rule=STRUCTURE,
            hint=tr(
                "the editions' chapters need the same headings, tables and directives in "
                "the same order; add or remove what one of them lacks"
            ),
        )


def _unlike(ours: list[Message], others: list[Message], language: str | Message,
            where: Span) -> Message:  # fmt: skip
    """What this chapter has where the other has something else; either may be nothing."""
    if not ours:
        return tr("this chapter has nothing where the {language} text has {others} ({where})",
                  language=language, others=_commas(others), where=where)  # fmt: skip
    if not others:
        return tr("this chapter has {ours} where the {language} text has nothing ({where})",
                  ours=_commas(ours), language=language, where=where)  # fmt: skip
    return tr("this chapter has {ours} where the {language} text has {others} ({where})",
              ours=_commas(ours), language=language, others=_commas(others),
              where=where)  # fmt: skip


def _commas(items: list[Message]) -> Message:
    """The items one after another, separated by commas (without the list's "and")."""
    joined = items[0]
    for item in items[1:]:
        joined = tr("{items}, {item}", items=joined, item=item)
    return joined


def _report_pair(
    here: Landmark, there: Landmark, language: str | Message, sink: DiagnosticSink
) -> None:
    own, other = here.node, there.node
    if (
        isinstance(own, GoalTable)
        and isinstance(other, GoalTable)
        and (own.key, len(own.rows)) == (other.key, len(other.rows))
    ):
        _compare_goal_cells(own, other, language, sink)
        return
    sink.error(
        here.span,
        _unlike([here.description], [there.description], language, there.span),
        rule=STRUCTURE,
        hint=tr(
            "the editions' chapters need the same headings, tables and directives in the same order"
        ),
    )


def _compare_goal_cells(
    own: GoalTable, other: GoalTable, language: str | Message, sink: DiagnosticSink
) -> None:
    for number, (row, other_row) in enumerate(zip(own.rows, other.rows, strict=True), start=1):
        for column, (cell, other_cell) in enumerate(zip(row.cells, other_row.cells, strict=False)):
            shape, other_shape = cell_shape(cell), cell_shape(other_cell)
            if shape == other_shape:
                continue
            heading = own.headings[column] if column < len(own.headings) else str(column + 1)
            sink.error(
                cell.span,
                tr(
                    "key-goal table '{table}', row {row}, '{column}': {here} here, {there} in "
                    "the {language} text ({where})",
                    table=own.key,
                    row=number,
                    column=heading,
                    here=_say(shape),
                    there=_say(other_shape),
                    language=language,
                    where=other_cell.span,
                ),
                rule=STRUCTURE,
                hint=tr(
                    "a cell says the same in each edition: the same paragraphs, and lists "
                    "with the same number of items"
                ),
            )


def cell_shape(cell: GoalCell) -> tuple[int, ...]:
    """A cell's blocks as the reader sees them: 0 for a paragraph, n for a list of n items."""
    return tuple(len(b.items) if isinstance(b, ListBlock) else 0 for b in cell.blocks)


def _say(shape: tuple[int, ...]) -> object:
    said = [tr("a paragraph") if n == 0 else tr_plural("a list of {count} item",
                                                        "a list of {count} items", n)
            for n in shape]  # fmt: skip
    if not said:
        return tr("nothing")
    return listed(said)


def landmarks(chapter: Chapter) -> Iterator[Landmark]:
    """The chapter's headings and tables in order. A table built from data is placed at
    the heading above it, so that a message names the chapter, not the data file."""
    place = chapter.span
    for block in chapter.blocks:
        landmark = _landmark(block)
        if landmark is None:
            continue
        if landmark.span.path == chapter.span.path:
            place = landmark.span
        yield landmark if landmark.node is not None or landmark.span == place else (
            Landmark(landmark.shape, landmark.description, place))  # fmt: skip


@singledispatch
def _landmark(block: object) -> Landmark | None:
    raise TypeError(f"no landmark for {type(block).__name__}")


def _heading_landmark(block: Heading) -> Landmark:
    text = inline_text(block.children)
    return Landmark(("heading", block.level),
                    tr("a level-{level} heading '{text}'", level=block.level, text=text),
                    block.span)  # fmt: skip


_landmark.register(Heading, _heading_landmark)


def _text_landmark(block: Paragraph | ListBlock) -> None:
    return None  # running text is the translator's to shape


_landmark.register(Paragraph | ListBlock, _text_landmark)


def _table_landmark(block: FinanceTable | ComputedTable) -> Landmark:
    return Landmark(("table", block.key), tr("table '{key}'", key=block.key), block.span)


_landmark.register(FinanceTable | ComputedTable, _table_landmark)


def _chart_landmark(block: Chart) -> Landmark:
    shape = ("chart", block.table, block.kind.value, tuple(s.key for s in block.series),
             len(block.headings))  # fmt: skip
    return Landmark(shape, tr("chart of '{table}'", table=block.table), block.span)


_landmark.register(Chart, _chart_landmark)


def _goal_table_landmark(block: GoalTable) -> Landmark:
    shape = ("goal-table", block.key, len(block.rows),
             tuple(tuple(cell_shape(c) for c in row.cells) for row in block.rows))  # fmt: skip
    described = tr_plural("key-goal table '{key}' of {count} row",
                          "key-goal table '{key}' of {count} rows", len(block.rows),
                          key=block.key)  # fmt: skip
    return Landmark(shape, described, block.span, block)


_landmark.register(GoalTable, _goal_table_landmark)
