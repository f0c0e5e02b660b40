"""book.yaml's `parts:`: the book's parts, their chapters, and the chapters' sections.

    parts:
      - title: Käyttötalousosa
        chapters:
          - luvut/05-johdanto.md                       # a chapter of free text
          - file: luvut/10-keskus.md                   # a centre…
            sections: [luvut/11-alue.md, luvut/12-alue.md]   # …and its areas

The read stage reads the files in this order, one flat list, and keeps what the
document stage needs to group them again: where each part begins and ends, and
which files are sections of the chapter before them.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from kkpdf.diagnostics import DiagnosticSink, Rule, Span
from kkpdf.messages import Message, tr
from kkpdf.parse.yaml_tree import YamlMap, YamlNode, YamlScalar, YamlSeq

# The rules this module reports.
PARTS = Rule("book.parts")

PART_KEYS = ("title", "chapters")
CHAPTER_KEYS = ("file", "sections")

File = TypeVar("File")


@dataclass(frozen=True)
class PlannedPart:
    """A part as book.yaml declares it: its title, and its files by their place in
    the book's flat list of chapter files (`start` up to, not including, `stop`)."""

    title: str
    span: Span  # of the title
    start: int
    stop: int


@dataclass(frozen=True)
class PartsPlan:
    """The chapter files in book order, the parts, and which files are sections."""

    files: tuple
    parts: tuple[PlannedPart, ...]
    sections: frozenset[int]


def read_parts(
    node: YamlNode, read: Callable[[YamlNode, str], File | None], sink: DiagnosticSink
) -> PartsPlan:
    """Every part's files, read with `read(path node, key)` (None if it cannot be read)."""
    files: list[File] = []
    parts: list[PlannedPart] = []
    sections: set[int] = set()
    if not isinstance(node, YamlSeq) or not node.items:
        _error(sink, node.span, tr("'parts:' must list the book's parts"), AS_PART)
        return PartsPlan((), (), frozenset())
    for number, part in enumerate(node.items, start=1):
        if not isinstance(part, YamlMap):
            _error(sink, part.span, tr("part {number} is not a mapping", number=number), AS_PART)
            continue
        _unknown_keys(part, PART_KEYS, sink, chapter=False)
        title = part.get("title")
        if title is None:
            _error(sink, part.span, tr("part {number} has no 'title:'", number=number), AS_TITLE)
        elif not _is_text(title):
            message = tr("the title of part {number} must be text", number=number)
            _error(sink, title.span, message, AS_TITLE)
        start = len(files)
        chapters = part.get("chapters")
        if not isinstance(chapters, YamlSeq) or not chapters.items:
            span = part.span if chapters is None else chapters.span
            _error(sink, span, tr("part {number} lists no chapters", number=number),
                   tr("list its chapter files under 'chapters:'"))  # fmt: skip
            continue
        for chapter in chapters.items:
            _read_chapter(chapter, read, files, sections, sink)
        if isinstance(title, YamlScalar) and _is_text(title):
            parts.append(PlannedPart(str(title.value).strip(), title.span, start, len(files)))
    return PartsPlan(tuple(files), tuple(parts), frozenset(sections))


# What the hints say a part and its title look like.
AS_PART = tr("give each part as '- title: …' with its 'chapters:' below it")
AS_TITLE = tr("write the part's name as its title page prints it, e.g. 'title: Käyttötalousosa'")


def _read_chapter(
    chapter: YamlNode,
    read: Callable[[YamlNode, str], File | None],
    files: list,
    sections: set[int],
    sink: DiagnosticSink,
) -> None:
    """A chapter entry's files onto `files`, its sections' places into `sections`."""
    if not isinstance(chapter, YamlMap):
        _add(files, read(chapter, "chapters"))
        return
    _unknown_keys(chapter, CHAPTER_KEYS, sink, chapter=True)
    path = chapter.get("file")
    if path is None:
        _error(sink, chapter.span, tr("the chapter has no 'file:'"),
               tr("give the chapter's own file as 'file: luvut/….md'"))  # fmt: skip
        return
    _add(files, read(path, "chapters"))
    listed = chapter.get("sections")
    if listed is None:
        return
    if not isinstance(listed, YamlSeq):
        _error(sink, listed.span, tr("'sections:' must list file paths"),
               tr("write them as [luvut/11-alue.md, luvut/12-alue.md]"))  # fmt: skip
        return
    for section in listed.items:
        if _add(files, read(section, "sections")):
            sections.add(len(files) - 1)


def _is_text(node: YamlNode) -> bool:
    return isinstance(node, YamlScalar) and isinstance(node.value, str) and bool(node.value.strip())


def _error(sink: DiagnosticSink, span: Span, message: Message, hint: Message) -> None:
    sink.error(span, message, rule=PARTS, hint=hint)


def _add(files: list, file: object) -> bool:
    if file is None:
        return False
    files.append(file)
    return True


def _unknown_keys(
    node: YamlMap, allowed: tuple[str, ...], sink: DiagnosticSink, *, chapter: bool
) -> None:
    """Report the keys of a part (or of a chapter entry) other than `allowed`."""
    keys = ", ".join(allowed)
    for key, _ in node.entries:
        if key.value not in allowed:
            close = difflib.get_close_matches(str(key.value), allowed, n=1, cutoff=0.6)
            guess = tr(" (did you mean '{word}'?)", word=close[0]) if close else ""
            if chapter:
                message = tr("unknown key '{key}' in a chapter{suggestion}",
                             key=key.value, suggestion=guess)  # fmt: skip
                hint = tr("the keys of a chapter are: {keys}", keys=keys)
            else:
                message = tr("unknown key '{key}' in a part{suggestion}",
                             key=key.value, suggestion=guess)  # fmt: skip
                hint = tr("the keys of a part are: {keys}", keys=keys)
            _error(sink, key.span, message, hint)
