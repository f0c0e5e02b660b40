"""What changed in the text of the chapters: paragraphs, list items, headings and
key-goal cells added, removed, reworded or moved, and chapter files renamed.

The texts of a chapter file are matched in order with its previous version (the
file of the same path, or, for a path that is new, the vanished file most alike:
a renamed file). A text replaced by a similar one is reworded. What is left
removed in one place and added in another is a move: the same text (within its
chapter, or of some length and unique in the book), or a similar one of some length.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, singledispatch

from kkpdf.diagnostics import Span
from kkpdf.files import path_in_sources
from kkpdf.messages import Message, tr
from kkpdf.model import (
    Block,
    Book,
    Chart,
    ComputedTable,
    FinanceTable,
    GoalTable,
    Heading,
    Paragraph,
    walk_blocks,
)
from kkpdf.proof.change_model import Change, ChangeKind
from kkpdf.proof.word_edits import word_edits
from kkpdf.walk import inline_text

# Two texts this alike are one text reworded rather than one removed and one added.
SIMILAR = 0.5
# A vanished chapter file and a new one this alike (their texts, in order) are one file renamed.
RENAMED_FILE = 0.5
# A text of fewer words moves only as itself and within its chapter: a short heading
# ("Talousarvio") removed in one chapter and added in another is two changes.
MOVE_WORDS = 3
# Beyond this many pairs of removed and added texts, only texts moved as they are are
# found: a version rewritten throughout has little to gain from comparing every pair.
SIMILAR_MOVE_PAIRS = 250_000


@dataclass(frozen=True)
class _Text:
    """A piece of text of the book and where it stands, for comparing versions; a table
    stands in that order too, by its key, and is named by `table`."""

    text: str
    span: Span
    table: str | Message | None = None

    @property
    def anchor(self) -> bool:
        return self.table is not None


def _texts(blocks: tuple[Block, ...]) -> list[_Text]:
    """The headings and paragraphs, wherever they stand (in lists and table cells
    too), and the tables between them."""
    return [
        text
        for block in walk_blocks(blocks)
        if (text := _text_rule(type(block))(block)) is not None
    ]


@singledispatch
def _text_of(block: object) -> _Text | None:
    return None  # a list: its items' blocks are walked


def _block_text(block: Heading | Paragraph) -> _Text:
    return _Text(inline_text(block.children), block.span)


_text_of.register(Heading | Paragraph, _block_text)


def _table_place(block: FinanceTable | ComputedTable) -> _Text:
    return _Text(_anchor(block), block.span, tr("table {name}", name=block.caption))


_text_of.register(FinanceTable | ComputedTable, _table_place)


def _goal_table_place(block: GoalTable) -> _Text:
    return _Text(_anchor(block), block.span, tr("key-goal table {name}", name=block.key))


_text_of.register(GoalTable, _goal_table_place)


def _chart_place(block: Chart) -> _Text:
    # What it draws and its title: a chart asked to draw other rows is another chart.
    # Its figures are its table's cells, whose changes the data reports.
    drawn = ",".join(line.key for line in block.series)
    text = f"\0Chart:{block.kind.value}:{block.table}:{drawn}:{block.headings}:{block.title}"
    return _Text(text, block.span, tr("chart {title}", title=block.title))


_text_of.register(Chart, _chart_place)


def _anchor(block: FinanceTable | ComputedTable | GoalTable) -> str:
    # The key names the table in either version; no text of a chapter begins with NUL.
    return f"\0{type(block).__name__}:{block.key}"


# singledispatch looks the rule up on every call; a book has tens of thousands of blocks.
_text_rule = cache(_text_of.dispatch)


@dataclass
class _Hunk:
    """Texts removed and added at one place of a chapter (a difflib opcode), and where a
    removed text is reported: the block after it, or with `after`, the last one before it."""

    chapter: str  # the new path, or the old one for a file that is gone
    removed: list[_Text]
    added: list[_Text]
    place: Span
    after: bool = False
    # Where the hunk ends in the new chapter: the block after it, or the last one.
    end: Span | None = None
    end_after: bool = False
    changes: list[Change] = field(default_factory=list)
    # Tables no longer placed here, each with the text it stood after in the old
    # chapter (or the chapter), and tables placed here anew.
    removed_tables: list[tuple[_Text, Span]] = field(default_factory=list)
    added_tables: list[_Text] = field(default_factory=list)


def compare_chapters(old: Book, new: Book) -> list[Change]:
    old_texts = _chapter_texts(old)
    new_texts = _chapter_texts(new)
    renamed = _renamed_files(
        {name: texts for name, texts in old_texts.items() if name not in new_texts},
        {name: texts for name, texts in new_texts.items() if name not in old_texts},
    )
    spans = {_relative(chapter.span, new): chapter.span for chapter in new.chapters}
    old_spans = {_relative(chapter.span, old): chapter.span for chapter in old.chapters}
    hunks: list[_Hunk] = []
    for name, texts in new_texts.items():
        before_name = renamed.get(name, name)
        if before_name != name:
            where = f"{before_name} → {name}"
            renaming = Change(ChangeKind.RENAMED, spans[name], before_name, name, where)
            hunks.append(_Hunk(name, [], [], spans[name], changes=[renaming]))
        hunks += _hunks(name, old_texts.get(before_name, []), texts, spans[name],
                        old_spans.get(before_name, spans[name]))  # fmt: skip
    kept = {*new_texts, *renamed.values()}
    for name, texts in old_texts.items():
        if name not in kept:
            hunks += _hunks(name, texts, [], new.info.span, old_spans[name])
    _find_moves(hunks, _counts(old_texts), _counts(new_texts))
    old_keys = {table.key for table in old.finance_tables}
    new_keys = {table.key for table in new.finance_tables}
    _place_tables(hunks, {_anchor(t) for t in (*old.finance_tables, *new.finance_tables)
                          if (t.key in old_keys) != (t.key in new_keys)})  # fmt: skip
    return [change for hunk in hunks for change in hunk.changes]


def _chapter_texts(book: Book) -> dict[str, list[_Text]]:
    """Each chapter file's texts and tables, by its path in the sources folder."""
    return {_relative(chapter.span, book): _texts(chapter.blocks) for chapter in book.chapters}


