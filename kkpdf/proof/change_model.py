"""A difference between two versions of the book, as a proofreader and the layout see it."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from kkpdf.diagnostics import Span
from kkpdf.messages import ENGLISH, Language, Message, shown, tr
from kkpdf.proof.word_edits import WordEdit, changed_words, short


class ChangeKind(enum.Enum):
    ADDED = "added"
    REMOVED = "removed"
    REWORDED = "reworded"
    MOVED = "moved"
    RENAMED = "renamed"
    FIGURE = "figure"
    ROW_ADDED = "row added"
    ROW_REMOVED = "row removed"
    COLUMN_ADDED = "column added"
    COLUMN_REMOVED = "column removed"

    @property
    def word(self) -> Message:
        """The kind as a draft's report names it, in the reader's language."""
        return KIND_WORDS[self]


# JSON keeps the English values above, for tools.
KIND_WORDS = {
    ChangeKind.ADDED: tr("added"),
    ChangeKind.REMOVED: tr("removed"),
    ChangeKind.REWORDED: tr("reworded"),
    ChangeKind.MOVED: tr("moved"),
    ChangeKind.RENAMED: tr("renamed"),
    ChangeKind.FIGURE: tr("figure"),
    ChangeKind.ROW_ADDED: tr("row added"),
    ChangeKind.ROW_REMOVED: tr("row removed"),
    ChangeKind.COLUMN_ADDED: tr("column added"),
    ChangeKind.COLUMN_REMOVED: tr("column removed"),
}

# The kinds whose text is the new version's; the others quote the old one.
_QUOTING_NEW = frozenset({ChangeKind.ADDED, ChangeKind.ROW_ADDED, ChangeKind.COLUMN_ADDED})


@dataclass(frozen=True)
class Change:
    """One difference between two versions of the sources, for a proofreader."""

    kind: ChangeKind
    # Where it stands in the new sources. For something removed, the block that now
    # stands right after where it stood, or with `after`, the last block before it.
    span: Span
    # The texts or figures before and after; a table added or removed is named in words.
    old: str | Message
    new: str | Message
    where: str  # "Talouspalvelut, Toimintatuotot TA 2022", or the file
    # A reworded or moved text's changed words, as offsets into the new text.
    words: tuple[WordEdit, ...] = ()
    # A removed text stood after the last block of its chapter (`span`).
    after: bool = False
    # Where a moved text stood in the old sources.
    moved_from: Span | None = None

    def describe(self) -> Message:
        if self.kind is ChangeKind.FIGURE:
            return tr("{where}: {old} → {new}", where=self.where, old=self.old or BLANK,
                      new=self.new or BLANK)  # fmt: skip
        if self.kind is ChangeKind.REWORDED:
            before, after = changed_words(str(self.old), str(self.new))
            return tr("“{before}” → “{after}”", before=before, after=after)
        if self.kind is ChangeKind.MOVED:
            return self._moved()
        if self.kind is ChangeKind.RENAMED:
            if self.where == f"{self.old} → {self.new}":  # a chapter file
                return tr("file {old} → {new}", old=self.old, new=self.new)
            if not self.where:
                return tr("“{before}” → “{after}”", before=self.old, after=self.new)
            return tr("{where}: “{old}” → “{new}”", where=self.where, old=self.old, new=self.new)
        text = self.new if self.kind in _QUOTING_NEW else self.old
        quoted = short(text) if isinstance(text, str) else text
        if self.where:
            return tr("{where}: “{text}”", where=self.where, text=quoted)
        return tr("“{text}”", text=quoted)

    def _moved(self) -> Message:
        origin = self.moved_from or self.span
        place = f"{origin.path.name}:{origin.line}"
        if self.old == self.new:  # a table's name is a message, said in the reader's language
            text = short(self.new) if isinstance(self.new, str) else self.new
            return tr("from {place}: “{text}”", place=place, text=text)
        before, after = changed_words(str(self.old), str(self.new))
        return tr("from {place}: “{before}” → “{after}”", place=place, before=before, after=after)

    def as_json(self, language: Language = ENGLISH) -> dict[str, object]:
        span, origin = self.span, self.moved_from
        return {"file": str(span.path), "line": span.line, "column": span.column,
                "kind": self.kind.value, "where": self.where,
                "old": shown(self.old, language), "new": shown(self.new, language),
                "after": self.after, "moved_from": str(origin) if origin else None,
                "words": [{"start": w.start, "end": w.end, "removed": w.removed}
                          for w in self.words]}  # fmt: skip


# A figure that is not there, before or after.
BLANK = tr("blank")
