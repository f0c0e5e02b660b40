"""What a draft shows: failing cells, unknown words, changes, and where they stand.

Pure data for the layout: the layout highlights and annotates what is named
here, bookmarks each target and lists the reports at the end with links to the
pages. A final build has no draft marks at all.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import singledispatch

from kkpdf.diagnostics import Diagnostic, Rule, Severity, Span
from kkpdf.messages import ENGLISH, Language, Message, tr
from kkpdf.model import (
    Book,
    Chart,
    ComputedTable,
    FinanceTable,
    GoalTable,
    Heading,
    ListBlock,
    Paragraph,
    walk_blocks,
)
from kkpdf.money import format_figure
from kkpdf.proof.changes import BLANK, Change, ChangeKind, WordEdit
from kkpdf.proof.report import ReportLine, report_lines


@dataclass(frozen=True)
class Removed:
    """Text removed since the version compared with: it stood before the block a
    mark points at, or after it (the last block of its chapter)."""

    text: str | Message  # a table's is named in words: "table Talouspalvelut"
    after: bool = False


@dataclass(frozen=True)
class DraftMarks:
    """Everything a draft marks on its pages and lists in its reports."""

    stamp: str  # "LUONNOS 28.11.2026 11.02", and of a proof "· muutokset 1a94d68..6fe2f71+"
    # The stamp with the compared revisions' dates, for the metadata and the reports.
    identity: str = ""
    # A failing cell's notes, the worst severity first: "expected 2 000: Myyntituotot
    # TA 2022 is −2 000, …"; every finding on the cell has its own.
    cell_notes: Mapping[Span, tuple[Severity, tuple[Message, ...]]] = field(default_factory=dict)
    # A changed figure's old value: a figure, or BLANK for a cell that was empty.
    old_figures: Mapping[Span, str | Message] = field(default_factory=dict)
    changed: frozenset[Span] = frozenset()
    # Within a reworded text: the words inserted and where words were removed.
    word_edits: Mapping[Span, tuple[WordEdit, ...]] = field(default_factory=dict)
    # Texts removed where they stood, and texts moved here with where they came from.
    removed: Mapping[Span, tuple[Removed, ...]] = field(default_factory=dict)
    moved: Mapping[Span, Message] = field(default_factory=dict)
    unknown_words: frozenset[str] = frozenset()
    targets: Mapping[Span, str] = field(default_factory=dict)
    # The findings and changes the report at the end lists (see kkpdf.proof.report).
    report: tuple[ReportLine, ...] = ()
    # Words boxed on the page above a place: "KÄÄNNÖS PUUTTUU" at an untranslated chapter.
    boxes: Mapping[Span, str] = field(default_factory=dict)
    # Reviewers' open comments carried from an earlier copy, at the places they now stand.
    comments: Mapping[Span, tuple[str, ...]] = field(default_factory=dict)
    # The language the notes and reports are shown in: the edition's.
    language: Language = field(default=ENGLISH, compare=False)


def markable_spans(book: Book) -> list[Span]:
    """Every place the layout can point at: blocks, table rows and cells."""
    spans: list[Span] = []
    for chapter in book.chapters:
        for block in walk_blocks(chapter.blocks):
            spans += _places(block)
    return sorted(set(spans))


@singledispatch
def _places(block: object) -> list[Span]:
    raise TypeError(f"no places for {type(block).__name__}")


def _text_block_places(block: Heading | Paragraph | GoalTable) -> list[Span]:
    return [block.span]  # a key-goal table's cells are marked through their blocks


_places.register(Heading | Paragraph | GoalTable, _text_block_places)


def _list_places(block: ListBlock) -> list[Span]:
    return []  # its items' blocks are walked


_places.register(ListBlock, _list_places)


def _finance_table_places(block: FinanceTable) -> list[Span]:
    return [
        block.span,
        *(span for row in block.rows for span in (row.span, *(c.span for c in row.cells))),
    ]


_places.register(FinanceTable, _finance_table_places)


def _chart_places(block: Chart) -> list[Span]:
    # Its figures' cells are its table's places; the layout frames the chart too.
    return [block.span]


_places.register(Chart, _chart_places)


def _computed_table_places(block: ComputedTable) -> list[Span]:
    # A summary's figure keeps its source cell's place: marked where the cell is wrong.
    return [block.span, *(span for line in block.lines for span in line.spans)]


_places.register(ComputedTable, _computed_table_places)


def printed_at(book: Book) -> dict[Span, Span]:
    """Where each text defined in the data (a row's label, a table's caption) is first
    printed: a problem in it is reported at its definition, which no page shows."""
    found: dict[Span, Span] = {}
    for chapter in book.chapters:
        for block in walk_blocks(chapter.blocks):
            for defined, place in _printed(block):
                found.setdefault(defined, place)
    return found


@singledispatch
def _printed(block: object) -> Iterable[tuple[Span, Span]]:
    return ()  # a paragraph's text is written where it stands


def _finance_table_printed(block: FinanceTable) -> Iterable[tuple[Span, Span]]:
    if block.caption_at:
        yield block.caption_at.span, block.span
    for row in block.rows:
        if row.account.label_at:
            yield row.account.label_at.span, row.span


_printed.register(FinanceTable, _finance_table_printed)


def _computed_table_printed(block: ComputedTable) -> Iterable[tuple[Span, Span]]:
    for line in block.lines:
        if line.label_at:
            yield line.label_at.span, block.span


_printed.register(ComputedTable, _computed_table_printed)


def _target(span: Span, spans: list[Span]) -> Span | None:
    """The place itself, or the nearest markable place before it in the same file."""
    index = bisect.bisect_right(spans, span) - 1
    while index >= 0 and spans[index].path != span.path:
        index -= 1
    return spans[index] if index >= 0 and spans[index].path == span.path else None


def draft_marks(
    book: Book,
    stamp: str,
    diagnostics: Iterable[Diagnostic],
    unknown_words: Iterable[str] = (),
    changes: Iterable[Change] = (),
    boxed: Mapping[Rule, str] | None = None,
    language: Language = ENGLISH,
    identity: str = "",
) -> DraftMarks:
    """The marks of a draft; a diagnostic of a rule in `boxed` is also shown in a box
    with the rule's words, on the place it points at. Its notes and reports are shown
    in `language`, the edition's."""
    spans = markable_spans(book)
    printed = printed_at(book)
    definitions = sorted(printed)
    boxed = boxed or {}
    targets: dict[Span, str] = {}

    def place_of(span: Span) -> Span | None:
        """The place itself or the markable place before it; for a place in a text
        defined in the data (a label), where that text is first printed."""
        found = _target(span, spans)
        defined = _target(span, definitions) if found is None else None
        if defined is not None and span.line <= max(defined.line, defined.end_line):
            return printed[defined]  # inside the definition, not merely after it
        return found

    def target_of(span: Span) -> str:
        found = place_of(span)
        if found is None:
            return ""
        return targets.setdefault(found, f"kkpdf-mark-{len(targets)}")

    diagnostics = sorted(diagnostics, key=lambda d: d.span)
    changes = tuple(changes)
    report = report_lines(diagnostics, changes, target_of)
    notes: dict[Span, tuple[Severity, tuple[Message, ...]]] = {}
    boxes: dict[Span, str] = {}
    for diagnostic in diagnostics:
        place = place_of(diagnostic.span) if diagnostic.rule in boxed else None
        if place is not None:
            boxes[place] = boxed[diagnostic.rule]
        if diagnostic.figure is not None:
            facts = diagnostic.figure
            expected = _expected(facts.expected, diagnostic.message)
            worst, said = notes.get(diagnostic.span, (Severity.WARNING, ()))
            severity = Severity.ERROR if Severity.ERROR in (worst, diagnostic.severity) else (
                Severity.WARNING)  # fmt: skip
            notes[diagnostic.span] = (severity, (*said, expected))
        # What the diagnostic's cell breaks elsewhere: shown at those cells, so that a
        # proofreader sees each sum that fails and why.
        for note in diagnostic.notes:
            if note.figure is not None and note.span not in notes:
                notes[note.span] = (Severity.WARNING,
                                    (_expected(note.figure.expected, note.message),))  # fmt: skip
    changed, old_figures = set(), {}
    word_edits: dict[Span, tuple[WordEdit, ...]] = {}
    removed: dict[Span, tuple[Removed, ...]] = {}
    moved: dict[Span, Message] = {}
    for change in changes:
        if change.kind is ChangeKind.FIGURE:
            old_figures[change.span] = change.old or BLANK
        elif change.kind in (ChangeKind.REMOVED, ChangeKind.ROW_REMOVED):
            # Where it stood: a text, a table no longer placed, a row of a table.
            place = place_of(change.span) or change.span
            removed[place] = (*removed.get(place, ()), Removed(change.old, change.after))
        elif change.moved_from is not None:
            came = change.moved_from  # in the old sources: the file's name and line say it
            where = f"{came.path.name}:{came.line}"
            moved[change.span] = tr("moved from {place}", place=where)
            word_edits[change.span] = change.words
        else:  # added, reworded, renamed; a row or a year column added or dropped
            changed.add(change.span)
            word_edits[change.span] = change.words
    # A chart of a changed figure has changed too: its bar or point is drawn anew.
    for chart in _charts(book):
        if any(span in old_figures for line in chart.series for span in line.spans):
            changed.add(chart.span)
    return DraftMarks(
        stamp=stamp,
        identity=identity or stamp,
        cell_notes=notes,
        old_figures=old_figures,
        changed=frozenset(changed),
        unknown_words=frozenset(unknown_words),
        targets=targets,
        report=report,
        boxes=boxes,
        language=language,
        word_edits={span: edits for span, edits in word_edits.items() if edits},
        removed=removed,
        moved=moved,
    )


def _charts(book: Book) -> Iterable[Chart]:
    for chapter in book.chapters:
        yield from (block for block in walk_blocks(chapter.blocks) if isinstance(block, Chart))


def _expected(figure: int, message: Message) -> Message:
    """A cell's note: the figure its sums give, and why."""
    return tr("expected {figure}: {message}", figure=format_figure(figure), message=message)
