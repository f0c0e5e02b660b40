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

from kkpdf.diagnostics import NOTE, Diagnostic, Rule, Severity, Span
from kkpdf.messages import ENGLISH, Language, Message, tr
from kkpdf.model import (
    Book,
    ComputedTable,
    FinanceTable,
    GoalTable,
    Heading,
    ListBlock,
    Paragraph,
    walk_blocks,
)
from kkpdf.money import format_figure
from kkpdf.proof.changes import Change, ChangeKind


@dataclass(frozen=True)
class ReportLine:
    """One line of a draft's report: a finding or a change, and where it stands.

    Its words are messages, shown in the draft's language (`DraftMarks.language`)."""

    kind: Message  # "error", "warning", "reworded", …
    place: str  # file:line:col
    text: Message
    target: str  # bookmark key of where it stands


@dataclass(frozen=True)
class DraftMarks:
    """Everything a draft marks on its pages and lists in its reports."""

    stamp: str  # "LUONNOS 28.11.2026 11.02"
    # A failing cell's note: "expected 2 000: Myyntituotot TA 2022 is −2 000, …".
    cell_notes: Mapping[Span, tuple[Severity, Message]] = field(default_factory=dict)
    old_figures: Mapping[Span, str] = field(default_factory=dict)
    changed: frozenset[Span] = frozenset()
    unknown_words: frozenset[str] = frozenset()
    targets: Mapping[Span, str] = field(default_factory=dict)
    report: tuple[ReportLine, ...] = ()
    change_report: tuple[ReportLine, ...] = ()
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

    notes: dict[Span, tuple[Severity, Message]] = {}
    boxes: dict[Span, str] = {}
    report = []
    for diagnostic in sorted(diagnostics, key=lambda d: d.span):
        place = place_of(diagnostic.span) if diagnostic.rule in boxed else None
        if place is not None:
            boxes[place] = boxed[diagnostic.rule]
        if diagnostic.figure is not None:
            facts = diagnostic.figure
            expected = _expected(facts.expected, diagnostic.message)
            worst = notes.get(diagnostic.span, (Severity.WARNING, None))[0]
            severity = Severity.ERROR if Severity.ERROR in (worst, diagnostic.severity) else (
                Severity.WARNING)  # fmt: skip
            notes[diagnostic.span] = (severity, expected)
        report.append(ReportLine(diagnostic.severity.word, _place(diagnostic.span),
                                 diagnostic.message, target_of(diagnostic.span)))  # fmt: skip
        # What the diagnostic's cell breaks elsewhere: shown at those cells and listed
        # after it, so that a proofreader sees each sum that fails and why.
        for note in diagnostic.notes:
            if note.figure is not None and note.span not in notes:
                notes[note.span] = (Severity.WARNING, _expected(note.figure.expected, note.message))
            report.append(ReportLine(NOTE, _place(note.span), note.message,
                                     target_of(note.span)))  # fmt: skip
    changed, old_figures, change_report = set(), {}, []
    for change in changes:
        if change.kind is ChangeKind.FIGURE:
            old_figures[change.span] = change.old or "–"
        elif change.kind in (ChangeKind.ADDED, ChangeKind.REWORDED):
            changed.add(change.span)
        change_report.append(ReportLine(change.kind.word, _place(change.span), change.describe(),
                                        target_of(change.span)))  # fmt: skip
    return DraftMarks(
        stamp=stamp,
        cell_notes=notes,
        old_figures=old_figures,
        changed=frozenset(changed),
        unknown_words=frozenset(unknown_words),
        targets=targets,
        report=tuple(report),
        change_report=tuple(change_report),
        boxes=boxes,
        language=language,
    )


def _expected(figure: int, message: Message) -> Message:
    """A cell's note: the figure its sums give, and why."""
    return tr("expected {figure}: {message}", figure=format_figure(figure), message=message)


def _place(span: Span) -> str:
    return f"{span.path.name}:{span.line}:{span.column}"