def _relative(span: Span, book: Book) -> str:
    return path_in_sources(span.path, book.info.span.path.parent)  # the folder of book.yaml


def _renamed_files(gone: dict[str, list[_Text]], fresh: dict[str, list[_Text]]) -> dict[str, str]:
    """Each new file's name → the vanished file it was, the most alike pairs first."""
    scored = []
    for name, texts in fresh.items():
        for old_name, before in gone.items():
            matcher = difflib.SequenceMatcher(
                a=[t.text for t in before], b=[t.text for t in texts], autojunk=False
            )
            if matcher.real_quick_ratio() >= RENAMED_FILE and matcher.ratio() >= RENAMED_FILE:
                scored.append((-matcher.ratio(), name, old_name))
    pairs: dict[str, str] = {}
    for _, name, old_name in sorted(scored):
        if name not in pairs and old_name not in pairs.values():
            pairs[name] = old_name
    return pairs


def _plain(texts: list[_Text]) -> list[_Text]:
    return [text for text in texts if not text.anchor]


def _hunks(
    chapter: str, old: list[_Text], new: list[_Text], span: Span, old_span: Span
) -> list[_Hunk]:
    """The texts removed and added at each place of a chapter; `span` is the new chapter's
    (the book's for a chapter file that is gone), `old_span` the old one's."""
    matcher = difflib.SequenceMatcher(
        a=[t.text for t in old],
        b=[t.text for t in new],
        autojunk=False,  # pragma: no mutate: autojunk=None is falsy like False: the same matcher
    )
    hunks = []
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if b0 < len(new):
            place, after = new[b0].span, False
        elif new:
            place, after = new[-1].span, True
        else:
            place, after = span, False
        hunk = _Hunk(chapter, _plain(old[a0:a1]), _plain(new[b0:b1]), place, after)
        if b1 < len(new):
            hunk.end = new[b1].span
        elif new:
            hunk.end, hunk.end_after = new[-1].span, True
        hunk.added_tables = [t for t in new[b0:b1] if t.anchor]
        for index in range(a0, a1):
            if old[index].anchor:
                before = (t.span for t in reversed(old[:index]) if not t.anchor)
                hunk.removed_tables.append((old[index], next(before, old_span)))
        hunks.append(hunk)
    return hunks


