"""Which characters a TrueType font can draw, read from its cmap without ReportLab.

The checks need only this set; reading it directly spares `kkpdf check` loading
ReportLab and parsing every glyph of four fonts. A test holds it equal to what
ReportLab itself finds.
"""

from __future__ import annotations

import struct
from pathlib import Path

from kkpdf.cache import entry_key, read_entry, write_entry
from kkpdf.diagnostics import EnvironmentProblem
from kkpdf.messages import tr

# The book's four faces: the name ReportLab registers each under, and its file.
FACES = {
    "regular": ("Lato", "Lato-Regular.ttf"),
    "bold": ("Lato-Bold", "Lato-Bold.ttf"),
    "italic": ("Lato-Italic", "Lato-Italic.ttf"),
    "bold_italic": ("Lato-BoldItalic", "Lato-BoldItalic.ttf"),
}
FAMILY = FACES["regular"][0]
# Part of a cached coverage's key: raise it when the reading of a cmap changes.
CMAP_READER_VERSION = "1"


class FontProblem(EnvironmentProblem):
    """A font file is missing or unreadable; the message says which and what to do."""


def book_coverage(folder: Path, cache: Path | None = None) -> frozenset[int]:
    """The code points every face of the book's typeface can draw; each face's set is
    kept in `cache` (the folder of `kkpdf.cache`; None: read every time)."""
    coverage: frozenset[int] | None = None
    for _, file_name in FACES.values():
        path = folder / file_name
        if not path.is_file():
            files = ", ".join(f for _, f in FACES.values())
            raise FontProblem(
                tr("font file {path} is missing; the fonts folder must hold {files}",
                   path=path, files=files)
            )  # fmt: skip
        points = _cached_coverage(path, cache)
        coverage = points if coverage is None else coverage & points
    return coverage or frozenset()


def _cached_coverage(path: Path, cache: Path | None) -> frozenset[int]:
    data = path.read_bytes()
    key = entry_key("coverage", CMAP_READER_VERSION, data)
    stored = read_entry(cache, "coverage", key)
    if isinstance(stored, frozenset):
        return stored
    points = covered_characters(path, data)
    write_entry(cache, "coverage", key, points)
    return points


def covered_characters(path: Path, data: bytes | None = None) -> frozenset[int]:
    """The code points with a glyph in the font's Unicode cmap (formats 4 and 12)."""
    data = path.read_bytes() if data is None else data
    try:
        cmap = _table(data, b"cmap")
        count = struct.unpack_from(">H", data, cmap + 2)[0]
        points: set[int] = set()
        for index in range(count):
            platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * index)
            if (platform, encoding) not in ((0, 3), (0, 4), (3, 1), (3, 10)):
                continue
            start = cmap + offset
            kind = struct.unpack_from(">H", data, start)[0]
            if kind == 4:
                points |= _format_4(data, start)
            elif kind == 12:
                points |= _format_12(data, start)
    except struct.error:
        raise FontProblem(
            tr("font file {path} cannot be used: it is not a TrueType font", path=path)
        ) from None
    return frozenset(points)


def _table(data: bytes, tag: bytes) -> int:
    count = struct.unpack_from(">H", data, 4)[0]
    for index in range(count):
        name, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * index)
        if name == tag:
            return offset
    raise struct.error(f"no {tag!r} table")


def _format_4(data: bytes, start: int) -> set[int]:
    segments = struct.unpack_from(">H", data, start + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, start + 14)
    starts = struct.unpack_from(f">{segments}H", data, start + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, start + 16 + 4 * segments)
    offsets_at = start + 16 + 6 * segments
    offsets = struct.unpack_from(f">{segments}H", data, offsets_at)
    points = set()
    for i, (first, last, delta, offset) in enumerate(zip(starts, ends, deltas, offsets,
                                                         strict=True)):  # fmt: skip
        for point in range(first, last + 1):
            if point == 0xFFFF:
                continue
            if offset == 0:
                glyph = (point + delta) & 0xFFFF
            else:
                at = offsets_at + 2 * i + offset + 2 * (point - first)
                glyph = struct.unpack_from(">H", data, at)[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                points.add(point)
    return points


def _format_12(data: bytes, start: int) -> set[int]:
    groups = struct.unpack_from(">I", data, start + 12)[0]
    points = set()
    for index in range(groups):
        first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * index)
        points.update(range(first, last + 1) if glyph else range(first + 1, last + 1))
    return points
