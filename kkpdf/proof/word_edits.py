"""Which words of a reworded text changed: as edits of the new text for the layout
(`word_edits`), and as a short excerpt of each version for a report (`changed_words`)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

# What `str.split` takes for a word: the layout measures the same words.
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class WordEdit:
    """One edit within a reworded text: the new text's characters [start, end) are inserted or
    replacing (start == end for a pure deletion), and `removed` the old words that stood there
    ("" for a pure insertion)."""

    start: int
    end: int
    removed: str


def word_edits(old: str, new: str) -> tuple[WordEdit, ...]:
    """The edits that make `new` of `old`, word by word, with offsets into `new`.

    A changed word is replaced whole. Spacing changed between words that stayed
    (a space made non-breaking) is an edit of those two words: it would show nowhere else.
    """
    a, b = list(_WORD.finditer(old)), list(_WORD.finditer(new))
    matcher = difflib.SequenceMatcher(
        a=[m.group() for m in a],
        b=[m.group() for m in b],
        autojunk=False,  # pragma: no mutate: autojunk=None is falsy like False: the same matcher
    )
    # Each edit as ranges of words, the old version's first (i0, i1), the new one's (j0, j1).
    ranges: list[tuple[int, int, int, int]] = []
    for tag, i0, i1, j0, j1 in matcher.get_opcodes():
        if tag != "equal":
            ranges.append((i0, i1, j0, j1))
            continue
        for step in range(i1 - i0 - 1):
            i, j = i0 + step, j0 + step
            if old[a[i].end() : a[i + 1].start()] != new[b[j].end() : b[j + 1].start()]:
                ranges.append((i, i + 2, j, j + 2))
    # The ranges come in the order of both texts: an edit reaches at least as far as
    # the one before it, in each, so touching ones merge by their ends.
    edits: list[tuple[int, int, int, int]] = []  # offsets: old start, old end, new start, new end
    for i0, i1, j0, j1 in ranges:
        edit = (*_extent(a, i0, i1), *_extent(b, j0, j1))
        if edits and edit[2] <= edits[-1][3]:  # touching or overlapping: one edit
            last = edits.pop()
            edit = (last[0], edit[1], last[2], edit[3])
        edits.append(edit)
    return tuple(WordEdit(start, end, old[o0:o1]) for o0, o1, start, end in edits)


def _extent(words: list[re.Match[str]], first: int, last: int) -> tuple[int, int]:
    """The characters of words [first, last); for no words, the point after the word
    before (or before the first word): where something was inserted or removed."""
    if first < last:
        return words[first].start(), words[last - 1].end()
    if first:
        return words[first - 1].end(), words[first - 1].end()
    point = words[0].start() if words else 0
    return point, point


def changed_words(old: str, new: str, context: int = 3) -> tuple[str, str]:
    """The words that differ, with a few words either side."""
    a, b = old.split(), new.split()
    matcher = difflib.SequenceMatcher(
        a=a,
        b=b,
        autojunk=False,  # pragma: no mutate: autojunk=None is falsy like False: the same matcher
    )
    blocks = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if not blocks:
        return short(old), short(new)
    a0, a1 = blocks[0][1], blocks[-1][2]
    b0, b1 = blocks[0][3], blocks[-1][4]

    def excerpt(words: list[str], start: int, end: int) -> str:
        first, last = max(0, start - context), min(len(words), end + context)
        text = " ".join(words[first:last])
        shown = short(text)
        # A cut excerpt ends in "…" already: a second one would say nothing more.
        more = last < len(words) and shown == text
        return ("…" if first else "") + shown + ("…" if more else "")

    return excerpt(a, a0, a1), excerpt(b, b0, b1)


def short(text: str, length: int = 90) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
