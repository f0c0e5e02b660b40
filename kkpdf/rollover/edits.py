"""Editing a YAML file's text by the spans of its nodes.

The positioned tree (`kkpdf.parse.yaml_tree`) knows where every node stands, so a
value can be replaced where it is written: comments, key order, quoting and the
spaces that line figures up in columns stay as the author left them. No YAML is
written out from a tree, which would lose all of these.
"""

from __future__ import annotations

import re

from kkpdf.diagnostics import Span
from kkpdf.parse.yaml_tree import YamlSeq


class TextEdits:
    """Replacements in one text, each by its range; applied together at the end."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
        self._edits: list[tuple[int, int, str]] = []

    def offset(self, line: int, column: int) -> int:
        """The offset in the text of a 1-based line and column."""
        return self._line_starts[line - 1] + column - 1

    def source(self, span: Span) -> str:
        """The text of a node as written."""
        return self.text[self.offset(span.line, span.column) : self.offset(*span.end)]

    def replace(self, start: int, end: int, new: str) -> None:
        if self.text[start:end] != new:
            self._edits.append((start, end, new))

    def replace_node(self, span: Span, new: str) -> None:
        self.replace(self.offset(span.line, span.column), self.offset(*span.end), new)

    def line(self, number: int) -> str:
        """The text of a 1-based line, without its line end."""
        start = self._line_starts[number - 1]
        end = self._line_starts[number] - 1 if number < len(self._line_starts) else len(self.text)
        return self.text[start:end]

    def delete_lines(self, first: int, last: int) -> None:
        """Lines `first` to `last` (1-based, both included) removed with their line ends."""
        start = self._line_starts[first - 1]
        end = self._line_starts[last] if last < len(self._line_starts) else len(self.text)
        self._edits.append((start, end, ""))

    @property
    def changed(self) -> bool:
        return bool(self._edits)

    def applied(self) -> str:
        """The text with every edit made. Edits are made from the last to the first, so
        that each one's offsets still hold; two that overlap are a mistake of the caller."""
        text = self.text
        after = len(text) + 1
        for start, end, new in sorted(self._edits, reverse=True):
            if end > after:
                raise ValueError(f"overlapping edits at offset {start}")
            text = text[:start] + new + text[end:]
            after = start
        return text


def refill(edits: TextEdits, sequence: YamlSeq, values: list[str]) -> None:
    """Each item of `sequence` replaced by the value at its place.

    A value takes the room its item had, the item's own width and the spaces before
    it, and is right-aligned in it, so that columns of figures stay lined up. After
    a comma or a block list's dash one space is kept; a value wider than the room
    pushes what follows it to the right.
    """
    boundary = edits.offset(sequence.span.line, sequence.span.column) + 1  # after "[" or "-"
    for item, value in zip(sequence.items, values, strict=True):
        start = edits.offset(item.span.line, item.span.column)
        end = edits.offset(*item.span.end)
        gap = edits.text[boundary:start]
        spaces = len(gap) - len(gap.rstrip(" "))
        slot = start - spaces
        keep = 0 if edits.text[slot - 1 : slot] == "[" else min(1, spaces)
        edits.replace(slot, end, " " * keep + value.rjust(end - slot - keep))
        boundary = end


def remove_items(edits: TextEdits, key_span: Span, sequence: YamlSeq, drop: set[int]) -> None:
    """The items of `sequence` at the indexes `drop` removed; with all of them, the key
    (at `key_span`) too, since an empty block list would read as no value at all.

    A flow list (`[…]`) is written anew from the items it keeps; a block list loses
    the lines of each item, but not the comments and blank lines that follow it.
    """
    if not drop:
        return
    items = sequence.items
    if edits.source(sequence.span).startswith("["):
        kept = [edits.source(item.span) for i, item in enumerate(items) if i not in drop]
        edits.replace_node(sequence.span, "[" + ", ".join(kept) + "]")
        return
    ends = [_last_line(edits, item.span) for item in items]
    if len(drop) == len(items):
        edits.delete_lines(key_span.line, ends[-1])
        return
    for index in sorted(drop):
        edits.delete_lines(items[index].span.line, ends[index])


def _last_line(edits: TextEdits, span: Span) -> int:
    """The last line of a block node's own text: its end mark is where the next token
    starts, after any blank lines and comments, which belong to what follows."""
    end_line, end_column = span.end
    # An end mark before a line's first character (the next item's dash) ends the line above.
    last = end_line - 1 if not edits.line(end_line)[: end_column - 1].strip() else end_line
    while last > span.line and (edits.line(last).strip() or "#").startswith("#"):
        last -= 1
    return last
