"""A draft's report: its findings and changes in one list, in the order of the pages.

Pure data: the lines are made from the diagnostics and changes before the layout;
once the layout knows the page of each marked place, `in_page_order` sorts them as
the report prints them and as the export (`kkpdf.proof.export`) writes them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from kkpdf.diagnostics import NOTE, Diagnostic, Severity, Span
from kkpdf.messages import Message
from kkpdf.proof.changes import Change

# Lines at the same place: errors first, then warnings, notes and changes.
ORDER = {Severity.ERROR.value: 0, Severity.WARNING.value: 1, Severity.NOTE.value: 2}
CHANGE_ORDER = len(ORDER)


@dataclass(frozen=True)
class ReportLine:
    """One line of a draft's report: a finding or a change, and where it stands.

    Its words are messages, shown in the draft's language (`DraftMarks.language`)."""

    kind: Message  # "error", "warning", "reworded", … as the reader names it
    kind_id: str  # the same in English, for a spreadsheet's filter: "error", "reworded"
    span: Span
    text: Message
    target: str  # bookmark key of where it stands; "" where no page shows it
    hint: Message | None = None  # what to do about a finding

    @property
    def place(self) -> str:
        return f"{self.span.path.name}:{self.span.line}:{self.span.column}"

    @property
    def order(self) -> int:
        return ORDER.get(self.kind_id, CHANGE_ORDER)


@dataclass(frozen=True)
class PagedLine:
    """A report line with the page its place is on (None: on no page)."""

    page: int | None
    line: ReportLine


def report_lines(
    diagnostics: Iterable[Diagnostic],
    changes: Iterable[Change],
    target_of: Callable[[Span], str],
) -> tuple[ReportLine, ...]:
    """A line for each diagnostic, each note of one and each change, with the bookmark
    key `target_of` gives its place."""
    lines = []
    for diagnostic in diagnostics:
        lines.append(ReportLine(diagnostic.severity.word, diagnostic.severity.value,
                                diagnostic.span, diagnostic.message, target_of(diagnostic.span),
                                diagnostic.hint))  # fmt: skip
        # What the diagnostic's cell breaks elsewhere, each at its own place.
        lines += [
            ReportLine(NOTE, Severity.NOTE.value, note.span, note.message, target_of(note.span))
            for note in diagnostic.notes
        ]
    for change in changes:
        lines.append(ReportLine(change.kind.word, change.kind.value, change.span,
                                change.describe(), target_of(change.span)))  # fmt: skip
    return tuple(lines)


def in_page_order(
    lines: Iterable[ReportLine], pages_of: Mapping[str, int]
) -> tuple[PagedLine, ...]:
    """The lines by page, then down the page, then by source position and gravity;
    those on no page last.

    `pages_of` is filled as the layout draws the marked places, so its order is the
    order on the page: a page has one frame, drawn from the top down.
    """
    # The order of drawing is the order of the pages and, within one, down the page.
    drawn = {key: index for index, key in enumerate(pages_of)}

    def key(paged: PagedLine) -> tuple:
        line = paged.line
        return (paged.page is None, drawn.get(line.target, 0), line.span, line.order)

    # A line that no place shows has no target (""), which no page has drawn.
    paged = (PagedLine(pages_of.get(line.target), line) for line in lines)
    return tuple(sorted(paged, key=key))
