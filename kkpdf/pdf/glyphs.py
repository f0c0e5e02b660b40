"""Where each character of a page is drawn, and in which marked-content sequence.

The content stream is read as a viewer places the text (ISO 32000-1, 9.4): the
current transformation matrix, the text and line matrices, the font, its size,
character and word spacing and horizontal scaling; each character is as wide as
the font's /Widths say and reads as its ToUnicode map says. What ReportLab writes
is what is needed: simple fonts, text drawn by Tj, TJ, ' and ", marked content
with inline properties. A composite font is read with two-byte codes and its
default width; text inside form XObjects (none in a kkpdf book) is not read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pikepdf
from pikepdf import Name

from kkpdf.proof.comments import Glyph

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# A glyph's box from its baseline, as parts of the font size: viewers highlight about so.
DESCENT, ASCENT = -0.2, 0.8


def times(m: Matrix, n: Matrix) -> Matrix:
    """m × n, in PDF's row-vector order: m applied first."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s,
            e * p + f * r + t, e * q + f * s + u)  # fmt: skip


def _point(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])


class _Font:
    """A font's widths (in thousandths of the size) and its text by character code."""

    def __init__(self, font: pikepdf.Object) -> None:
        self.wide = font.get(Name.Subtype) == Name.Type0
        first = int(font.get(Name.FirstChar, 0))
        self.widths = {first + i: float(w) for i, w in enumerate(font.get(Name.Widths, ()))}
        descriptor = font.get(Name.FontDescriptor)
        missing = descriptor.get(Name.MissingWidth, 0) if descriptor is not None else 0
        self.default = float(font.get(Name.DW, 1000) if self.wide else missing)
        unicode = font.get(Name.ToUnicode)
        self.text = _unicode_map(unicode.read_bytes()) if unicode is not None else {}

    def codes(self, data: bytes) -> Iterator[int]:
        if self.wide:
            for at in range(0, len(data) - 1, 2):
                yield data[at] << 8 | data[at + 1]
        else:
            yield from data

    def width(self, code: int) -> float:
        return self.widths.get(code, self.default) / 1000


_HEX = rb"<([0-9A-Fa-f]+)>"
_CHAR = re.compile(rb"\s*".join([_HEX, _HEX]))
_RANGE = re.compile(rb"\s*".join([_HEX, _HEX, _HEX]))


def _unicode_map(cmap: bytes) -> dict[int, str]:
    found: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.DOTALL):
        for code, text in _CHAR.findall(block):
            found[int(code, 16)] = _utf16(text)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.DOTALL):
        for low, high, text in _RANGE.findall(block):
            start = int(text, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                found[code] = chr(start + offset) if start + offset < 0x110000 else ""
    return found


def _utf16(text: bytes) -> str:
    try:
        return bytes.fromhex(text.decode()).decode("utf-16-be")
    except ValueError:
        return ""


class _State:
    """The graphics state's part that places text."""

    def __init__(self) -> None:
        self.ctm: Matrix = IDENTITY
        self.font: _Font | None = None
        self.size = 0.0
        self.char_spacing = self.word_spacing = self.rise = self.leading = 0.0
        self.scale = 1.0

    def copy(self) -> _State:
        made = _State()
        made.__dict__.update(self.__dict__)
        return made


def page_glyphs(page: pikepdf.Page, source_of: Callable[[int], str]) -> Iterator[Glyph]:
    """The page's characters in the order drawn, each with the source of its marked
    content (`source_of(mcid)`; "" for an artifact or untagged content)."""
    resources = page.obj.get(Name.Resources, pikepdf.Dictionary())
    fonts_given = resources.get(Name.Font, pikepdf.Dictionary())
    properties = resources.get(Name.Properties, pikepdf.Dictionary())
    fonts: dict[str, _Font] = {}
    state, saved = _State(), []
    text_matrix = line_matrix = IDENTITY
    sequences: list[str] = []  # the source of each open marked-content sequence

    def show(data: bytes) -> Iterator[Glyph]:
        nonlocal text_matrix
        font = state.font
        if font is None:
            return
        source = sequences[-1] if sequences else ""
        for code in font.codes(data):
            width = font.width(code)
            rendering = times((state.size * state.scale, 0, 0, state.size, 0, state.rise),
                              times(text_matrix, state.ctm))  # fmt: skip
            x0, y0 = _point(rendering, 0, DESCENT)
            x1, y1 = _point(rendering, width, ASCENT)
            char = font.text.get(code, "")
            if char:
                box = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
                yield Glyph(char, box, source)
            spacing = state.word_spacing if code == 32 and not font.wide else 0.0
            advance = (width * state.size + state.char_spacing + spacing) * state.scale
            text_matrix = times((1, 0, 0, 1, advance, 0), text_matrix)

    def move(x: float, y: float) -> None:
        nonlocal text_matrix, line_matrix
        line_matrix = text_matrix = times((1, 0, 0, 1, x, y), line_matrix)

    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op == "q":
            saved.append(state.copy())
        elif op == "Q" and saved:
            state = saved.pop()
        elif op == "cm":
            state.ctm = times(tuple(float(v) for v in operands), state.ctm)  # type: ignore[arg-type]
        elif op == "BT":
            text_matrix = line_matrix = IDENTITY
        elif op == "Tf":
            name = str(operands[0])
            if name not in fonts and name in fonts_given:
                fonts[name] = _Font(fonts_given[name])
            state.font, state.size = fonts.get(name), float(operands[1])
        elif op in ("Tc", "Tw", "Tz", "TL", "Ts"):
            value = float(operands[0])
            if op == "Tc":
                state.char_spacing = value
            elif op == "Tw":
                state.word_spacing = value
            elif op == "Tz":
                state.scale = value / 100
            elif op == "TL":
                state.leading = value
            else:
                state.rise = value
        elif op == "Td":
            move(float(operands[0]), float(operands[1]))
        elif op == "TD":
            state.leading = -float(operands[1])
            move(float(operands[0]), float(operands[1]))
        elif op == "Tm":
            line_matrix = text_matrix = tuple(float(v) for v in operands)  # type: ignore[assignment]
        elif op in ("T*", "'", '"'):
            if op == '"':
                state.word_spacing, state.char_spacing = float(operands[0]), float(operands[1])
            move(0, -state.leading)
            if op != "T*":
                yield from show(bytes(operands[-1]))
        elif op == "Tj":
            yield from show(bytes(operands[0]))
        elif op == "TJ":
            for item in operands[0]:
                if isinstance(item, pikepdf.String):
                    yield from show(bytes(item))
                else:
                    shift = -float(item) / 1000 * state.size * state.scale
                    text_matrix = times((1, 0, 0, 1, shift, 0), text_matrix)
        elif op in ("BDC", "BMC"):
            outer = sequences[-1] if sequences else ""
            given = operands[1] if op == "BDC" else None
            if isinstance(given, pikepdf.Name):
                given = properties.get(given)
            mcid = given.get(Name.MCID) if isinstance(given, pikepdf.Dictionary) else None
            if operands[0] == Name.Artifact:
                sequences.append("")
            else:
                sequences.append(source_of(int(mcid)) if mcid is not None else outer)
        elif op == "EMC" and sequences:
            sequences.pop()
