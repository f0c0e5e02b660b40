"""Reviewers' comments on a built book, brought back to the lines of the sources.

A reviewer comments in any PDF reader: a sticky note, a highlight, a struck-out
word. The reader of the PDF (`kkpdf.pdf.review`) hands over, per comment, what
is drawn under it, glyph by glyph, each glyph with the source block its
structure element names (`path:line:column`). Here a comment finds its block
and its quote, the quote its own line and column in the source file, and the
comments of several reviewers' copies become one list in the order of the
sources. Pure data: no PDF, no files but the sources read through a callable.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from kkpdf.diagnostics import json_text, visible
from kkpdf.messages import Language, tr

# A comment's kind, by its annotation subtype (ISO 32000-1, 12.5.6).
KINDS = {
    "/Text": "note",
    "/Highlight": "highlight",
    "/Underline": "underline",
    "/StrikeOut": "strikeout",
    "/Squiggly": "squiggly",
    "/FreeText": "freetext",
    "/Caret": "caret",
}
OPEN = "open"
NOTE_ANCHOR = 60  # characters of a block's text that find a note's block again
SOFT_HYPHEN = "\u00ad"
# What the page prints for what the sources write: a minus sign for a hyphen, a
# no-break space for a space.
PRINTED_AS = str.maketrans({"\u2212": "-", "\u00a0": " ", "\u202f": " "})
# Inline markup of the sources that the page does not print.
MARKUP = frozenset("*_`\\")


@dataclass(frozen=True)
class Glyph:
    """A character drawn on a page: its box, and the source block of its element
    (`path:line:column`; "" for an artifact or untagged content)."""

    text: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in the page's space
    source: str


@dataclass(frozen=True)
class Annotation:
    """A reviewer's annotation as the PDF gives it, its replies already read."""

    page: int  # from 1
    kind: str  # a value of KINDS
    rect: tuple[float, float, float, float]
    quads: tuple[tuple[float, float, float, float], ...]  # the marked text's boxes
    author: str
    date: str  # ISO 8601, or as the PDF wrote it
    contents: str
    status: str  # "open", "accepted", "rejected", "cancelled", "completed"


@dataclass(frozen=True)
class Comment:
    """One comment, where it belongs in the sources (file "" and line 0: nowhere known)."""

    file: str
    line: int
    column: int
    page: int
    author: str
    date: str
    kind: str
    quote: str
    comment: str
    status: str
    # What it is found by in a later book: its quote, or a note's block's first words.
    anchor: str = field(default="", compare=False)

    def as_row(self) -> list[str | int]:
        return [getattr(self, name) for name in FIELDS]


FIELDS = ("file", "line", "column", "page", "author", "date", "kind", "quote", "comment", "status")


@dataclass(frozen=True)
class Located:
    """Where an annotation stands on its page: the block's place, the marked text, and
    the part of it in that block (what is looked for in the source)."""

    source: str
    quote: str
    anchor: str


def locate(annotation: Annotation, glyphs: tuple[Glyph, ...]) -> Located:
    """The block and the text under an annotation: the glyphs inside its quads, else
    (a note, a caret, a text box) the block nearest at or above where it points."""
    if annotation.quads:
        under = [g for g in glyphs if any(_inside(g.box, quad) for quad in annotation.quads)]
        tagged = [g for g in under if g.source]
        if tagged:
            first = tagged[0].source
            return Located(first, joined(under), joined(g for g in under if g.source == first))
    x0, y0, _, y1 = annotation.rect
    point = (x0, (y0 + y1) / 2 if annotation.kind == "caret" else y1)
    tagged = [g for g in glyphs if g.source]
    if not tagged:
        return Located("", "", "")
    source = min(tagged, key=lambda g: _distance(g.box, point)).source
    return Located(source, "", joined(g for g in tagged if g.source == source)[:NOTE_ANCHOR])


def _inside(box: tuple[float, float, float, float], quad: tuple[float, ...]) -> bool:
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return quad[0] <= x <= quad[2] and quad[1] <= y <= quad[3]


def _distance(box: tuple[float, float, float, float], point: tuple[float, float]) -> tuple:
    """How far a glyph is from where a note points: a line at the point first, then
    the lines above it, nearest first, and lines below only if none is above."""
    x, y = point
    if box[1] <= y <= box[3]:
        vertical = 0.0
    elif box[1] > y:
        vertical = box[1] - y
    else:
        vertical = 1e6 + y - box[3]
    horizontal = 0.0 if box[0] <= x <= box[2] else min(abs(box[0] - x), abs(box[2] - x))
    return (round(vertical, 1), horizontal)


def joined(glyphs: Iterable[Glyph]) -> str:
    """The glyphs' text as one reads it: a line's hyphenation undone, lines and cells
    apart by a space."""
    text, last = "", None
    for glyph in glyphs:
        if last is not None and text and not text.endswith(" "):
            size = last.box[3] - last.box[1]
            new_line = abs(glyph.box[1] - last.box[1]) > size / 2 or glyph.box[0] < last.box[0]
            gap = glyph.box[0] - last.box[2] > size / 2
            if new_line and text.endswith(SOFT_HYPHEN):
                text = text[:-1]  # a word hyphenated at the line's end
            elif (new_line and not text.endswith("-")) or (not new_line and gap):
                text += " "
        text += glyph.text
        last = glyph
    return " ".join(text.replace(SOFT_HYPHEN, "").split())


