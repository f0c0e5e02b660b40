"""A long book laid out in two parts at once, each on a core of its own.

ReportLab lays a document out on one core. A town's book splits at a chapter
that opens a page (a heading of level 1): the first part holds the cover, the
contents and the chapters before it, the second the rest. Each part is laid out
by itself; then they tell each other what only the other knows (how many pages
the first has, on which page each heading of the second fell), define their
late forms, and post-processing joins the two files into one.

The second part lays its first page out as a right-hand page. If the first part
ends on a right-hand page after all, every page of the second moves sideways by
the difference of the margins, and its running heads are drawn for the side
where the page then is. Both sides of the page have the same width, so the
lines and page breaks are the same either way.

A book of parts opens its parts and chapters on right-hand pages, so the side of
a page decides where blank pages go, and a moved page would be on the wrong side.
It splits only where a right-hand page opens, and its first part ends on a
left-hand page (blank if need be): the second part's first page is then a
right-hand one as laid out, and nothing moves.

Whether the second part runs in a child process or after the first in the same
one, the bytes are the same: the split depends on the book only.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass
from functools import singledispatch

from kkpdf.diagnostics import Span
from kkpdf.interrupts import WAIT_STEP, Interrupted, no_stop
from kkpdf.layout.fit import Overflow
from kkpdf.layout.outline import outline_headings
from kkpdf.layout.pages import OutlineEntry, heading_entry
from kkpdf.model import Block, Book, Chapter, ComputedTable, FinanceTable, Heading
from kkpdf.structure import Structure
from kkpdf.walk import block_text, inline_text

# Below this much, some 40 pages, a second process saves too little to pay for
# itself (the shipped chapter weighs 43 000, the generated 307 pages 1 500 000).
MINIMUM_WEIGHT = 200_000
# What a piece of text costs beyond its characters: a paragraph, a table cell.
PIECE_WEIGHT = 40
# A line of the contents: besides its title, a page-number form, a link, dots.
CONTENTS_LINE_WEIGHT = 200


def split_point(book: Book, minimum: int = MINIMUM_WEIGHT) -> int | None:
    """The chapter the second part begins with, or None to lay the book out whole.

    It is the chapter opening with a heading of level 1 that divides the work most
    evenly; the contents, laid out with the first part, count as work too. A book
    that weighs less than `minimum` is laid out whole.
    """
    weights = [sum(_weight(block) for block in chapter.blocks) for chapter in book.chapters]
    headings = sum(
        len(inline_text(h.children)) + CONTENTS_LINE_WEIGHT
        for h in outline_headings(book)
        if h.level <= book.info.contents_depth
    )
    total = headings + sum(weights)
    if total < minimum:
        return None
    best: tuple[float, int] | None = None
    before = headings
    part_starts = {part.start for part in book.parts}
    for index, chapter in enumerate(book.chapters):
        # In a book of parts, a part and a chapter open a right-hand page and a
        # section a page of either side: the second part must begin on the right.
        if index and (index in part_starts or (_opens_page(chapter) and not chapter.section)):
            imbalance = abs(total - 2 * before)
            if best is None or imbalance < best[0]:
                best = (imbalance, index)
        before += weights[index]
    return best[1] if best else None


def _opens_page(chapter: Chapter) -> bool:
    first = chapter.blocks[0] if chapter.blocks else None
    return isinstance(first, Heading) and first.level == 1


@singledispatch
def _weight(block: Block) -> int:
    return sum(len(text) + PIECE_WEIGHT for text, _ in block_text(block))


def _finance_table_weight(block: FinanceTable) -> int:
    # A figure is short but costs a cell: its rules, padding and alignment.
    return sum(len(text) + 2 * PIECE_WEIGHT for text, _ in block_text(block))


_weight.register(FinanceTable | ComputedTable, _finance_table_weight)


def later_headings(book: Book, first: int) -> tuple[OutlineEntry, ...]:
    """The outline entries of the chapters from `first` on, as the layout makes them."""
    return tuple(
        heading_entry(inline_text(h.children), h.span, h.level, book.info)
        for h in outline_headings(book, first)
    )


@dataclass(frozen=True)
class PartLayout:
    """What laying out a part found: its pages, where its places are, what did not fit."""

    pages: int
    pages_of: dict[str, int]  # within the part, from 1
    overflows: tuple[Overflow, ...] = ()
    too_tall: tuple[Span | None, str] | None = None  # the block, its role


@dataclass(frozen=True)
class PartPdf:
    """A finished part: its file, its structure, how far its pages must move sideways."""

    pdf: bytes
    structure: Structure
    shift: float
    outline_keys: tuple[str, ...] = ()
    links: tuple[tuple[int, int, str], ...] = ()  # page, place among its links, target


class Part:
    """One part's layout; `lay_out` first, then `finish` with what the other found."""

    def lay_out(self) -> PartLayout:
        raise NotImplementedError

    def finish(self, first_page: int, total: int, pages_of: dict[str, int]) -> PartPdf:
        raise NotImplementedError

    def keep(self) -> None:
        """Store what laying out learnt for the next build (a child process's work
        ends with the process)."""


