"""The book's typeface: four TrueType files from fonts/, embedded and subset."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import reportlab
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from kkpdf.cache import entry_key, read_entry, write_entry
from kkpdf.messages import tr
from kkpdf.parse.fonts import FACES, FontProblem

__all__ = ["FontProblem", "FontSet", "SubsetFont", "load_fonts"]

NO_BREAK_SPACE, SPACE = 0xA0, 0x20


@dataclass
class _KnownCodes:
    """The characters of one document's first subset that already have their code."""

    chars: set[str] = field(default_factory=set)
    table: dict[int, str] = field(default_factory=dict)  # for str.translate
    seen: int = 0  # how many of ReportLab's assignments are in `table`

    def update(self, assignments: dict[int, int]) -> None:
        for code, n in islice(assignments.items(), self.seen, None):
            if n < 256:
                self.chars.add(chr(code))
                self.table[code] = chr(n)
        self.seen = len(assignments)
        if SPACE in self.table and NO_BREAK_SPACE not in self.table:
            # ReportLab draws a no-break space with the space's code.
            self.chars.add(chr(NO_BREAK_SPACE))
            self.table[NO_BREAK_SPACE] = self.table[SPACE]


class SubsetFont(TTFont):
    """ReportLab's TrueType font, with a faster way from text to subset codes.

    ReportLab maps text to the codes of its font subsets one character at a time
    in Python, some 0.1 s of a 300-page book. Once every character of a text has
    its code in the first subset, one `str.translate` maps the whole text; text
    with a character not yet seen takes ReportLab's own way, which assigns it.
    """

    def __init__(self, name: str, path: str) -> None:
        super().__init__(name, path)
        # The document drawn last and its codes; weakly, so that it can go.
        self._last: tuple[weakref.ref, _KnownCodes] | None = None

    def splitString(self, text, doc, encoding="utf-8"):  # noqa: N802 - ReportLab's method
        last = self._last
        if last is not None and last[0]() is doc and type(text) is str:
            known = last[1]
            if known.chars.issuperset(text):
                return [(0, text.translate(known.table).encode("latin-1"))] if text else []
        chunks = super().splitString(text, doc, encoding)
        assignments = self.state[doc].assignments
        if last is None or last[0]() is not doc:
            last = self._last = (weakref.ref(doc), _KnownCodes())
        if last[1].seen != len(assignments):
            last[1].update(assignments)
        return chunks


@dataclass(frozen=True)
class FontSet:
    """The registered names of the four faces and the characters all of them cover."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    # Code points every face can draw: a character outside it is dropped by ReportLab.
    coverage: frozenset[int]


def load_fonts(
    folder: Path, font_class: type[TTFont] = SubsetFont, cache: Path | None = None
) -> FontSet:
    """Register the faces with ReportLab (idempotent) and report what they cover.

    `font_class` is ReportLab's own TTFont for the benchmark's plain build; `cache`
    the folder of `kkpdf.cache` (None: parse every file, as with no cache).
    """
    coverage: frozenset[int] | None = None
    for name, file_name in FACES.values():
        path = folder / file_name
        if not path.is_file():
            files = ", ".join(f for _, f in FACES.values())
            raise FontProblem(
                tr("font file {path} is missing; the fonts folder must hold {files}",
                   path=path, files=files)
            )  # fmt: skip
        if name not in pdfmetrics.getRegisteredFontNames():
            try:
                font = _cached_font(font_class, name, path, cache)
            except TTFError as err:
                raise FontProblem(
                    tr("font file {path} cannot be used: {problem}", path=path, problem=err)
                ) from None
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


# What a font object holds that is not the parse of its file: the documents it is
# used in (filled as it draws), the file's bytes (read anew, and the cache's key), and
# ReportLab's scaling function (made again from the units per em).
_NOT_CACHED = {"state", "face"}
_FACE_NOT_CACHED = {"_ttf_data", "_pdfScale"}


def _cached_font(font_class: type[TTFont], name: str, path: Path, cache: Path | None) -> TTFont:
    """`font_class(name, path)`, from the cache when it holds this file's parse.

    Parsing a TrueType file (ReportLab's `extractInfo`) is 0.04 s a face, at every
    start; the parse is the same as long as the file, ReportLab and the class are.
    """
    data = path.read_bytes()
    key = entry_key("font", data, name, str(path), reportlab.Version, font_class.__qualname__)
    fields = read_entry(cache, "fonts", key)
    if isinstance(fields, tuple) and len(fields) == 3:
        return _restored(font_class, fields, data)
    font = font_class(name, str(path))
    own = {k: v for k, v in vars(font).items() if k not in _NOT_CACHED}
    face = {k: v for k, v in vars(font.face).items() if k not in _FACE_NOT_CACHED}
    write_entry(cache, "fonts", key, (own, type(font.face), face))
    return font


def _restored(font_class: type[TTFont], fields: tuple, data: bytes) -> TTFont:
    """The font as its constructor left it, from the fields it had then."""
    own, face_class, face_fields = fields
    face = face_class.__new__(face_class)
    vars(face).update(face_fields, _ttf_data=data, _pdfScale=_scale(face_fields["unitsPerEm"]))
    font = font_class.__new__(font_class)
    vars(font).update(own, face=face, state=weakref.WeakKeyDictionary())
    return font


def _scale(units_per_em: int):  # -> Callable[[float], float], as ReportLab makes it
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor
