"""The book's typeface: four TrueType files from fonts/, embedded and subset."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from kkpdf.fontcoverage import FACES, FontProblem

__all__ = ["FontProblem", "FontSet", "load_fonts"]


@dataclass(frozen=True)
class FontSet:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    # Code points every face can draw: a character outside it is dropped by ReportLab.
    coverage: frozenset[int]


def load_fonts(folder: Path) -> FontSet:
    """Register the faces with ReportLab (idempotent) and report what they cover."""
    coverage: frozenset[int] | None = None
    for name, file_name in FACES.values():
        path = folder / file_name
        if not path.is_file():
            raise FontProblem(
                f"font file {path} is missing; the fonts folder must hold "
                f"{', '.join(f for _, f in FACES.values())}"
            )
        if name not in pdfmetrics.getRegisteredFontNames():
            try:
                font = TTFont(name, str(path))
            except TTFError as err:
                raise FontProblem(f"font file {path} cannot be used: {err}") from None
            pdfmetrics.registerFont(font)
        face = pdfmetrics.getFont(name).face
        chars = frozenset(face.charToGlyph)
        coverage = chars if coverage is None else coverage & chars
    regular, bold, italic, bold_italic = (name for name, _ in FACES.values())
    for is_bold, is_italic, name in (
        (0, 0, regular),
        (1, 0, bold),
        (0, 1, italic),
        (1, 1, bold_italic),
    ):
        addMapping(regular, is_bold, is_italic, name)
    return FontSet(regular, bold, italic, bold_italic, coverage or frozenset())