def run_parts(
    first: Part, second: Part, *, fork: bool, checkpoint: Callable[[], None] = no_stop
) -> tuple[list[PartLayout], list[PartPdf]]:
    """Lay both parts out and, if neither found a problem, finish them.

    With `fork` the second part runs in a child process while this one lays out the
    first; without, one after the other here. The PDFs are empty if a part did not
    fit. While it waits for the child, `checkpoint` is called, so that a request to
    stop is heard; the child is then killed.
    """
    if not fork:
        layouts = [first.lay_out(), second.lay_out()]
        if any(_failed(layout) for layout in layouts):
            return layouts, []
        a_numbers, b_numbers = _numbers(*layouts)
        return layouts, [first.finish(*a_numbers), second.finish(*b_numbers)]
    import multiprocessing  # a long book's only
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork")
    ours, theirs = context.Pipe()
    child = context.Process(target=_child, args=(second, theirs, ours), daemon=True)
    child.start()
    theirs.close()

    def received():
        while not wait([ours, child.sentinel], timeout=WAIT_STEP):
            checkpoint()
        try:
            return _received(ours.recv())
        except EOFError:  # the child ended without a word
            child.join()
            status = child.exitcode
            raise RuntimeError(f"the process laying out the second part of the book ended "
                               f"unexpectedly (exit status {status})") from None  # fmt: skip

    try:
        layouts = [first.lay_out(), received()]
        if any(_failed(layout) for layout in layouts):
            ours.send(None)
            return layouts, []
        a_numbers, b_numbers = _numbers(*layouts)
        ours.send(b_numbers)
        a_pdf = first.finish(*a_numbers)
        return layouts, [a_pdf, received()]
    except BaseException:
        child.kill()  # stopped or failed here: the child's work is of no use
        raise
    finally:
        ours.close()
        child.join()


def _failed(layout: PartLayout) -> bool:
    return bool(layout.overflows) or layout.too_tall is not None


def joined_pages_of(a: PartLayout, b: PartLayout) -> dict[str, int]:
    """Every place's page in the book the two parts make."""
    return {**a.pages_of, **{key: a.pages + page for key, page in b.pages_of.items()}}


def _numbers(a: PartLayout, b: PartLayout) -> tuple[tuple, tuple]:
    """What each part's `finish` needs: its first page, the total, every place's page."""
    total, pages_of = a.pages + b.pages, joined_pages_of(a, b)
    return (1, total, pages_of), (a.pages + 1, total, pages_of)


def _child(part: Part, connection, parents_end) -> None:
    """The second part's process: lay out, wait for the numbers, finish."""
    # Without the parent's end of the pipe, a parent that dies is an end of file here.
    parents_end.close()
    try:
        outcome = _outcome(part.lay_out)
        connection.send(outcome)
        numbers = connection.recv() if outcome[0] == "ok" else None
        if numbers is not None:
            connection.send(_outcome(lambda: part.finish(*numbers)))
            part.keep()  # after the parent has its part: it does not wait for this
    except (OSError, EOFError):
        pass  # the parent has gone, and nobody waits for this part
    finally:
        connection.close()


def _outcome(work: Callable[[], object]) -> tuple[str, object]:
    """What the parent is told: the result, a stop, or the traceback of a failure."""
    try:
        return "ok", work()
    except Interrupted as stopped:  # the parent was asked to stop too
        return "interrupted", stopped.signum
    except BaseException:  # all of it goes back to the parent, which reports it
        return "failed", traceback.format_exc()


def _received(message: tuple[str, object]):
    status, payload = message
    if status == "interrupted":
        raise Interrupted(payload)
    if status != "ok":
        raise RuntimeError(f"the second part of the layout failed:\n{payload}")
    return payload
