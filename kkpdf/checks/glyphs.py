"""Every printed character must be in the font.

ReportLab silently drops a character its font lacks; a dropped U+2212 would
turn a negative figure positive, so a missing glyph is an error at its source.
"""

from __future__ import annotations

import unicodedata

from kkpdf.diagnostics import DiagnosticSink, Rule
from kkpdf.messages import tr
from kkpdf.model import Book
from kkpdf.walk import located_text, printed_text

# The rules this module reports.
MISSING = Rule("glyphs.missing", draft_shows=True)

# Characters that steer layout and are never drawn.
_NOT_DRAWN = frozenset("\n\t")


def check_glyphs(
    book: Book, sink: DiagnosticSink, coverage: frozenset[int], font_name: str
) -> None:
    covered = {chr(point) for point in coverage} | _NOT_DRAWN
    lacking = [(text, span) for text, span in printed_text(book) if not covered.issuperset(text)]
    if not lacking:
        return  # as nearly always: the book is walked a second time only to place a character
    pieces = {(piece.text, piece.span): piece for piece in located_text(book)}
    reported: set[tuple[str, object]] = set()
    for text, span in lacking:
        piece = pieces[text, span]
        for char in sorted(set(text) - covered):
            if (char, span) in reported:
                continue
            reported.add((char, span))
            name = unicodedata.name(char, "") or tr("unnamed character")
            sink.error(
                piece.place(text.index(char), 1),
                tr(
                    "character '{char}' (U+{code} {name}) is not in the font {font}, so it "
                    "would be missing from the PDF",
                    char=char,
                    code=format(ord(char), "04X"),
                    name=name,
                    font=font_name,
                ),
                rule=MISSING,
                hint=tr("replace it with a character the font has, or remove it"),
            )