def parse_place(source: str) -> tuple[str, int, int]:
    """`path:line:column` as its parts; ("", 0, 0) for none."""
    path, _, rest = source.rpartition(":")
    path, _, line = path.rpartition(":")
    if not path or not line.isdigit() or not rest.isdigit():
        return "", 0, 0
    return path, int(line), int(rest)


def refined(source: str, anchor: str, text: str | None) -> tuple[str, int, int]:
    """The place of `anchor` in the source file `text`, from the block's place onward;
    the block's place if the file is not there or the words are not found."""
    path, line, column = parse_place(source)
    wanted = normal(anchor)
    if not path or not wanted or text is None:
        return path, line, column
    lines = text.split("\n")
    if line > len(lines):
        return path, line, column
    offset = sum(len(s) + 1 for s in lines[: line - 1]) + column - 1
    printed, places = _printed(text, offset)
    found = printed.find(wanted)
    if found < 0:
        return path, line, column
    at = places[found]
    return path, text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def normal(text: str) -> str:
    """Text as compared: spaces collapsed, soft hyphens gone, a minus a hyphen."""
    return " ".join(text.translate(PRINTED_AS).replace(SOFT_HYPHEN, "").split())


def _printed(text: str, offset: int) -> tuple[str, list[int]]:
    """The source text from `offset` as the page prints it (markup dropped, spaces
    collapsed), and the offset in `text` of each of its characters."""
    chars: list[str] = []
    places: list[int] = []
    for index in range(offset, len(text)):
        char = text[index].translate(PRINTED_AS)
        if char in MARKUP or char == SOFT_HYPHEN:
            continue
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        places.append(index)
    return "".join(chars), places


def comments_of(
    annotations: Iterable[tuple[Annotation, Located]], read: Callable[[str], str | None]
) -> list[Comment]:
    """The comments of reviewers' copies as one list in the order of the sources; a copy
    of a comment (same page, place, author and words) once. `read` gives a source
    file's text by its path inside the sources folder (None: not there)."""
    seen: dict[tuple, int] = {}
    texts: dict[str, str | None] = {}
    found: list[Comment] = []
    for annotation, located in annotations:
        key = (annotation.page, tuple(round(v, 1) for v in annotation.rect), annotation.author,
               annotation.contents)  # fmt: skip
        if key in seen:
            kept = found[seen[key]]
            if kept.status == OPEN and annotation.status != OPEN:  # a later copy's review
                found[seen[key]] = replace(kept, status=annotation.status)
            continue
        path = parse_place(located.source)[0]
        if path and path not in texts:
            texts[path] = read(path)
        file, line, column = refined(located.source, located.anchor, texts.get(path))
        seen[key] = len(found)
        found.append(Comment(file, line, column, annotation.page, annotation.author,
                             annotation.date, annotation.kind, located.quote,
                             annotation.contents, annotation.status,
                             located.anchor))  # fmt: skip
    return sorted(found, key=_order)


def _order(comment: Comment) -> tuple:
    # Comments nowhere in the sources last, by page.
    return (not comment.file, comment.file, comment.line, comment.column, comment.page,
            comment.date, comment.author)  # fmt: skip


WHITESPACE = re.compile(r"\s+")


def text_line(comment: Comment, language: Language) -> str:
    """`file:line:col: page N: author (date) [kind] “quote” — comment [status]`."""
    place = f"{comment.file}:{comment.line}:{comment.column}" if comment.file else "?"
    page = tr("page {page}", page=comment.page).render(language)
    quote = f" “{comment.quote}”" if comment.quote else ""
    words = WHITESPACE.sub(" ", comment.comment).strip()
    said = f" — {words}" if words else ""
    date = f" ({comment.date})" if comment.date else ""
    return (f"{place}: {page}: {comment.author or '?'}{date} [{comment.kind}]"
            f"{quote}{said} [{comment.status}]")  # fmt: skip


# A reviewer's words are anyone's: what a terminal would act on (a bidi override, a
# control character) is shown escaped, as in the diagnostics.


def as_text(comments: list[Comment], language: Language) -> bytes:
    return "".join(visible(text_line(c, language)) + "\n" for c in comments).encode("utf-8")


def as_json(comments: list[Comment], language: Language) -> bytes:
    facts = [dict(zip(FIELDS, c.as_row(), strict=True)) for c in comments]
    return (json_text(facts) + "\n").encode("utf-8")


def as_csv(comments: list[Comment], language: Language) -> bytes:
    """UTF-8 with a byte-order mark, which tells Excel the encoding, and semicolons:
    Excel set to Finnish or Swedish takes the comma for the decimal mark and opens a
    file separated by semicolons in columns directly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(FIELDS)
    writer.writerows(c.as_row() for c in comments)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# The XLSX columns' widths, in characters.
WIDTHS = {"file": 24, "line": 7, "column": 8, "page": 6, "author": 18, "date": 20, "kind": 11,
          "quote": 40, "comment": 60, "status": 11}  # fmt: skip


def as_xlsx(comments: list[Comment], language: Language) -> bytes:
    """A workbook of one sheet: the header row bold and frozen, the columns sized."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "comments"
    sheet.append(list(FIELDS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for comment in comments:
        sheet.append(comment.as_row())
    sheet.freeze_panes = "A2"
    for number, name in enumerate(FIELDS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = WIDTHS[name]
    for row in sheet.iter_rows(min_row=2):
        for cell in row[FIELDS.index("quote") :]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


FORMATS: dict[str, Callable[[list[Comment], Language], bytes]] = {
    "text": as_text, "json": as_json, "csv": as_csv, "xlsx": as_xlsx,
}  # fmt: skip