def _place_tables(hunks: list[_Hunk], reported: set[str]) -> None:
    """Tables placed elsewhere (moved), placed anew or no longer placed; a finance table
    added to or removed from the data is reported by the data (`reported`)."""
    removed = Counter(t.text for hunk in hunks for t, _ in hunk.removed_tables)
    added = Counter(t.text for hunk in hunks for t in hunk.added_tables)
    was = {t.text: place for hunk in hunks for t, place in hunk.removed_tables}
    for hunk in hunks:
        for table in hunk.added_tables:
            if removed[table.text] == 1 and added[table.text] == 1:
                hunk.changes.append(Change(ChangeKind.MOVED, table.span, table.table, table.table,
                                           "", moved_from=was[table.text]))  # fmt: skip
            elif table.text not in reported:
                hunk.changes.append(Change(ChangeKind.ADDED, table.span, "", table.table, ""))
        for table, _ in hunk.removed_tables:
            moved = removed[table.text] == 1 and added[table.text] == 1
            if not moved and table.text not in reported:
                hunk.changes.append(Change(ChangeKind.REMOVED, hunk.place, table.table, "", "",
                                           after=hunk.after))  # fmt: skip


def _counts(chapters: dict[str, list[_Text]]) -> Counter[str]:
    return Counter(t.text for texts in chapters.values() for t in _plain(texts))


def _find_moves(hunks: list[_Hunk], old_counts: Counter[str], new_counts: Counter[str]) -> None:
    """Fills each hunk's changes: moves first as the same text, then rewordings in place,
    then moves of similar texts, and what is left added or removed."""
    removed = {id(text): (text, hunk) for hunk in hunks for text in hunk.removed}
    added = {id(text): (text, hunk) for hunk in hunks for text in hunk.added}
    moved: dict[int, _Text] = {}  # an added text's id → the removed text it was
    _same_moves(removed, added, old_counts, new_counts, moved)
    taken = {id(text) for text in moved.values()}
    reworded: dict[int, _Text] = {}
    for hunk in hunks:
        reworded.update(_reworded(
            [t for t in hunk.removed if id(t) not in taken],
            [t for t in hunk.added if id(t) not in moved],
        ))  # fmt: skip
    taken |= {id(text) for text in reworded.values()}
    _similar_moves(
        [t for t, _ in removed.values() if id(t) not in taken and old_counts[t.text] == 1],
        [
            t
            for t, _ in added.values()
            if id(t) not in moved and id(t) not in reworded and new_counts[t.text] == 1
        ],
        moved,
    )
    taken |= {id(text) for text in moved.values()}
    for hunk in hunks:
        for text in hunk.added:
            hunk.changes.append(_added(text, moved.get(id(text)), reworded.get(id(text))))
        hunk.changes += _removed(hunk, taken, reworded)


def _removed(hunk: _Hunk, taken: set[int], reworded: dict[int, _Text]) -> list[Change]:
    """The hunk's texts removed, each at the block now standing where it stood: the new
    form of the next text of the hunk that was reworded; after one that was, the block
    after the hunk; before any, the hunk's first block."""
    becomes = {id(old): new for new in hunk.added if (old := reworded.get(id(new))) is not None}
    changes = []
    for index, text in enumerate(hunk.removed):
        if id(text) in taken:
            continue
        later = next((becomes[id(t)] for t in hunk.removed[index + 1 :] if id(t) in becomes), None)
        place, after = hunk.place, hunk.after
        if later is not None:
            place, after = later.span, False
        elif any(id(t) in becomes for t in hunk.removed[:index]) and hunk.end is not None:
            place, after = hunk.end, hunk.end_after
        changes.append(Change(ChangeKind.REMOVED, place, text.text, "", "", after=after))
    return changes


def _added(text: _Text, moved: _Text | None, reworded: _Text | None) -> Change:
    if moved is not None:
        words = word_edits(moved.text, text.text) if moved.text != text.text else ()
        return Change(ChangeKind.MOVED, text.span, moved.text, text.text, "", words=words,
                      moved_from=moved.span)  # fmt: skip
    if reworded is not None:
        return Change(ChangeKind.REWORDED, text.span, reworded.text, text.text, "",
                      words=word_edits(reworded.text, text.text))  # fmt: skip
    return Change(ChangeKind.ADDED, text.span, "", text.text, "")


def _same_moves(
    removed: dict[int, tuple[_Text, _Hunk]],
    added: dict[int, tuple[_Text, _Hunk]],
    old_counts: Counter[str],
    new_counts: Counter[str],
    moved: dict[int, _Text],
) -> None:
    """A text removed in one place and added in another, as it was: moved, where it
    is the only one of its words removed and added, and either moved within its
    chapter, or long enough and the only one of its words in each version of the book."""
    by_text: dict[str, list[_Text]] = {}
    for text, _ in removed.values():
        by_text.setdefault(text.text, []).append(text)
    removed_in = {id(text): hunk.chapter for text, hunk in removed.values()}
    added_texts = Counter(text.text for text, _ in added.values())
    for key, (text, hunk) in added.items():
        sources = by_text.get(text.text, [])
        if len(sources) != 1 or added_texts[text.text] != 1:
            continue
        source = sources[0]
        unique_in_book = old_counts[text.text] == 1 and new_counts[text.text] == 1
        if len(text.text.split()) >= MOVE_WORDS and unique_in_book:
            moved[key] = source
        elif removed_in[id(source)] == hunk.chapter:
            moved[key] = source  # in one chapter: a heading or an item put elsewhere


# How many old texts a new one is compared with for a rewording: the next one, and
# a few after it if their words are alike (words compare far faster than letters).
REWORD_WINDOW = 4


def _reworded(removed: list[_Text], added: list[_Text]) -> dict[int, _Text]:
    """Texts replaced in one place by similar ones, in order: an added text's id → the old
    text. An old text with no similar new one between them was removed (or the new one
    added), and the pairing goes on after it."""
    found: dict[int, _Text] = {}
    start = 0
    for after in added:
        window = range(start, min(len(removed), start + REWORD_WINDOW))
        match = next((i for i in window
                      if (i == start or _similar_words(removed[i].text, after.text))
                      and _similar(removed[i].text, after.text)), None)  # fmt: skip
        if match is not None:
            found[id(after)], start = removed[match], match + 1
    return found


def _similar(old: str, new: str) -> bool:
    return difflib.SequenceMatcher(a=old, b=new).ratio() >= SIMILAR


def _similar_words(old: str, new: str) -> bool:
    return difflib.SequenceMatcher(a=old.split(), b=new.split()).ratio() >= SIMILAR


def _similar_moves(removed: list[_Text], added: list[_Text], moved: dict[int, _Text]) -> None:
    """Removed and added texts of some length with half their words the same, in order,
    each the only one of its words in its version of the book (a sentence in every
    chapter moves nowhere): the most alike pairs first. The same text was a move
    already if it could be one.

    Far apart, alike letters (`SIMILAR` in place) are not enough: two sentences of the
    same subject share half their letters often enough ("Vastuuhenkilö: …johtaja",
    "Vastuualueen nimi: …").
    """
    removed = [t for t in removed if len(t.text.split()) >= MOVE_WORDS]
    old_words = [t.text.split() for t in removed]
    added = [t for t in added if len(t.text.split()) >= MOVE_WORDS]
    if len(removed) * len(added) > SIMILAR_MOVE_PAIRS:
        return
    # Which removed texts hold a word, and how often: pairs with no word in common,
    # most of them, are never looked at.
    holding: dict[str, list[tuple[int, int]]] = {}
    for old_index, words in enumerate(old_words):
        for word, count in Counter(words).items():
            holding.setdefault(word, []).append((old_index, count))
    scored = []
    for new_index, after in enumerate(added):
        words = after.text.split()
        shared: Counter[int] = Counter()
        for word, count in Counter(words).items():
            for old_index, old_count in holding.get(word, ()):
                shared[old_index] += min(count, old_count)
        for old_index, common in shared.items():
            # At most this share of the words can match in order: too few, no move.
            size = len(words) + len(old_words[old_index])
            if 2 * common < SIMILAR * size or removed[old_index].text == after.text:
                continue
            matcher = difflib.SequenceMatcher(a=old_words[old_index], b=words, autojunk=False)
            ratio = matcher.ratio()
            if ratio >= SIMILAR:
                scored.append((-ratio, new_index, old_index))
    used: set[int] = set()
    for _, new_index, old_index in sorted(scored):
        after = added[new_index]
        if id(after) not in moved and old_index not in used:
            moved[id(after)] = removed[old_index]
            used.add(old_index)
